#pragma once

#include <memory>

#include <QString>

#include "core/result.h"

class Database;

// Remembers (app, nonce) pairs for the replay window, across restarts. Every signed request
// writes one, so they live in a file of their own next to the main database: in the main file
// each of these writes would wait for SQLite's write lock, which the record writer holds
// through every group commit's fsync. The file is written with synchronous=NORMAL: in WAL mode
// that survives a crash of the program, and a nonce is not worth an fsync per request.
// On PostgreSQL (chain mode) they live in the shared database instead, so that a nonce is
// accepted once across all gateways.
class NonceStore
{
public:
    static constexpr qint64 WINDOW_MS = 15 * 60 * 1000;
    static constexpr auto FILE_NAME = "dy-gateway-nonces.sqlite";

    // Opens FILE_NAME in the directory of databaseFile (the main database), taking over the
    // nonces still in the window that an older version kept in the main database. A
    // postgresql:// URL opens a connection of its own to that database.
    static Result<std::unique_ptr<NonceStore>> open(const QString &databaseFile);
    ~NonceStore();

    // True when the pair is new (and now remembered); false when it was seen in the window.
    Result<bool> remember(qint64 appId, const QString &nonce, qint64 nowMs);
    // Forgets what is older than the window; returns how many.
    Result<int> purge(qint64 nowMs);

private:
    explicit NonceStore(std::unique_ptr<Database> database);

    std::unique_ptr<Database> m_database;
    qint64 m_lastPurgeMs = 0;
};
