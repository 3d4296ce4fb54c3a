#pragma once

#include <functional>
#include <map>
#include <memory>

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include "core/result.h"
#include "core/store/sqldialect.h"
#include "core/store/writetransaction.h"

// One connection, owned by the thread that opened it (Qt Sql connections must not cross
// threads), to either a SQLite file (the embedded default) or a PostgreSQL server (chain mode:
// several gateways on one database). Opening applies what every writer relies on (SQLite's
// pragmas) and migrates the schema.
//
// On PostgreSQL the connection can drop while the program runs. connection() and check()
// notice it and reconnect when the server is back, and write() runs a transaction whose
// connection dropped once more on the new one; nothing is written half, because every write is
// one transaction.
class Database
{
public:
    static constexpr auto FILE_NAME = "dy-gateway.sqlite";
    static constexpr int BUSY_TIMEOUT_MS = 5000;

    // Opens (creating if needed) dir/dy-gateway.sqlite for the calling thread.
    static Result<std::unique_ptr<Database>> openInDir(const QString &dir);
    // Opens a SQLite file or a postgresql:// URL (DatabaseUrl); migrates to targetVersion (-1:
    // latest). Tests use older targets.
    static Result<std::unique_ptr<Database>> open(const QString &location, int targetVersion = -1);
    // Opens with the same settings but none of the schema, for a store that keeps its own
    // tables in a file of its own (NonceStore on SQLite).
    static Result<std::unique_ptr<Database>> openWithoutSchema(const QString &location);

    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // On PostgreSQL, outside a transaction, first makes sure the server still answers (at most
    // once per PING_INTERVAL_MS) and reconnects if it does not.
    QSqlDatabase &connection();
    // The file path or URL it was opened with (with a URL's password: RecordCommitter opens
    // its own connection from it). Never log it; log displayName().
    QString filePath() const { return m_location; }
    QString location() const { return m_location; }
    QString displayName() const { return m_displayName; }
    const SqlDialect &dialect() const { return m_dialect; }
    // The gateway a server URL names (DatabaseUrl::gatewayName()); '' on SQLite, where one
    // gateway owns the file. New records carry it (VerificationRepository).
    QString gatewayName() const { return m_gatewayName; }
    int schemaVersion() const { return m_schemaVersion; }

    // A cheap query that fails when the database has become unusable or unreachable; on
    // PostgreSQL a failure first tries to reconnect.
    Result<Done> check();

    // The statement prepared once for this text and kept: SQLite parses a 40-column INSERT or
    // UPDATE in more time than it takes to run it. A cached SELECT must be read to the end or
    // finish()ed, or it keeps its read transaction open.
    Result<std::shared_ptr<QSqlQuery>> prepared(const QString &sql);

    // Runs body inside one write transaction and commits it. On PostgreSQL, a body or BEGIN
    // that failed because the connection dropped runs once more after reconnecting. A COMMIT
    // whose answer was lost is not repeated (it may have been applied): it fails with a
    // Storage error saying so.
    template <typename T>
    Result<T> write(const std::function<Result<T>()> &body);

    // True when the connection was lost and is back now (so a failed step may be repeated).
    // Only on PostgreSQL and outside a transaction.
    bool recoverConnection();

    // WriteTransaction's bookkeeping: no reconnect while a transaction is open.
    void setTransactionOpen(bool open) { m_transactionOpen = open; }

private:
    static constexpr qint64 PING_INTERVAL_MS = 1000;

    Database(QSqlDatabase db, QString connectionName, QString location, QString displayName);
    static Result<std::unique_ptr<Database>> openServer(const QString &url);
    static Result<std::unique_ptr<Database>> openFile(const QString &filePath);
    template <typename T>
    Result<T> writeAttempts(const std::function<Result<T>()> &body);
    // /metrics: how long one write() took, its transaction and retry included.
    static void noteWrite(qint64 nanoseconds, bool ok);
    bool answers();
    bool reconnect();
    void quietNotices();

    QSqlDatabase m_db;
    std::map<QString, std::shared_ptr<QSqlQuery>> m_statements;
    QString m_connectionName;
    QString m_location;
    QString m_displayName;
    QString m_gatewayName;
    SqlDialect m_dialect;
    int m_schemaVersion = 0;
    bool m_transactionOpen = false;
    qint64 m_lastPingMs = 0;
};

template <typename T>
Result<T> Database::write(const std::function<Result<T>()> &body)
{
    QElapsedTimer timer;
    timer.start();
    Result<T> result = writeAttempts(body);
    noteWrite(timer.nsecsElapsed(), result.ok());
    return result;
}

template <typename T>
Result<T> Database::writeAttempts(const std::function<Result<T>()> &body)
{
    for (int attempt = 0;; ++attempt) {
        Error failure;
        {
            WriteTransaction transaction(*this);
            if (const auto begun = transaction.begin(); !begun.ok()) {
                failure = begun.error();
            } else if (auto result = body(); !result.ok()) {
                failure = result.error();
            } else if (const auto committed = transaction.commit(); committed.ok()) {
                return result;
            } else {
                if (m_dialect.isPostgresql() && !answers()) {
                    return makeError(ErrorCode::Storage,
                                     QStringLiteral("database unavailable: the connection "
                                                    "dropped during COMMIT, the write may or "
                                                    "may not be stored (%1)")
                                             .arg(committed.error().message));
                }
                return committed.error();
            }
        } // rolled back here
        if (attempt > 0 || failure.code != ErrorCode::Storage || !recoverConnection())
            return failure;
    }
}
