#include "core/verify/verificationservice.h"

#include <QDateTime>
#include <QTimer>

#include "core/logging/categories.h"
#include "core/platform/couponplatform.h"
#include "core/platform/platformregistry.h"
#include "core/store/database.h"
#include "core/store/verificationrepository.h"
#include "core/verify/canceller.h"
#include "core/verify/cancelresolver.h"
#include "core/verify/couponlookup.h"
#include "core/verify/enrichmentqueue.h"
#include "core/verify/idempotencykeys.h"
#include "core/verify/platformrouter.h"
#include "core/verify/preparer.h"
#include "core/verify/recordtransitions.h"
#include "core/verify/recordwriter.h"
#include "core/verify/verifyoutcomes.h"
#include "core/verify/verifyresolver.h"
#include "core/verify/verifyvalidation.h"

struct VerificationService::Flow
{
    VerifyCommand command;
    QPointer<QObject> context;
    VerifyCallback callback;
    CouponPlatform *platform = nullptr; // once routed
    std::optional<PreparedOrder> prepared; // the router's probe prepared it already
    VerificationRecord::Mode mode = VerificationRecord::Mode::Code;
    QString sourceInput;
    bool ownsToken = false; // first of the flights of its verify_token (m_tokenFlights)
};

namespace {

using Kind = VerifyOutcome::Kind;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString idempotencySlot(const VerifyCommand &command)
{
    return QString::number(command.appId) + u'\n' + command.idempotencyKey;
}

using VerifyOutcomes::failure;
using VerifyOutcomes::stillPending;

// A verify_token whose record another gateway of the chain is verifying right now: how often
// and how long its answer is waited for before the record is answered as it stands.
constexpr int TOKEN_POLL_MS = 200;
constexpr int TOKEN_POLLS = 75;

VerifyOutcome badInput(const Error &error)
{
    return failure(Kind::BadInput, ErrorCode::BadInput, error.message);
}

} // namespace

VerificationService::VerificationService(Database *database,
                                         const QList<CouponPlatform *> &platforms, QObject *parent)
    : QObject(parent),
      m_database(database),
      m_platforms(std::make_unique<PlatformRegistry>()),
      m_repository(std::make_unique<VerificationRepository>(database)),
      m_resolver(new VerifyResolver(m_repository.get(), m_platforms.get(), this)),
      m_writer(new RecordWriter(database->filePath(), this)),
      m_enrichment(new EnrichmentQueue(m_repository.get(), m_writer, m_platforms.get(), this)),
      m_idempotency(std::make_unique<IdempotencyKeys>(m_repository.get(), m_writer)),
      m_preparer(new Preparer(&m_prepared, this)),
      m_router(new PlatformRouter(m_platforms.get(), m_preparer, this)),
      m_lookup(new CouponLookup(m_router, m_preparer, this)),
      m_cancelResolver(new CancelResolver(m_repository.get(), m_platforms.get(), this)),
      m_canceller(new Canceller(m_repository.get(), m_platforms.get(), m_cancelResolver, this))
{
    for (CouponPlatform *platform : platforms)
        m_platforms->add(platform);
    // Whatever resolution settles as success gets enriched like a first-time success.
    connect(m_resolver, &VerifyResolver::recordsChanged, this,
            [this](const QList<VerificationRecord> &records) {
                m_enrichment->kick();
                emit recordsChanged(m_repository->reload(records));
            });
    // Both report the copy they worked on; a cancel may have been stored since.
    connect(m_enrichment, &EnrichmentQueue::recordsChanged, this,
            [this](const QList<VerificationRecord> &records) {
                emit recordsChanged(m_repository->reload(records));
            });
    connect(m_canceller, &Canceller::recordsChanged, this, &VerificationService::recordsChanged);
    connect(m_cancelResolver, &CancelResolver::recordsChanged, this,
            &VerificationService::recordsChanged);
    setConfig(m_config);
}

