#pragma once

#include <QJsonObject>
#include <QString>

// Why a Douyin call did not succeed. The kinds matter to callers in different ways:
// only Unknown may hide an applied verify; Rejected carries Douyin's own code and text.
namespace Douyin {

struct Error
{
    enum class Kind {
        Rejected, // Douyin answered with an error code (extra.error_code / data.error_code)
        Unavailable, // transport failed before the request could have reached Douyin
        Unknown, // the request was sent, then the answer was lost (timeout, reset)
        BadAnswer, // Douyin answered something that is not its envelope
        Cooldown, // 2119003 was seen recently; nothing was sent
        NotConfigured, // no client key/secret
        BadLink, // a short link that is not Douyin's, or leads to no object_id
    };

    Kind kind = Kind::Unavailable;
    qint64 code = 0; // Douyin's error_code when Rejected
    qint64 subCode = 0; // extra.sub_error_code, when Douyin gave one
    QString description; // Douyin's description when Rejected
    QString logid; // Douyin's extra.logid, for support requests
    QString message; // developer-facing detail, never contains a secret
    int retryAfterSeconds = 0; // Cooldown
    QJsonObject raw; // the whole answer when there was one

    bool isRejected(qint64 douyinCode) const
    {
        return kind == Kind::Rejected && code == douyinCode;
    }

    static Error make(Kind kind, QString message)
    {
        Error error;
        error.kind = kind;
        error.message = std::move(message);
        return error;
    }
};

} // namespace Douyin
