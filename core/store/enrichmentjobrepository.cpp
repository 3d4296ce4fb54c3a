#include "core/store/enrichmentjobrepository.h"

#include <QSqlQuery>
#include <QVariant>

#include "core/store/database.h"
#include "core/store/store.h"

namespace {

using Enrichment = VerificationRecord::Enrichment;
using Store::execWith;
using Store::sqlError;

Result<QList<EnrichmentJob>> readJobs(QSqlQuery &query)
{
    QList<EnrichmentJob> jobs;
    while (query.next()) {
        EnrichmentJob job;
        job.id = query.value(0).toLongLong();
        job.verificationId = query.value(1).toLongLong();
        job.status = VerificationRecord::enrichmentFromString(query.value(2).toString())
                             .value_or(Enrichment::Pending);
        job.attempts = query.value(3).toInt();
        job.nextAttemptAt = query.value(4).toLongLong();
        job.lastError = query.value(5).toString();
        job.createdAt = query.value(6).toLongLong();
        job.updatedAt = query.value(7).toLongLong();
        jobs.append(job);
    }
    return jobs;
}

Error noSuchJob(qint64 jobId)
{
    return makeError(ErrorCode::NotFound,
                     QStringLiteral("enrichment job %1 does not exist").arg(jobId));
}

} // namespace

EnrichmentJobRepository::EnrichmentJobRepository(Database *database) : m_database(database) { }

Result<qint64> EnrichmentJobRepository::enqueue(qint64 verificationId, qint64 dueAtMs)
{
    return m_database->write<qint64>([&]() -> Result<qint64> {
        if (const auto queued = insert(verificationId, dueAtMs, Store::nowMs()); !queued.ok())
            return queued.error();
        QSqlQuery query(m_database->connection());
        query.prepare(QStringLiteral("SELECT id FROM enrichment_jobs WHERE verification_id = ?"));
        if (!execWith(query, {verificationId}) || !query.next())
            return sqlError(
                    QStringLiteral("cannot read the enrichment job of %1").arg(verificationId),
                    query);
        return query.value(0).toLongLong();
    });
}

Result<QList<EnrichmentJob>> EnrichmentJobRepository::due(qint64 nowMs, int limit)
{
    const auto prepared = m_database->prepared(QStringLiteral(
            "SELECT id, verification_id, status, attempts, next_attempt_at, last_error, "
            "created_at, updated_at FROM enrichment_jobs WHERE status = 'pending' "
            "AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?"));
    if (!prepared.ok())
        return prepared.error();
    QSqlQuery &query = *prepared.value();
    query.setForwardOnly(true);
    if (!execWith(query, {nowMs, limit}))
        return sqlError(QStringLiteral("cannot read due enrichment jobs"), query);
    return readJobs(query);
}

Result<QList<EnrichmentJob>> EnrichmentJobRepository::claim(qint64 nowMs, int limit, qint64 leaseMs)
{
    return m_database->write<QList<EnrichmentJob>>([&]() -> Result<QList<EnrichmentJob>> {
        QSqlQuery select(m_database->connection());
        select.setForwardOnly(true);
        select.prepare(QStringLiteral("SELECT id, verification_id, status, attempts, "
                                      "next_attempt_at, last_error, created_at, updated_at "
                                      "FROM enrichment_jobs WHERE status = 'pending' "
                                      "AND next_attempt_at <= ? ORDER BY next_attempt_at, id "
                                      "LIMIT ?")
                       + m_database->dialect().forUpdateSkipLocked());
        if (!execWith(select, {nowMs, limit}))
            return sqlError(QStringLiteral("cannot claim enrichment jobs"), select);
        auto jobs = readJobs(select);
        select.finish();
        QSqlQuery lease(m_database->connection());
        lease.prepare(QStringLiteral("UPDATE enrichment_jobs SET next_attempt_at = ?, "
                                     "updated_at = ? WHERE id = ?"));
        for (const EnrichmentJob &job : jobs.value()) {
            if (!execWith(lease, {nowMs + leaseMs, Store::nowMs(), job.id}))
                return sqlError(QStringLiteral("cannot lease enrichment job %1").arg(job.id),
                                lease);
        }
        return jobs;
    });
}

