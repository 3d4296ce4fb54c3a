#pragma once

#include <QJsonObject>

#include "core/platform/platformerror.h"
#include "core/verify/canceloutcome.h"
#include "core/verify/verifyoutcome.h"

class AsyncReply;

// The one mapping of engine outcomes and platform errors to API.md's HTTP answers: status,
// error.code, the platform's own error (error.douyin for Douyin, error.platform for the
// others), Retry-After, and the records in data.
namespace OutcomeReply {

void verify(const AsyncReply &reply, const VerifyOutcome &outcome);
void prepare(const AsyncReply &reply, const PrepareOutcome &outcome);
void cancel(const AsyncReply &reply, const CancelOutcome &outcome);
// A platform read (store list, token) that failed.
void platformError(const AsyncReply &reply, const PlatformError &error);

QJsonObject verifyPayload(const VerifyOutcome &outcome);
QJsonObject preparePayload(const PrepareOutcome &outcome);

} // namespace OutcomeReply
