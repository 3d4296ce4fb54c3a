#pragma once

#include <optional>

#include <QString>

#include "core/result.h"
#include "core/store/idempotencyentry.h"

class Database;

// Reads and writes idempotency_keys on one Database, from the thread that opened it.
class IdempotencyRepository
{
public:
    explicit IdempotencyRepository(Database *database);
    Q_DISABLE_COPY_MOVE(IdempotencyRepository)

    Result<std::optional<IdempotencyEntry>> find(qint64 appId, const QString &key);
    // Inside the caller's transaction, so an answer is stored together with its records.
    // Inserts the entry, or fills in the outcome (httpStatus, responseBody) of an existing one
    // with the same fingerprint; created_at keeps its first value. An existing entry with
    // another fingerprint is left alone and the answer is ErrorCode::Conflict.
    Result<Done> upsert(qint64 appId, const QString &key, const IdempotencyEntry &entry,
                        qint64 now);
    // Deletes entries created before olderThanMs; returns how many.
    Result<int> purge(qint64 olderThanMs);

private:
    Database *m_database;
};
