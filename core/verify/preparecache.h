#pragma once

#include <optional>

#include <QHash>
#include <QString>

#include "core/platform/platformtypes.h"

// Prepares this gateway made, by verify_token, for as long as the platform honours the token.
// Lets the two-step flow (prepare, then verify N of them with that token) know which
// certificates, products and amounts the token stands for without preparing again.
class PrepareCache
{
public:
    struct Entry
    {
        PreparedOrder prepared;
        QString poiId;
        qint64 appId = 0;
        qint64 expiresAtMs = 0;
    };

    static constexpr int MAX_ENTRIES = 10000; // a busy till makes a few hundred a day

    void insert(const PreparedOrder &prepared, const QString &poiId, qint64 appId, qint64 nowMs,
                int lifetimeSeconds);
    std::optional<Entry> find(const QString &verifyToken, qint64 nowMs) const;
    // The coupons a verify of `count` under this token takes: the given one first, then others
    // of the same prepare when it went through this gateway (fewer when there are not enough).
    QList<PreparedCoupon> couponsFor(const QString &verifyToken, const QString &encryptedCode,
                                     int count, qint64 nowMs) const;
    // A verify_token serves one verify request (the platforms' 1:1 rule).
    void remove(const QString &verifyToken) { m_entries.remove(verifyToken); }

private:
    void purge(qint64 nowMs);

    QHash<QString, Entry> m_entries;
};
