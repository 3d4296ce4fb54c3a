#pragma once

#include <optional>

#include "core/platform/platformerror.h"
#include "core/result.h"
#include "core/store/verificationrecord.h"

// How a cancel request ended, in the terms callers must tell apart (API.md, Cancel).
struct CancelOutcome
{
    enum class Kind {
        Cancelled, // the platform cancelled it (200)
        NotFound, // no such verification (404)
        NotYours, // another app's verification (403 not_your_verification)
        NotCancellable, // not a success, or cancelled already (409; the record is attached)
        WindowClosed, // past the deadline, by our clock or the platform's answer (409)
        Rejected, // the platform refused it for another reason (422)
        Unknown, // sent, answer lost: cancel_status unknown, being resolved (502)
        Unavailable, // nothing reached the platform; nothing was cancelled (502)
        NotConfigured, // the platform is not set up (503)
        BadInput, // refused before anything was sent; error.message names the field (400)
        StorageFailed, // the cancel could not be stored; nothing was sent (500)
    };

    Kind kind = Kind::Cancelled;
    std::optional<VerificationRecord> record; // as stored when the outcome was decided
    Error error; // for every kind but Cancelled
    std::optional<PlatformError> platformError; // when the platform was the cause
};
