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

    // Chain mode: several gateways share the row, and only one of them may fetch a new token
    // (each fetch retires the previous one). True when this gateway is the one: it fetches,
    // save()s and endRefresh()es; the others get false and load() the row until fetched_at
    // moves. The election is a PostgreSQL advisory lock, which the server also releases when
    // the leader's connection ends, so a leader that dies hands over by itself. On SQLite it is
    // always true.
    Result<bool> tryLeadRefresh(const QString &clientKey);
    void endRefresh(const QString &clientKey);

private:
    Database *m_database;
    const SecretBox *m_box;
};
