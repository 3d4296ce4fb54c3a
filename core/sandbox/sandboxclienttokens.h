#pragma once

#include <deque>

#include <QHash>
#include <QString>
#include <QStringList>

#include "core/sandbox/sandboxanswer.h"
#include "core/sandbox/sandboxconfig.h"
#include "core/sandbox/sandboxidgenerator.h"

// client_token as Douyin's OAuth issues it: credentials checked, calls throttled, at most
// the two newest tokens alive, and only the newest 10,000 remembered at all.
class SandboxClientTokens
{
public:
    SandboxClientTokens(const SandboxConfig &config, SandboxIdGenerator &ids)
        : m_config(config),
          m_ids(ids)
    {
    }

    SandboxAnswer issue(const QString &clientKey, const QString &clientSecret,
                        const QString &grantType);
    // OK, TOKEN_INVALID (never issued or forgotten) or TOKEN_EXPIRED (expired or retired).
    qint64 check(const QString &token) const;
    int expireAll(); // returns how many were still valid

private:
    // Counts the call unless the window is full: then false, and the call is refused.
    bool admitCall(qint64 now);
    QString newToken(qint64 now);

    const SandboxConfig &m_config;
    SandboxIdGenerator &m_ids;
    QHash<QString, qint64> m_validUntil;
    QStringList m_order; // oldest first
    std::deque<qint64> m_calls; // times of recent calls, for throttling
};
