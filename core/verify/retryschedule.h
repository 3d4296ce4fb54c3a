#pragma once

#include "core/douyin/douyinapi.h"

// When a lost verify answer is looked into again: Douyin's published schedule (5 s x5, then
// every 40 s, at most 14 retries; DOUYIN.md §3) is the one definition; the engine and the
// resolver read it from here, and tests may only scale it, never restate it.
struct RetrySchedule
{
    int fastDelayMs = DouyinApi::VERIFY_RETRY_FAST_SECONDS * 1000;
    int fastCount = DouyinApi::VERIFY_RETRY_FAST_COUNT;
    int slowDelayMs = DouyinApi::VERIFY_RETRY_SLOW_SECONDS * 1000;
    int maxAttempts = DouyinApi::VERIFY_RETRY_MAX;

    // Wait before resolution pass `attempt` (1-based), counted from the previous pass.
    int delayBefore(int attempt) const { return attempt <= fastCount ? fastDelayMs : slowDelayMs; }

    // Douyin's schedule with every delay divided by `divisor` (tests that cannot wait 40 s).
    RetrySchedule scaledDown(int divisor) const
    {
        RetrySchedule scaled = *this;
        scaled.fastDelayMs = qMax(1, fastDelayMs / divisor);
        scaled.slowDelayMs = qMax(1, slowDelayMs / divisor);
        return scaled;
    }
};
