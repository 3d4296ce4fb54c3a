#pragma once

#include <QtGlobal>

// When a lost verify (or cancel) answer is looked into again. Each platform publishes its own
// (Douyin: 5 s x5, then every 40 s, at most 14 retries; DOUYIN.md §3) and states it once, in
// its capabilities; the engine only reads it, and tests only scale it.
struct RetrySchedule
{
    int fastDelayMs = 0;
    int fastCount = 0;
    int slowDelayMs = 0;
    int maxAttempts = 0;

    // Wait before resolution pass `attempt` (1-based), counted from the previous pass.
    int delayBefore(int attempt) const { return attempt <= fastCount ? fastDelayMs : slowDelayMs; }

    // Every delay multiplied by `factor` (tests that cannot wait 40 s use 0.02).
    RetrySchedule scaled(double factor) const
    {
        RetrySchedule scaled = *this;
        scaled.fastDelayMs = qMax(1, int(fastDelayMs * factor));
        scaled.slowDelayMs = qMax(1, int(slowDelayMs * factor));
        return scaled;
    }
};