VerificationService::~VerificationService() = default;

void VerificationService::setConfig(const Config &config)
{
    m_config = config;
    m_resolver->setTimeScale(config.resolveTimeScale);
    m_resolver->setClaimLease(config.claimLeaseMs);
    m_cancelResolver->setTimeScale(config.resolveTimeScale);
    m_cancelResolver->setClaimLease(config.claimLeaseMs);
    EnrichmentQueue::Policy policy;
    policy.baseDelayMs = config.enrichmentBaseDelayMs;
    policy.maxDelayMs = config.enrichmentMaxDelayMs;
    policy.maxAttempts = config.enrichmentMaxAttempts;
    policy.claimLeaseMs = config.claimLeaseMs;
    m_enrichment->setPolicy(policy);
    m_idempotency->setTtlHours(config.idempotencyTtlHours);
}

void VerificationService::start()
{
    m_resolver->resumeAll();
    m_cancelResolver->resumeAll();
    m_enrichment->kick();
    m_idempotency->purge();
}

void VerificationService::cancel(const CancelCommand &command, QObject *context,
                                 CancelCallback callback)
{
    m_canceller->cancel(command, context, std::move(callback));
}

int VerificationService::resolutionBacklog() const
{
    return m_resolver->backlog() + m_cancelResolver->backlog();
}

int VerificationService::enrichmentBacklog() const
{
    return m_enrichment->backlog();
}

QList<PlatformId> VerificationService::platformsServing(const QString &poiId) const
{
    return m_router->platformsServing(poiId);
}

void VerificationService::prepare(const PrepareCommand &command, QObject *context,
                                  PrepareCallback callback)
{
    m_enrichment->yieldToVerifications();
    m_lookup->prepare(command, context, std::move(callback));
}

void VerificationService::verify(const VerifyCommand &command, QObject *context,
                                 VerifyCallback callback)
{
    m_enrichment->yieldToVerifications();
    auto flow = std::make_shared<Flow>();
    flow->command = command;
    flow->context = context;
    flow->callback = std::move(callback);
    if (const auto shape = VerifyValidation::checkShape(command); !shape.ok())
        return finish(flow, badInput(shape.error()));

    if (!command.idempotencyKey.isEmpty()) {
        if (replayIdempotent(flow))
            return;
        const QString slot = idempotencySlot(command);
        if (m_inFlight.contains(slot)) {
            // The same key is being worked on: answer this one when that one ends.
            m_inFlight[slot].append(flow);
            return;
        }
        m_inFlight.insert(slot, {});
    }
    // After the idempotency key: a repeat is answered without asking any platform again.
    m_router->route(PlatformRouter::requestOf(command), this,
                    [this, flow](const Result<PlatformRouter::Route, VerifyOutcome> &route) {
                        if (!route.ok())
                            return finish(flow, route.error());
                        flow->platform = route.value().platform;
                        flow->prepared = route.value().prepared;
                        flow->command.platform = flow->platform->id();
                        const auto valid = VerifyValidation::check(flow->command,
                                                                   flow->platform->capabilities());
                        if (!valid.ok())
                            return finish(flow, badInput(valid.error()));
                        runVerify(flow);
                    });
}

bool VerificationService::replayIdempotent(const FlowPtr &flow)
{
    const std::optional<VerifyOutcome> stored = m_idempotency->find(flow->command);
    if (!stored)
        return false;
    if (stored->kind == Kind::Conflict)
        finish(flow, *stored);
    else if (flow->context)
        flow->callback(*stored); // not through finish(): it must not be stored again
    return true;
}

std::optional<VerifyOutcome> VerificationService::outcomeOfToken(const QString &verifyToken)
{
    // Any app: a verify_token is the platform's, and it may serve one verify only.
    const auto earlier = m_repository->findByVerifyToken(-1, verifyToken);
    if (!earlier.ok() || earlier.value().isEmpty())
        return std::nullopt;
    return VerifyOutcomes::replayOf(earlier.value());
}

