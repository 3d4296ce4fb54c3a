#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// Typed views of Douyin's answers (../shared/DOUYIN.md). IDs are strings end to end because
// they can exceed 2^53. Amounts are fen, times Unix seconds; 0 when Douyin left them out.
// Every result also keeps Douyin's raw answer object, which the gateway passes on unchanged.
// Douyin-only: the engine sees these only as the platform types DouyinPlatform maps them to.
namespace Douyin {

struct Amount
{
    qint64 originalAmount = 0;
    qint64 payAmount = 0;
    qint64 couponPayAmount = 0;
    qint64 merchantTicketAmount = 0;
    qint64 listMarketAmount = 0;
    qint64 platformDiscountAmount = 0;
    qint64 paymentDiscountAmount = 0;
};

struct Sku
{
    QString skuId;
    QString title;
    QString productId; // not always present
    int grouponType = 0; // 1 团餐券, 2 代金券, 3 次卡
    qint64 marketPrice = 0;
    QString thirdSkuId;
    QString accountId;
};

struct ClientToken
{
    QString accessToken;
    int expiresIn = 0; // seconds, as Douyin reported it
};

struct PrepareRequest
{
    QString encryptedData; // from a short link: the whole order
    QString code; // a plain coupon code: just that certificate
    QString poiId; // optional
};

struct PreparedCertificate
{
    QString encryptedCode;
    QString certificateId;
    qint64 startTime = 0;
    qint64 expireTime = 0;
    Amount amount;
    Sku sku;
};

struct PrepareResult
{
    QString verifyToken;
    QString orderId;
    QList<PreparedCertificate> certificates;
    QJsonObject raw;
};

struct VerifyRequest
{
    QString verifyToken;
    QString poiId;
    QStringList encryptedCodes; // or
    QStringList codes; // third-party codes
    QString orderId; // optional
};

struct VerifyCodeResult
{
    qint64 result = -1; // 0 = verified
    QString msg;
    QString code;
    QString originCode;
    QString verifyId;
    QString certificateId;
    qint64 verifyTime = 0;
    QString accountId;
    QString orderId;
};

struct VerifyResult
{
    QList<VerifyCodeResult> results;
    QJsonObject raw;
};

// One of a certificate's verify records: a verification Douyin knows of, by anyone.
struct CertificateVerify
{
    QString verifyId;
    QString certificateId;
    int verifyType = 0;
    qint64 verifyTime = 0;
    bool canCancel = false;
    QString poiId;
    QString verifierUniqueId;
};

struct CertificateState
{
    QString certificateId;
    QString encryptedCode;
    QString code;
    int status = 0; // DouyinApi::CertificateStatus
    qint64 startTime = 0;
    qint64 expireTime = 0;
    Amount amount;
    Sku sku;
    bool hasVerify = false;
    CertificateVerify verify; // when hasVerify
    QList<CertificateVerify> verifyRecords; // batch query only
    int timesCount = 0; // 次卡, batch query only
    int timesUsed = 0;
};

struct CertificateGetResult
{
    CertificateState certificate;
    QJsonObject raw;
};

struct CertificateQueryRequest
{
    QString encryptedCode;
    QString orderId;
};

struct CertificateQueryResult
{
    QList<CertificateState> certificates;
    QJsonObject raw;
};

struct Order
{
    QString orderId;
    int orderStatus = 0;
    QString skuId;
    QString skuName;
    QString productId;
    QString productName;
    int count = 0;
    qint64 originalAmount = 0;
    qint64 payAmount = 0;
    qint64 receiptAmount = 0; // [choice] not in every answer; 0 when absent
    qint64 discountAmount = 0;
    qint64 createOrderTime = 0;
    qint64 payTime = 0;
    qint64 updateOrderTime = 0;
    QString sourceOrderId;
    QString extOrderId;
};

struct OrderQueryRequest
{
    QString accountId;
    QString orderId;
    int pageNum = 1;
    int pageSize = 10;
};

struct OrderQueryResult
{
    QList<Order> orders;
    QJsonObject raw;
};

struct Poi
{
    QString poiId;
    QString poiName;
    QString address;
    double latitude = 0;
    double longitude = 0;
};

struct PoiQueryRequest
{
    QString accountId;
    int page = 1;
    int size = 20;
};

struct PoiQueryResult
{
    QList<Poi> pois;
    int total = 0;
    QJsonObject raw;
};

struct CancelRequest
{
    QString verifyId;
    QString certificateId;
    QString cancelToken; // the same on every resend: Douyin cancels at most once per token
};

} // namespace Douyin
