#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <optional>

#include <QList>
#include <QString>

// The Meituan calls' requests and answers, as the product uses them. Amounts are integer fen
// (converted exactly from Meituan's yuan by MeituanMoney); ids stay text, since Meituan's
// int64 ids do not survive a double. Field names follow MEITUAN.md, which differ between calls
// (dealGroupId / dealgroupId; receiptEndDate a number here, a string there): the parsers
// hide that.
namespace Meituan {

struct PaymentDetail
{
    QString paymentDetailId;
    qint64 amountFen = 0;
    int amountType = 0;
};

// One coupon (receipt) as prepare, consume and reverseconsume describe it.
struct Receipt
{
    QString orderId;
    QString receiptCode;
    QString dealId;
    QString dealGroupId;
    QString dealTitle;
    qint64 dealPriceFen = 0;
    qint64 dealMarketPriceFen = 0;
    QString mobile; // masked by Meituan
    int bizType = 0; // 0 普通团购, 203 拼团, 205 次卡, 217 通兑标品
    QList<PaymentDetail> paymentDetail;
    QDateTime receiptEndDate; // invalid when not given
    qint64 platformAmountFen = 0;
    std::optional<qint64> merchantAmountFen; // 商家实收, when Meituan states it
    QString flowId; // consume only
};

struct PrepareResult
{
    Receipt receipt;
    int count = 0; // coupons of this order that can still be consumed
    int productType = 0;
    QString productItemId;
    QString traceId;
    QJsonObject raw; // Meituan's whole answer, kept in the record
};

struct ConsumeRequest
{
    QString receiptCode;
    int count = 1; // 1..100
    QString requestId; // the idempotency key: a resend of a lost consume reuses it
    QString appShopAccount; // operator id, recorded by Meituan only
    QString appShopAccountName;
};

struct ConsumeResult
{
    QList<Receipt> receipts; // one per consumed coupon
    QString traceId;
    QJsonObject raw;
};

// getconsumed. Meituan answers an error (1006) for a code not consumed; the client turns that
// into consumed == false, since that is the answer the lost-consume resolution needs.
struct ConsumedStatus
{
    bool consumed = false;
    QString receiptCode;
    QString dealId;
    QString dealGroupId;
    QString dealTitle;
    qint64 dealPriceFen = 0;
    qint64 dealMarketPriceFen = 0;
    QString verifyAccount;
    QString verifyChannel;
    QString verifyTime; // as Meituan wrote it
    int bizType = 0;
    QString traceId;
    QJsonObject raw;
};

struct ReverseConsumeRequest
{
    QString receiptCode;
    QString dealId; // the dealId (not dealGroupId), sent as a string
    QString appShopAccount;
    QString appShopAccountName;
};

struct ReverseConsumeResult
{
    QList<Receipt> receipts;
    QString traceId;
    QJsonObject raw;
};

struct ListRequest
{
    QDate date;
    int offset = 0;
    int limit = 300; // <= 300
    int type = 0;
};

struct ListRecord
{
    QString receiptCode;
    QString dealId;
    QString dealGroupId;
    QString dealTitle;
    qint64 dealPriceFen = 0;
    QString verifyAccount;
    QString verifyChannel;
    QString verifyTime;
    int bizType = 0;
    QString flowId;
    int refundStatus = 0; // 0 未使用, 1 已使用, 4 未消费退, 6 已消费退
};

struct ListResult
{
    int totalCount = 0;
    QList<ListRecord> records;
    QString traceId;
};

// /oauth/token and /oauth/refresh.
struct TokenPair
{
    QString accessToken;
    QString refreshToken;
    int expireInSeconds = 0;
    QDateTime expiresAt; // receipt time + expireIn
    QString scope;
    QString opBizCode; // the authorized store
};

} // namespace Meituan
