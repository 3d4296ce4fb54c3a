#pragma once

#include <optional>

#include <QByteArray>
#include <QString>

#include "core/result.h"

class Database;

// The store manager's bearer token for /v1/internal/*. Only its SHA-256 is stored; the
// token itself is shown once (printed by headless mode, revealed in settings).
class AdminToken
{
public:
    explicit AdminToken(Database *database);

    // With a token from DYGW_ADMIN_TOKEN: stores its hash and returns nullopt.
    // Without: returns a newly generated token when none existed yet (to show once), else
    // nullopt.
    Result<std::optional<QString>> ensure(const QString &fromEnvironment);
    Result<QString> regenerate();
    bool check(QByteArrayView presented) const;

private:
    Result<Done> store(const QString &token);

    Database *m_database;
    QByteArray m_hash;
};
