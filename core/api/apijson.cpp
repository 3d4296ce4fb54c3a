#include "core/api/apijson.h"

#include <QDateTime>

#include "core/douyin/douyinapi.h"

namespace {

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

template <typename T>
QJsonValue numberOrNull(const std::optional<T> &value)
{
    return value ? QJsonValue(qint64(*value)) : QJsonValue(QJsonValue::Null);
}

} // namespace

namespace ApiJson {

QString timestamp(qint64 unixMs)
{
    return QDateTime::fromMSecsSinceEpoch(unixMs, Qt::UTC).toString(Qt::ISODate);
}

QJsonValue timestampOrNull(std::optional<qint64> unixMs)
{
    return unixMs ? QJsonValue(timestamp(*unixMs)) : QJsonValue(QJsonValue::Null);
}

QJsonValue couponStatus(std::optional<int> status)
{
    if (!status)
        return QJsonValue::Null;
    switch (DouyinApi::CertificateStatus(*status)) {
    case DouyinApi::CertificateStatus::Usable:
        return QStringLiteral("UNUSED");
    case DouyinApi::CertificateStatus::Verified:
        return QStringLiteral("USED");
    case DouyinApi::CertificateStatus::Refunded:
        return QStringLiteral("REFUNDED");
    case DouyinApi::CertificateStatus::Expired:
        return QStringLiteral("EXPIRED");
    }
    // A status Douyin has not documented: unknown to us, so not invented.
    return QJsonValue::Null;
}

QJsonObject verificationView(const VerificationRecord &r)
{
    using Status = VerificationRecord::Status;
    const bool success = r.verifyStatus == Status::Success;
    const auto seconds = [](const std::optional<qint64> &s) {
        return s ? std::optional<qint64>(*s * 1000) : std::nullopt;
    };
    QJsonObject view{
            {QStringLiteral("id"), r.id},
            {QStringLiteral("app_id"), r.appId},
            {QStringLiteral("app_name"), r.appName},
            {QStringLiteral("poi_id"), r.poiId},
            {QStringLiteral("verify_status"), VerificationRecord::toString(r.verifyStatus)},
            // A success carries error_code 0 and an empty description, as in the seed.
            {QStringLiteral("error_code"), success ? QJsonValue(0) : numberOrNull(r.errorCode)},
            {QStringLiteral("error_description"),
             success ? QJsonValue(QString()) : textOrNull(r.errorDescription)},
            {QStringLiteral("certificate_id"), textOrNull(r.certificateId)},
            {QStringLiteral("encrypted_code"), textOrNull(r.encryptedCode)},
            {QStringLiteral("origin_code"), textOrNull(r.originCode)},
            {QStringLiteral("coupon_status"), couponStatus(r.couponStatus)},
            {QStringLiteral("product_id"), textOrNull(r.productId)},
            {QStringLiteral("product_name"), textOrNull(r.productName)},
            {QStringLiteral("sku_id"), textOrNull(r.skuId)},
            {QStringLiteral("sku_name"), textOrNull(r.skuName)},
            {QStringLiteral("verify_records_count"), numberOrNull(r.verifyRecordsCount)},
            {QStringLiteral("verify_id"), textOrNull(r.verifyId)},
            {QStringLiteral("order_id"), textOrNull(r.orderId)},
            {QStringLiteral("source_order_id"), textOrNull(r.sourceOrderId)},
            {QStringLiteral("ext_order_id"), textOrNull(r.extOrderId)},
            {QStringLiteral("order_status"), numberOrNull(r.orderStatus)},
            {QStringLiteral("pay_amount"), numberOrNull(r.payAmount)},
            {QStringLiteral("receipt_amount"), numberOrNull(r.receiptAmount)},
            {QStringLiteral("discount_amount"), numberOrNull(r.discountAmount)},
            {QStringLiteral("enrichment_status"), VerificationRecord::toString(r.enrichmentStatus)},
            {QStringLiteral("enrichment_retry_count"), r.enrichmentRetryCount},
            // The seed's field keeps Douyin's raw answer; platform_response is every platform's.
            {QStringLiteral("douyin_response"),
             r.platformResponse.isEmpty() || r.platform != PlatformId::Douyin
                     ? QJsonValue(QJsonValue::Null)
                     : QJsonValue(r.platformResponse)},
            {QStringLiteral("platform"), Platforms::toString(r.platform)},
            {QStringLiteral("platform_response"),
             r.platformResponse.isEmpty() ? QJsonValue(QJsonValue::Null)
                                          : QJsonValue(r.platformResponse)},
            {QStringLiteral("verify_time"), timestampOrNull(seconds(r.verifyTime))},
            {QStringLiteral("create_order_time"), timestampOrNull(seconds(r.createOrderTime))},
            {QStringLiteral("pay_time"), timestampOrNull(seconds(r.payTime))},
            {QStringLiteral("created_at"), timestamp(r.createdAt)},
            {QStringLiteral("updated_at"), timestamp(r.updatedAt)},
            {QStringLiteral("extra"),
             r.extra.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.extra)},
            // API.md, Cancel: verify_status stays the history of the verify.
            {QStringLiteral("cancel_status"),
             r.cancel.status ? QJsonValue(VerificationRecord::toString(*r.cancel.status))
                             : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("cancelled_at"), timestampOrNull(r.cancel.cancelledAt)},
            {QStringLiteral("cancel_reason"), textOrNull(r.cancel.reason)},
            {QStringLiteral("cancel_deadline"),
             success ? timestampOrNull(r.cancelDeadline) : QJsonValue(QJsonValue::Null)},
            // API.md, Reconciliation and settlement: only a standing success is settled.
            {QStringLiteral("settlement_status"),
             r.isStandingSuccess() && r.settlementStatus
                     ? QJsonValue(VerificationRecord::toString(*r.settlementStatus))
                     : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("commission_amount"), numberOrNull(r.commissionAmount)},
            {QStringLiteral("settled_at"), timestampOrNull(r.settledAt)},
            {QStringLiteral("gateway"), textOrNull(r.gatewayName)},
    };
    return view;
}

QJsonObject verifierApp(const VerifierApp &app)
{
    return QJsonObject{
            {QStringLiteral("id"), app.id},
            {QStringLiteral("name"), app.name},
            {QStringLiteral("client_key"), app.clientKey},
            {QStringLiteral("status"), VerifierApp::toString(app.status)},
            {QStringLiteral("allow_token_read"), app.allowTokenRead},
            {QStringLiteral("created_at"), timestamp(app.createdAt)},
            {QStringLiteral("updated_at"), timestamp(app.updatedAt)},
            {QStringLiteral("last_used_at"), timestampOrNull(app.lastUsedAt)},
    };
}

} // namespace ApiJson
