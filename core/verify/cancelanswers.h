#pragma once

#include <optional>

#include "core/platform/platformerror.h"
#include "core/platform/platformtypes.h"
#include "core/result.h"
#include "core/store/verificationrecord.h"

// The moves of a record's cancel state, shared by the first attempt (Canceller) and by
// resolution (CancelResolver).
namespace CancelAnswers {

// The platform call for a record's cancel, with its stored token.
CancelQuery queryFor(const VerificationRecord &record);

// The cancel applied.
VerificationRecord::Cancel cancelled(const VerificationRecord::Cancel &open, qint64 nowMs);

// What the platform's answer settles: cancelled (also "cancelled already": the verification is
// cancelled, whoever did it), or failed (refused, with its code and text). nullopt: the answer
// was lost, or nothing was sent, so nothing is known.
std::optional<VerificationRecord::Cancel> settle(const VerificationRecord::Cancel &open,
                                                 const Result<CancelAnswer, PlatformError> &answer,
                                                 qint64 nowMs);

// True for the errors after which the request cannot have reached the platform.
bool wasNotSent(const PlatformError &error);

} // namespace CancelAnswers
