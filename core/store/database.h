#pragma once

#include <map>
#include <memory>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include "core/result.h"

// One SQLite connection, owned by the thread that opened it (Qt Sql connections must not
// cross threads). Opening applies the pragmas every writer relies on and migrates the schema.
class Database
{
public:
    static constexpr auto FILE_NAME = "dy-gateway.sqlite";
    static constexpr int BUSY_TIMEOUT_MS = 5000;

    // Opens (creating if needed) dir/dy-gateway.sqlite for the calling thread.
    static Result<std::unique_ptr<Database>> openInDir(const QString &dir);
    // Opens the file; migrates to targetVersion (-1: latest). Tests use older targets.
    static Result<std::unique_ptr<Database>> open(const QString &filePath, int targetVersion = -1);
    // Opens a file with the same pragmas but none of the schema, for a store that keeps its own
    // tables in a file of its own (NonceStore).
    static Result<std::unique_ptr<Database>> openWithoutSchema(const QString &filePath);

    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    QSqlDatabase &connection() { return m_db; }
    QString filePath() const { return m_db.databaseName(); }
    int schemaVersion() const { return m_schemaVersion; }

    // A cheap query that fails when the file has become unusable.
    Result<Done> check();

    // The statement prepared once for this text and kept: SQLite parses a 40-column INSERT or
    // UPDATE in more time than it takes to run it. A cached SELECT must be read to the end or
    // finish()ed, or it keeps its read transaction open.
    Result<std::shared_ptr<QSqlQuery>> prepared(const QString &sql);

private:
    Database(QSqlDatabase db, QString connectionName);

    QSqlDatabase m_db;
    std::map<QString, std::shared_ptr<QSqlQuery>> m_statements;
    QString m_connectionName;
    int m_schemaVersion = 0;
};
