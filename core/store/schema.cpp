#include "core/store/schema.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

#include "core/logging/categories.h"

namespace {

Error sqlError(const QString &what, const QSqlError &error)
{
    return makeError(ErrorCode::Storage, what + QStringLiteral(": ") + error.text());
}

bool isSqlite(const QSqlDatabase &db)
{
    return db.driverName() == u"QSQLITE";
}

} // namespace

namespace Schema {

QString dialect(const QSqlDatabase &db, QString statement)
{
    const bool sqlite = isSqlite(db);
    statement.replace(QStringLiteral("{{ID}}"),
                      sqlite ? QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")
                             : QStringLiteral("BIGSERIAL PRIMARY KEY"));
    statement.replace(QStringLiteral("{{BLOB}}"),
                      sqlite ? QStringLiteral("BLOB") : QStringLiteral("BYTEA"));
    statement.replace(QStringLiteral("{{NOW}}"),
                      QString::number(QDateTime::currentMSecsSinceEpoch()));
    return statement;
}

Result<int> currentVersion(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                   " version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                                   " applied_at BIGINT NOT NULL)")))
        return sqlError(QStringLiteral("cannot create schema_migrations"), query.lastError());
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))
        || !query.next())
        return sqlError(QStringLiteral("cannot read the schema version"), query.lastError());
    return query.value(0).toInt();
}

Result<Done> migrate(QSqlDatabase &db, int targetVersion)
{
    if (targetVersion < 0)
        targetVersion = latestVersion();

    QSqlQuery query(db);
    // IMMEDIATE takes SQLite's write lock before the version is read, so two processes
    // starting on one file cannot both apply the same step.
    const bool begun =
            isSqlite(db) ? query.exec(QStringLiteral("BEGIN IMMEDIATE")) : db.transaction();
    if (!begun)
        return sqlError(QStringLiteral("cannot start the migration"), query.lastError());

    const auto rollback = [&db, &query](Error error) {
        if (isSqlite(db))
            query.exec(QStringLiteral("ROLLBACK"));
        else
            db.rollback();
        return error;
    };

    const auto current = currentVersion(db);
    if (!current.ok())
        return rollback(current.error());
    if (current.value() > latestVersion()) {
        return rollback(makeError(
                ErrorCode::NewerDatabase,
                QStringLiteral("%1 was written by a newer dy-gateway (schema version %2; this "
                               "program knows up to %3): upgrade dy-gateway or use another "
                               "--data-dir")
                        .arg(db.databaseName())
                        .arg(current.value())
                        .arg(latestVersion())));
    }

    for (const Migration &step : migrations()) {
        if (step.version <= current.value() || step.version > targetVersion)
            continue;
        for (const QString &statement : step.statements) {
            if (!query.exec(dialect(db, statement)))
                return rollback(sqlError(QStringLiteral("migration %1 failed").arg(step.version),
                                         query.lastError()));
        }
        query.prepare(QStringLiteral("INSERT INTO schema_migrations (version, description, "
                                     "applied_at) VALUES (?, ?, ?)"));
        query.addBindValue(step.version);
        query.addBindValue(QString::fromUtf8(step.description));
        query.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!query.exec())
            return rollback(sqlError(QStringLiteral("cannot record migration %1").arg(step.version),
                                     query.lastError()));
        qCInfo(lcStore) << "applied migration" << step.version << step.description;
    }

    const bool committed = isSqlite(db) ? query.exec(QStringLiteral("COMMIT")) : db.commit();
    if (!committed)
        return rollback(sqlError(QStringLiteral("cannot commit the migration"), query.lastError()));
    return Done{};
}

} // namespace Schema
