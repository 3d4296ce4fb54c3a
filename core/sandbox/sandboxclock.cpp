#include "core/sandbox/sandboxclock.h"

#include <QDateTime>

SandboxClock::SandboxClock(Source source) : m_source(std::move(source))
{
    if (!m_source)
        m_source = [] {
            return QDateTime::currentSecsSinceEpoch();
        };
}

Result<qint64> SandboxClock::advance(qint64 seconds)
{
    if (seconds < 0 || seconds > MAX_ADVANCE_SECONDS)
        return makeError(ErrorCode::BadInput,
                         QStringLiteral("advance_seconds: an integer from 0 to %1")
                                 .arg(MAX_ADVANCE_SECONDS));
    m_offset += seconds;
    return now();
}
