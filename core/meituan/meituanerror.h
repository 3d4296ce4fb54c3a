#pragma once

#include <QJsonObject>
#include <QString>

#include "core/platform/platformerror.h"
#include "core/platform/rejectreason.h"

namespace Meituan {

// Why a Meituan call did not succeed. Meituan's codes are strings ("OP_TOKEN_EXPIRED") or
// numbers ("1008"), so the code is kept as text; PlatformError's numeric code gets it only
// when it is a number. Only Unknown may hide an applied consume or cancel.
struct Error
{
    using Kind = PlatformError::Kind; // Rejected, Unavailable, Unknown, BadAnswer, NotConfigured

    Kind kind = Kind::Unavailable;
    RejectReason reason = RejectReason::Unknown;
    QString code; // Meituan's `code` when Rejected, as text
    QString msg; // Meituan's `msg` when Rejected
    QString traceId; // support asks for it
    QString message; // developer-facing detail, never a secret
    QJsonObject raw; // the whole answer when there was one

    bool isRejected(const char *meituanCode) const
    {
        return kind == Kind::Rejected && code == QLatin1String(meituanCode);
    }

    static Error make(Kind kind, QString message)
    {
        Error error;
        error.kind = kind;
        error.message = std::move(message);
        if (kind == Kind::Unavailable || kind == Kind::Unknown)
            error.reason = RejectReason::Unavailable;
        return error;
    }

    PlatformError toPlatformError() const
    {
        PlatformError error = PlatformError::make(PlatformId::Meituan, kind, message);
        error.reason = reason;
        error.code = code.toLongLong(); // 0 for the OP_* codes
        error.description = msg;
        error.traceId = traceId;
        error.raw = raw;
        if (error.message.isEmpty() && kind == Kind::Rejected)
            error.message = code + u": " + msg;
        return error;
    }
};

} // namespace Meituan
