#pragma once

#include <QHash>
#include <QList>

#include "core/platform/platformid.h"

class CouponPlatform;

// The platforms this gateway verifies through, by id. Owns nothing: the runtime owns them.
class PlatformRegistry
{
public:
    void add(CouponPlatform *platform);
    // nullptr when the platform is not set up here.
    CouponPlatform *find(PlatformId id) const;
    QList<CouponPlatform *> all() const;

private:
    QHash<int, CouponPlatform *> m_platforms;
};
