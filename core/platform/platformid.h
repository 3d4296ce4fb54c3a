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

} // namespace Platforms
