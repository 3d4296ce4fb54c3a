#include "core/store/idempotencyrepository.h"

#include <QSqlQuery>
#include <QVariant>

#include "core/store/database.h"
#include "core/store/store.h"

using Store::execWith;
using Store::sqlError;

IdempotencyRepository::IdempotencyRepository(Database *database) : m_database(database) { }

Result<std::optional<IdempotencyEntry>> IdempotencyRepository::find(qint64 appId,
                                                                    const QString &key)
{
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT fingerprint, http_status, response_body, created_at "
                                 "FROM idempotency_keys WHERE app_id = ? AND idempotency_key = ?"));
    if (!execWith(query, {appId, key}))
        return sqlError(QStringLiteral("cannot read idempotency key"), query);
    if (!query.next())
        return std::optional<IdempotencyEntry>();
    IdempotencyEntry entry;
    entry.fingerprint = query.value(0).toString();
    entry.httpStatus = Store::optionalInt(query.value(1));
    entry.responseBody = query.value(2).toString().toUtf8();
    entry.createdAt = query.value(3).toLongLong();
    return std::optional<IdempotencyEntry>(entry);
}

Result<Done> IdempotencyRepository::upsert(qint64 appId, const QString &key,
                                           const IdempotencyEntry &entry, qint64 now)
{
    // The WHERE makes a different fingerprint change nothing, which the row count reveals.
    const auto prepared = m_database->prepared(QStringLiteral(
            "INSERT INTO idempotency_keys (app_id, idempotency_key, fingerprint, http_status, "
            "response_body, created_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (app_id, idempotency_key) DO UPDATE SET "
            "http_status = excluded.http_status, response_body = excluded.response_body "
            "WHERE idempotency_keys.fingerprint = excluded.fingerprint"));
    if (!prepared.ok())
        return prepared.error();
    QSqlQuery &query = *prepared.value();
    const QVariant body = entry.responseBody.isNull()
            ? QVariant(QMetaType::fromType<QString>())
            : QVariant(QString::fromUtf8(entry.responseBody));
    const qint64 createdAt = entry.createdAt != 0 ? entry.createdAt : now;
    if (!execWith(query,
                  {appId, key, entry.fingerprint, Store::nullable(entry.httpStatus), body,
                   createdAt}))
        return sqlError(QStringLiteral("cannot store idempotency key"), query);
    if (query.numRowsAffected() == 0) {
        return makeError(
                ErrorCode::Conflict,
                QStringLiteral("idempotency key %1 was used for another request").arg(key));
    }
    return Done{};
}

Result<int> IdempotencyRepository::purge(qint64 olderThanMs)
{
    return m_database->write<int>([&]() -> Result<int> {
        QSqlQuery query(m_database->connection());
        query.prepare(QStringLiteral("DELETE FROM idempotency_keys WHERE created_at < ?"));
        if (!execWith(query, {olderThanMs}))
            return sqlError(QStringLiteral("cannot purge idempotency keys"), query);
        return query.numRowsAffected();
    });
}
