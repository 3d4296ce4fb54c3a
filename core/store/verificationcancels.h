#pragma once

#include <QList>

#include "core/result.h"
#include "core/store/verificationrecord.h"

class Database;

// The cancel part of a verification record, written apart from the rest: claiming a cancel is
// a conditional write (one cancel per record at a time, whichever process asks), and the
// record's other writers never touch it. Each call is one transaction that also moves the
// record between the success and cancelled counts of the running totals.
class VerificationCancels
{
public:
    struct Claim
    {
        bool claimed = false; // false: `record` shows why (not a success, a cancel open or done)
        VerificationRecord record; // as stored after the call
    };

    explicit VerificationCancels(Database *database) : m_database(database) { }

    // Stores `cancel` (status Pending, its token) if the record is a success whose cancel is
    // not open or done; NotFound for an unknown id.
    Result<Claim> claim(qint64 id, const VerificationRecord::Cancel &cancel);
    // Replaces the record's cancel state; returns the stored record.
    Result<VerificationRecord> store(qint64 id, const VerificationRecord::Cancel &cancel);
    // Cancels whose outcome is not known yet (pending, unknown), oldest first.
    Result<QList<VerificationRecord>> findOpen();

private:
    // Inside a transaction: decide(before) gives the new cancel, or nullopt to write nothing.
    template <typename Decide>
    Result<VerificationRecord> rewrite(qint64 id, Decide decide, bool *written);

    Database *m_database;
};
