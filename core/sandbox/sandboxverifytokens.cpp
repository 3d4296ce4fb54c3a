#include "core/sandbox/sandboxverifytokens.h"

namespace {

constexpr int PURGE_EVERY_PREPARES = 1024;

} // namespace

QString SandboxVerifyTokens::issue(Token token)
{
    token.expiresAt = m_config.clock() + m_config.verifyTokenLifetimeSeconds;
    const QString id = SandboxIdGenerator::unique(
            [this] { return m_ids.uuid(); },
            [this](const QString &candidate) { return m_tokens.contains(candidate); });
    m_tokens.insert(id, token);
    if (++m_issuedSincePurge >= PURGE_EVERY_PREPARES)
        purge();
    return id;
}

SandboxVerifyTokens::Token *SandboxVerifyTokens::find(const QString &id)
{
    const auto it = m_tokens.find(id);
    if (it == m_tokens.end() || m_config.clock() >= it->expiresAt)
        return nullptr;
    return &*it;
}

void SandboxVerifyTokens::purge()
{
    // An expired token answers exactly like an unknown one (1229), so forgetting it is safe.
    m_issuedSincePurge = 0;
    const qint64 t = m_config.clock();
    for (auto it = m_tokens.begin(); it != m_tokens.end();) {
        if (t >= it->expiresAt)
            it = m_tokens.erase(it);
        else
            ++it;
    }
}
