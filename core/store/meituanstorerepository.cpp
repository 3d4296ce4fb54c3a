#include "core/store/meituanstorerepository.h"

#include <QSqlError>
#include <QSqlQuery>

#include "core/crypto/secretbox.h"
#include "core/logging/categories.h"
#include "core/store/database.h"
#include "core/store/namedlock.h"

namespace {

constexpr char ACCESS_CONTEXT[] = "meituan.access_token";
constexpr char REFRESH_CONTEXT[] = "meituan.refresh_token";

const QString COLUMNS = QStringLiteral(
        "poi_id, op_biz_code, developer_id, access_token_sealed, refresh_token_sealed, "
        "expires_at, refresh_expires_at, scope, bound_at, refreshed_at, refresh_error, "
        "refresh_failed_at");

Error storageError(const QString &what, const QSqlQuery &query)
{
    return Error{ErrorCode::Storage, what + QStringLiteral(": ") + query.lastError().text()};
}

} // namespace

MeituanStoreRepository::MeituanStoreRepository(Database *database, const SecretBox *box)
    : m_database(database),
      m_box(box)
{
}

namespace {

std::optional<MeituanStore> fromRow(const QSqlQuery &query, const SecretBox *box)
{
    const auto access = box->open(query.value(3).toByteArray(), ACCESS_CONTEXT);
    const auto refresh = box->open(query.value(4).toByteArray(), REFRESH_CONTEXT);
    if (!access.ok() || !refresh.ok()) {
        qCWarning(lcMeituan) << "the Meituan tokens of store" << query.value(0).toString()
                             << "cannot be opened (another master key?); bind it again";
        return std::nullopt;
    }
    MeituanStore store;
    store.poiId = query.value(0).toString();
    store.opBizCode = query.value(1).toString();
    store.developerId = query.value(2).toLongLong();
    store.accessToken = QString::fromUtf8(access.value());
    store.refreshToken = QString::fromUtf8(refresh.value());
    store.expiresAt = query.value(5).toLongLong();
    store.refreshExpiresAt = query.value(6).toLongLong();
    store.scope = query.value(7).toString();
    store.boundAt = query.value(8).toLongLong();
    store.refreshedAt = query.value(9).toLongLong();
    store.refreshError = query.value(10).toString();
    store.refreshFailedAt = query.value(11).toLongLong();
    return store;
}

} // namespace

std::optional<MeituanStore> MeituanStoreRepository::load(const QString &poiId) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT %1 FROM meituan_stores WHERE poi_id = ?").arg(COLUMNS));
    query.addBindValue(poiId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return fromRow(query, m_box);
}

Result<QList<MeituanStore>> MeituanStoreRepository::list() const
{
    QSqlQuery query(m_database->connection());
    if (!query.exec(QStringLiteral("SELECT %1 FROM meituan_stores ORDER BY poi_id").arg(COLUMNS)))
        return storageError(QStringLiteral("cannot list the Meituan stores"), query);
    QList<MeituanStore> stores;
    while (query.next()) {
        if (auto store = fromRow(query, m_box))
            stores.append(std::move(*store));
    }
    return stores;
}

Result<Done> MeituanStoreRepository::save(const MeituanStore &store)
{
    const auto access = m_box->seal(store.accessToken.toUtf8(), ACCESS_CONTEXT);
    const auto refresh = m_box->seal(store.refreshToken.toUtf8(), REFRESH_CONTEXT);
    if (!access.ok())
        return access.error();
    if (!refresh.ok())
        return refresh.error();
    QSqlQuery query(m_database->connection());
    // Portable upsert: SQLite and PostgreSQL both speak ON CONFLICT … DO UPDATE.
    query.prepare(
            QStringLiteral("INSERT INTO meituan_stores (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                           "NULL, NULL) "
                           "ON CONFLICT (poi_id) DO UPDATE SET op_biz_code = excluded.op_biz_code, "
                           "developer_id = excluded.developer_id, "
                           "access_token_sealed = excluded.access_token_sealed, "
                           "refresh_token_sealed = excluded.refresh_token_sealed, "
                           "expires_at = excluded.expires_at, refresh_expires_at = "
                           "excluded.refresh_expires_at, "
                           "scope = excluded.scope, bound_at = excluded.bound_at, "
                           "refreshed_at = excluded.refreshed_at, refresh_error = NULL, "
                           "refresh_failed_at = NULL")
                    .arg(COLUMNS));
    for (const QVariant &value :
         {QVariant(store.poiId), QVariant(store.opBizCode), QVariant(store.developerId),
          QVariant(access.value()), QVariant(refresh.value()), QVariant(store.expiresAt),
          QVariant(store.refreshExpiresAt), QVariant(store.scope), QVariant(store.boundAt),
          QVariant(store.refreshedAt)})
        query.addBindValue(value);
    if (!query.exec())
        return storageError(QStringLiteral("cannot store the Meituan store %1").arg(store.poiId),
                            query);
    return Done{};
}

Result<Done> MeituanStoreRepository::saveRefreshFailure(const QString &poiId, const QString &reason,
                                                        qint64 at)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("UPDATE meituan_stores SET refresh_error = ?, "
                                 "refresh_failed_at = ? WHERE poi_id = ?"));
    query.addBindValue(reason);
    query.addBindValue(at);
    query.addBindValue(poiId);
    if (!query.exec())
        return storageError(QStringLiteral("cannot note the refresh failure of %1").arg(poiId),
                            query);
    return Done{};
}

Result<Done> MeituanStoreRepository::remove(const QString &poiId)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("DELETE FROM meituan_stores WHERE poi_id = ?"));
    query.addBindValue(poiId);
    if (!query.exec())
        return storageError(QStringLiteral("cannot unbind the Meituan store %1").arg(poiId), query);
    return Done{};
}

Result<bool> MeituanStoreRepository::tryLeadRefresh(const QString &poiId)
{
    return NamedLock::tryAcquire(m_database, QStringLiteral("meituan_stores:") + poiId);
}

void MeituanStoreRepository::endRefresh(const QString &poiId)
{
    NamedLock::release(m_database, QStringLiteral("meituan_stores:") + poiId);
}
