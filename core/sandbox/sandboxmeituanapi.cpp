#include "core/sandbox/sandboxmeituanapi.h"

#include <algorithm>
#include <climits>
#include <optional>

#include <QDate>

#include "core/meituan/meituanapi.h"
#include "core/sandbox/sandboxjson.h"
#include "core/sandbox/sandboxstate.h"

namespace {

using Status = QHttpServerResponder::StatusCode;
using Kind = SandboxMeituanForm::Kind;
using Answer = SandboxMeituanAnswer;
using Consumption = SandboxMeituanConsumption;

constexpr qint64 MAX_EXACT = Q_INT64_C(1) << 53;
constexpr int MAX_REQUEST_ID_LENGTH = 128;

QString field(const char *key)
{
    return QStringLiteral("biz.") + QLatin1String(key);
}

// A string of biz; absent reads as empty unless it is required.
Result<QString, Answer> text(const QJsonObject &biz, const char *key, bool required = true)
{
    const QJsonValue value = biz.value(QLatin1String(key));
    if (value.isUndefined() && !required)
        return QString();
    if (!value.isString())
        return Answer::paramError(field(key) + QStringLiteral(": required, a string"));
    if (required && value.toString().trimmed().isEmpty())
        return Answer::paramError(field(key) + QStringLiteral(": required"));
    return value.toString();
}

Result<qint64, Answer> integer(const QJsonObject &biz, const char *key,
                               std::optional<qint64> fallback = std::nullopt)
{
    const QJsonValue value = biz.value(QLatin1String(key));
    if (value.isUndefined() && fallback)
        return *fallback;
    const auto number = SandboxJson::integerIn(value, -MAX_EXACT, MAX_EXACT);
    if (!number)
        return Answer::paramError(field(key) + QStringLiteral(": required, an integer"));
    return *number;
}

QStringList bizKeys(SandboxEndpoint endpoint)
{
    switch (endpoint) {
    case SandboxEndpoint::MeituanConsume:
        return {QStringLiteral("receiptCode"), QStringLiteral("count"), QStringLiteral("requestId"),
                QStringLiteral("appShopAccount"), QStringLiteral("appShopAccountName")};
    case SandboxEndpoint::MeituanReverseConsume:
        return {QStringLiteral("receiptCode"), QStringLiteral("dealId"),
                QStringLiteral("appShopAccount"), QStringLiteral("appShopAccountName")};
    case SandboxEndpoint::MeituanQueryListByDate:
        return {QStringLiteral("date"), QStringLiteral("offset"), QStringLiteral("limit"),
                QStringLiteral("type")};
    default:
        return {QStringLiteral("receiptCode")};
    }
}

bool isOauth(SandboxEndpoint endpoint)
{
    return endpoint == SandboxEndpoint::MeituanOauthToken
            || endpoint == SandboxEndpoint::MeituanOauthRefresh;
}

} // namespace

SandboxHttpAnswer SandboxMeituanApi::answer(SandboxEndpoint endpoint,
                                            const SandboxHttpRequest &request)
{
    return envelope(call(endpoint, request), endpoint, request);
}

SandboxHttpAnswer SandboxMeituanApi::envelope(const Answer &answer, SandboxEndpoint endpoint,
                                              const SandboxHttpRequest &request)
{
    if (isOauth(endpoint)) {
        bool numeric = false;
        const qint64 number = answer.code.toLongLong(&numeric);
        const QJsonValue code = answer.ok() ? QJsonValue(0)
                : numeric                   ? QJsonValue(number)
                                            : QJsonValue(answer.code);
        return SandboxHttpAnswer::fromJson(Status::Ok,
                                           {{QStringLiteral("code"), code},
                                            {QStringLiteral("msg"), answer.msg},
                                            {QStringLiteral("data"), answer.data}},
                                           request.requestId);
    }
    const QString traceId = m_state.nextTraceId();
    return SandboxHttpAnswer::fromJson(Status::Ok,
                                       {{QStringLiteral("code"), answer.code},
                                        {QStringLiteral("msg"), answer.msg},
                                        {QStringLiteral("data"), answer.data},
                                        {QStringLiteral("traceId"), traceId}},
                                       traceId.toLatin1());
}

SandboxMeituanForm::Checks SandboxMeituanApi::checks() const
{
    const SandboxConfig &config = m_state.config();
    return {config.meituanDeveloperId, config.meituanSignKey, m_state.now(),
            m_state.now() - m_state.clockOffset()};
}

Answer SandboxMeituanApi::call(SandboxEndpoint endpoint, const SandboxHttpRequest &request)
{
    const Kind kind = endpoint == SandboxEndpoint::MeituanOauthToken ? Kind::Token
            : endpoint == SandboxEndpoint::MeituanOauthRefresh       ? Kind::Refresh
                                                                     : Kind::Business;
    const auto form = SandboxMeituanForm::read(request, kind, checks());
    if (!form)
        return form.error();
    if (kind != Kind::Business)
        return oauth(endpoint, form.value());
    const auto poiId =
            m_state.meituanTokens().check(form.value().value(QStringLiteral("appAuthToken")));
    if (!poiId)
        return poiId.error();
    const auto biz = form.value().biz(bizKeys(endpoint));
    if (!biz)
        return biz.error();
    return business(endpoint, poiId.value(), biz.value());
}

Answer SandboxMeituanApi::oauth(SandboxEndpoint endpoint, const SandboxMeituanForm &form)
{
    const QString grantType = form.value(QStringLiteral("grantType"));
    if (endpoint == SandboxEndpoint::MeituanOauthToken) {
        if (grantType != u"authorization_code")
            return Answer::paramError(QStringLiteral("grantType: must be authorization_code"));
        return m_state.meituanTokens().exchange(form.value(QStringLiteral("code")));
    }
    if (grantType != u"refresh_token")
        return Answer::paramError(QStringLiteral("grantType: must be refresh_token"));
    if (form.value(QStringLiteral("scope")) != u"all")
        return Answer::paramError(QStringLiteral("scope: must be all"));
    return m_state.meituanTokens().refresh(form.value(QStringLiteral("refreshToken")));
}

