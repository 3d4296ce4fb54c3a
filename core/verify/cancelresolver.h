#pragma once

#include <QObject>

#include "core/platform/couponplatform.h"
#include "core/store/verificationrecord.h"
#include "core/verify/dueschedule.h"
#include "core/verify/sharedwork.h"

class PlatformRegistry;
class QTimer;
class VerificationRepository;

// Settles cancels whose answer was lost (unknown) or never came because the program stopped
// (pending at start-up), the way a lost verify is settled: on each pass of the platform's
// retry schedule the coupon's status first — usable again, or verified again by another
// verification, means our cancel applied — and otherwise a resend with the SAME cancel token,
// which the platform applies at most once. Never a cancel with a new token.
class CancelResolver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CancelResolver)

public:
    using Clock = DueSchedule<qint64>::Clock;

    CancelResolver(VerificationRepository *repository, const PlatformRegistry *platforms,
                   QObject *parent = nullptr);

    void setTimeScale(double scale) { m_timeScale = scale; }
    void setClock(Clock clock) { m_due.setClock(std::move(clock)); }
    qint64 now() const { return m_due.now(); }

    // Chain mode: each pass is claimed for leaseMs (SharedWork), a pending cancel written
    // within a lease is another gateway's in flight, and the open cancels are looked at again
    // every quarter lease (a gone gateway's are taken over). 0: a lone gateway.
    void setClaimLease(qint64 leaseMs);
    // Loads every pending/unknown cancel and schedules it (a pending one at once: the program
    // stopped while it was in flight).
    void resumeAll();
    // Takes a record whose cancel answer was just lost; its first pass is one step away.
    void track(const VerificationRecord &record);
    void runDue() { m_due.runDue(); }
    int backlog() const { return m_due.size(); }

    // When the next pass of a cancel that has had `attempts` passes is due, or nullopt when
    // the schedule is spent.
    std::optional<qint64> nextPassAt(PlatformId platform, int attempts) const;

signals:
    void recordsChanged(const QList<VerificationRecord> &records);

private:
    void resolve(qint64 id);
    void statusAnswered(const VerificationRecord &record,
                        const Result<QList<CouponState>, PlatformError> &states);
    void resend(const VerificationRecord &record, bool statusSaysNotApplied);
    void settle(const VerificationRecord &record, const VerificationRecord::Cancel &cancel);
    void endPass(const VerificationRecord &record, const QString &note);
    void release(qint64 id);

    VerificationRepository *m_repository;
    const PlatformRegistry *m_platforms;
    double m_timeScale = 1.0;
    DueSchedule<qint64> m_due;
    SharedWork m_shared;
    QTimer *m_rescan;
};
