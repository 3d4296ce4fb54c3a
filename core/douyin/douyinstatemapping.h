#pragma once

#include "core/douyin/douyintypes.h"
#include "core/platform/platformtypes.h"

// Douyin's certificate status and order answers in the neutral shapes the engine resolves
// and enriches with.
namespace DouyinStateMapping {

CouponState toState(const Douyin::CertificateState &state);
OrderDetails toDetails(const Douyin::Order &order);

} // namespace DouyinStateMapping
