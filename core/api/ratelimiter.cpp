#include "core/api/ratelimiter.h"

#include <cmath>

void RateLimiter::setLimits(int ratePerSecond, int burst)
{
    m_rate = qMax(0, ratePerSecond);
    m_burst = qMax(1, burst);
    m_buckets.clear();
}

int RateLimiter::take(qint64 key, qint64 nowMs)
{
    if (m_rate == 0)
        return 0;
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket{double(m_burst), nowMs});
    Bucket &bucket = *it;
    const double elapsed = double(qMax<qint64>(0, nowMs - bucket.updatedMs)) / 1000.0;
    bucket.tokens = qMin(double(m_burst), bucket.tokens + elapsed * m_rate);
    bucket.updatedMs = nowMs;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return 0;
    }
    return qMax(1, int(std::ceil((1.0 - bucket.tokens) / m_rate)));
}
