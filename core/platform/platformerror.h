#pragma once

#include <QJsonObject>
#include <QString>

#include "core/platform/platformid.h"
#include "core/platform/rejectreason.h"

// Why a platform call did not succeed, platform-neutral. Only Unknown may hide an applied
// verify or cancel; Rejected carries the platform's own code and text beside the reason.
struct PlatformError
{
    enum class Kind {
        Rejected, // the platform answered with an error
        Unavailable, // transport failed before the request could have reached the platform
        Unknown, // the request was sent, then the answer was lost (timeout, reset)
        BadAnswer, // the platform answered something unreadable
        Cooldown, // the platform said "too frequent" recently; nothing was sent
        NotConfigured, // no credentials for this platform (or this store)
        BadLink, // a short link that leads to no coupon
    };

    PlatformId platform = PlatformId::Douyin;
    Kind kind = Kind::Unavailable;
    RejectReason reason = RejectReason::Unknown;
    qint64 code = 0; // the platform's own error code when Rejected
    QString description; // the platform's own text when Rejected
    QString traceId; // Douyin's logid, Meituan's trace id: support asks for it
    QString message; // developer-facing detail, never a secret
    int retryAfterSeconds = 0; // Cooldown
    QJsonObject raw; // the whole answer when there was one

    static PlatformError make(PlatformId platform, Kind kind, QString message)
    {
        PlatformError error;
        error.platform = platform;
        error.kind = kind;
        error.message = std::move(message);
        if (kind == Kind::Unavailable || kind == Kind::Unknown)
            error.reason = RejectReason::Unavailable;
        return error;
    }
};
