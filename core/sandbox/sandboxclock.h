#pragma once

#include <functional>

#include <QtGlobal>

#include "core/result.h"

// The sandbox's time: the configured clock (the wall clock, or a test's) plus how far the
// control API has moved it forward. Everything time-dependent reads this one clock, so moving
// it closes the cancel window, expires client and verify tokens and certificates at once,
// without anyone sleeping. It only moves forward: a verification dated in the future would
// make no sense to a client.
class SandboxClock
{
public:
    using Source = std::function<qint64()>;

    // An empty source means the wall clock.
    explicit SandboxClock(Source source);

    qint64 now() const { return m_source() + m_offset; }
    qint64 offset() const { return m_offset; }
    // seconds must be 0 .. MAX_ADVANCE_SECONDS; the error names the field.
    Result<qint64> advance(qint64 seconds);

    // One call's limit, ten years: far beyond any lifetime the sandbox has, far from overflow.
    static constexpr qint64 MAX_ADVANCE_SECONDS = Q_INT64_C(10) * 365 * 24 * 3600;

private:
    Source m_source;
    qint64 m_offset = 0;
};
