#include "core/verify/verifyresolver.h"

#include <memory>

#include <QDateTime>
#include <QTimer>

#include "core/logging/categories.h"
#include "core/platform/platformregistry.h"
#include "core/store/verificationrepository.h"
#include "core/store/workclaims.h"
#include "core/verify/enrichmentqueue.h"
#include "core/verify/recordtransitions.h"

namespace {

using Verdict = RecordTransitions::StatusVerdict;

bool isOpen(const VerificationRecord &record)
{
    return record.verifyStatus == VerificationRecord::Status::Pending
            || record.verifyStatus == VerificationRecord::Status::Unknown;
}

// The platform answered, but only to say "not now": the pass ends and the next one asks
// again.
bool isTransient(const PlatformError &error)
{
    return error.reason == RejectReason::Unavailable || error.reason == RejectReason::RateLimited
            || error.reason == RejectReason::NotAuthorised;
}

const CouponState *matching(const QList<CouponState> &states, const VerificationRecord &record)
{
    for (const CouponState &state : states) {
        if ((!state.encryptedCode.isEmpty() && state.encryptedCode == record.encryptedCode)
            || (!state.certificateId.isEmpty() && state.certificateId == record.certificateId))
            return &state;
    }
    // Asked by this one encrypted code: a single answer is its coupon.
    return states.size() == 1 ? &states.constFirst() : nullptr;
}

} // namespace

struct VerifyResolver::Pass
{
    QString batchId;
    int attempt = 0; // this pass's number in the schedule, 1-based
    QList<VerificationRecord> records;
    QList<Verdict> verdicts; // per record; Settled for records that were not open
    QList<CouponState> seen; // per record: the platform's state when VerifiedSomehow
    int remaining = 0;
    QString failure;
};

VerifyResolver::VerifyResolver(VerificationRepository *repository,
                               const PlatformRegistry *platforms, QObject *parent)
    : QObject(parent),
      m_repository(repository),
      m_platforms(platforms),
      m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }),
      m_shared(repository),
      m_timer(new QTimer(this)),
      m_adoptTimer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &VerifyResolver::runDue);
    connect(m_adoptTimer, &QTimer::timeout, this, &VerifyResolver::adoptAbandoned);
}

VerifyResolver::~VerifyResolver() = default;

RetrySchedule VerifyResolver::scheduleOf(PlatformId platform) const
{
    const CouponPlatform *found = m_platforms->find(platform);
    return found ? found->capabilities().retry.scaled(m_timeScale) : RetrySchedule{};
}

void VerifyResolver::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void VerifyResolver::setClaimLease(qint64 leaseMs)
{
    m_shared.setLeaseMs(leaseMs);
    if (!m_shared.isShared())
        return m_adoptTimer->stop();
    m_adoptTimer->start(int(qBound<qint64>(250, leaseMs / 4, qint64(3600) * 1000)));
}

void VerifyResolver::adoptAbandoned()
{
    int adopted = 0;
    for (const VerificationRecord &record : m_shared.abandoned(now())) {
        if (m_batches.contains(record.batchId))
            continue;
        schedule(record.batchId, now());
        ++adopted;
    }
    if (adopted > 0)
        qCInfo(lcVerify) << "taking over" << adopted
                         << "unsettled verify calls another gateway left";
}

void VerifyResolver::resumeAll()
{
    const auto open = m_repository->findByStatus(
            {VerificationRecord::Status::Pending, VerificationRecord::Status::Unknown});
    if (!open.ok()) {
        qCWarning(lcVerify) << "cannot load open verifications:" << open.error().message;
        return;
    }
    for (const VerificationRecord &record : open.value()) {
        // A record that used up the schedule waits for a person, not for another pass.
        if (record.verifyStatus == VerificationRecord::Status::Unknown && !record.nextResolveAt)
            continue;
        // Due now: time has passed while the program was down, and a pass starts with a
        // status query.
        if (!m_batches.contains(record.batchId))
            schedule(record.batchId, now());
    }
    if (!m_batches.isEmpty())
        qCInfo(lcVerify) << "resuming" << m_batches.size() << "unsettled verify calls";
}

void VerifyResolver::track(const QString &batchId, PlatformId platform)
{
    schedule(batchId, now() + scheduleOf(platform).delayBefore(1));
}

void VerifyResolver::schedule(const QString &batchId, qint64 dueAtMs)
{
    m_batches.insert(batchId, dueAtMs);
    qint64 next = dueAtMs;
    for (const qint64 due : std::as_const(m_batches))
        next = qMin(next, due);
    const qint64 wait = qMax<qint64>(0, next - now());
    if (!m_timer->isActive() || m_timer->remainingTime() > wait)
        m_timer->start(int(qMin<qint64>(wait, 3600 * 1000)));
}

void VerifyResolver::runDue()
{
    const qint64 t = now();
    qint64 next = -1;
    const auto batches = m_batches;
    for (auto it = batches.cbegin(); it != batches.cend(); ++it) {
        if (m_running.contains(it.key()))
            continue;
        if (it.value() <= t)
            resolve(it.key());
        else
            next = next < 0 ? it.value() : qMin(next, it.value());
    }
    if (next >= 0)
        m_timer->start(int(qMin<qint64>(qMax<qint64>(0, next - t), 3600 * 1000)));
}

