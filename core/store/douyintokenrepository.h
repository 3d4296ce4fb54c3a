#pragma once

#include <optional>

#include <QString>

#include "core/result.h"

class Database;
class SecretBox;

// Keeps the client_token in the database, sealed with the master key, so a restart does not
// fetch a new one (each fetch retires the previous token after Douyin's grace period).
class DouyinTokenRepository
{
public:
    struct Stored
    {
        QString token;
        qint64 expiresAt = 0; // Unix seconds
        qint64 fetchedAt = 0;
    };

    // Both must outlive the store and belong to the calling thread.
    DouyinTokenRepository(Database *database, const SecretBox *box);

    std::optional<Stored> load(const QString &clientKey) const;
    Result<Done> save(const QString &clientKey, const Stored &token,
                      const std::optional<Stored> &previous);

private:
    Database *m_database;
    const SecretBox *m_box;
};
