#include "core/douyin/douyinstatemapping.h"

#include "core/douyin/douyinplatform.h"

namespace DouyinStateMapping {

CouponState toState(const Douyin::CertificateState &state)
{
    CouponState coupon;
    coupon.certificateId = state.certificateId;
    coupon.encryptedCode = state.encryptedCode;
    coupon.platformStatus = state.status;
    coupon.verifyCount = int(state.verifyRecords.size());
    coupon.status = DouyinPlatform::couponStatusOf(state.status);
    const Douyin::CertificateVerify &verify = state.hasVerify || state.verifyRecords.isEmpty()
            ? state.verify
            : state.verifyRecords.constLast();
    coupon.verifyId = verify.verifyId;
    coupon.verifyTime = verify.verifyTime;
    return coupon;
}

OrderDetails toDetails(const Douyin::Order &order)
{
    return {order.orderId,       order.orderStatus,    order.skuId,           order.skuName,
            order.productId,     order.productName,    order.count,           order.payAmount,
            order.receiptAmount, order.discountAmount, order.createOrderTime, order.payTime,
            order.sourceOrderId, order.extOrderId};
}

} // namespace DouyinStateMapping
