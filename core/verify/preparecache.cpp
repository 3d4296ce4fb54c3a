#include "core/verify/preparecache.h"

void PrepareCache::insert(const PreparedOrder &prepared, const QString &poiId, qint64 appId,
                          qint64 nowMs, int lifetimeSeconds)
{
    if (m_entries.size() >= MAX_ENTRIES)
        purge(nowMs);
    m_entries.insert(prepared.verifyToken,
                     Entry{prepared, poiId, appId, nowMs + qint64(lifetimeSeconds) * 1000});
}

std::optional<PrepareCache::Entry> PrepareCache::find(const QString &verifyToken,
                                                      qint64 nowMs) const
{
    const auto it = m_entries.constFind(verifyToken);
    if (it == m_entries.cend() || it->expiresAtMs <= nowMs)
        return std::nullopt;
    return *it;
}

QList<PreparedCoupon> PrepareCache::couponsFor(const QString &verifyToken,
                                               const QString &encryptedCode, int count,
                                               qint64 nowMs) const
{
    PreparedCoupon given;
    given.encryptedCode = encryptedCode;
    QList<PreparedCoupon> others;
    if (const auto cached = find(verifyToken, nowMs)) {
        for (const PreparedCoupon &coupon : cached->prepared.certificates) {
            if (coupon.encryptedCode == encryptedCode)
                given = coupon;
            else
                others.append(coupon);
        }
    }
    return QList<PreparedCoupon>{given} + others.mid(0, count - 1);
}

void PrepareCache::purge(qint64 nowMs)
{
    m_entries.removeIf([nowMs](const auto &entry) { return entry.value().expiresAtMs <= nowMs; });
    // Still full of live tokens: drop the oldest half rather than grow without bound.
    if (m_entries.size() >= MAX_ENTRIES) {
        QList<qint64> expiries;
        for (const Entry &entry : std::as_const(m_entries))
            expiries.append(entry.expiresAtMs);
        std::nth_element(expiries.begin(), expiries.begin() + expiries.size() / 2, expiries.end());
        const qint64 cutoff = expiries.at(expiries.size() / 2);
        m_entries.removeIf(
                [cutoff](const auto &entry) { return entry.value().expiresAtMs <= cutoff; });
    }
}
