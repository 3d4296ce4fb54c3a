#pragma once

#include <functional>

#include <QDateTime>
#include <QString>

#include "core/douyin/douyinapi.h"

// How a sandbox behaves. The defaults match Douyin's published limits; tests shorten the
// lifetimes and replace the clock so they can move time without sleeping.
struct SandboxConfig
{
    QString clientKey = QStringLiteral("sandbox_client_key");
    QString clientSecret = QStringLiteral("sandbox_client_secret");
    QString accountId = QStringLiteral("sandbox_account");
    int tokenLifetimeSeconds = DouyinApi::TOKEN_LIFETIME_SECONDS;
    // How long the previous client_token keeps working after a new one is issued.
    int tokenGraceSeconds = DouyinApi::TOKEN_GRACE_SECONDS;
    int verifyTokenLifetimeSeconds = DouyinApi::VERIFY_TOKEN_LIFETIME_SECONDS;
    // The stores always exist; this adds the demo catalogue's orders on start.
    bool seedDemoData = true;
    // Unix seconds. Everything time-dependent (expiry, grace, cancel window, throttle) reads it,
    // plus however far POST /sandbox/clock has moved the sandbox ahead (SandboxClock).
    std::function<qint64()> clock = [] {
        return QDateTime::currentSecsSinceEpoch();
    };
};
