#pragma once

#include <optional>

#include <QList>

#include "core/douyin/douyinerror.h"
#include "core/douyin/douyintypes.h"
#include "core/result.h"
#include "core/store/verificationrecord.h"

// How a verify request ended, in the terms callers must tell apart (API.md's status codes).
struct VerifyOutcome
{
    enum class Kind {
        Answered, // Douyin answered verify: records are success or failed (HTTP 200)
        Unknown, // verify was sent, the answer was lost: records unknown, being resolved
        Unavailable, // nothing reached Douyin; no record left pending
        BadAnswer, // Douyin answered garbage before verify (prepare)
        PrepareRejected, // Douyin refused the prepare (used, expired, unknown code, …)
        BadLink, // the short link did not resolve to an object_id
        BadInput, // refused before anything was sent; error.message names the field
        NotConfigured, // no Douyin credentials
        Cooldown, // Douyin said too frequent; nothing sent
        Conflict, // idempotency key reused with a different request
        StorageFailed, // the record could not be written; nothing was sent
    };

    Kind kind = Kind::Answered;
    QList<VerificationRecord> records; // first is the main record, the rest data.batch
    Error error; // for every kind but Answered/Unknown
    std::optional<DouyinError> douyin; // when Douyin was the cause
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
        Cooldown
    };

    Kind kind = Kind::Prepared;
    PrepareResult prepared;
    QString poiId;
    Error error;
    std::optional<DouyinError> douyin;
};
