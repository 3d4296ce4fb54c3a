#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/platform/platformid.h"
#include "core/platform/rejectreason.h"

// The platform-neutral shapes the verification engine works with. Each platform maps its own
// answers onto them (Douyin: DouyinPlatform). IDs are strings end to end (Douyin's exceed
// 2^53); amounts are fen, times Unix seconds, 0 when the platform left them out.

struct PrepareQuery
{
    QString encryptedData; // Douyin: from a short link, the whole order
    QString code; // a plain coupon code: just that coupon
    QString poiId;
};

struct CouponAmount
{
    qint64 payAmount = 0; // what the customer paid for this coupon
    qint64 originalAmount = 0; // its face value
};

struct CouponProduct
{
    QString skuId;
    QString title;
    QString productId;
    int grouponType = 0; // Douyin: 1 团餐券, 2 代金券, 3 次卡
};

struct PreparedCoupon
{
    QString encryptedCode; // what verify is sent for this coupon
    QString certificateId;
    qint64 startTime = 0;
    qint64 expireTime = 0;
    CouponAmount amount;
    CouponProduct sku;
};

// One prepare: the coupons a verify may now use, and the token that binds them (Douyin's
// verify_token; a platform without one gives a request id of its own here).
struct PreparedOrder
{
    PlatformId platform = PlatformId::Douyin;
    QString verifyToken;
    QString orderId;
    QList<PreparedCoupon> certificates;
    QJsonObject raw; // the platform's answer, unchanged
};

struct VerifyQuery
{
    QString verifyToken;
    QString poiId;
    QStringList encryptedCodes; // the prepared coupons' encrypted codes, in order
    QString orderId; // optional
};

// A status query: one coupon by its encrypted code, or every coupon of the order. The store
// names the credentials where the platform needs them (Meituan's per-store token).
struct StatusQuery
{
    QString poiId;
    QString encryptedCode;
    QString orderId;
};

// One cancel (撤销核销) of one verified coupon. The token is stored before the first attempt
// and sent with every resend, so the platform applies the cancel at most once.
struct CancelQuery
{
    QString poiId;
    QString verifyId; // Douyin verify_id, Meituan flowId
    QString certificateId; // Douyin certificate_id, Meituan receiptCode
    QString orderId;
    QString skuId; // Meituan's dealId: reverseconsume names the deal
    QString cancelToken;
};

// The platform cancelled it (also: a resend under the same token found it cancelled).
struct CancelAnswer
{
    QJsonObject raw;
    QString traceId;
};

// The platform's answer for one coupon of a verify call.
struct CouponResult
{
    qint64 result = -1; // the platform's own result code
    QString msg;
    QString code; // the code sent
    QString originCode;
    QString verifyId;
    QString certificateId;
    qint64 verifyTime = 0;
    QString orderId;
    std::optional<qint64> receiptAmount; // what the store receives, where the answer says it
    bool applied = false; // verified by this call, or earlier under the same token
    RejectReason reason = RejectReason::Unknown; // when not applied
};

struct PlatformOutcome
{
    QList<CouponResult> results;
    QJsonObject raw; // the platform's answer, unchanged
    QString traceId;
    int cancelWindowSeconds = 0; // an applied coupon may be cancelled this long after its verify
};

// What a status query says about one coupon.
struct CouponState
{
    enum class Status { Usable, Verified, Refunded, Expired, Unknown };

    QString certificateId;
    QString encryptedCode;
    Status status = Status::Unknown;
    int platformStatus = 0; // the platform's own number, kept in the record
    QString verifyId; // of the verification that used it, when verified
    qint64 verifyTime = 0;
    int verifyCount = 0; // verifications the platform lists for it
};

// An order's state in neutral terms (the platform's own number stays in the record).
enum class OrderState { Paid, PartlyUsed, Used, Refunded, Other };

// What the platform knows about an order, for enrichment.
struct OrderDetails
{
    QString orderId;
    int orderStatus = 0;
    QString skuId;
    QString skuName;
    QString productId;
    QString productName;
    int count = 0;
    qint64 payAmount = 0;
    qint64 receiptAmount = 0;
    qint64 discountAmount = 0;
    qint64 createOrderTime = 0;
    qint64 payTime = 0;
    QString sourceOrderId;
    QString extOrderId;
};
