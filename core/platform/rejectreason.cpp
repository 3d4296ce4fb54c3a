#include "core/platform/rejectreason.h"

namespace RejectReasons {

QString code(RejectReason reason)
{
    switch (reason) {
    case RejectReason::Used:
        return QStringLiteral("used");
    case RejectReason::Expired:
        return QStringLiteral("expired");
    case RejectReason::Refunded:
        return QStringLiteral("refunded");
    case RejectReason::WrongStore:
        return QStringLiteral("wrong_store");
    case RejectReason::NotFound:
        return QStringLiteral("not_found");
    case RejectReason::NotStarted:
        return QStringLiteral("not_started");
    case RejectReason::BadToken:
        return QStringLiteral("bad_token");
    case RejectReason::RateLimited:
        return QStringLiteral("rate_limited");
    case RejectReason::NotAuthorised:
        return QStringLiteral("not_authorised");
    case RejectReason::Unavailable:
        return QStringLiteral("unavailable");
    case RejectReason::TooLateToCancel:
        return QStringLiteral("too_late_to_cancel");
    case RejectReason::AlreadyCancelled:
        return QStringLiteral("already_cancelled");
    case RejectReason::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

} // namespace RejectReasons
