#pragma once

#include <QString>

// Why a platform refused a coupon, in the terms staff and integrators need, whatever the
// platform's own code. The ui and the LAN API each turn it into words in one place.
enum class RejectReason {
    Used, // verified already (elsewhere, or earlier)
    Expired,
    Refunded,
    WrongStore, // not valid at this store
    NotFound, // no such code / link / order
    NotStarted, // not usable yet
    BadToken, // the prepare's token is unknown, spent or expired
    RateLimited, // the platform asks to slow down
    NotAuthorised, // a setup problem: capability, merchant authorisation, credentials
    Unavailable, // the platform is busy or unreachable
    TooLateToCancel, // a cancel past the platform's window (its own answer, or our clock)
    AlreadyCancelled, // a cancel of a verification that is cancelled already
    Unknown,
};

namespace RejectReasons {

// The stable code of a reason (API, logs): "used", "wrong_store", …
QString code(RejectReason reason);

} // namespace RejectReasons
