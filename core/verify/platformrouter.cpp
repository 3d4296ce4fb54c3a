#include "core/verify/platformrouter.h"

#include <algorithm>
#include <memory>

#include <QPointer>

#include "core/platform/platformregistry.h"
#include "core/verify/preparer.h"
#include "core/verify/verifyoutcomes.h"

namespace {

// What one platform's prepare said about a plain code.
enum class Verdict {
    Prepared, // it knows the code and it can be used now
    Refused, // it knows the code, and refuses it for what the coupon is
    NotFound, // it does not know the code
    NoAnswer, // it could not tell: unreachable, garbage, cooldown, a setup problem
};

Verdict verdictOf(const Result<PreparedOrder, PlatformError> &answer)
{
    if (answer.ok())
        return Verdict::Prepared;
    const PlatformError &error = answer.error();
    if (error.kind != PlatformError::Kind::Rejected)
        return Verdict::NoAnswer;
    switch (error.reason) {
    case RejectReason::Used:
    case RejectReason::Expired:
    case RejectReason::Refunded:
    case RejectReason::WrongStore:
    case RejectReason::NotStarted:
        return Verdict::Refused;
    case RejectReason::NotFound:
        return Verdict::NotFound;
    default: // rate limits, authorisation, a spent token: nothing about the coupon
        return Verdict::NoAnswer;
    }
}

} // namespace

struct PlatformRouter::Probe
{
    Request request;
    QList<CouponPlatform *> candidates;
    QList<std::optional<Result<PreparedOrder, PlatformError>>> answers;
    int waiting = 0;
    QPointer<QObject> context;
    Callback callback;
};

PlatformRouter::PlatformRouter(const PlatformRegistry *platforms, Preparer *preparer,
                               QObject *parent)
    : QObject(parent),
      m_platforms(platforms),
      m_preparer(preparer)
{
}

PlatformRouter::Request PlatformRouter::requestOf(const VerifyCommand &command)
{
    return {command.platform,       command.poiId,          command.appId,
            command.code.trimmed(), command.code.isEmpty(), command.count};
}

PlatformRouter::Request PlatformRouter::requestOf(const PrepareCommand &command)
{
    return {command.platform, command.poiId, command.appId, command.code.trimmed(),
            command.code.isEmpty()};
}

QList<PlatformId> PlatformRouter::platformsServing(const QString &poiId) const
{
    QList<PlatformId> serving;
    for (const CouponPlatform *platform : m_platforms->all()) {
        if (platform->isConfigured() && platform->servesStore(poiId))
            serving.append(platform->id());
    }
    // The registry is a hash; the toggle and the probe keep one order, Douyin first.
    std::sort(serving.begin(), serving.end(),
              [](PlatformId a, PlatformId b) { return int(a) < int(b); });
    return serving;
}

void PlatformRouter::route(const Request &request, QObject *context, Callback callback)
{
    QPointer<QObject> guard(context);
    const auto answer = [guard, &callback](const Result<Route, VerifyOutcome> &route) {
        if (guard)
            callback(route);
    };
    const auto serving = [this, &request](PlatformId id) -> CouponPlatform * {
        CouponPlatform *platform = m_platforms->find(id);
        return platform && platform->isConfigured() && platform->servesStore(request.poiId)
                ? platform
                : nullptr;
    };
    if (request.forced || request.douyinOnly) {
        const PlatformId id = request.forced.value_or(PlatformId::Douyin);
        if (CouponPlatform *platform = serving(id))
            return answer(Route{platform, std::nullopt});
        return answer(VerifyOutcomes::notSetUp(id, request.poiId));
    }
    QList<CouponPlatform *> candidates;
    for (const PlatformId id : platformsServing(request.poiId))
        candidates.append(m_platforms->find(id));
    if (candidates.isEmpty())
        return answer(VerifyOutcomes::noPlatform(request.poiId));
    if (candidates.size() == 1)
        return answer(Route{candidates.first(), std::nullopt});
    // Refused by whichever platform it turns out to be: no platform need be asked.
    int mostCodes = 0;
    for (const CouponPlatform *platform : std::as_const(candidates))
        mostCodes = std::max(mostCodes, platform->capabilities().maxCodesPerVerify);
    if (request.count > mostCodes)
        return answer(
                VerifyOutcomes::failure(VerifyOutcome::Kind::BadInput, ErrorCode::BadInput,
                                        QStringLiteral("count: must be 1..%1").arg(mostCodes)));
    probe(request, candidates, context, std::move(callback));
}

void PlatformRouter::probe(const Request &request, const QList<CouponPlatform *> &candidates,
                           QObject *context, Callback callback)
{
    auto state = std::make_shared<Probe>();
    state->request = request;
    state->candidates = candidates;
    state->answers.resize(candidates.size());
    state->waiting = int(candidates.size());
    state->context = context;
    state->callback = std::move(callback);
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        const Preparer::Request prepare{{}, {}, request.code, request.poiId, request.appId};
        m_preparer->run(candidates.at(i), prepare,
                        [state, i](const Result<PreparedOrder, PlatformError> &answer) {
                            state->answers[i] = answer;
                            if (--state->waiting > 0 || !state->context)
                                return;
                            state->callback(decide(*state));
                        });
    }
}

Result<PlatformRouter::Route, VerifyOutcome> PlatformRouter::decide(const Probe &probe)
{
    QList<qsizetype> knowing;
    std::optional<qsizetype> silent; // the first that could not answer
    std::optional<qsizetype> douyin;
    for (qsizetype i = 0; i < probe.candidates.size(); ++i) {
        const Verdict verdict = verdictOf(*probe.answers.at(i));
        if (verdict == Verdict::Prepared || verdict == Verdict::Refused)
            knowing.append(i);
        if (verdict == Verdict::NoAnswer && !silent)
            silent = i;
        if (probe.candidates.at(i)->id() == PlatformId::Douyin)
            douyin = i;
    }
    if (knowing.size() > 1) {
        QList<PlatformId> platforms;
        for (const qsizetype i : std::as_const(knowing))
            platforms.append(probe.candidates.at(i)->id());
        return VerifyOutcomes::ambiguous(platforms, probe.request.code);
    }
    if (knowing.size() == 1) {
        const auto &answer = *probe.answers.at(knowing.first());
        if (answer.ok())
            return Route{probe.candidates.at(knowing.first()), answer.value()};
        return VerifyOutcomes::beforeVerify(answer.error());
    }
    if (silent)
        return VerifyOutcomes::beforeVerify(probe.answers.at(*silent)->error());
    VerifyOutcome unknown =
            VerifyOutcomes::beforeVerify(probe.answers.at(douyin.value_or(0))->error());
    QStringList asked;
    for (const CouponPlatform *platform : probe.candidates) {
        unknown.platforms.append(platform->id());
        asked.append(Platforms::toString(platform->id()));
    }
    unknown.error.message = QStringLiteral("no platform knows this code (asked: %1); %2")
                                    .arg(asked.join(QStringLiteral(", ")), unknown.error.message);
    return unknown;
}
