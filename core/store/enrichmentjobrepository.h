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
    // due(), and the jobs returned are this caller's for leaseMs: their next_attempt_at moves
    // to nowMs + leaseMs in the same transaction, so no other gateway on the database takes them
    // (PostgreSQL's FOR UPDATE SKIP LOCKED also passes over jobs another gateway is claiming
    // this very moment). reschedule() or finish() ends the lease; a gateway that dies holding
    // one leaves jobs that fall due again when it runs out, and another gateway takes them
    // over. The jobs come back with the nextAttemptAt they had before the claim.
    Result<QList<EnrichmentJob>> claim(qint64 nowMs, int limit, qint64 leaseMs);
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