void VerifyResolver::resolve(const QString &batchId)
{
    auto loaded = m_repository->findByBatch(batchId);
    if (!loaded.ok() || loaded.value().isEmpty()
        || std::none_of(loaded.value().cbegin(), loaded.value().cend(), isOpen)) {
        m_batches.remove(batchId);
        return;
    }
    // Another gateway of the chain is running a pass of it: look again a lease later, by
    // when that pass has settled it or its gateway is gone.
    if (!m_shared.take(WorkClaims::RESOLUTION, batchId, now()))
        return schedule(batchId, now() + m_shared.leaseMs());
    m_running.insert(batchId);

    auto pass = std::make_shared<Pass>();
    pass->batchId = batchId;
    pass->records = loaded.value();
    for (const VerificationRecord &record : std::as_const(pass->records)) {
        if (isOpen(record))
            pass->attempt = qMax(pass->attempt, record.resolveAttempts + 1);
    }
    // Counted once, here: whatever this pass ends as, it was one step of the schedule.
    for (VerificationRecord &record : pass->records) {
        pass->verdicts.append(isOpen(record) ? Verdict::Usable : Verdict::Settled);
        pass->seen.append(CouponState{});
        if (isOpen(record)) {
            record.resolveAttempts = pass->attempt;
            ++pass->remaining;
        }
    }
    for (qsizetype i = 0; i < pass->records.size(); ++i) {
        if (isOpen(pass->records.at(i)))
            queryStatus(pass, i);
    }
}

void VerifyResolver::queryStatus(const std::shared_ptr<Pass> &pass, qsizetype index)
{
    const VerificationRecord &record = pass->records.at(index);
    CouponPlatform *platform = m_platforms->find(record.platform);
    if (!platform) {
        const PlatformError missing = PlatformError::make(
                record.platform, PlatformError::Kind::NotConfigured,
                Platforms::toString(record.platform) + QStringLiteral(" is not set up"));
        return statusAnswered(pass, index, nullptr, &missing);
    }
    platform->queryStatus(
            {record.poiId, record.encryptedCode, {}}, this,
            [this, pass, index](const Result<QList<CouponState>, PlatformError> &result) {
                if (!result.ok())
                    return statusAnswered(pass, index, nullptr, &result.error());
                if (const CouponState *state = matching(result.value(), pass->records.at(index)))
                    return statusAnswered(pass, index, state, nullptr);
                const PlatformError missing = PlatformError::make(
                        pass->records.at(index).platform, PlatformError::Kind::BadAnswer,
                        QStringLiteral("the status query did not list the coupon"));
                statusAnswered(pass, index, nullptr, &missing);
            });
}

void VerifyResolver::statusAnswered(const std::shared_ptr<Pass> &pass, qsizetype index,
                                    const CouponState *state, const PlatformError *error)
{
    if (state) {
        pass->verdicts[index] = RecordTransitions::applyStatus(pass->records[index], *state);
        pass->seen[index] = *state;
    } else {
        pass->failure = error->message;
    }
    if (--pass->remaining > 0)
        return;
    if (!pass->failure.isEmpty())
        return endPass(pass, QStringLiteral("status query failed: ") + pass->failure);
    if (std::any_of(pass->verdicts.cbegin(), pass->verdicts.cend(),
                    [](Verdict verdict) { return verdict != Verdict::Settled; }))
        return retryVerify(pass);
    write(pass->batchId, pass->records);
}

namespace {

// The same-token resend answered. Takes its result for each record the pass left open, and
// tells our applied verify from a coupon verified by someone else.
// Returns the reason for records that stay open (the token can no longer tell), else "".
QString takeResendAnswer(QList<VerificationRecord> &records, const QList<Verdict> &verdicts,
                         const QList<CouponState> &seen, const PlatformOutcome &answer)
{
    QList<VerificationRecord> answered = records; // aligned with the codes sent, in order
    RecordTransitions::applyAnswer(answered, answer);
    QString stillOpen;
    for (qsizetype i = 0; i < records.size(); ++i) {
        if (!isOpen(records.at(i)))
            continue;
        const VerificationRecord &theirs = answered.at(i);
        VerificationRecord &record = records[i];
        const bool success = theirs.verifyStatus == VerificationRecord::Status::Success;
        if (verdicts.at(i) != Verdict::VerifiedSomehow || success) {
            const int attempts = record.resolveAttempts;
            record = theirs;
            record.resolveAttempts = attempts;
            if (success && record.verifyId.isEmpty())
                record.verifyId = seen.at(i).verifyId;
            if (success && !record.verifyTime && seen.at(i).verifyTime)
                record.verifyTime = seen.at(i).verifyTime;
            continue;
        }
        record.platformResponse = theirs.platformResponse;
        record.logid = theirs.logid;
        const CouponResult *result = RecordTransitions::resultFor(record, answer, i);
        const bool usedByOthers = result && result->reason == RejectReason::Used;
        const bool verifiedBeforeWeSent =
                seen.at(i).verifyTime && seen.at(i).verifyTime * 1000 < record.createdAt - 1000;
        if (usedByOthers || verifiedBeforeWeSent) {
            RecordTransitions::applyVerifiedElsewhere(record, seen.at(i), theirs.errorCode);
            continue;
        }
        // Verified on the platform, but our token no longer answers for it (e.g. expired).
        stillOpen = QStringLiteral("the coupon is verified on the platform, but the token "
                                   "answered %1, so it cannot tell whether by this verification")
                            .arg(theirs.errorCode.value_or(0));
    }
    return stillOpen;
}

} // namespace

