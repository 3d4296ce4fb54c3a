#include "core/sandbox/sandboxmeituantokens.h"

#include <algorithm>

#include "core/meituan/meituanapi.h"
#include "core/sandbox/sandboxmeituanbook.h"

namespace {

using Answer = SandboxMeituanAnswer;

constexpr char STANDING_PREFIX[] = "sandbox-auth-";

Answer tokenRefused(const QString &detail)
{
    return Answer::failure(QLatin1String(MeituanApi::TOKEN_EXPIRED), detail);
}

} // namespace

QString SandboxMeituanTokens::standingCode(const QString &poiId)
{
    return QLatin1String(STANDING_PREFIX) + poiId;
}

Result<QString> SandboxMeituanTokens::issueCode(const QString &poiId)
{
    if (!m_stores.poi(poiId))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("poi_id: no such store: %1").arg(poiId));
    const QString code = SandboxIdGenerator::unique(
            [this]() -> QString { return QStringLiteral("sandbox-code-") + m_ids.hex(12); },
            [this](const QString &candidate) { return m_codes.contains(candidate); });
    m_codes.insert(code, {poiId, m_config.clock() + m_config.meituanAuthCodeLifetimeSeconds});
    return code;
}

Answer SandboxMeituanTokens::exchange(const QString &code)
{
    const QString standing = code.startsWith(QLatin1String(STANDING_PREFIX))
            ? code.mid(int(qstrlen(STANDING_PREFIX)))
            : QString();
    if (!standing.isEmpty() && m_stores.poi(standing))
        return Answer::success(pairJson(issue(standing)));

    const auto it = m_codes.find(code);
    if (it == m_codes.end())
        return Answer::paramError(QStringLiteral("code: unknown authorization code"));
    if (it->used)
        return Answer::paramError(QStringLiteral("code: already exchanged"));
    if (m_config.clock() >= it->validUntil)
        return Answer::paramError(QStringLiteral("code: expired"));
    it->used = true;
    return Answer::success(pairJson(issue(it->poiId)));
}

Answer SandboxMeituanTokens::refresh(const QString &refreshToken)
{
    const QString access = m_accessByRefresh.value(refreshToken);
    if (refreshToken.isEmpty() || access.isEmpty())
        return tokenRefused(QStringLiteral("refreshToken: unknown"));
    const Pair pair = m_pairs.value(access);
    if (m_config.clock() >= pair.refreshUntil)
        return tokenRefused(QStringLiteral("refreshToken: expired or replaced"));
    if (!pair.current) {
        // A resend of a refresh whose answer was lost gets the pair it produced.
        const auto successor = m_pairs.constFind(pair.successor);
        if (successor != m_pairs.constEnd() && successor->current)
            return Answer::success(pairJson(*successor));
        return tokenRefused(QStringLiteral("refreshToken: replaced by a newer authorization"));
    }
    const Pair &fresh = issue(pair.poiId);
    const QString freshAccess = fresh.accessToken;
    m_pairs[access].successor = freshAccess;
    return Answer::success(pairJson(m_pairs.value(freshAccess)));
}

Result<QString, Answer> SandboxMeituanTokens::check(const QString &accessToken) const
{
    const auto it = m_pairs.constFind(accessToken);
    if (accessToken.isEmpty() || it == m_pairs.constEnd())
        return tokenRefused(QStringLiteral("appAuthToken: unknown"));
    if (m_config.clock() >= it->accessUntil)
        return tokenRefused(QStringLiteral("appAuthToken: expired"));
    return it->poiId;
}

int SandboxMeituanTokens::expire(const QString &poiId, bool refreshTokens)
{
    const qint64 t = m_config.clock();
    int expired = 0;
    for (Pair &pair : m_pairs) {
        if (!poiId.isEmpty() && pair.poiId != poiId)
            continue;
        if (pair.accessUntil > t) {
            pair.accessUntil = t;
            ++expired;
        }
        if (refreshTokens)
            pair.refreshUntil = std::min(pair.refreshUntil, t);
    }
    return expired;
}

const SandboxMeituanTokens::Pair &SandboxMeituanTokens::issue(const QString &poiId)
{
    const qint64 t = m_config.clock();
    retire(poiId, t);
    Pair pair;
    pair.poiId = poiId;
    pair.accessToken = SandboxIdGenerator::unique(
            [this] { return m_ids.opaque(24); },
            [this](const QString &token) { return m_pairs.contains(token); });
    pair.refreshToken = SandboxIdGenerator::unique(
            [this] { return m_ids.opaque(24); },
            [this](const QString &token) { return m_accessByRefresh.contains(token); });
    pair.accessUntil = t + m_config.meituanAccessTokenLifetimeSeconds;
    pair.refreshUntil = t + m_config.meituanRefreshTokenLifetimeSeconds;
    m_accessByRefresh.insert(pair.refreshToken, pair.accessToken);
    m_storePairs[poiId].append(pair.accessToken);
    return *m_pairs.insert(pair.accessToken, pair);
}

void SandboxMeituanTokens::retire(const QString &poiId, qint64 now)
{
    QStringList &remembered = m_storePairs[poiId];
    // Only the pair in force and the one before it are remembered; older ones are gone.
    while (remembered.size() > 1) {
        const Pair gone = m_pairs.take(remembered.takeFirst());
        m_accessByRefresh.remove(gone.refreshToken);
    }
    if (remembered.isEmpty())
        return;
    Pair &previous = m_pairs[remembered.first()];
    if (!previous.current)
        return;
    previous.current = false;
    const qint64 graceEnd = now + m_config.meituanTokenGraceSeconds;
    previous.accessUntil = std::min(previous.accessUntil, graceEnd);
    previous.refreshUntil = std::min(previous.refreshUntil, graceEnd);
}

QJsonObject SandboxMeituanTokens::pairJson(const Pair &pair) const
{
    return {{QStringLiteral("accessToken"), pair.accessToken},
            {QStringLiteral("expireIn"), std::max<qint64>(0, pair.accessUntil - m_config.clock())},
            {QStringLiteral("refreshToken"), pair.refreshToken},
            {QStringLiteral("scope"), QStringLiteral("all")},
            {QStringLiteral("opBizCode"), SandboxMeituanBook::opBizCode(pair.poiId)}};
}
