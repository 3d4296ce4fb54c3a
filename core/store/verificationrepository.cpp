#include "core/store/verificationrepository.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "core/store/database.h"
#include "core/store/store.h"
#include "core/store/verificationrowmapper.h"
#include "core/store/verificationtotals.h"
#include "core/store/writetransaction.h"

namespace {

using Status = VerificationRecord::Status;
using Store::badInput;
using Store::execWith;
using Store::isoDate;
using Store::sqlError;

// Sets createdAt, updatedAt and businessDate of new records (see insertPending()); a copy, so
// the caller's records stay unchanged on error.
Result<QList<VerificationRecord>> completeNewRecords(const QList<VerificationRecord> &records,
                                                     qint64 now, const QString &gatewayName)
{
    QList<VerificationRecord> stored = records;
    for (VerificationRecord &r : stored) {
        if (r.id != 0)
            return badInput(QStringLiteral("id: a new record has none (got %1)").arg(r.id));
        if (r.poiId.isEmpty())
            return badInput(QStringLiteral("poi_id: required"));
        if (r.createdAt == 0)
            r.createdAt = now;
        r.updatedAt = now;
        if (r.gatewayName.isEmpty())
            r.gatewayName = gatewayName;
        const QDate localDay = QDateTime::fromMSecsSinceEpoch(r.createdAt).date();
        if (r.businessDate.isEmpty()) {
            r.businessDate = isoDate(localDay);
            continue;
        }
        // The list relies on business_date staying within a day of created_at's local day.
        const QDate given = QDate::fromString(r.businessDate, Qt::ISODate);
        if (!given.isValid() || qAbs(given.daysTo(localDay)) > 1) {
            return badInput(QStringLiteral("business_date: %1 is not the local day of "
                                           "created_at (%2)")
                                    .arg(r.businessDate, isoDate(localDay)));
        }
        r.businessDate = isoDate(given);
    }
    return stored;
}

// Inside the caller's transaction; sets the ids of `records`.
Result<QList<qint64>> insertRows(Database &database, QList<VerificationRecord> &records,
                                 VerificationTotals &totals)
{
    if (records.isEmpty())
        return QList<qint64>{};
    const SqlDialect &dialect = database.dialect();
    const auto prepared =
            database.prepared(VerificationRowMapper::insertSql() + dialect.returningId());
    if (!prepared.ok())
        return prepared.error();
    QSqlQuery &insert = *prepared.value();
    QList<qint64> ids;
    ids.reserve(records.size());
    for (VerificationRecord &r : records) {
        if (!execWith(insert, VerificationRowMapper::insertValues(r))) {
            // The unique index on (verify_token, encrypted_code): another request, maybe of
            // another process, already recorded this verification.
            if (dialect.isUniqueViolation(insert.lastError()))
                return makeError(ErrorCode::Conflict,
                                 QStringLiteral("this verify_token and code already have a "
                                                "record"));
            return sqlError(QStringLiteral("cannot insert a verification"), insert);
        }
        r.id = dialect.insertedId(insert);
        ids.append(r.id);
        totals.add(r, +1);
    }
    return ids;
}

// Inside the caller's transaction. The old row tells what the record contributed to the totals
// before this update, and which columns change: only those are written, so SQLite rewrites
// only the index entries that cover them (a pending -> success update touches a few of the
// table's indexes). Inside BEGIN IMMEDIATE (SQLite) or under FOR UPDATE (PostgreSQL) nothing
// else can change the row before the transaction ends.
Result<Done> updateRows(Database &database, const QList<VerificationRecord> &records, qint64 now,
                        VerificationTotals &totals)
{
    if (records.isEmpty())
        return Done{};
    const auto selectOld =
            database.prepared(VerificationRowMapper::selectSql() + QStringLiteral(" WHERE v.id = ?")
                              + database.dialect().forUpdate(QStringLiteral("v")));
    if (!selectOld.ok())
        return selectOld.error();
    QSqlQuery &old = *selectOld.value();
    for (const VerificationRecord &r : records) {
        if (!execWith(old, {r.id}))
            return sqlError(QStringLiteral("cannot read verification %1").arg(r.id), old);
        if (!old.next()) {
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("verification %1 does not exist").arg(r.id));
        }
        const VerificationRecord before = VerificationRowMapper::read(old);
        old.finish();

        VerificationRecord next = r;
        next.updatedAt = now;
        next.businessDate = before.businessDate;
        // The cancel path owns the cancel (VerificationCancels): an update made from an older
        // copy of the record (enrichment, resolution) must not undo a cancel.
        next.cancel = before.cancel;
        const auto update = VerificationRowMapper::changedColumnsUpdate(before, next);
        const auto prepared = database.prepared(update.sql);
        if (!prepared.ok())
            return prepared.error();
        if (!execWith(*prepared.value(), update.values))
            return sqlError(QStringLiteral("cannot update verification %1").arg(r.id),
                            *prepared.value());
        totals.add(before, -1);
        totals.add(next, +1);
    }
    return Done{};
}

} // namespace

