#pragma once

#include <functional>
#include <optional>

#include "core/verify/verifycommand.h"
#include "core/verify/verifyoutcome.h"

class RecordWriter;
class VerificationRepository;

// API.md's Idempotency-Key: the outcome of a verify, stored under (app, key) for a day, so a
// repeat of the same request gets the same answer and a different request under the key a
// conflict. Refusals of the moment are not stored: sent again, they may go through. Nor is an
// ambiguous code: the caller sends it again naming the platform, under the same key.
class IdempotencyKeys
{
public:
    IdempotencyKeys(VerificationRepository *repository, RecordWriter *writer);

    void setTtlHours(int hours) { m_ttlHours = hours; }

    // The stored answer for this command's key (marked replayed), a conflict, or nothing.
    std::optional<VerifyOutcome> find(const VerifyCommand &command) const;
    // Stores the outcome with the next group commit, then calls `then`.
    void store(const VerifyCommand &command, const VerifyOutcome &outcome,
               const std::function<void()> &then);
    // Forgets keys older than the time to live.
    void purge();

private:
    qint64 oldestKept() const;

    VerificationRepository *m_repository;
    RecordWriter *m_writer;
    int m_ttlHours = 24;
};
