#pragma once

#include <optional>

#include <QString>

// Which coupon platform a verification belongs to. The strings are the stable codes of the
// database, the LAN API (`platform`) and the CLI.
enum class PlatformId { Douyin, Meituan };

namespace Platforms {

inline QString toString(PlatformId id)
{
    return id == PlatformId::Meituan ? QStringLiteral("meituan") : QStringLiteral("douyin");
}

inline std::optional<PlatformId> fromString(const QString &text)
{
    if (text == u"douyin")
        return PlatformId::Douyin;
    if (text == u"meituan")
        return PlatformId::Meituan;
    return std::nullopt;
}

// Whether what the store receives for a coupon comes later, from a ledger (Douyin §14), rather
// than in the verify answer (Meituan's merchantAmount, when given).
inline bool settlesThroughLedger(PlatformId id)
{
    return id == PlatformId::Douyin;
}
} // namespace Platforms
