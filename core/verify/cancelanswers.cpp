#include "core/verify/cancelanswers.h"

namespace CancelAnswers {

using CancelStatus = VerificationRecord::Cancel::Status;
using Kind = PlatformError::Kind;

CancelQuery queryFor(const VerificationRecord &record)
{
    CancelQuery query;
    query.poiId = record.poiId;
    query.verifyId = record.verifyId;
    query.certificateId = record.certificateId;
    query.orderId = record.orderId;
    query.skuId = record.skuId;
    query.cancelToken = record.cancel.token;
    return query;
}

VerificationRecord::Cancel cancelled(const VerificationRecord::Cancel &open, qint64 nowMs)
{
    VerificationRecord::Cancel cancel = open;
    cancel.status = CancelStatus::Cancelled;
    cancel.cancelledAt = nowMs;
    cancel.errorCode.reset();
    cancel.errorDescription.clear();
    cancel.nextResolveAt.reset();
    return cancel;
}

bool wasNotSent(const PlatformError &error)
{
    return error.kind == Kind::Unavailable || error.kind == Kind::Cooldown
            || error.kind == Kind::NotConfigured;
}

std::optional<VerificationRecord::Cancel> settle(const VerificationRecord::Cancel &open,
                                                 const Result<CancelAnswer, PlatformError> &answer,
                                                 qint64 nowMs)
{
    if (answer.ok())
        return cancelled(open, nowMs);
    const PlatformError &error = answer.error();
    if (error.kind != Kind::Rejected)
        return std::nullopt;
    if (error.reason == RejectReason::AlreadyCancelled) {
        VerificationRecord::Cancel cancel = cancelled(open, nowMs);
        cancel.errorCode = error.code;
        cancel.errorDescription = error.description; // "already cancelled", kept as history
        return cancel;
    }
    VerificationRecord::Cancel cancel = open;
    cancel.status = CancelStatus::Failed;
    cancel.errorCode = error.code;
    cancel.errorDescription = error.description.isEmpty() ? error.message : error.description;
    cancel.nextResolveAt.reset();
    return cancel;
}

} // namespace CancelAnswers
