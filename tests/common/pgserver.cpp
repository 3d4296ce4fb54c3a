#include "tests/common/pgserver.h"

#include <filesystem>

#include <fcntl.h>
#include <pwd.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QUuid>

extern char **environ;

namespace {

Error failed(const QString &what)
{
    return makeError(ErrorCode::Storage, QStringLiteral("test PostgreSQL: ") + what);
}

bool isRoot()
{
    return ::geteuid() == 0;
}

// Gives the tree to the postgres user, so the server it runs as can write there.
bool chownToPostgres(const QString &path)
{
    const passwd *user = ::getpwnam(PgServer::SUPERUSER);
    if (!user)
        return false;
    std::error_code error;
    for (const auto &entry : std::filesystem::recursive_directory_iterator(
                 path.toStdString(), std::filesystem::directory_options::none, error)) {
        if (::chown(entry.path().c_str(), user->pw_uid, user->pw_gid) != 0)
            return false;
    }
    return ::chown(path.toLocal8Bit().constData(), user->pw_uid, user->pw_gid) == 0;
}

int freePort()
{
    // The socket lives in our own directory, so any port would do; a free one keeps the server
    // from clashing with one that also listens on TCP.
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 54329;
    return probe.serverPort();
}

} // namespace

PgServer *PgServer::shared()
{
    static std::unique_ptr<PgServer> server = []() -> std::unique_ptr<PgServer> {
        std::unique_ptr<PgServer> started(new PgServer);
        if (const auto ok = started->start(); !ok.ok()) {
            qWarning("%s", qPrintable(ok.error().message));
            return nullptr;
        }
        return started;
    }();
    return server.get();
}

PgServer::~PgServer()
{
    if (m_running)
        (void)run(QStringLiteral("pg_ctl"),
                  {QStringLiteral("stop"), QStringLiteral("-m"), QStringLiteral("immediate"),
                   QStringLiteral("-w"), QStringLiteral("-D"), m_dir + QStringLiteral("/data")});
    if (!m_dir.isEmpty()) {
        std::error_code ignored;
        std::filesystem::remove_all(m_dir.toStdString(), ignored);
    }
}

Result<Done> PgServer::init()
{
    const QString base = QDir::tempPath() + QStringLiteral("/dygw-pg-")
            + QUuid::createUuid().toString(QUuid::Id128).left(12);
    if (!QDir().mkpath(base))
        return failed(QStringLiteral("cannot create ") + base);
    m_dir = base;
    if (isRoot() && !chownToPostgres(m_dir))
        return failed(QStringLiteral("cannot give %1 to the postgres user").arg(m_dir));
    m_port = freePort();
    startReaper();
    return run(QStringLiteral("initdb"),
               {QStringLiteral("-D"), m_dir + QStringLiteral("/data"), QStringLiteral("-U"),
                QString::fromLatin1(SUPERUSER), QStringLiteral("--auth=trust"),
                QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--locale=C.UTF-8"),
                QStringLiteral("--no-sync"), QStringLiteral("--no-instructions")});
}

Result<Done> PgServer::start()
{
    if (m_running)
        return Done{};
    if (m_dir.isEmpty()) {
        if (const auto initialised = init(); !initialised.ok())
            return initialised;
    }
    const QString options = QStringLiteral("-k %1 -p %2 -c listen_addresses= -c fsync=off "
                                           "-c full_page_writes=off -c max_connections=200 "
                                           "-c shared_buffers=32MB")
                                    .arg(m_dir)
                                    .arg(m_port);
    const auto started =
            run(QStringLiteral("pg_ctl"),
                {QStringLiteral("start"), QStringLiteral("-w"), QStringLiteral("-t"),
                 QStringLiteral("60"), QStringLiteral("-D"), m_dir + QStringLiteral("/data"),
                 QStringLiteral("-l"), m_dir + QStringLiteral("/server.log"), QStringLiteral("-o"),
                 options});
    if (!started.ok())
        return started;
    m_running = true;
    return Done{};
}

