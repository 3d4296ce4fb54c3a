#pragma once

#include <optional>

#include <QList>

#include "core/platform/platformerror.h"
#include "core/platform/platformtypes.h"
#include "core/result.h"
#include "core/store/verificationrecord.h"

// How a verify request ended, in the terms callers must tell apart (API.md's status codes).
struct VerifyOutcome
{
    enum class Kind {
        Answered, // the platform answered verify: records are success or failed (HTTP 200)
        Unknown, // verify was sent, the answer was lost: records unknown, being resolved
        Unavailable, // nothing reached the platform; no record left pending
        BadAnswer, // the platform answered garbage before verify (prepare)
        PrepareRejected, // the platform refused the prepare (used, expired, unknown code, …)
        BadLink, // the short link did not resolve to an object_id
        BadInput, // refused before anything was sent; error.message names the field
        CountTooHigh, // more coupons asked for than the order has left (a BadInput)
        NotConfigured, // the platform is not set up (credentials, store binding)
        Cooldown, // the platform said too frequent; nothing sent
        Conflict, // idempotency key reused with a different request
        StorageFailed, // the record could not be written; nothing was sent
        Ambiguous, // a plain code more than one platform knows: `platforms`; nothing sent
    };

    Kind kind = Kind::Answered;
    QList<VerificationRecord> records; // first is the main record, the rest data.batch
    Error error; // for every kind but Answered/Unknown
    std::optional<PlatformError> platformError; // when the platform was the cause
    // Ambiguous: the platforms that know the code. A refusal after asking several platforms
    // (PlatformRouter): the platforms asked. Empty otherwise.
    QList<PlatformId> platforms;
    bool replayed = false; // answered from an idempotency key or an earlier verify_token
};

struct PrepareOutcome
{
    enum class Kind {
        Prepared,
        Unavailable,
        BadAnswer,
        Rejected,
        BadLink,
        BadInput,
        NotConfigured,
        Cooldown,
        Ambiguous
    };

    Kind kind = Kind::Prepared;
    PreparedOrder prepared;
    QString poiId;
    Error error;
    std::optional<PlatformError> platformError;
    QList<PlatformId> platforms; // as in VerifyOutcome
    // The prepare's token can be verified by itself (encrypted code + verify token, the
    // platform's hasEncryptedCode); otherwise a verify sends the plain code again.
    bool verifiableByToken = false;
};
