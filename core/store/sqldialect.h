#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QStringList>
#include <QVariant>

class QSqlQuery;

// Everything that differs between the two engines the store runs on, so repositories write one
// SQL text and ask here for the few words that differ. Portable on both and so not here: ON
// CONFLICT ... DO UPDATE / DO NOTHING (SQLite 3.24+), COALESCE, CASE, LIMIT/OFFSET, BIGINT
// Unix-millisecond timestamps. Flags (allow_token_read, builtin) are INTEGER 0/1 on both, not
// BOOLEAN, so the same comparisons (= 0) work everywhere.
class SqlDialect
{
public:
    enum class Engine { Sqlite, Postgresql };

    explicit SqlDialect(Engine engine) : m_engine(engine) { }
    static SqlDialect of(const QSqlDatabase &db);

    Engine engine() const { return m_engine; }
    bool isSqlite() const { return m_engine == Engine::Sqlite; }
    bool isPostgresql() const { return m_engine == Engine::Postgresql; }
    // "sqlite" or "postgresql", as /health names it.
    QString kind() const;
    QString driverName() const;

    // Rewrites a migration's placeholders: {{ID}} an auto-increment key, {{BLOB}} bytes,
    // {{NOW}} the current time in milliseconds.
    QString schema(QString statement) const;

    // Starts a write transaction. SQLite's BEGIN IMMEDIATE takes the file's write lock up front;
    // PostgreSQL locks rows instead (forUpdate()).
    QString beginWrite() const;
    // Appended to a SELECT whose rows the transaction is about to change. Empty on SQLite,
    // where BEGIN IMMEDIATE already keeps every other writer out. ofTable names the alias to
    // lock when the SELECT outer-joins another table.
    QString forUpdate(const QString &ofTable = QString()) const;
    // The same, for a job queue: rows another gateway has claimed are passed over, not waited
    // for.
    QString forUpdateSkipLocked() const;
    // Serialises schema migrations of gateways starting at once; empty on SQLite (BEGIN
    // IMMEDIATE does it).
    QString migrationLock() const;
    // A session lock named by one bound text (the caller's '?'), for electing the one gateway
    // that does a shared job: the SELECT answers true to one connection at a time, and the
    // server releases the lock when that connection ends. Empty on SQLite (one gateway per
    // file: it always leads).
    QString tryNamedLock() const;
    QString releaseNamedLock() const;

    // Appended to an INSERT whose new id the caller needs: lastInsertId() is SQLite's rowid and
    // QPSQL has no such thing, so PostgreSQL returns the id as a row.
    QString returningId() const;
    // The id of the row the INSERT (with returningId()) just added.
    qint64 insertedId(QSqlQuery &query) const;

    // The statements a new SQLite connection runs; none on PostgreSQL.
    QStringList connectionPragmas() const;

    QVariant flag(bool value) const { return value ? 1 : 0; }

    // A UNIQUE or PRIMARY KEY violation.
    bool isUniqueViolation(const QSqlError &error) const;

private:
    Engine m_engine;
};
