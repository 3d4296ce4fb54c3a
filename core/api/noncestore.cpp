#include "core/api/noncestore.h"

#include <QSqlError>
#include <QSqlQuery>

#include "core/store/database.h"

namespace {

constexpr qint64 PURGE_EVERY_MS = 60 * 1000;

} // namespace

NonceStore::NonceStore(std::unique_ptr<Database> database) : m_database(std::move(database)) { }

NonceStore::~NonceStore() = default;

Result<std::unique_ptr<NonceStore>> NonceStore::open(const QString &databaseFile)
{
    auto database = Database::open(databaseFile);
    if (!database.ok())
        return database.error();
    QSqlQuery query(database.value()->connection());
    if (!query.exec(QStringLiteral("PRAGMA synchronous=NORMAL")))
        return makeError(ErrorCode::Storage, query.lastError().text());
    return std::unique_ptr<NonceStore>(new NonceStore(std::move(database).value()));
}

Result<bool> NonceStore::remember(qint64 appId, const QString &nonce, qint64 nowMs)
{
    if (nowMs - m_lastPurgeMs > PURGE_EVERY_MS) {
        m_lastPurgeMs = nowMs;
        if (const auto purged = purge(nowMs); !purged.ok())
            return purged.error();
    }
    QSqlQuery query(m_database->connection());
    // A row older than the window may still be there until the next purge: it does not count.
    query.prepare(QStringLiteral("INSERT INTO api_nonces (app_id, nonce, seen_at) VALUES (?, ?, ?) "
                                 "ON CONFLICT (app_id, nonce) DO UPDATE SET seen_at = "
                                 "excluded.seen_at WHERE api_nonces.seen_at < ?"));
    query.addBindValue(appId);
    query.addBindValue(nonce);
    query.addBindValue(nowMs);
    query.addBindValue(nowMs - WINDOW_MS);
    if (!query.exec())
        return makeError(ErrorCode::Storage, query.lastError().text());
    return query.numRowsAffected() == 1;
}

Result<int> NonceStore::purge(qint64 nowMs)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("DELETE FROM api_nonces WHERE seen_at < ?"));
    query.addBindValue(nowMs - WINDOW_MS);
    if (!query.exec())
        return makeError(ErrorCode::Storage, query.lastError().text());
    return query.numRowsAffected();
}
