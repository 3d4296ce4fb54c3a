#pragma once

#include <QList>

#include "core/sandbox/sandboxstate.h"

// The fixed world a sandbox starts with, so demo mode has something to scan: the merchant's
// stores, and Douyin and Meituan orders drawn from small catalogues. Orders get their ids from SandboxState's
// seeded generator, so they are the same on every start.
namespace SandboxDemoData {

QList<SandboxState::Poi> stores();
QList<SandboxState::OrderSpec> orders();
// One more single-coupon order for poiId from the same catalogue, for demo mode to mint when
// a store runs out of coupons; successive serials walk through the products.
SandboxState::OrderSpec refill(const QString &poiId, int serial);

// Meituan's side of the same stores: a few orders per store (10-digit receipt codes, deals
// like the Douyin catalogue's), and a refill as above.
QList<SandboxState::MeituanOrderSpec> meituanOrders();
SandboxState::MeituanOrderSpec meituanRefill(const QString &poiId, int serial);

} // namespace SandboxDemoData
