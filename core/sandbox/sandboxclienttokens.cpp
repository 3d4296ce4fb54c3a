#include "core/sandbox/sandboxclienttokens.h"

#include <algorithm>

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxmessages.h"

namespace {

constexpr int MAX_ACCESS_TOKENS = 10000;

} // namespace

SandboxAnswer SandboxClientTokens::issue(const QString &clientKey, const QString &clientSecret,
                                         const QString &grantType)
{
    if (clientKey != m_config.clientKey)
        return SandboxMessages::failure(DouyinApi::CLIENT_KEY_INVALID);
    const qint64 t = m_config.clock();
    if (!admitCall(t))
        return SandboxMessages::failure(DouyinApi::CLIENT_TOKEN_THROTTLED);
    if (clientSecret != m_config.clientSecret)
        return SandboxMessages::failure(DouyinApi::CLIENT_SECRET_INVALID);
    if (grantType != QLatin1String(DouyinApi::GRANT_TYPE_CLIENT_CREDENTIAL))
        return SandboxMessages::badParameter(
                QStringLiteral("grant_type must be client_credential"));
    return SandboxAnswer::success({{QStringLiteral("access_token"), newToken(t)},
                                   {QStringLiteral("expires_in"), m_config.tokenLifetimeSeconds}});
}

bool SandboxClientTokens::admitCall(qint64 now)
{
    while (!m_calls.empty()
           && m_calls.front() <= now - DouyinApi::CLIENT_TOKEN_THROTTLE_WINDOW_SECONDS)
        m_calls.pop_front();
    // Refused calls are not counted, so a client that backs off recovers after the window.
    if (m_calls.size() >= std::size_t(DouyinApi::CLIENT_TOKEN_THROTTLE_CALLS))
        return false;
    m_calls.push_back(now);
    return true;
}

QString SandboxClientTokens::newToken(qint64 now)
{
    // Douyin keeps at most the two newest tokens alive: the previous one for the grace
    // period, every older one not at all.
    for (qsizetype i = 0; i < m_order.size(); ++i) {
        qint64 &validUntil = m_validUntil[m_order.at(i)];
        const bool previous = i == m_order.size() - 1;
        validUntil = std::min(validUntil, previous ? now + m_config.tokenGraceSeconds : now);
    }
    const QString token = SandboxIdGenerator::unique(
            // -> QString: a QStringBuilder returned from here would outlive its operands.
            [this]() -> QString {
                return QStringLiteral("clt.") + m_ids.hex(16) + m_ids.alnum(30);
            },
            [this](const QString &id) { return m_validUntil.contains(id); });
    m_validUntil.insert(token, now + m_config.tokenLifetimeSeconds);
    m_order.append(token);
    while (m_order.size() > MAX_ACCESS_TOKENS)
        m_validUntil.remove(m_order.takeFirst());
    return token;
}

qint64 SandboxClientTokens::check(const QString &token) const
{
    const auto it = m_validUntil.constFind(token);
    if (token.isEmpty() || it == m_validUntil.constEnd())
        return DouyinApi::TOKEN_INVALID;
    return m_config.clock() < *it ? DouyinApi::OK : DouyinApi::TOKEN_EXPIRED;
}

int SandboxClientTokens::expireAll()
{
    const qint64 t = m_config.clock();
    int expired = 0;
    for (auto it = m_validUntil.begin(); it != m_validUntil.end(); ++it) {
        if (*it > t) {
            *it = t;
            ++expired;
        }
    }
    return expired;
}
