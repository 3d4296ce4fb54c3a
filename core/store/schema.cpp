#include "core/store/schema.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

#include "core/logging/categories.h"
#include "core/store/database.h"
#include "core/store/sqldialect.h"

namespace {

Error sqlError(const QString &what, const QSqlError &error)
{
    return makeError(ErrorCode::Storage, what + QStringLiteral(": ") + error.text());
}

Error newerDatabase(const Database &database, int found)
{
    const bool server = database.dialect().isPostgresql();
    return makeError(
            ErrorCode::NewerDatabase,
            QStringLiteral("%1 was written by a newer dy-gateway (schema version %2; "
                           "this program knows up to %3): upgrade dy-gateway or use "
                           "another %4")
                    .arg(database.displayName())
                    .arg(found)
                    .arg(Schema::latestVersion())
                    .arg(server ? QStringLiteral("--database") : QStringLiteral("--data-dir")));
}

// Inside the migration's transaction.
Result<Done> applySteps(QSqlDatabase &db, const SqlDialect &dialect, int from, int to)
{
    QSqlQuery query(db);
    for (const Schema::Migration &step : Schema::migrations()) {
        if (step.version <= from || step.version > to)
            continue;
        for (const QString &statement : step.statements) {
            if (!query.exec(dialect.schema(statement)))
                return sqlError(QStringLiteral("migration %1 failed").arg(step.version),
                                query.lastError());
        }
        query.prepare(QStringLiteral("INSERT INTO schema_migrations (version, description, "
                                     "applied_at) VALUES (?, ?, ?)"));
        query.addBindValue(step.version);
        query.addBindValue(QString::fromUtf8(step.description));
        query.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!query.exec())
            return sqlError(QStringLiteral("cannot record migration %1").arg(step.version),
                            query.lastError());
        qCInfo(lcStore) << "applied migration" << step.version << step.description;
    }
    return Done{};
}

} // namespace

namespace Schema {

QString dialect(const QSqlDatabase &db, QString statement)
{
    return SqlDialect::of(db).schema(std::move(statement));
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

Result<Done> migrate(Database &database, int targetVersion)
{
    if (targetVersion < 0)
        targetVersion = latestVersion();
    const SqlDialect &dialect = database.dialect();
    // The write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock) is taken
    // before the version is read, so two gateways starting on one database cannot both apply
    // the same step.
    return database.write<Done>([&]() -> Result<Done> {
        QSqlDatabase &db = database.connection();
        if (const QString lock = dialect.migrationLock(); !lock.isEmpty()) {
            QSqlQuery query(db);
            if (!query.exec(lock))
                return sqlError(QStringLiteral("cannot lock the schema"), query.lastError());
        }
        const auto current = currentVersion(db);
        if (!current.ok())
            return current.error();
        if (current.value() > latestVersion())
            return newerDatabase(database, current.value());
        return applySteps(db, dialect, current.value(), targetVersion);
    });
}

} // namespace Schema