Result<Done> EnrichmentJobRepository::reschedule(qint64 jobId, int attempts, qint64 nextAtMs,
                                                 const QString &lastError)
{
    return m_database->write<Done>([&]() -> Result<Done> {
        QSqlQuery query(m_database->connection());
        query.prepare(QStringLiteral("UPDATE enrichment_jobs SET attempts = ?, "
                                     "next_attempt_at = ?, last_error = ?, updated_at = ? "
                                     "WHERE id = ?"));
        if (!execWith(query,
                      {attempts, nextAtMs, Store::nullableText(lastError), Store::nowMs(), jobId}))
            return sqlError(QStringLiteral("cannot reschedule enrichment job %1").arg(jobId),
                            query);
        if (query.numRowsAffected() == 0)
            return noSuchJob(jobId);
        return Done{};
    });
}

Result<Done> EnrichmentJobRepository::finish(qint64 jobId, VerificationRecord::Enrichment status)
{
    if (status == Enrichment::Pending)
        return Store::badInput(QStringLiteral("status: a finished job is not pending"));
    return m_database->write<Done>([&]() -> Result<Done> {
        QSqlQuery query(m_database->connection());
        query.prepare(QStringLiteral("UPDATE enrichment_jobs SET status = ?, updated_at = ? "
                                     "WHERE id = ?"));
        if (!execWith(query, {VerificationRecord::toString(status), Store::nowMs(), jobId}))
            return sqlError(QStringLiteral("cannot finish enrichment job %1").arg(jobId), query);
        if (query.numRowsAffected() == 0)
            return noSuchJob(jobId);
        return Done{};
    });
}

Result<qint64> EnrichmentJobRepository::backlog()
{
    QSqlQuery query(m_database->connection());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM enrichment_jobs WHERE status = 'pending'"))
        || !query.next())
        return sqlError(QStringLiteral("cannot count enrichment jobs"), query);
    return query.value(0).toLongLong();
}

Result<Done> EnrichmentJobRepository::writeWithRecords(const QList<VerificationRecord> &records,
                                                       const QList<EnrichmentJob> &enqueue,
                                                       qint64 now)
{
    for (const EnrichmentJob &job : enqueue) {
        if (const auto queued = insert(job.verificationId, job.nextAttemptAt, now); !queued.ok())
            return queued.error();
    }
    const auto closeJob = m_database->prepared(
            QStringLiteral("UPDATE enrichment_jobs SET status = ?, updated_at = ? "
                           "WHERE verification_id = ? AND status = 'pending'"));
    if (!closeJob.ok())
        return closeJob.error();
    QSqlQuery &close = *closeJob.value();
    for (const VerificationRecord &r : records) {
        if (r.enrichmentStatus == Enrichment::Pending)
            continue;
        if (!execWith(close, {VerificationRecord::toString(r.enrichmentStatus), now, r.id}))
            return sqlError(QStringLiteral("cannot close the enrichment job of %1").arg(r.id),
                            close);
    }
    return Done{};
}

Result<Done> EnrichmentJobRepository::insert(qint64 verificationId, qint64 dueAtMs, qint64 now)
{
    const auto prepared = m_database->prepared(QStringLiteral(
            "INSERT INTO enrichment_jobs (verification_id, status, attempts, next_attempt_at, "
            "created_at, updated_at) VALUES (?, 'pending', 0, ?, ?, ?) "
            "ON CONFLICT (verification_id) DO NOTHING"));
    if (!prepared.ok())
        return prepared.error();
    QSqlQuery &insert = *prepared.value();
    if (!execWith(insert, {verificationId, dueAtMs, now, now}))
        return sqlError(QStringLiteral("cannot queue enrichment of %1").arg(verificationId),
                        insert);
    return Done{};
}