VerificationRepository::VerificationRepository(Database *database)
    : m_database(database),
      m_enrichmentJobs(database),
      m_idempotency(database),
      m_reports(database),
      m_cancels(database),
      m_claims(database),
      m_gatewayName(database->gatewayName())
{
}

Result<QList<qint64>> VerificationRepository::insertPending(QList<VerificationRecord> &records)
{
    return write(records, {}, {});
}

Result<Done> VerificationRepository::update(const QList<VerificationRecord> &records,
                                            const QList<EnrichmentJob> &enqueue)
{
    QList<VerificationRecord> none;
    if (const auto written = write(none, records, enqueue); !written.ok())
        return written.error();
    return Done{};
}

Result<QList<qint64>> VerificationRepository::write(QList<VerificationRecord> &inserts,
                                                    const QList<VerificationRecord> &updates,
                                                    const QList<EnrichmentJob> &enqueue,
                                                    const QList<IdempotencyWrite> &idempotency)
{
    if (inserts.isEmpty() && updates.isEmpty() && enqueue.isEmpty() && idempotency.isEmpty())
        return QList<qint64>{};
    for (const IdempotencyWrite &entry : idempotency) {
        if (entry.key.isEmpty())
            return badInput(QStringLiteral("idempotency_key: required"));
    }
    const qint64 now = Store::nowMs();
    auto completed = completeNewRecords(inserts, now, m_gatewayName);
    if (!completed.ok())
        return completed.error();
    for (const VerificationRecord &r : updates) {
        if (r.id <= 0)
            return badInput(QStringLiteral("id: an update needs the record's id"));
        if (r.poiId.isEmpty())
            return badInput(QStringLiteral("poi_id: required"));
    }

    // A copy per attempt: a transaction repeated after a lost connection starts again from the
    // caller's records.
    QList<VerificationRecord> stored;
    const auto ids = m_database->write<QList<qint64>>([&]() -> Result<QList<qint64>> {
        stored = completed.value();
        VerificationTotals totals;
        auto inserted = insertRows(*m_database, stored, totals);
        if (!inserted.ok())
            return inserted.error();
        if (const auto updated = updateRows(*m_database, updates, now, totals); !updated.ok())
            return updated.error();
        if (const auto applied = totals.apply(*m_database); !applied.ok())
            return applied.error();
        if (const auto jobs = m_enrichmentJobs.writeWithRecords(updates, enqueue, now); !jobs.ok())
            return jobs.error();
        for (const IdempotencyWrite &entry : idempotency) {
            if (const auto kept = m_idempotency.upsert(entry.appId, entry.key, entry.entry, now);
                !kept.ok())
                return kept.error();
        }
        return inserted;
    });
    if (!ids.ok())
        return ids.error();

    // Only a committed insert gives the caller its ids; appName is not stored, so keep it.
    inserts = stored;
    return ids;
}

Result<VerificationRecord> VerificationRepository::get(qint64 id)
{
    return VerificationRowMapper::selectOne(*m_database, id);
}

QList<VerificationRecord> VerificationRepository::reload(const QList<VerificationRecord> &records)
{
    QList<VerificationRecord> stored;
    stored.reserve(records.size());
    for (const VerificationRecord &record : records) {
        const auto fresh = get(record.id);
        stored.append(fresh.ok() ? fresh.value() : record);
    }
    return stored;
}

Result<QList<VerificationRecord>>
VerificationRepository::findByVerifyToken(qint64 appId, const QString &verifyToken)
{
    if (appId < 0)
        return VerificationRowMapper::select(
                *m_database, QStringLiteral(" WHERE v.verify_token = ? ORDER BY v.id"),
                {verifyToken});
    return VerificationRowMapper::select(
            *m_database, QStringLiteral(" WHERE v.verify_token = ? AND v.app_id = ? ORDER BY v.id"),
            {verifyToken, appId});
}

Result<QList<VerificationRecord>> VerificationRepository::findByBatch(const QString &batchId)
{
    return VerificationRowMapper::select(
            *m_database, QStringLiteral(" WHERE v.batch_id = ? ORDER BY v.id"), {batchId});
}

