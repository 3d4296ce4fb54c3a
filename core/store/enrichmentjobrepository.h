#pragma once

#include <QList>
#include <QString>

#include "core/result.h"
#include "core/store/enrichmentjob.h"
#include "core/store/verificationrecord.h"

class Database;

// Reads and writes enrichment_jobs on one Database, from the thread that opened it. A job is
// pending exactly while its record's enrichment is; VerificationRepository keeps the two in
// step through writeWithRecords().
class EnrichmentJobRepository
{
public:
    explicit EnrichmentJobRepository(Database *database);
    Q_DISABLE_COPY_MOVE(EnrichmentJobRepository)

    // Queues a job unless the verification already has one (in any state); returns its id.
    Result<qint64> enqueue(qint64 verificationId, qint64 dueAtMs);
    // Pending jobs with nextAttemptAt <= nowMs, soonest first.
    Result<QList<EnrichmentJob>> due(qint64 nowMs, int limit);
    Result<Done> reschedule(qint64 jobId, int attempts, qint64 nextAtMs, const QString &lastError);
    // status is the final one (Success, Failed or Skipped).
    Result<Done> finish(qint64 jobId, VerificationRecord::Enrichment status);
    // Pending jobs, due or not.
    Result<qint64> backlog();

    // Inside the caller's transaction: queues `enqueue` and closes the job of every record
    // whose enrichment reached a final state.
    Result<Done> writeWithRecords(const QList<VerificationRecord> &records,
                                  const QList<EnrichmentJob> &enqueue, qint64 now);

private:
    // Queues the job unless the verification already has one.
    Result<Done> insert(qint64 verificationId, qint64 dueAtMs, qint64 now);

    Database *m_database;
};
