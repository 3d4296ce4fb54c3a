#pragma once

#include <optional>

#include <QList>
#include <QString>

#include "core/result.h"
#include "core/store/enrichmentjob.h"
#include "core/store/enrichmentjobrepository.h"
#include "core/store/idempotencyentry.h"
#include "core/store/idempotencyrepository.h"
#include "core/store/verificationcancels.h"
#include "core/store/verificationqueries.h"
#include "core/store/verificationrecord.h"
#include "core/store/verificationreportqueries.h"
#include "core/store/workclaims.h"

class Database;

// Reads and writes verification records, their daily totals, enrichment jobs and idempotency
// keys on one Database, from the thread that opened it. Every write is one explicit
// transaction, so with synchronous=FULL a returned success is on disk.
//
// The one entry point for the rest of core: it owns the transactions that span several tables
// and leaves the rest to its parts (VerificationRowMapper, VerificationTotals,
// VerificationReportQueries, EnrichmentJobRepository, IdempotencyRepository). Each insert and
// update applies the old-to-new difference of its records to the running totals in the same
// transaction, which keeps summaries and list totals exact without scanning the records.
class VerificationRepository
{
public:
    static constexpr int MAX_PAGE_SIZE = VerificationReportQueries::MAX_PAGE_SIZE;

    // One storeIdempotency() call, as data.
    struct IdempotencyWrite
    {
        qint64 appId = 0;
        QString key;
        IdempotencyEntry entry;
    };

    explicit VerificationRepository(Database *database);
    Q_DISABLE_COPY_MOVE(VerificationRepository)

    // Chain mode: new records that name no gateway are this one's (by default the
    // Database's gatewayName(), so the record writer's own connection names them too).
    void setGatewayName(const QString &name) { m_gatewayName = name; }
    QString gatewayName() const { return m_gatewayName; }

    // Inserts all records in one transaction (all or none). Each must have id 0 and a poiId.
    // Sets id and updatedAt (now), createdAt (now, unless set) and businessDate (the local
    // calendar day of createdAt, unless set; a set one must be within a day of it) and
    // gatewayName (gatewayName(), unless set). Returns
    // the ids in order. On error the records are left unchanged.
    Result<QList<qint64>> insertPending(QList<VerificationRecord> &records);

    // Stores each record as given in one transaction, updated_at = now; created_at and
    // business_date stay as inserted so a record never moves to another report day. Only the
    // columns whose stored value differs are written, which spares the untouched indexes.
    // A record whose enrichmentStatus is final also finishes its enrichment job, if any.
    // Fails with NotFound (and writes nothing) if an id is unknown. Jobs in `enqueue`
    // (verificationId, nextAttemptAt) are queued in the same transaction, as
    // enqueueEnrichment() would, so a success and its enrichment job are stored together.
    Result<Done> update(const QList<VerificationRecord> &records,
                        const QList<EnrichmentJob> &enqueue = {});

    // insertPending(inserts), update(updates, enqueue) and storeIdempotency() of each of
    // `idempotency` in one transaction, all or nothing (also when one entry is a Conflict): one
    // commit (one fsync) for a group of writes. Returns the ids of the inserts.
    Result<QList<qint64>> write(QList<VerificationRecord> &inserts,
                                const QList<VerificationRecord> &updates,
                                const QList<EnrichmentJob> &enqueue,
                                const QList<IdempotencyWrite> &idempotency = {});

    // NotFound if absent. appName comes from verifier_apps.
    Result<VerificationRecord> get(qint64 id);
    // The stored state of each record (a copy that could not be read stays as it was).
    QList<VerificationRecord> reload(const QList<VerificationRecord> &records);
    // appId < 0: records of any app (a verify_token is Douyin's and serves one verify only).
    Result<QList<VerificationRecord>> findByVerifyToken(qint64 appId, const QString &verifyToken);
    Result<QList<VerificationRecord>> findByBatch(const QString &batchId);
    // For resolution at start-up (pending + unknown); oldest first. With a gateway name (chain
    // mode) only that gateway's records: another gateway's pending records are its verifies in
    // flight, which it settles itself (also after it restarts).
    Result<QList<VerificationRecord>>
    findByStatus(const QList<VerificationRecord::Status> &statuses);
    // Chain mode: other gateways' open records nobody touched since untouchedSinceMs: pending
    // ones last written before it, unknown ones whose next pass fell due before it.
    Result<QList<VerificationRecord>> findAbandoned(qint64 untouchedSinceMs);

    // Claims, stores and finds cancels (the one writer of a record's cancel state).
    VerificationCancels *cancels() { return &m_cancels; }
    // Leases on shared work (chain mode).
    WorkClaims *claims() { return &m_claims; }

    // Newest first (created_at, then id). page >= 1, pageSize 1..MAX_PAGE_SIZE.
    Result<VerificationPage> list(const VerificationFilter &filter, int page, int pageSize);
    // From the daily totals when only date, poi, app and verify_status filter; otherwise
    // (q, enrichment_status) from the records.
    Result<VerificationSummary> summary(const SummaryQuery &query);
    // The names of the gateways that made records, sorted; '' (a lone gateway's) left out.
    Result<QStringList> gatewayNames();

    // Queues a job unless the verification already has one (in any state); returns its id.
    Result<qint64> enqueueEnrichment(qint64 verificationId, qint64 dueAtMs);
    // Pending jobs with nextAttemptAt <= nowMs, soonest first.
    Result<QList<EnrichmentJob>> dueEnrichmentJobs(qint64 nowMs, int limit);
    // The due jobs, leased to the caller for leaseMs (EnrichmentJobRepository::claim()): with
    // several gateways on one database each job is worked by one of them.
    Result<QList<EnrichmentJob>> claimEnrichmentJobs(qint64 nowMs, int limit, qint64 leaseMs);
    Result<Done> rescheduleEnrichment(qint64 jobId, int attempts, qint64 nextAtMs,
                                      const QString &lastError);
    // status is the final one (Success, Failed or Skipped). Update the record before
    // finishing its job: a crash in between then repeats the job instead of losing it.
    Result<Done> finishEnrichment(qint64 jobId, VerificationRecord::Enrichment status);
    // Pending jobs, due or not.
    Result<qint64> enrichmentBacklog();

    Result<std::optional<IdempotencyEntry>> findIdempotency(qint64 appId, const QString &key);
    // Inserts the entry, or fills in the outcome (httpStatus, responseBody) of an existing
    // one with the same fingerprint; created_at keeps its first value. An existing entry with
    // another fingerprint is left alone and the answer is ErrorCode::Conflict.
    Result<Done> storeIdempotency(qint64 appId, const QString &key, const IdempotencyEntry &entry);
    // Deletes entries created before olderThanMs; returns how many.
    Result<int> purgeIdempotency(qint64 olderThanMs);

private:
    Database *m_database;
    EnrichmentJobRepository m_enrichmentJobs;
    IdempotencyRepository m_idempotency;
    VerificationReportQueries m_reports;
    VerificationCancels m_cancels;
    WorkClaims m_claims;
    QString m_gatewayName;
};