void VerificationService::awaitToken(const FlowPtr &flow, int pollsLeft)
{
    QTimer::singleShot(TOKEN_POLL_MS, this, [this, flow, pollsLeft] {
        if (!flow->context)
            return;
        const auto earlier = outcomeOfToken(flow->command.verifyToken);
        if (earlier && stillPending(*earlier) && pollsLeft > 1)
            return awaitToken(flow, pollsLeft - 1);
        if (earlier)
            return finish(flow, *earlier);
        runVerify(flow); // the records went away (cannot happen): start over, as if first
    });
}

void VerificationService::runVerify(const FlowPtr &flow)
{
    const VerifyCommand &command = flow->command;
    if (!command.encryptedCode.isEmpty()) {
        flow->mode = VerificationRecord::Mode::EncryptedCode;
        flow->sourceInput = command.encryptedCode;
        if (const auto running = m_tokenFlights.find(command.verifyToken);
            running != m_tokenFlights.end()) {
            running->append(flow);
            return;
        }
        if (auto earlier = outcomeOfToken(command.verifyToken)) {
            if (stillPending(*earlier)) // in flight at another gateway of the chain
                return awaitToken(flow, TOKEN_POLLS);
            return finish(flow, *earlier);
        }
        m_tokenFlights.insert(command.verifyToken, {});
        flow->ownsToken = true;

        const QList<PreparedCoupon> chosen = m_prepared.couponsFor(
                command.verifyToken, command.encryptedCode, command.count, nowMs());
        if (chosen.size() < command.count)
            return finish(flow,
                          failure(Kind::CountTooHigh, ErrorCode::BadInput,
                                  QStringLiteral("count: %1 requested, %2 available under "
                                                 "this verify_token")
                                          .arg(command.count)
                                          .arg(chosen.size())));
        return sendVerify(flow, chosen);
    }

    const bool byCode = !command.code.isEmpty();
    flow->mode = byCode ? VerificationRecord::Mode::Code : VerificationRecord::Mode::ShortLink;
    flow->sourceInput = (byCode ? command.code : command.shortLink).trimmed();
    if (flow->prepared)
        return verifyPrepared(flow, *flow->prepared);
    m_preparer->run(flow->platform,
                    {byCode ? QString() : flow->sourceInput,
                     {},
                     byCode ? flow->sourceInput : QString(),
                     command.poiId,
                     command.appId},
                    [this, flow](const Result<PreparedOrder, PlatformError> &prepared) {
                        if (!prepared.ok())
                            return finish(flow, VerifyOutcomes::beforeVerify(prepared.error()));
                        verifyPrepared(flow, prepared.value());
                    });
}

void VerificationService::verifyPrepared(const FlowPtr &flow, const PreparedOrder &prepared)
{
    const int count = flow->command.count;
    if (prepared.certificates.size() < count)
        return finish(flow,
                      failure(Kind::CountTooHigh, ErrorCode::BadInput,
                              QStringLiteral("count: %1 requested, %2 available")
                                      .arg(count)
                                      .arg(prepared.certificates.size())));
    flow->command.verifyToken = prepared.verifyToken;
    sendVerify(flow, prepared.certificates.mid(0, count));
}

