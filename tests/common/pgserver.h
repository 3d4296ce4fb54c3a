#pragma once

#include <memory>

#include <QString>
#include <QStringList>

#include "core/result.h"

// A PostgreSQL server of the tests' own: initdb into a temporary directory, a unix socket in
// that directory (no TCP), a port chosen free, stopped and removed when the test executable
// ends. Running as root (pg_ctl refuses it) the server runs as the postgres OS user, which
// then owns the directory. fsync is off: a test database need not survive a power cut.
class PgServer
{
public:
    static constexpr auto BIN_DIR = "/usr/lib/postgresql/15/bin";
    static constexpr auto SUPERUSER = "postgres";

    // The one server of this executable, started on first use; null if it cannot start (the
    // reason is logged).
    static PgServer *shared();

    ~PgServer();
    Q_DISABLE_COPY_MOVE(PgServer)

    // pg_ctl start, waiting until it accepts connections (initdb only the first time).
    Result<Done> start();
    // pg_ctl stop -m fast: open connections are closed by the server, as when it goes away.
    Result<Done> stop();
    bool isRunning() const { return m_running; }

    // Creates an empty database and returns its URL in the form --database takes.
    Result<QString> createDatabase();
    // postgresql:///name?host=<socket dir>&port=<port>&user=postgres
    QString url(const QString &databaseName) const;

private:
    PgServer() = default;
    Result<Done> init();
    // Runs a server binary (as the postgres user when root); output goes to commands.log.
    Result<Done> run(const QString &binary, const QStringList &arguments) const;
    // A shell that outlives a crashed or killed test (no destructor runs then) and stops and
    // removes the server once the test process is gone.
    void startReaper() const;

    QString m_dir; // owns data/, the socket and server.log
    int m_port = 0;
    int m_databases = 0;
    bool m_running = false;
};