Answer SandboxMeituanApi::business(SandboxEndpoint endpoint, const QString &poiId,
                                   const QJsonObject &biz)
{
    if (endpoint == SandboxEndpoint::MeituanConsume)
        return consume(poiId, biz);
    if (endpoint == SandboxEndpoint::MeituanReverseConsume)
        return reverse(poiId, biz);
    if (endpoint == SandboxEndpoint::MeituanQueryListByDate)
        return list(poiId, biz);
    const auto code = text(biz, "receiptCode");
    if (!code)
        return code.error();
    if (endpoint == SandboxEndpoint::MeituanPrepare)
        return m_state.meituanConsumption().prepare(poiId, code.value());
    return m_state.meituanQueries().consumedStatus(poiId, code.value());
}

Answer SandboxMeituanApi::consume(const QString &poiId, const QJsonObject &biz)
{
    const auto code = text(biz, "receiptCode");
    const auto count = integer(biz, "count");
    const auto requestId = text(biz, "requestId");
    const auto account = text(biz, "appShopAccount", false);
    const auto accountName = text(biz, "appShopAccountName", false);
    for (const auto *failed : {&code, &requestId, &account, &accountName}) {
        if (!failed->ok())
            return failed->error();
    }
    if (!count)
        return count.error();
    if (requestId.value().size() > MAX_REQUEST_ID_LENGTH)
        return Answer::paramError(
                QStringLiteral("biz.requestId: at most %1 characters").arg(MAX_REQUEST_ID_LENGTH));
    Consumption::ConsumeRequest request;
    request.receiptCode = code.value();
    // Out-of-int counts stay out of range, so the rule answers 1018 for them too.
    request.count = int(std::clamp<qint64>(count.value(), -1, MeituanApi::MAX_CONSUME_COUNT + 1));
    request.requestId = requestId.value();
    request.appShopAccount = account.value();
    request.appShopAccountName = accountName.value();
    return m_state.meituanConsumption().consume(poiId, request);
}

Answer SandboxMeituanApi::reverse(const QString &poiId, const QJsonObject &biz)
{
    const auto code = text(biz, "receiptCode");
    // MEITUAN.md §5: the dealId travels as a string; a number is a malformed request.
    const auto dealId = text(biz, "dealId");
    const auto account = text(biz, "appShopAccount", false);
    const auto accountName = text(biz, "appShopAccountName", false);
    for (const auto *failed : {&code, &dealId, &account, &accountName}) {
        if (!failed->ok())
            return failed->error();
    }
    Consumption::ReverseRequest request;
    request.receiptCode = code.value();
    request.dealId = dealId.value().trimmed();
    request.appShopAccount = account.value();
    request.appShopAccountName = accountName.value();
    return m_state.meituanConsumption().reverse(poiId, request);
}

Answer SandboxMeituanApi::list(const QString &poiId, const QJsonObject &biz)
{
    const auto date = text(biz, "date");
    if (!date)
        return date.error();
    const QDate day = QDate::fromString(date.value(), QStringLiteral("yyyy-MM-dd"));
    if (!day.isValid())
        return Answer::paramError(QStringLiteral("biz.date: must be YYYY-MM-DD"));
    const auto offset = integer(biz, "offset");
    const auto limit = integer(biz, "limit");
    const auto type = integer(biz, "type", 0);
    for (const auto *failed : {&offset, &limit, &type}) {
        if (!failed->ok())
            return failed->error();
    }
    if (offset.value() < 0 || offset.value() > INT_MAX)
        return Answer::paramError(QStringLiteral("biz.offset: must be 0 or more"));
    if (limit.value() < 1 || limit.value() > MeituanApi::MAX_LIST_LIMIT)
        return Answer::paramError(
                QStringLiteral("biz.limit: must be 1 to %1").arg(MeituanApi::MAX_LIST_LIMIT));
    return m_state.meituanQueries().listByDate(poiId, day, int(offset.value()), int(limit.value()));
}

SandboxHttpAnswer SandboxMeituanApi::faultAnswer(const SandboxFault &fault,
                                                 SandboxEndpoint endpoint,
                                                 const SandboxHttpRequest &request)
{
    switch (fault.mode) {
    case SandboxFault::Mode::ErrorCode:
        return envelope(Answer::failure(fault.meituanErrorCode()), endpoint, request);
    case SandboxFault::Mode::RateLimit:
        return envelope(Answer::failure(QLatin1String(MeituanApi::RATE_LIMIT)), endpoint, request);
    case SandboxFault::Mode::Http500:
    case SandboxFault::Mode::Delay:
    case SandboxFault::Mode::DropBeforeCommit:
    case SandboxFault::Mode::DropAfterCommit:
    case SandboxFault::Mode::FinAfterCommit:
    case SandboxFault::Mode::RstAfterCommit:
    case SandboxFault::Mode::HalfAnswerAfterCommit:
        break;
    }
    // The gateway in front of Meituan failing: not JSON, so clients must not try to parse it.
    return SandboxHttpAnswer::raw(Status::InternalServerError,
                                  QByteArrayLiteral("text/html; charset=utf-8"),
                                  QByteArrayLiteral("<html><head><title>500 Internal Server "
                                                    "Error</title></head><body><h1>500 Internal "
                                                    "Server Error</h1></body></html>"),
                                  request.requestId);
}
