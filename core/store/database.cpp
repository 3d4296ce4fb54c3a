#include "core/store/database.h"

#include <atomic>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include "core/logging/categories.h"
#include "core/metrics/gatewaymetrics.h"
#include "core/store/databaseurl.h"
#include "core/store/schema.h"

namespace {

std::atomic<int> s_connectionCounter{0};
// Statement texts are fixed except the column lists of updates, which a few record flows
// produce; a limit only guards against a caller that builds ever new texts.
constexpr std::size_t MAX_STATEMENTS = 256;

Error storageError(const QString &what, const QSqlError &error)
{
    return makeError(ErrorCode::Storage, what + QStringLiteral(": ") + error.text());
}

QString newConnectionName()
{
    return QStringLiteral("dygw-%1").arg(s_connectionCounter.fetch_add(1));
}

} // namespace

Database::Database(QSqlDatabase db, QString connectionName, QString location, QString displayName)
    : m_db(std::move(db)),
      m_connectionName(std::move(connectionName)),
      m_location(std::move(location)),
      m_displayName(std::move(displayName)),
      m_dialect(SqlDialect::of(m_db))
{
}

Database::~Database()
{
    m_statements.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Database>> Database::openInDir(const QString &dir)
{
    if (!QDir().mkpath(dir))
        return makeError(ErrorCode::Storage, QStringLiteral("cannot create data dir %1").arg(dir));
    return open(QDir(dir).filePath(QString::fromLatin1(FILE_NAME)));
}

Result<std::unique_ptr<Database>> Database::openWithoutSchema(const QString &location)
{
    return DatabaseUrl::isServerUrl(location) ? openServer(location) : openFile(location);
}

Result<std::unique_ptr<Database>> Database::openServer(const QString &text)
{
    const auto url = DatabaseUrl::parse(text);
    if (!url.ok())
        return url.error();
    const QString name = newConnectionName();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    // The unique_ptr removes the connection on every early return below.
    std::unique_ptr<Database> database(new Database(db, name, text, url.value().redacted()));
    if (!db.isValid())
        return makeError(ErrorCode::Storage,
                         QStringLiteral("the Qt PostgreSQL driver (QPSQL) is not installed"));
    url.value().applyTo(database->m_db);
    database->m_gatewayName = url.value().gatewayName();
    if (!database->m_db.open())
        return storageError(QStringLiteral("cannot connect to %1").arg(database->displayName()),
                            database->m_db.lastError());
    database->m_lastPingMs = QDateTime::currentMSecsSinceEpoch();
    database->quietNotices();
    return database;
}

Result<std::unique_ptr<Database>> Database::openFile(const QString &filePath)
{
    const QString name = newConnectionName();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(filePath);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BUSY_TIMEOUT_MS));
    // The unique_ptr removes the connection on every early return below.
    std::unique_ptr<Database> database(new Database(db, name, filePath, filePath));

    if (!database->m_db.open())
        return storageError(QStringLiteral("cannot open database %1").arg(filePath),
                            database->m_db.lastError());

    QSqlQuery query(database->m_db);
    // WAL lets report readers run beside the writer.
    if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !query.next())
        return storageError(QStringLiteral("%1 is not a usable SQLite database").arg(filePath),
                            query.lastError());
    if (query.value(0).toString().compare(u"wal", Qt::CaseInsensitive) != 0)
        return makeError(ErrorCode::Storage,
                         QStringLiteral("%1: WAL journal mode refused").arg(filePath));
    for (const QString &pragma : database->m_dialect.connectionPragmas()) {
        if (!query.exec(pragma))
            return storageError(pragma, query.lastError());
    }
    return database;
}

Result<std::unique_ptr<Database>> Database::open(const QString &location, int targetVersion)
{
    auto opened = openWithoutSchema(location);
    if (!opened.ok())
        return opened.error();
    std::unique_ptr<Database> database = std::move(opened).value();
    const auto migrated = Schema::migrate(*database, targetVersion);
    if (!migrated.ok())
        return migrated.error();
    const auto version = Schema::currentVersion(database->m_db);
    if (!version.ok())
        return version.error();
    database->m_schemaVersion = version.value();
    qCDebug(lcStore) << "opened" << database->displayName() << "schema"
                     << database->m_schemaVersion;
    return database;
}

QSqlDatabase &Database::connection()
{
    if (m_dialect.isPostgresql() && !m_transactionOpen) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (now - m_lastPingMs >= PING_INTERVAL_MS && !answers())
            reconnect();
    }
    return m_db;
}

void Database::noteWrite(qint64 nanoseconds, bool ok)
{
    GatewayMetrics::observeDatabaseWrite(nanoseconds, ok);
}

Result<Done> Database::check()
{
    QSqlQuery query(connection());
    if (query.exec(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")) && query.next())
        return Done{};
    const QSqlError error = query.lastError();
    query.finish();
    if (recoverConnection())
        return Done{};
    return storageError(m_dialect.isPostgresql() ? QStringLiteral("database unavailable")
                                                 : QStringLiteral("database check failed"),
                        error);
}

bool Database::answers()
{
    if (!m_db.isOpen())
        return false;
    QSqlQuery query(m_db);
    const bool ok = query.exec(QStringLiteral("SELECT 1")) && query.next();
    if (ok)
        m_lastPingMs = QDateTime::currentMSecsSinceEpoch();
    return ok;
}

bool Database::reconnect()
{
    // Statements prepared on the lost connection are gone on the server.
    m_statements.clear();
    m_db.close();
    if (!m_db.open()) {
        qCWarning(lcStore) << "database unavailable:" << m_displayName << m_db.lastError().text();
        return false;
    }
    m_lastPingMs = QDateTime::currentMSecsSinceEpoch();
    quietNotices();
    qCInfo(lcStore) << "reconnected to" << m_displayName;
    return true;
}

void Database::quietNotices()
{
    // libpq prints NOTICEs to stderr; CREATE TABLE IF NOT EXISTS raises one on every start.
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("SET client_min_messages = warning"));
}

bool Database::recoverConnection()
{
    if (!m_dialect.isPostgresql() || m_transactionOpen || answers())
        return false;
    return reconnect();
}

Result<std::shared_ptr<QSqlQuery>> Database::prepared(const QString &sql)
{
    QSqlDatabase &db = connection();
    if (const auto found = m_statements.find(sql); found != m_statements.end())
        return found->second;
    auto query = std::make_shared<QSqlQuery>(db);
    if (!query->prepare(sql))
        return storageError(QStringLiteral("cannot prepare statement"), query->lastError());
    // A caller still holding a dropped statement keeps it alive.
    if (m_statements.size() >= MAX_STATEMENTS)
        m_statements.clear();
    m_statements.emplace(sql, query);
    return query;
}
