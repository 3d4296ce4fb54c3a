#include "core/verify/cancelresolver.h"

#include <QLoggingCategory>
#include <QTimer>

#include "core/platform/platformregistry.h"
#include "core/store/verificationrepository.h"
#include "core/store/workclaims.h"
#include "core/verify/cancelanswers.h"

Q_LOGGING_CATEGORY(lcCancel, "dygw.cancel")

namespace {

using CancelStatus = VerificationRecord::Cancel::Status;

// What the coupon's state says about our cancel: applied (usable again, or verified again by
// another verification), not applied yet (still verified by ours), or nothing to tell.
enum class Seen { Applied, NotYet, Unclear };

Seen seenIn(const VerificationRecord &record, const QList<CouponState> &states)
{
    for (const CouponState &state : states) {
        if (!record.certificateId.isEmpty() && state.certificateId != record.certificateId)
            continue;
        if (record.certificateId.isEmpty() && state.encryptedCode != record.encryptedCode)
            continue;
        if (state.status == CouponState::Status::Usable)
            return Seen::Applied;
        if (state.status == CouponState::Status::Verified)
            return !state.verifyId.isEmpty() && state.verifyId != record.verifyId ? Seen::Applied
                                                                                  : Seen::NotYet;
        return Seen::NotYet; // refunded or expired: the resend tells
    }
    return Seen::Unclear;
}

} // namespace

CancelResolver::CancelResolver(VerificationRepository *repository,
                               const PlatformRegistry *platforms, QObject *parent)
    : QObject(parent),
      m_repository(repository),
      m_platforms(platforms),
      m_due(this, [this](const qint64 &id) { resolve(id); }),
      m_shared(repository),
      m_rescan(new QTimer(this))
{
    connect(m_rescan, &QTimer::timeout, this, &CancelResolver::resumeAll);
}

void CancelResolver::setClaimLease(qint64 leaseMs)
{
    m_shared.setLeaseMs(leaseMs);
    if (!m_shared.isShared())
        return m_rescan->stop();
    m_rescan->start(int(qBound<qint64>(250, leaseMs / 4, qint64(3600) * 1000)));
}

void CancelResolver::release(qint64 id)
{
    m_shared.release(WorkClaims::CANCEL_RESOLUTION, QString::number(id));
}

std::optional<qint64> CancelResolver::nextPassAt(PlatformId platform, int attempts) const
{
    const CouponPlatform *found = m_platforms->find(platform);
    if (!found)
        return std::nullopt;
    const RetrySchedule schedule = found->capabilities().retry.scaled(m_timeScale);
    if (attempts >= schedule.maxAttempts)
        return std::nullopt;
    return now() + schedule.delayBefore(attempts + 1);
}

void CancelResolver::resumeAll()
{
    const auto open = m_repository->cancels()->findOpen();
    if (!open.ok()) {
        qCWarning(lcCancel) << "cannot load open cancels:" << open.error().message;
        return;
    }
    for (const VerificationRecord &record : open.value()) {
        if (m_due.contains(record.id) || m_shared.isCancelInFlight(record, now()))
            continue;
        const bool interrupted = record.cancel.status == CancelStatus::Pending;
        m_due.schedule(record.id,
                       interrupted ? now() : record.cancel.nextResolveAt.value_or(now()));
    }
    if (!open.value().isEmpty() && !m_shared.isShared())
        qCInfo(lcCancel) << "resuming" << open.value().size() << "unsettled cancels";
}

void CancelResolver::track(const VerificationRecord &record)
{
    m_due.schedule(record.id, record.cancel.nextResolveAt.value_or(now()));
}

void CancelResolver::resolve(qint64 id)
{
    const auto loaded = m_repository->get(id);
    if (!loaded.ok() || !loaded.value().cancel.isOpen()) {
        m_due.remove(id);
        return;
    }
    const VerificationRecord record = loaded.value();
    // Another gateway of the chain runs a pass of it: look again a lease later.
    if (!m_shared.take(WorkClaims::CANCEL_RESOLUTION, QString::number(id), now()))
        return m_due.schedule(id, now() + m_shared.leaseMs());
    CouponPlatform *platform = m_platforms->find(record.platform);
    if (!platform || !platform->isConfigured())
        return endPass(record, QStringLiteral("the platform is not set up; asking again later"));
    platform->queryStatus({record.poiId, record.encryptedCode, record.orderId}, this,
                          [this, record](const Result<QList<CouponState>, PlatformError> &states) {
                              statusAnswered(record, states);
                          });
}

void CancelResolver::statusAnswered(const VerificationRecord &record,
                                    const Result<QList<CouponState>, PlatformError> &states)
{
    if (states.ok() && seenIn(record, states.value()) == Seen::Applied) {
        qCInfo(lcCancel) << "cancel of verification" << record.id << "applied (status query)";
        return settle(record, CancelAnswers::cancelled(record.cancel, now()));
    }
    resend(record, states.ok() && seenIn(record, states.value()) == Seen::NotYet);
}

void CancelResolver::resend(const VerificationRecord &record, bool statusSaysNotApplied)
{
    CouponPlatform *platform = m_platforms->find(record.platform);
    platform->cancel(CancelAnswers::queryFor(record), this,
                     [this, record,
                      statusSaysNotApplied](const Result<CancelAnswer, PlatformError> &answer) {
                         const auto settled = CancelAnswers::settle(record.cancel, answer, now());
                         // A refusal proves nothing was cancelled only if the status query said the
                         // coupon is still ours; otherwise the lost first attempt may have applied.
                         const bool refused = settled && settled->status == CancelStatus::Failed;
                         if (settled && (!refused || statusSaysNotApplied))
                             return settle(record, *settled);
                         endPass(record, answer.ok() ? QString() : answer.error().message);
                     });
}

void CancelResolver::settle(const VerificationRecord &record,
                            const VerificationRecord::Cancel &cancel)
{
    const auto stored = m_repository->cancels()->store(record.id, cancel);
    release(record.id);
    if (!stored.ok()) {
        qCWarning(lcCancel) << "cannot store the cancel of" << record.id << stored.error().message;
        m_due.schedule(record.id, now() + 1000);
        return;
    }
    m_due.remove(record.id);
    emit recordsChanged({stored.value()});
}

void CancelResolver::endPass(const VerificationRecord &record, const QString &note)
{
    VerificationRecord::Cancel cancel = record.cancel;
    cancel.status = CancelStatus::Unknown;
    cancel.attempts += 1;
    const std::optional<qint64> next = nextPassAt(record.platform, cancel.attempts);
    cancel.nextResolveAt = next;
    cancel.errorDescription = next ? note
                                   : QStringLiteral("the platform's answer was lost and its "
                                                    "status could not confirm the cancel; "
                                                    "check it in the merchant app (%1)")
                                             .arg(note);
    const auto stored = m_repository->cancels()->store(record.id, cancel);
    release(record.id);
    if (stored.ok())
        emit recordsChanged({stored.value()});
    if (next && stored.ok())
        m_due.schedule(record.id, *next);
    else if (!stored.ok())
        m_due.schedule(record.id, now() + 1000);
    else
        m_due.remove(record.id);
}
