#pragma once

#include <QObject>
#include <QSet>

#include "core/platform/platformtypes.h"
#include "core/result.h"
#include "core/store/enrichmentjob.h"
#include "core/store/verificationrecord.h"

class CouponPlatform;
class PlatformRegistry;
class QTimer;
class RecordWriter;
class VerificationRepository;

// Fills in what verify does not say (order status and amounts, order times, source/ext
// order ids, the certificate's status) from the platform's order and status queries. Jobs
// are rows in enrichment_jobs, so they survive restarts. Never touches verify_status.
//
// It is background work and yields to verifications: the due jobs of one order are done
// together (one order query, one certificate query, one write), and while verifications are
// being asked for, fewer orders are worked on at once. Each job keeps its own retry count.
class EnrichmentQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnrichmentQueue)

public:
    struct Policy
    {
        int baseDelayMs = 2000;
        int maxDelayMs = 600000;
        int maxAttempts = 8;
        int concurrency = 4; // orders worked on at once
        int busyConcurrency = 1; // the same while verifications are being asked for
        int busyForMs = 500; // how long one verification counts as being asked for
        // Chain mode: jobs are claimed for this long (EnrichmentJobRepository::claim), so one
        // gateway works on each and a gone gateway's jobs are taken over. 0: a lone gateway.
        qint64 claimLeaseMs = 0;
    };

    // Record writes go through `writer` (group commit); job bookkeeping through `repository`.
    EnrichmentQueue(VerificationRepository *repository, RecordWriter *writer,
                    const PlatformRegistry *platforms, QObject *parent = nullptr);

    void setPolicy(const Policy &policy) { m_policy = policy; }
    // The jobs the given records need (successes still to enrich), due now; stored by the
    // caller in the same transaction as the records, so no success is left without its job.
    static QList<EnrichmentJob> jobsFor(const QList<VerificationRecord> &records);
    // Looks for due jobs now (start-up, after enqueue, after a pause).
    void kick();
    // A verification was asked for: enrichment runs at busyConcurrency for a while.
    void yieldToVerifications();
    int backlog() const;
    bool isPaused() const;

signals:
    void recordsChanged(const QList<VerificationRecord> &records);

private:
    struct Job
    {
        qint64 id = 0;
        int attempts = 0;
        VerificationRecord record;
    };

    bool isBusy() const;
    // The due jobs, claimed for this gateway in chain mode.
    Result<QList<EnrichmentJob>> takeDue(int free);
    // Ends the claims on jobs taken but not run now, due again as they were.
    void giveBack(const QList<EnrichmentJob> &jobs);
    void skip(qint64 jobId, VerificationRecord record);
    // The due jobs of one order.
    void runOrder(const QString &orderId, const QList<Job> &jobs);
    void queryStates(CouponPlatform *platform, const QString &orderId, const QList<Job> &jobs);
    void storeStates(const QList<Job> &jobs, const QList<CouponState> &states);
    // Counts an attempt for each job: reschedules it, or stores it as failed at the limit.
    void failAll(const QList<Job> &jobs, const QString &reason, int pauseSeconds = 0);
    void finishOrder(const QList<Job> &jobs);

    VerificationRepository *m_repository;
    RecordWriter *m_writer;
    const PlatformRegistry *m_platforms;
    Policy m_policy;
    QSet<qint64> m_running; // job ids
    int m_runningOrders = 0;
    qint64 m_pausedUntilMs = 0;
    qint64 m_busyUntilMs = 0;
    QTimer *m_timer;
};
