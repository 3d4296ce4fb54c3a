#include "core/platform/platformregistry.h"

#include "core/platform/couponplatform.h"

void PlatformRegistry::add(CouponPlatform *platform)
{
    m_platforms.insert(int(platform->id()), platform);
}

CouponPlatform *PlatformRegistry::find(PlatformId id) const
{
    return m_platforms.value(int(id), nullptr);
}

QList<CouponPlatform *> PlatformRegistry::all() const
{
    return m_platforms.values();
}
