#pragma once

#include <functional>
#include <optional>

#include "core/result.h"
#include "core/store/verificationrecord.h"

class Database;

// Changes one stored record from what it is now, inside the caller's transaction: the row is
// read for update (SQLite's BEGIN IMMEDIATE holds the write lock, PostgreSQL's FOR UPDATE the
// row), so the row read is the row replaced, and no other writer's change is lost. The daily
// totals move by the difference. The writers of one part of a record (cancel, settlement)
// change only their own fields this way.
class RecordRewriter
{
public:
    // The record as it should be stored, or nullopt to write nothing.
    using Change = std::function<std::optional<VerificationRecord>(const VerificationRecord &)>;

    explicit RecordRewriter(Database *database) : m_database(database) { }

    // The record as stored after the call; NotFound for an unknown id. *written says whether
    // the change was written.
    Result<VerificationRecord> rewrite(qint64 id, const Change &change, bool *written);

private:
    Database *m_database;
};
