#include "tests/common/testdatabase.h"

#include <QDir>
#include <QHash>
#include <QMutex>

#include "core/store/database.h"
#include "tests/common/pgserver.h"

namespace TestDatabase {

bool usesPostgresql()
{
    return qEnvironmentVariable("DYGW_TEST_ENGINE") == u"postgresql";
}

QString location(const QString &dir, const QString &name)
{
    const QString file = QDir(dir).filePath(name);
    if (!usesPostgresql())
        return file;
    // Tests open databases from worker threads too.
    static QMutex s_mutex;
    static QHash<QString, QString> s_urls;
    const QMutexLocker locker(&s_mutex);
    if (const auto found = s_urls.constFind(file); found != s_urls.cend())
        return *found;
    PgServer *server = PgServer::shared();
    if (!server)
        qFatal("no test PostgreSQL server");
    const auto created = server->createDatabase();
    if (!created.ok())
        qFatal("%s", qPrintable(created.error().message));
    s_urls.insert(file, created.value());
    return created.value();
}

Result<std::unique_ptr<Database>> openInDir(const QString &dir)
{
    if (!usesPostgresql())
        return Database::openInDir(dir);
    if (!QDir().mkpath(dir))
        return makeError(ErrorCode::Storage, QStringLiteral("cannot create %1").arg(dir));
    return Database::open(location(dir));
}

} // namespace TestDatabase
