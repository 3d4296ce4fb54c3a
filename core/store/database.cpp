#include "core/store/database.h"

#include <atomic>

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include "core/logging/categories.h"
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

} // namespace

Database::Database(QSqlDatabase db, QString connectionName)
    : m_db(std::move(db)),
      m_connectionName(std::move(connectionName))
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

Result<std::unique_ptr<Database>> Database::openWithoutSchema(const QString &filePath)
{
    const QString name = QStringLiteral("dygw-%1").arg(s_connectionCounter.fetch_add(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(filePath);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BUSY_TIMEOUT_MS));
    // The unique_ptr removes the connection on every early return below.
    std::unique_ptr<Database> database(new Database(db, name));

    if (!database->m_db.open())
        return storageError(QStringLiteral("cannot open database %1").arg(filePath),
                            database->m_db.lastError());

    QSqlQuery query(database->m_db);
    // WAL lets report readers run beside the writer; FULL makes every commit reach the disk
    // before it returns, so a verify result survives a power cut.
    if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !query.next())
        return storageError(QStringLiteral("%1 is not a usable SQLite database").arg(filePath),
                            query.lastError());
    if (query.value(0).toString().compare(u"wal", Qt::CaseInsensitive) != 0)
        return makeError(ErrorCode::Storage,
                         QStringLiteral("%1: WAL journal mode refused").arg(filePath));
    for (const auto pragma : {"PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        if (!query.exec(QString::fromLatin1(pragma)))
            return storageError(QString::fromLatin1(pragma), query.lastError());
    }
    return database;
}

Result<std::unique_ptr<Database>> Database::open(const QString &filePath, int targetVersion)
{
    auto opened = openWithoutSchema(filePath);
    if (!opened.ok())
        return opened.error();
    std::unique_ptr<Database> database = std::move(opened).value();
    const auto migrated = Schema::migrate(database->m_db, targetVersion);
    if (!migrated.ok())
        return migrated.error();
    const auto version = Schema::currentVersion(database->m_db);
    if (!version.ok())
        return version.error();
    database->m_schemaVersion = version.value();
    qCDebug(lcStore) << "opened" << filePath << "schema" << database->m_schemaVersion;
    return database;
}

Result<Done> Database::check()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")) || !query.next())
        return storageError(QStringLiteral("database check failed"), query.lastError());
    return Done{};
}

Result<std::shared_ptr<QSqlQuery>> Database::prepared(const QString &sql)
{
    if (const auto found = m_statements.find(sql); found != m_statements.end())
        return found->second;
    auto query = std::make_shared<QSqlQuery>(m_db);
    if (!query->prepare(sql))
        return storageError(QStringLiteral("cannot prepare statement"), query->lastError());
    // A caller still holding a dropped statement keeps it alive.
    if (m_statements.size() >= MAX_STATEMENTS)
        m_statements.clear();
    m_statements.emplace(sql, query);
    return query;
}
