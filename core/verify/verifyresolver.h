#pragma once

#include <functional>

#include <QHash>
#include <QObject>
#include <QSet>

#include "core/platform/couponplatform.h"
#include "core/platform/retryschedule.h"
#include "core/store/verificationrecord.h"
#include "core/verify/sharedwork.h"

class PlatformRegistry;
class QTimer;
class VerificationRepository;

// Settles records whose verify answer was lost (unknown) or never arrived because the
// program stopped (pending at start-up). Per batch (one verify call), once per pass of its
// platform's retry schedule: the platform's status query (Douyin: seed 003's batch query),
// then, unless every coupon is refunded or expired, the platform's documented retry with the
// SAME token and identical parameters. The retry also tells a coupon we verified (applied
// under our token) from one verified by someone else while our answer was lost (used).
// Never a new prepare.
class VerifyResolver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerifyResolver)

public:
    using Clock = std::function<qint64()>; // Unix ms

    VerifyResolver(VerificationRepository *repository, const PlatformRegistry *platforms,
                   QObject *parent = nullptr);
    ~VerifyResolver() override;

    // Tests that cannot wait 40 s multiply every platform's delays by this (e.g. 0.02).
    void setTimeScale(double scale) { m_timeScale = scale; }
    // A platform's schedule as this resolver runs it.
    RetrySchedule scheduleOf(PlatformId platform) const;
    // Tests drive time themselves; the timer then only wakes runDue() early or late.
    void setClock(Clock clock);
    qint64 now() const { return m_clock(); }

    // Chain mode: each pass is claimed for leaseMs (SharedWork), and every quarter lease the
    // open records a gone gateway left are taken over. 0 (a lone gateway) turns both off.
    void setClaimLease(qint64 leaseMs);
    // Loads every pending/unknown record of this gateway and schedules its batch.
    void resumeAll();
    // Takes a batch that just became unknown; its first pass is one schedule step away.
    void track(const QString &batchId, PlatformId platform);
    // Runs every pass that is due now (the timer calls it; tests with a clock call it).
    void runDue();
    int backlog() const { return int(m_batches.size()); }

signals:
    void recordsChanged(const QList<VerificationRecord> &records);

private:
    struct Pass;

    void schedule(const QString &batchId, qint64 dueAtMs);
    void resolve(const QString &batchId);
    void queryStatus(const std::shared_ptr<Pass> &pass, qsizetype index);
    void statusAnswered(const std::shared_ptr<Pass> &pass, qsizetype index,
                        const CouponState *state, const PlatformError *error);
    void retryVerify(const std::shared_ptr<Pass> &pass);
    void endPass(const std::shared_ptr<Pass> &pass, const QString &stillOpenReason);
    void write(const QString &batchId, const QList<VerificationRecord> &records);
    // Schedules the batches of what SharedWork::abandoned() finds.
    void adoptAbandoned();
    void finishPass(const QString &batchId);

    VerificationRepository *m_repository;
    const PlatformRegistry *m_platforms;
    double m_timeScale = 1.0;
    Clock m_clock;
    QHash<QString, qint64> m_batches; // batch id -> due time (Unix ms)
    QSet<QString> m_running;
    SharedWork m_shared;
    QTimer *m_timer;
    QTimer *m_adoptTimer;
};
