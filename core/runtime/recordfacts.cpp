#include "core/runtime/recordfacts.h"

#include "core/douyin/douyinapi.h"
#include "core/douyin/douyinplatform.h"
#include "core/verify/recordtransitions.h"

namespace RecordFacts {

std::optional<RejectReason> reason(const VerificationRecord &record)
{
    if (record.verifyStatus != VerificationRecord::Status::Failed)
        return std::nullopt;
    if (!record.errorCode)
        return RecordTransitions::wasNotSent(record) ? RejectReason::Unavailable
                                                     : RejectReason::Unknown;
    switch (record.platform) {
    case PlatformId::Douyin:
        return DouyinPlatform::reasonFor(*record.errorCode);
    case PlatformId::Meituan:
        break;
    }
    return RejectReason::Unknown;
}

std::optional<CouponState::Status> couponStatus(const VerificationRecord &record)
{
    if (!record.couponStatus || record.platform != PlatformId::Douyin)
        return std::nullopt;
    return DouyinPlatform::couponStatusOf(*record.couponStatus);
}

std::optional<OrderState> orderStatus(const VerificationRecord &record)
{
    if (!record.orderStatus || record.platform != PlatformId::Douyin)
        return std::nullopt;
    switch (DouyinApi::OrderStatus(*record.orderStatus)) {
    case DouyinApi::OrderStatus::Paid:
        return OrderState::Paid;
    case DouyinApi::OrderStatus::PartlyUsed:
        return OrderState::PartlyUsed;
    case DouyinApi::OrderStatus::Used:
        return OrderState::Used;
    case DouyinApi::OrderStatus::Refunded:
        return OrderState::Refunded;
    }
    return OrderState::Other;
}

} // namespace RecordFacts