void VerificationService::sendVerify(const FlowPtr &flow, const QList<PreparedCoupon> &certificates)
{
    const VerifyCommand &command = flow->command;
    const auto cached = m_prepared.find(command.verifyToken, nowMs());
    const QString orderId = cached ? cached->prepared.orderId : QString();
    const QList<VerificationRecord> pending = RecordTransitions::pending(
            command, flow->mode, flow->sourceInput, command.verifyToken, orderId, certificates);

    // Durable before anything is sent: a crash from here on leaves a pending record that
    // the resolver settles at the next start.
    m_writer->insertPending(
            pending, [this, flow](const Result<QList<VerificationRecord>> &inserted) {
                if (!inserted.ok()) {
                    // Another process recorded this token first: its records answer.
                    if (inserted.error().code == ErrorCode::Conflict) {
                        if (auto earlier = outcomeOfToken(flow->command.verifyToken)) {
                            if (stillPending(*earlier)) // its verify is in flight
                                return awaitToken(flow, TOKEN_POLLS);
                            return finish(flow, *earlier);
                        }
                    }
                    return finish(flow,
                                  failure(Kind::StorageFailed, ErrorCode::Storage,
                                          inserted.error().message));
                }
                QList<VerificationRecord> records = inserted.value();
                emit recordsChanged(records);
                m_prepared.remove(flow->command.verifyToken);

                VerifyQuery query;
                query.verifyToken = flow->command.verifyToken;
                query.poiId = flow->command.poiId;
                for (const VerificationRecord &record : std::as_const(records))
                    query.encryptedCodes.append(record.encryptedCode);
                flow->platform->verify(
                        query, this,
                        [this, flow,
                         records](const Result<PlatformOutcome, PlatformError> &answer) {
                            const qint64 resolveAt = m_resolver->now()
                                    + m_resolver->scheduleOf(flow->platform->id()).delayBefore(1);
                            settle(flow, VerifyOutcomes::fromAnswer(records, answer, resolveAt));
                        });
            });
}

void VerificationService::settle(const FlowPtr &flow, VerifyOutcome outcome)
{
    const QList<VerificationRecord> records = outcome.records;
    m_writer->update(records, EnrichmentQueue::jobsFor(records),
                     [this, flow, outcome](const Result<Done> &written) {
                         const QString batchId = outcome.records.first().batchId;
                         if (!written.ok()) {
                             // The pending rows are durable; the resolver settles them from
                             // the platform's status query.
                             qCCritical(lcVerify)
                                     << "cannot store verify result:" << written.error().message;
                             m_resolver->track(batchId, flow->platform->id());
                         } else {
                             if (outcome.kind == Kind::Unknown)
                                 m_resolver->track(batchId, flow->platform->id());
                             m_enrichment->kick();
                             emit recordsChanged(outcome.records);
                         }
                         finish(flow, outcome);
                     });
}

void VerificationService::releaseToken(const FlowPtr &flow, const VerifyOutcome &outcome)
{
    flow->ownsToken = false;
    const QList<FlowPtr> waiting = m_tokenFlights.take(flow->command.verifyToken);
    for (const FlowPtr &repeat : waiting) {
        VerifyOutcome replay = outcome;
        replay.replayed = true;
        finish(repeat, replay);
    }
}

void VerificationService::finish(const FlowPtr &flow, VerifyOutcome outcome)
{
    if (flow->ownsToken)
        releaseToken(flow, outcome);
    const VerifyCommand &command = flow->command;
    if (command.idempotencyKey.isEmpty() || outcome.kind == Kind::Conflict) {
        if (flow->context)
            flow->callback(outcome);
        return;
    }
    // Answered once the outcome is stored; a retry with the same key meanwhile waits as a
    // duplicate, so it can never run the verification a second time.
    m_idempotency->store(command, outcome, [this, flow, outcome] {
        const auto waiting = m_inFlight.take(idempotencySlot(flow->command));
        for (const FlowPtr &duplicate : waiting) {
            // Same key: same request gets the same outcome, a different one a conflict.
            if (duplicate->command.fingerprint == flow->command.fingerprint) {
                VerifyOutcome replay = outcome;
                replay.replayed = true;
                if (duplicate->context)
                    duplicate->callback(replay);
            } else if (duplicate->context) {
                duplicate->callback(failure(Kind::Conflict, ErrorCode::Conflict,
                                            QStringLiteral("Idempotency-Key was used with a "
                                                           "different request")));
            }
        }
        if (flow->context)
            flow->callback(outcome);
    });
}
