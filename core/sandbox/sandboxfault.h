#pragma once

#include <optional>

#include <QJsonObject>
#include <QString>

#include "core/result.h"

// The sandbox's Douyin- and Meituan-facing endpoints, as named by the fault and stats control
// API.
enum class SandboxEndpoint {
    ClientToken,
    Prepare,
    Verify,
    CertificateGet,
    CertificateQuery,
    OrderQuery,
    PoiQuery,
    ShortLink,
    Cancel,
    VerifyRecordQuery,
    LedgerQuery,
    // Meituan's from here on (isMeituan()).
    MeituanPrepare,
    MeituanConsume,
    MeituanGetConsumed,
    MeituanReverseConsume,
    MeituanQueryListByDate,
    MeituanOauthToken,
    MeituanOauthRefresh,
};

inline constexpr int SANDBOX_ENDPOINT_COUNT = int(SandboxEndpoint::MeituanOauthRefresh) + 1;

// One misbehaviour the sandbox plays on the next `count` calls of an endpoint, so clients
// can be tested against the failures a real network and a real Douyin produce.
struct SandboxFault
{
    enum class Mode {
        Delay, // answer normally, but only after delayMs
        Http500, // HTTP 500 with a non-JSON body; nothing applied
        ErrorCode, // the platform's envelope carrying the error code; nothing applied
        DropBeforeCommit, // close the connection without applying anything
        DropAfterCommit, // apply the call, then cut the answer after its headers
        RateLimit, // the envelope with 2119003 / OP_RATE_LIMIT (too frequent); nothing applied
        FinAfterCommit, // apply, then close (FIN) before any answer byte
        RstAfterCommit, // apply, then reset (RST) before any answer byte
        HalfAnswerAfterCommit, // apply, then send half of the answer and close
    };

    std::optional<SandboxEndpoint> endpoint; // empty = every endpoint ("*")
    Mode mode = Mode::Http500;
    int delayMs = 0;
    qint64 errorCode = 0;
    // [choice] Meituan's codes are text ("OP_SYSTEM_BUSY"): on a meituan.* endpoint error_code
    // may be a string (kept here) or a positive integer (1008 is the code "1008").
    QString errorCodeText;
    int count = 1; // calls left to hit

    bool matches(SandboxEndpoint candidate) const { return !endpoint || *endpoint == candidate; }
    // The code a Meituan answer carries for an error_code fault.
    QString meituanErrorCode() const
    {
        return errorCodeText.isEmpty() ? QString::number(errorCode) : errorCodeText;
    }

    // Reads the control API's body; the error message names the offending field.
    static Result<SandboxFault> fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    static QString endpointName(SandboxEndpoint endpoint);
    static std::optional<SandboxEndpoint> endpointFromName(const QString &name);
    static QString modeName(Mode mode);
    static bool isMeituan(SandboxEndpoint endpoint)
    {
        return endpoint >= SandboxEndpoint::MeituanPrepare;
    }
};
