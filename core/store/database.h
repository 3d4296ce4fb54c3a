#pragma once

#include <memory>

#include <QSqlDatabase>
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

    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    QSqlDatabase &connection() { return m_db; }
    QString filePath() const { return m_db.databaseName(); }
    int schemaVersion() const { return m_schemaVersion; }

    // A cheap query that fails when the file has become unusable.
    Result<Done> check();

private:
    Database(QSqlDatabase db, QString connectionName);

    QSqlDatabase m_db;
    QString m_connectionName;
    int m_schemaVersion = 0;
};
