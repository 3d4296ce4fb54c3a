#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "core/result.h"
#include "core/sandbox/sandboxconfig.h"
#include "core/sandbox/sandboxidgenerator.h"
#include "core/sandbox/sandboxmeituananswer.h"
#include "core/sandbox/sandboxorderbook.h"

// Meituan's per-store authorization (MEITUAN.md §1): authorization codes exchanged for a
// token pair, refreshes, and the appAuthToken check of every business call.
//
// [choice] rules not published by Meituan, decided here:
// - every store has a standing code "sandbox-auth-<poi_id>" that exchanges again and again,
//   each time for a fresh pair: a sandbox must let a till be bound anew after a reinstall.
//   POST /sandbox/meituan/auth_codes mints one-time codes as Meituan's page hands out, valid
//   meituanAuthCodeLifetimeSeconds (10 minutes) and for one exchange.
// - a store has one pair in force. A new pair (by exchange or refresh) retires the previous
//   one: its accessToken keeps working for meituanTokenGraceSeconds (60 s), so calls in flight
//   finish; every older pair stops at once. Within the same grace the previous refreshToken,
//   sent again, answers the pair its refresh produced (a resend after a lost answer); after
//   it, or once that pair is retired too, it is refused.
// - refused authorization codes answer OP_PARAM_ERROR naming `code` (unknown, used, expired);
//   refused refreshTokens and appAuthTokens (unknown, expired, retired) OP_TOKEN_EXPIRED.
//   On the oauth endpoints the OP_* codes are strings like everywhere; only success is 0.
class SandboxMeituanTokens
{
public:
    SandboxMeituanTokens(const SandboxConfig &config, const SandboxOrderBook &stores,
                         SandboxIdGenerator &ids)
        : m_config(config),
          m_stores(stores),
          m_ids(ids)
    {
    }

    static QString standingCode(const QString &poiId);
    // A one-time code for a store the sandbox knows; the error names poi_id.
    Result<QString> issueCode(const QString &poiId);

    // /oauth/token and /oauth/refresh: data {accessToken, expireIn, refreshToken, scope,
    // opBizCode}.
    SandboxMeituanAnswer exchange(const QString &code);
    SandboxMeituanAnswer refresh(const QString &refreshToken);
    // The store an appAuthToken belongs to, or OP_TOKEN_EXPIRED.
    Result<QString, SandboxMeituanAnswer> check(const QString &accessToken) const;
    // Expires the accessTokens (and refreshTokens too) of one store, or of every store when
    // poiId is empty; answers how many accessTokens were still valid.
    int expire(const QString &poiId, bool refreshTokens);

private:
    struct Pair
    {
        QString poiId;
        QString accessToken;
        QString refreshToken;
        qint64 accessUntil = 0;
        qint64 refreshUntil = 0;
        bool current = true;
        QString successor; // the accessToken of the pair this one's refresh produced
    };

    struct Code
    {
        QString poiId;
        qint64 validUntil = 0;
        bool used = false;
    };

    const Pair &issue(const QString &poiId);
    void retire(const QString &poiId, qint64 now);
    QJsonObject pairJson(const Pair &pair) const;

    const SandboxConfig &m_config;
    const SandboxOrderBook &m_stores;
    SandboxIdGenerator &m_ids;
    QHash<QString, Pair> m_pairs; // by accessToken
    QHash<QString, QString> m_accessByRefresh;
    QHash<QString, QStringList> m_storePairs; // poiId → accessTokens remembered, oldest first
    QHash<QString, Code> m_codes;
};
