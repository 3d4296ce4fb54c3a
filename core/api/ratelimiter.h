#pragma once

#include <QHash>

// Token buckets per app: `rate` requests per second on average, bursts up to `burst`.
// rate 0 = unlimited (load tests).
class RateLimiter
{
public:
    void setLimits(int ratePerSecond, int burst);

    // Takes one token for `key` at time nowMs; returns 0 when allowed, otherwise the whole
    // seconds to wait (for Retry-After).
    int take(qint64 key, qint64 nowMs);

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };

    int m_rate = 20;
    int m_burst = 40;
    QHash<qint64, Bucket> m_buckets;
};
