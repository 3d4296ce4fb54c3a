#pragma once

#include <functional>

#include <QDateTime>
#include <QString>

#include "core/douyin/douyinapi.h"
#include "core/meituan/meituanapi.h"

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
    // Meituan (MEITUAN.md §9): one developer; every store is also a Meituan store.
    qint64 meituanDeveloperId = 100001;
    QString meituanSignKey = QStringLiteral("sandbox_meituan_sign_key");
    int meituanAccessTokenLifetimeSeconds = MeituanApi::ACCESS_TOKEN_LIFETIME_SECONDS;
    int meituanRefreshTokenLifetimeSeconds = MeituanApi::REFRESH_TOKEN_LIFETIME_SECONDS;
    int meituanAuthCodeLifetimeSeconds = MeituanApi::AUTH_CODE_LIFETIME_SECONDS;
    // [choice] How long the previous accessToken (and refreshToken, for a resend of a lost
    // refresh) keeps working once a store's pair is replaced.
    int meituanTokenGraceSeconds = 60;
    // [choice] The ledger's fees (DOUYIN.md §14), in ten-thousandths of the coupon's
    // pay_amount, each rounded half up to the fen on its own (SandboxLedger::fees): pay_handling
    // 0.6 %, the platform's commission 2.5 %, no talent (达人) commission.
    int payHandlingBasisPoints = 60;
    int platformCommissionBasisPoints = 250;
    int talentCommissionBasisPoints = 0;
    // The stores always exist; this adds the demo catalogue's orders on start.
    bool seedDemoData = true;
    // Unix seconds. Everything time-dependent (expiry, grace, cancel window, throttle) reads it,
    // plus however far POST /sandbox/clock has moved the sandbox ahead (SandboxClock).
    std::function<qint64()> clock = [] {
        return QDateTime::currentSecsSinceEpoch();
    };
    // Milliseconds of real time for per-second rate limits (the ledger's 300 QPS):
    // POST /sandbox/clock does not move it, so a client's burst is judged as it happened.
    std::function<qint64()> wallClockMs = [] {
        return QDateTime::currentMSecsSinceEpoch();
    };
};
