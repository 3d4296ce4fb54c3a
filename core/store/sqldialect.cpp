#include "core/store/sqldialect.h"

#include <QDateTime>
#include <QSqlQuery>

namespace {

// The first key of every advisory lock the gateway takes: "dygw" in ASCII.
constexpr qint64 MIGRATION_LOCK_KEY = 0x64796777;
// PostgreSQL's SQLSTATE for unique_violation.
constexpr auto PG_UNIQUE_VIOLATION = u"23505";

} // namespace

SqlDialect SqlDialect::of(const QSqlDatabase &db)
{
    return SqlDialect(db.driverName() == u"QPSQL" ? Engine::Postgresql : Engine::Sqlite);
}

QString SqlDialect::kind() const
{
    return isSqlite() ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
}

QString SqlDialect::driverName() const
{
    return isSqlite() ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
}

QString SqlDialect::schema(QString statement) const
{
    statement.replace(QStringLiteral("{{ID}}"),
                      isSqlite() ? QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")
                                 : QStringLiteral("BIGSERIAL PRIMARY KEY"));
    statement.replace(QStringLiteral("{{BLOB}}"),
                      isSqlite() ? QStringLiteral("BLOB") : QStringLiteral("BYTEA"));
    statement.replace(QStringLiteral("{{NOW}}"),
                      QString::number(QDateTime::currentMSecsSinceEpoch()));
    return statement;
}

QString SqlDialect::beginWrite() const
{
    return isSqlite() ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
}

QString SqlDialect::forUpdate(const QString &ofTable) const
{
    if (isSqlite())
        return QString();
    return ofTable.isEmpty() ? QStringLiteral(" FOR UPDATE")
                             : QStringLiteral(" FOR UPDATE OF ") + ofTable;
}

QString SqlDialect::forUpdateSkipLocked() const
{
    return isSqlite() ? QString() : QStringLiteral(" FOR UPDATE SKIP LOCKED");
}

QString SqlDialect::migrationLock() const
{
    return isSqlite() ? QString()
                      : QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(MIGRATION_LOCK_KEY);
}

QString SqlDialect::tryNamedLock() const
{
    return isSqlite() ? QString()
                      : QStringLiteral("SELECT pg_try_advisory_lock(%1, hashtext(?))")
                                .arg(MIGRATION_LOCK_KEY);
}

QString SqlDialect::releaseNamedLock() const
{
    return isSqlite()
            ? QString()
            : QStringLiteral("SELECT pg_advisory_unlock(%1, hashtext(?))").arg(MIGRATION_LOCK_KEY);
}

QString SqlDialect::returningId() const
{
    return isSqlite() ? QString() : QStringLiteral(" RETURNING id");
}

qint64 SqlDialect::insertedId(QSqlQuery &query) const
{
    if (isSqlite())
        return query.lastInsertId().toLongLong();
    const qint64 id = query.next() ? query.value(0).toLongLong() : 0;
    // A cached statement must not keep its result open.
    query.finish();
    return id;
}

QStringList SqlDialect::connectionPragmas() const
{
    if (!isSqlite())
        return {};
    // FULL makes every commit reach the disk before it returns, so a verify result survives a
    // power cut.
    return {QStringLiteral("PRAGMA synchronous=FULL"), QStringLiteral("PRAGMA foreign_keys=ON")};
}

bool SqlDialect::isUniqueViolation(const QSqlError &error) const
{
    if (isSqlite())
        return error.text().contains(QLatin1String("UNIQUE constraint failed"));
    return error.nativeErrorCode() == PG_UNIQUE_VIOLATION;
}