Result<Done> PgServer::stop()
{
    if (!m_running)
        return Done{};
    const auto stopped =
            run(QStringLiteral("pg_ctl"),
                {QStringLiteral("stop"), QStringLiteral("-m"), QStringLiteral("fast"),
                 QStringLiteral("-w"), QStringLiteral("-D"), m_dir + QStringLiteral("/data")});
    if (stopped.ok())
        m_running = false;
    return stopped;
}

QString PgServer::url(const QString &databaseName) const
{
    return QStringLiteral("postgresql:///%1?host=%2&port=%3&user=%4")
            .arg(databaseName, m_dir)
            .arg(m_port)
            .arg(QString::fromLatin1(SUPERUSER));
}

Result<QString> PgServer::createDatabase()
{
    const QString name = QStringLiteral("test_%1_%2").arg(::getpid()).arg(++m_databases);
    const QString connection = QStringLiteral("pgserver-admin-") + name;
    QString error;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        admin.setHostName(m_dir);
        admin.setPort(m_port);
        admin.setUserName(QString::fromLatin1(SUPERUSER));
        admin.setDatabaseName(QStringLiteral("postgres"));
        if (!admin.open()) {
            error = admin.lastError().text();
        } else {
            QSqlQuery query(admin);
            // template0 with FILE_COPY: an empty database is copied, not WAL-logged page by
            // page, which is faster for the many small databases a test makes.
            if (!query.exec(QStringLiteral("CREATE DATABASE %1 TEMPLATE template0 "
                                           "STRATEGY FILE_COPY")
                                    .arg(name)))
                error = query.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    if (!error.isEmpty())
        return failed(QStringLiteral("cannot create database %1: %2").arg(name, error));
    return url(name);
}

void PgServer::startReaper() const
{
    const QString stop =
            (isRoot() ? QStringLiteral("/usr/sbin/runuser -u postgres -- ") : QString())
            + QString::fromLatin1(BIN_DIR)
            + QStringLiteral("/pg_ctl -D '%1/data' stop -m immediate -w").arg(m_dir);
    const QByteArray script = QStringLiteral("while kill -0 %1 2>/dev/null; do sleep 1; done; "
                                             "[ -d '%2' ] && { %3; rm -rf '%2'; }")
                                      .arg(::getpid())
                                      .arg(m_dir, stop)
                                      .toLocal8Bit();
    char shell[] = "/bin/sh";
    char flag[] = "-c";
    std::vector<char *> argv{shell, flag, const_cast<char *>(script.constData()), nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = 0;
    posix_spawn(&pid, shell, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
}

Result<Done> PgServer::run(const QString &binary, const QStringList &arguments) const
{
    // posix_spawn, not QProcess: the destructor runs after QCoreApplication is gone.
    QStringList argv;
    if (isRoot())
        argv << QStringLiteral("/usr/sbin/runuser") << QStringLiteral("-u")
             << QString::fromLatin1(SUPERUSER) << QStringLiteral("--");
    argv << QString::fromLatin1(BIN_DIR) + u'/' + binary << arguments;
    std::vector<QByteArray> storage;
    for (const QString &arg : argv)
        storage.push_back(arg.toLocal8Bit());
    std::vector<char *> pointers;
    for (QByteArray &arg : storage)
        pointers.push_back(arg.data());
    pointers.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const QByteArray log = (m_dir + QStringLiteral("/commands.log")).toLocal8Bit();
    posix_spawn_file_actions_addopen(&actions, 1, log.constData(), O_WRONLY | O_CREAT | O_APPEND,
                                     0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, pointers[0], &actions, nullptr, pointers.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return failed(QStringLiteral("cannot run %1").arg(binary));
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return failed(QStringLiteral("%1 %2 failed (see %3)")
                              .arg(binary, arguments.join(u' '), QString::fromLocal8Bit(log)));
    return Done{};
}
