#pragma once

#include <QObject>
#include <QSet>

#include "core/store/enrichmentjob.h"
#include "core/verify/verificationrecord.h"

class DouyinClient;
class QTimer;
class RecordWriter;
class VerificationRepository;

// Fills in what verify does not say (order status and amounts, order times, source/ext
// order ids, the certificate's status) from Douyin's order and certificate queries. Jobs
// are rows in enrichment_jobs, so they survive restarts. Never touches verify_status.
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
        int concurrency = 4;
    };

    // Record writes go through `writer` (group commit); job bookkeeping through `repository`.
    EnrichmentQueue(VerificationRepository *repository, RecordWriter *writer, DouyinClient *client,
                    QObject *parent = nullptr);

    void setPolicy(const Policy &policy) { m_policy = policy; }
    // The jobs the given records need (successes still to enrich), due now; stored by the
    // caller in the same transaction as the records, so no success is left without its job.
    static QList<EnrichmentJob> jobsFor(const QList<VerificationRecord> &records);
    // Looks for due jobs now (start-up, after enqueue, after a pause).
    void kick();
    int backlog() const;
    bool isPaused() const;

signals:
    void recordsChanged(const QList<VerificationRecord> &records);

private:
    void runJob(qint64 jobId, qint64 verificationId, int attempts);
    void fail(qint64 jobId, VerificationRecord record, int attempts, const QString &reason,
              int pauseSeconds = 0);
    void done(qint64 jobId);

    VerificationRepository *m_repository;
    RecordWriter *m_writer;
    DouyinClient *m_client;
    Policy m_policy;
    QSet<qint64> m_running; // job ids
    qint64 m_pausedUntilMs = 0;
    QTimer *m_timer;
};
