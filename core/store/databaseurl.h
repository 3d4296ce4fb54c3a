#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include "core/result.h"

// A PostgreSQL address as --database and DYGW_DATABASE spell it (CLI.md):
// postgresql://user:password@host:port/dbname or postgresql:///dbname?host=/socket/dir. What
// the URL leaves out libpq takes from its usual places (PGPASSWORD, ~/.pgpass, PGUSER, the
// default socket), since QPSQL passes only the fields that are set.
class DatabaseUrl
{
public:
    // Whether text names a server rather than a SQLite file.
    static bool isServerUrl(const QString &text);
    static Result<DatabaseUrl> parse(const QString &text);

    // Sets host, port, database, user, password and the remaining query items as libpq
    // connection options.
    void applyTo(QSqlDatabase &db) const;
    // For logs and errors: the URL without its password.
    QString redacted() const;
    QString databaseName() const { return m_databaseName; }
    // The URL's gateway_name item (GatewayRuntime adds DYGW_GATEWAY_NAME there, so every
    // connection of the gateway knows it); '' if none.
    QString gatewayName() const { return m_gatewayName; }
    // text with gateway_name set to name (replacing one it had).
    static QString withGatewayName(const QString &text, const QString &name);

private:
    QString m_host; // a name, an address, or a socket directory (starts with '/')
    int m_port = -1;
    QString m_databaseName;
    QString m_user;
    QString m_password;
    QStringList m_options; // key=value, libpq's spelling
    QString m_gatewayName;
};