Result<QList<VerificationRecord>>
VerificationRepository::findByStatus(const QList<VerificationRecord::Status> &statuses)
{
    if (statuses.isEmpty())
        return QList<VerificationRecord>{};
    QStringList placeholders;
    QVariantList values;
    for (const Status status : statuses) {
        placeholders << QStringLiteral("?");
        values << VerificationRecord::toString(status);
    }
    QString gateway;
    if (!m_gatewayName.isEmpty()) {
        gateway = QStringLiteral(" AND v.gateway_name = ?");
        values << m_gatewayName;
    }
    return VerificationRowMapper::select(
            *m_database,
            QStringLiteral(" WHERE v.verify_status IN (") + placeholders.join(QStringLiteral(", "))
                    + QStringLiteral(")") + gateway + QStringLiteral(" ORDER BY v.id"),
            values);
}

Result<QList<VerificationRecord>> VerificationRepository::findAbandoned(qint64 untouchedSinceMs)
{
    return VerificationRowMapper::select(
            *m_database,
            QStringLiteral(
                    " WHERE v.verify_status IN ('pending', 'unknown') AND v.gateway_name <> ? "
                    "AND ((v.verify_status = 'pending' AND v.updated_at <= ?) OR "
                    "(v.next_resolve_at IS NOT NULL AND v.next_resolve_at <= ?)) "
                    "ORDER BY v.id"),
            {m_gatewayName, untouchedSinceMs, untouchedSinceMs});
}

Result<VerificationPage> VerificationRepository::list(const VerificationFilter &filter, int page,
                                                      int pageSize)
{
    return m_reports.list(filter, page, pageSize);
}

Result<VerificationSummary> VerificationRepository::summary(const SummaryQuery &query)
{
    return m_reports.summary(query);
}

Result<QStringList> VerificationRepository::gatewayNames()
{
    // One index probe per name (idx_verifications_gateway_created leads with it) instead of
    // reading every record: a chain has a few names over millions of records.
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral(
                "WITH RECURSIVE names(name) AS ("
                " SELECT MIN(gateway_name) FROM verifications WHERE gateway_name > ''"
                " UNION ALL SELECT (SELECT MIN(gateway_name) FROM verifications"
                " WHERE gateway_name > names.name) FROM names WHERE names.name IS NOT NULL)"
                " SELECT name FROM names WHERE name IS NOT NULL")))
        return Store::sqlError(QStringLiteral("cannot list the gateways"), query);
    QStringList names;
    while (query.next())
        names << query.value(0).toString();
    return names;
}

Result<qint64> VerificationRepository::enqueueEnrichment(qint64 verificationId, qint64 dueAtMs)
{
    return m_enrichmentJobs.enqueue(verificationId, dueAtMs);
}

Result<QList<EnrichmentJob>> VerificationRepository::dueEnrichmentJobs(qint64 nowMs, int limit)
{
    return m_enrichmentJobs.due(nowMs, limit);
}

Result<QList<EnrichmentJob>> VerificationRepository::claimEnrichmentJobs(qint64 nowMs, int limit,
                                                                         qint64 leaseMs)
{
    return m_enrichmentJobs.claim(nowMs, limit, leaseMs);
}

Result<Done> VerificationRepository::rescheduleEnrichment(qint64 jobId, int attempts,
                                                          qint64 nextAtMs, const QString &lastError)
{
    return m_enrichmentJobs.reschedule(jobId, attempts, nextAtMs, lastError);
}

Result<Done> VerificationRepository::finishEnrichment(qint64 jobId,
                                                      VerificationRecord::Enrichment status)
{
    return m_enrichmentJobs.finish(jobId, status);
}

Result<qint64> VerificationRepository::enrichmentBacklog()
{
    return m_enrichmentJobs.backlog();
}

Result<std::optional<IdempotencyEntry>> VerificationRepository::findIdempotency(qint64 appId,
                                                                                const QString &key)
{
    return m_idempotency.find(appId, key);
}

Result<Done> VerificationRepository::storeIdempotency(qint64 appId, const QString &key,
                                                      const IdempotencyEntry &entry)
{
    QList<VerificationRecord> none;
    if (const auto written = write(none, {}, {}, {{appId, key, entry}}); !written.ok())
        return written.error();
    return Done{};
}

Result<int> VerificationRepository::purgeIdempotency(qint64 olderThanMs)
{
    return m_idempotency.purge(olderThanMs);
}
