#pragma once

#include <QList>
#include <QString>

#include "core/result.h"
#include "core/runtime/democoupon.h"

class SandboxServer;

// The demo panel's coupons, read from the embedded sandbox and minted there, on the gateway
// thread (demo mode only): Douyin orders with their short links and codes, then Meituan
// orders with their receipt codes.
class DemoCouponShelf final
{
public:
    // `sandbox` must outlive this object.
    explicit DemoCouponShelf(SandboxServer *sandbox);

    // The usable orders, newest first. Douyin orders for poiId are minted first until that
    // store has at least `minimum` usable ones, and a Meituan one when it has none; a poiId the
    // sandbox does not know gets none, so a mistyped id never becomes a new store.
    QList<DemoCoupon> coupons(const QString &poiId, int minimum);
    // One more Douyin order for poiId (an unknown or empty one: the first store).
    Result<DemoCoupon> mint(const QString &poiId);

private:
    SandboxServer *m_sandbox;
};
