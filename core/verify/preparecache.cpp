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
