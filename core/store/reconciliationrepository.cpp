#include "core/store/reconciliationrepository.h"

#include <QJsonDocument>
#include <QSqlQuery>

#include "core/store/database.h"
#include "core/store/store.h"
#include "core/store/verificationrowmapper.h"

namespace {

// '' rather than NULL: the key columns are NOT NULL and '' means every store.
QString keyText(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QVariant nullableLong(std::optional<qint64> value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

// "AND poi_id = ? AND platform = ?" for what is given, with its values.
QString scope(const QString &poiId, std::optional<PlatformId> platform, QVariantList &values)
{
    QString sql;
    if (!poiId.isEmpty()) {
        sql += QStringLiteral(" AND poi_id = ?");
        values << poiId;
    }
    if (platform) {
        sql += QStringLiteral(" AND platform = ?");
        values << Platforms::toString(*platform);
    }
    return sql;
}

Result<Done> insertRows(Database &database, const QList<HistoryRow> &rows, const QString &date)
{
    const auto prepared = database.prepared(QStringLiteral(
            "INSERT INTO reconciliation_rows (platform, poi_id, business_date, certificate_id, "
            "verify_id, code, verify_time, status, cancel_time, product_name, pay_amount, "
            "receipt_amount, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING"));
    if (!prepared.ok())
        return prepared.error();
    QSqlQuery &insert = *prepared.value();
    for (const HistoryRow &row : rows) {
        const QVariantList values{
                Platforms::toString(row.platform),
                keyText(row.poiId),
                date,
                row.certificateId,
                row.verifyId,
                row.code.isNull() ? QStringLiteral("") : row.code,
                row.verifyTime,
                HistoryRow::toString(row.status),
                row.cancelTime ? QVariant(row.cancelTime) : QVariant(QMetaType::fromType<qint64>()),
                row.productName.isNull() ? QStringLiteral("") : row.productName,
                row.payAmount,
                nullableLong(row.receiptAmount),
                QString::fromUtf8(QJsonDocument(row.raw).toJson(QJsonDocument::Compact)),
        };
        if (!Store::execWith(insert, values))
            return Store::sqlError(QStringLiteral("cannot store a reconciliation row"), insert);
    }
    return Done{};
}

} // namespace

ReconciliationRepository::ReconciliationRepository(Database *database) : m_database(database) { }

Result<bool> ReconciliationRepository::claim(PlatformId platform, const QString &poiId,
                                             const QDate &date, const QString &gateway,
                                             qint64 nowMs, qint64 leaseMs)
{
    const QVariantList key{Platforms::toString(platform), keyText(poiId),
                           date.toString(Qt::ISODate)};
    return m_database->write<bool>([&]() -> Result<bool> {
        QSqlQuery query(m_database->connection());
        query.prepare(QStringLiteral("INSERT INTO reconciliation_runs (platform, poi_id, "
                                     "business_date) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
        if (!Store::execWith(query, key))
            return Store::sqlError(QStringLiteral("cannot create a reconciliation run"), query);
        // The UPDATE's condition is the claim: of two gateways, one changes the row.
        query.prepare(QStringLiteral("UPDATE reconciliation_runs SET claimed_by = ?, "
                                     "lease_until = ? WHERE platform = ? AND poi_id = ? AND "
                                     "business_date = ? AND (lease_until IS NULL OR "
                                     "lease_until <= ?)"));
        if (!Store::execWith(query,
                             QVariantList{gateway, nowMs + leaseMs} + key + QVariantList{nowMs}))
            return Store::sqlError(QStringLiteral("cannot claim a reconciliation run"), query);
        return query.numRowsAffected() == 1;
    });
}

Result<Done> ReconciliationRepository::storeFetch(PlatformId platform, const QString &poiId,
                                                  const QDate &date, const QList<HistoryRow> &rows,
                                                  qint64 fetchedAtMs, bool complete)
{
    const QString day = date.toString(Qt::ISODate);
    const QVariantList key{Platforms::toString(platform), keyText(poiId), day};
    return m_database->write<Done>([&]() -> Result<Done> {
        QSqlQuery query(m_database->connection());
        // A fetch of every store ('') replaces the rows of every store.
        query.prepare(QStringLiteral("DELETE FROM reconciliation_rows WHERE platform = ? AND "
                                     "(poi_id = ? OR ? = '') AND business_date = ?"));
        if (!Store::execWith(query, {key.at(0), key.at(1), key.at(1), day}))
            return Store::sqlError(QStringLiteral("cannot replace the reconciliation rows"), query);
        if (const auto inserted = insertRows(*m_database, rows, day); !inserted.ok())
            return inserted;
        query.prepare(QStringLiteral("UPDATE reconciliation_runs SET fetched_at = ?, complete = ?, "
                                     "row_count = ?, last_error = NULL, claimed_by = NULL, "
                                     "lease_until = NULL WHERE platform = ? AND poi_id = ? AND "
                                     "business_date = ?"));
        if (!Store::execWith(query, QVariantList{fetchedAtMs, complete ? 1 : 0, rows.size()} + key))
            return Store::sqlError(QStringLiteral("cannot finish a reconciliation run"), query);
        return Done{};
    });
}

Result<Done> ReconciliationRepository::release(PlatformId platform, const QString &poiId,
                                               const QDate &date, const QString &error)
{
    const QVariantList values{error, Platforms::toString(platform), keyText(poiId),
                              date.toString(Qt::ISODate)};
    return m_database->write<Done>([&]() -> Result<Done> {
        QSqlQuery query(m_database->connection());
        query.prepare(QStringLiteral("UPDATE reconciliation_runs SET last_error = ?, "
                                     "claimed_by = NULL, lease_until = NULL WHERE platform = ? "
                                     "AND poi_id = ? AND business_date = ?"));
        if (!Store::execWith(query, values))
            return Store::sqlError(QStringLiteral("cannot release a reconciliation run"), query);
        return Done{};
    });
}

Result<QList<ReconciliationRepository::Run>>
ReconciliationRepository::runs(const QDate &date, const QString &poiId,
                               std::optional<PlatformId> platform) const
{
    QVariantList values{date.toString(Qt::ISODate)};
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT platform, poi_id, fetched_at, complete, row_count, "
                                 "last_error, claimed_by, lease_until FROM reconciliation_runs "
                                 "WHERE business_date = ?")
                  + scope(poiId, platform, values) + QStringLiteral(" ORDER BY platform, poi_id"));
    if (!Store::execWith(query, values))
        return Store::sqlError(QStringLiteral("cannot read the reconciliation runs"), query);
    QList<Run> runs;
    while (query.next()) {
        Run run;
        run.platform =
                Platforms::fromString(query.value(0).toString()).value_or(PlatformId::Douyin);
        run.poiId = query.value(1).toString();
        run.date = date;
        if (!query.value(2).isNull())
            run.fetchedAt = query.value(2).toLongLong();
        run.complete = query.value(3).toInt() != 0;
        run.rowCount = query.value(4).toInt();
        run.lastError = query.value(5).toString();
        run.claimedBy = query.value(6).toString();
        if (!query.value(7).isNull())
            run.leaseUntil = query.value(7).toLongLong();
        runs.append(run);
    }
    return runs;
}

Result<QList<HistoryRow>> ReconciliationRepository::rows(const QDate &date, const QString &poiId,
                                                         std::optional<PlatformId> platform) const
{
    QVariantList values{date.toString(Qt::ISODate)};
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT platform, poi_id, certificate_id, verify_id, code, "
                                 "verify_time, status, cancel_time, product_name, pay_amount, "
                                 "receipt_amount, raw FROM reconciliation_rows WHERE "
                                 "business_date = ?")
                  + scope(poiId, platform, values)
                  + QStringLiteral(" ORDER BY verify_time, verify_id"));
    if (!Store::execWith(query, values))
        return Store::sqlError(QStringLiteral("cannot read the reconciliation rows"), query);
    QList<HistoryRow> rows;
    while (query.next()) {
        HistoryRow row;
        row.platform =
                Platforms::fromString(query.value(0).toString()).value_or(PlatformId::Douyin);
        row.poiId = query.value(1).toString();
        row.certificateId = query.value(2).toString();
        row.verifyId = query.value(3).toString();
        row.code = query.value(4).toString();
        row.verifyTime = query.value(5).toLongLong();
        row.status = HistoryRow::statusFromString(query.value(6).toString());
        row.cancelTime = query.value(7).toLongLong();
        row.productName = query.value(8).toString();
        row.payAmount = query.value(9).toLongLong();
        if (!query.value(10).isNull())
            row.receiptAmount = query.value(10).toLongLong();
        row.raw = QJsonDocument::fromJson(query.value(11).toByteArray()).object();
        rows.append(row);
    }
    return rows;
}

Result<QList<VerificationRecord>> ReconciliationRepository::localRecords(const QDate &date,
                                                                         PlatformId platform,
                                                                         const QString &poiId) const
{
    QVariantList values{date.toString(Qt::ISODate), Platforms::toString(platform)};
    QString where = QStringLiteral(" WHERE v.business_date = ? AND v.platform = ?");
    if (!poiId.isEmpty()) {
        where += QStringLiteral(" AND v.poi_id = ?");
        values << poiId;
    }
    return VerificationRowMapper::select(*m_database, where + QStringLiteral(" ORDER BY v.id"),
                                         values);
}