void VerifyResolver::retryVerify(const std::shared_ptr<Pass> &pass)
{
    // Identical parameters: every code of the original call, in the original order. Safe to
    // send again only because it carries the same token: the platform applies a token once.
    VerifyQuery query;
    query.verifyToken = pass->records.first().verifyToken;
    query.poiId = pass->records.first().poiId;
    for (const VerificationRecord &record : std::as_const(pass->records))
        query.encryptedCodes.append(record.encryptedCode);
    CouponPlatform *platform = m_platforms->find(pass->records.first().platform);
    if (!platform)
        return endPass(pass, QStringLiteral("the platform is not set up"));

    qCInfo(lcVerify) << "pass" << pass->attempt << "of batch" << pass->batchId
                     << ": verify again with its own token";
    platform->verify(query, this,
                     [this, pass](const Result<PlatformOutcome, PlatformError> &result) {
                         if (result.ok()) {
                             const QString open = takeResendAnswer(pass->records, pass->verdicts,
                                                                   pass->seen, result.value());
                             if (!open.isEmpty())
                                 return endPass(pass, open);
                             return write(pass->batchId, pass->records);
                         }
                         const PlatformError &error = result.error();
                         // A refusal of the whole call applied nothing; for a coupon that is already verified
                         // it cannot say by whom, so that one waits.
                         const bool anyVerified = pass->verdicts.contains(Verdict::VerifiedSomehow);
                         if (error.kind == PlatformError::Kind::Rejected && !isTransient(error)
                             && !anyVerified) {
                             QList<VerificationRecord> refused = pass->records;
                             RecordTransitions::applyRejection(refused, error);
                             for (qsizetype i = 0; i < refused.size(); ++i) {
                                 if (isOpen(pass->records.at(i)))
                                     pass->records[i] = refused.at(i);
                             }
                             return write(pass->batchId, pass->records);
                         }
                         endPass(pass, error.message);
                     });
}

void VerifyResolver::endPass(const std::shared_ptr<Pass> &pass, const QString &stillOpenReason)
{
    const RetrySchedule schedule = scheduleOf(pass->records.first().platform);
    const bool exhausted = pass->attempt >= schedule.maxAttempts;
    const qint64 due = now() + schedule.delayBefore(pass->attempt + 1);
    for (VerificationRecord &record : pass->records) {
        if (!isOpen(record))
            continue;
        record.verifyStatus = VerificationRecord::Status::Unknown;
        if (exhausted) {
            record.nextResolveAt.reset();
            record.errorDescription =
                    QStringLiteral("outcome still unknown after %1 attempts (%2); "
                                   "check the coupon in the platform's merchant backend")
                            .arg(pass->attempt)
                            .arg(stillOpenReason);
        } else {
            record.nextResolveAt = due;
        }
    }
    qCWarning(lcVerify) << "batch" << pass->batchId << "still unknown after pass" << pass->attempt
                        << ":" << stillOpenReason;
    const auto written = m_repository->update(pass->records);
    if (!written.ok())
        qCWarning(lcVerify) << "cannot store resolution state:" << written.error().message;
    finishPass(pass->batchId);
    if (exhausted)
        m_batches.remove(pass->batchId);
    else
        this->schedule(pass->batchId, due);
    emit recordsChanged(pass->records);
}

void VerifyResolver::finishPass(const QString &batchId)
{
    m_running.remove(batchId);
    m_shared.release(WorkClaims::RESOLUTION, batchId);
}

void VerifyResolver::write(const QString &batchId, const QList<VerificationRecord> &records)
{
    const auto written = m_repository->update(records, EnrichmentQueue::jobsFor(records));
    finishPass(batchId);
    if (!written.ok()) {
        // Try again later: the answer is known but could not be stored yet.
        qCWarning(lcVerify) << "cannot store resolved batch" << batchId << written.error().message;
        schedule(batchId, now() + scheduleOf(records.first().platform).delayBefore(1));
        return;
    }
    if (std::none_of(records.cbegin(), records.cend(), isOpen))
        m_batches.remove(batchId);
    else
        schedule(batchId, now() + scheduleOf(records.first().platform).delayBefore(1));
    qCInfo(lcVerify) << "batch" << batchId << "resolved";
    emit recordsChanged(records);
}
