#include "core/api/noncestore.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include "core/store/database.h"
#include "core/store/databaseurl.h"

namespace {

constexpr qint64 PURGE_EVERY_MS = 60 * 1000;

} // namespace

NonceStore::NonceStore(std::unique_ptr<Database> database) : m_database(std::move(database)) { }

NonceStore::~NonceStore() = default;

Result<std::unique_ptr<NonceStore>> NonceStore::open(const QString &databaseFile)
{
    // On a server every gateway must see every nonce: they stay in the shared database's
    // api_nonces (migration 3), on a connection of their own.
    if (DatabaseUrl::isServerUrl(databaseFile)) {
        auto shared = Database::open(databaseFile);
        if (!shared.ok())
            return shared.error();
        return std::unique_ptr<NonceStore>(new NonceStore(std::move(shared).value()));
    }
    auto database = Database::openWithoutSchema(
            QFileInfo(databaseFile).dir().filePath(QString::fromLatin1(FILE_NAME)));
    if (!database.ok())
        return database.error();
    QSqlQuery query(database.value()->connection());
    const auto failed = [&query] {
        return makeError(ErrorCode::Storage,
                         QStringLiteral("nonce store: ") + query.lastError().text());
    };
    // The main schema's table (migration 3) without its foreign key: the apps are in the
    // other file.
    for (const char *sql :
         {"PRAGMA synchronous=NORMAL",
          "CREATE TABLE IF NOT EXISTS api_nonces (app_id BIGINT NOT NULL, nonce TEXT NOT NULL,"
          " seen_at BIGINT NOT NULL, PRIMARY KEY (app_id, nonce))",
          "CREATE INDEX IF NOT EXISTS idx_api_nonces_seen ON api_nonces (seen_at)"}) {
        if (!query.exec(QString::fromLatin1(sql)))
            return failed();
    }

    // Nonces an older version wrote to the main database still count until they expire.
    const auto run = [&query](const QString &sql, const QVariantList &values = {}) {
        query.finish();
        if (!query.prepare(sql))
            return false;
        for (const QVariant &value : values)
            query.addBindValue(value);
        return query.exec();
    };
    const qint64 windowStart = QDateTime::currentMSecsSinceEpoch() - WINDOW_MS;
    if (!run(QStringLiteral("ATTACH DATABASE ? AS records"), {databaseFile})
        || !run(QStringLiteral("SELECT COUNT(*) FROM records.sqlite_master "
                               "WHERE type = 'table' AND name = 'api_nonces'"))
        || !query.next())
        return failed();
    if (query.value(0).toInt() > 0) {
        if (!run(QStringLiteral("INSERT INTO main.api_nonces (app_id, nonce, seen_at) "
                                "SELECT app_id, nonce, seen_at FROM records.api_nonces "
                                "WHERE seen_at >= ? ON CONFLICT DO NOTHING"),
                 {windowStart})
            || !run(QStringLiteral("DELETE FROM records.api_nonces WHERE seen_at < ?"),
                    {windowStart}))
            return failed();
    }
    if (!run(QStringLiteral("DETACH DATABASE records")))
        return failed();
    query.finish();
    return std::unique_ptr<NonceStore>(new NonceStore(std::move(database).value()));
}

Result<bool> NonceStore::remember(qint64 appId, const QString &nonce, qint64 nowMs)
{
    if (nowMs - m_lastPurgeMs > PURGE_EVERY_MS) {
        m_lastPurgeMs = nowMs;
        if (const auto purged = purge(nowMs); !purged.ok())
            return purged.error();
    }
    // A row older than the window may still be there until the next purge: it does not count.
    // Two gateways racing for one nonce: the second waits for the first's row, then its
    // ON CONFLICT ... WHERE changes nothing.
    return m_database->write<bool>([&]() -> Result<bool> {
        const auto prepared = m_database->prepared(
                QStringLiteral("INSERT INTO api_nonces (app_id, nonce, seen_at) VALUES (?, ?, ?) "
                               "ON CONFLICT (app_id, nonce) DO UPDATE SET seen_at = "
                               "excluded.seen_at WHERE api_nonces.seen_at < ?"));
        if (!prepared.ok())
            return prepared.error();
        QSqlQuery &query = *prepared.value();
        query.addBindValue(appId);
        query.addBindValue(nonce);
        query.addBindValue(nowMs);
        query.addBindValue(nowMs - WINDOW_MS);
        if (!query.exec())
            return makeError(ErrorCode::Storage, query.lastError().text());
        return query.numRowsAffected() == 1;
    });
}

Result<int> NonceStore::purge(qint64 nowMs)
{
    return m_database->write<int>([&]() -> Result<int> {
        QSqlQuery query(m_database->connection());
        query.prepare(QStringLiteral("DELETE FROM api_nonces WHERE seen_at < ?"));
        query.addBindValue(nowMs - WINDOW_MS);
        if (!query.exec())
            return makeError(ErrorCode::Storage, query.lastError().text());
        return query.numRowsAffected();
    });
}
