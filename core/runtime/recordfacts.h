#pragma once

#include <optional>

#include "core/platform/platformtypes.h"
#include "core/platform/rejectreason.h"
#include "core/store/verificationrecord.h"

// What a record's platform numbers mean: a record keeps its platform's own codes (error code,
// coupon status, order status), so the platform that gave them translates them here, and the
// ui only ever words neutral values.
namespace RecordFacts {

// Why a failed record failed; std::nullopt for a record that did not fail.
std::optional<RejectReason> reason(const VerificationRecord &record);
// std::nullopt when the platform has not said.
std::optional<CouponState::Status> couponStatus(const VerificationRecord &record);
std::optional<OrderState> orderStatus(const VerificationRecord &record);

} // namespace RecordFacts
