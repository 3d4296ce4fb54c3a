#include "ui/recordtext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include "core/runtime/recordfacts.h"
#include "ui/style.h"

QString RecordText::platform(PlatformId platform)
{
    switch (platform) {
    case PlatformId::Douyin:
        return tr("Douyin");
    case PlatformId::Meituan:
        return tr("Meituan / Dianping");
    }
    return {};
}

QString RecordText::platformShort(PlatformId platform)
{
    switch (platform) {
    case PlatformId::Douyin:
        //: The platform's short name on badges (抖音)
        return tr("Douyin", "short");
    case PlatformId::Meituan:
        //: The platform's short name on badges (美团; Dianping coupons too)
        return tr("Meituan", "short");
    }
    return {};
}

QString RecordText::status(VerificationRecord::Status status)
{
    using Status = VerificationRecord::Status;
    switch (status) {
    case Status::Pending:
        //: Verification sent to Douyin, answer not in yet
        return tr("Sending");
    case Status::Success:
        //: Verification status
        return tr("Success");
    case Status::Failed:
        //: Verification status
        return tr("Failed");
    case Status::Unknown:
        //: Verification status: the answer was lost and the gateway is checking with Douyin
        return tr("Checking");
    }
    return {};
}

QColor RecordText::statusColor(VerificationRecord::Status status)
{
    using Status = VerificationRecord::Status;
    switch (status) {
    case Status::Success:
        return Style::colour(Style::Colour::Success);
    case Status::Failed:
        return Style::colour(Style::Colour::Failure);
    case Status::Unknown:
        return Style::colour(Style::Colour::Checking);
    case Status::Pending:
        break;
    }
    return Style::colour(Style::Colour::Muted);
}

QString RecordText::enrichment(VerificationRecord::Enrichment status)
{
    using Enrichment = VerificationRecord::Enrichment;
    switch (status) {
    case Enrichment::Pending:
        //: Order details are still being fetched from Douyin
        return tr("Fetching order details");
    case Enrichment::Success:
        return tr("Order details complete");
    case Enrichment::Failed:
        return tr("Order details unavailable");
    case Enrichment::Skipped:
        //: No order number, so no order details to fetch
        return tr("Not needed");
    }
    return {};
}

QString RecordText::settlement(VerificationRecord::Settlement status)
{
    switch (status) {
    case VerificationRecord::Settlement::Pending:
        //: Settlement status: the platform has not yet stated what the store receives (待结算)
        return tr("Pending settlement");
    case VerificationRecord::Settlement::Settled:
        //: Settlement status (已结算)
        return tr("Settled");
    }
    return {};
}

QString RecordText::orderStatus(const VerificationRecord &record)
{
    if (!record.orderStatus)
        return none();
    switch (RecordFacts::orderStatus(record).value_or(OrderState::Other)) {
    case OrderState::Paid:
        //: Order status
        return tr("Paid, not used");
    case OrderState::PartlyUsed:
        //: Order status: some of the order's coupons are used
        return tr("Partly used");
    case OrderState::Used:
        //: Order status
        return tr("Used");
    case OrderState::Refunded:
        //: Order status
        return tr("Refunded");
    case OrderState::Other:
        break;
    }
    //: An order status this program does not know; %1 is the platform's number
    return tr("Status %1").arg(*record.orderStatus);
}

QString RecordText::couponStatus(const VerificationRecord &record)
{
    if (!record.couponStatus)
        return none();
    switch (RecordFacts::couponStatus(record).value_or(CouponState::Status::Unknown)) {
    case CouponState::Status::Usable:
        //: Coupon status
        return tr("Not used yet");
    case CouponState::Status::Verified:
        //: Coupon status
        return tr("Verified");
    case CouponState::Status::Refunded:
        //: Coupon status
        return tr("Refunded");
    case CouponState::Status::Expired:
        //: Coupon status
        return tr("Expired");
    case CouponState::Status::Unknown:
        break;
    }
    return tr("Status %1").arg(*record.couponStatus);
}

QString RecordText::appName(qint64 appId, const QString &name)
{
    if (appId == 0)
        //: The built-in verifier app: verifications made at this till
        return tr("This till");
    return name.isEmpty() ? tr("App %1").arg(appId) : name;
}

QString RecordText::money(std::optional<qint64> fen)
{
    if (!fen)
        return none();
    const qint64 magnitude = *fen < 0 ? -*fen : *fen;
    // Grouped the same way in English and Chinese, so one fixed locale keeps amounts aligned.
    const QLocale locale(QLocale::English, QLocale::UnitedStates);
    return QStringLiteral("%1¥%2.%3")
            .arg(*fen < 0 ? QStringLiteral("-") : QString(), locale.toString(magnitude / 100))
            .arg(magnitude % 100, 2, 10, QLatin1Char('0'));
}

QString RecordText::dateTime(std::optional<qint64> unixMs)
{
    if (!unixMs || *unixMs <= 0)
        return none();
    return QDateTime::fromMSecsSinceEpoch(*unixMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString RecordText::none()
{
    return QStringLiteral("—");
}

QString RecordText::extra(const QJsonObject &extra)
{
    QStringList lines;
    for (auto it = extra.constBegin(); it != extra.constEnd(); ++it) {
        const QJsonValue item = it.value();
        QString text = item.toVariant().toString();
        if (item.isObject())
            text = QString::fromUtf8(QJsonDocument(item.toObject()).toJson(QJsonDocument::Compact));
        else if (item.isArray())
            text = QString::fromUtf8(QJsonDocument(item.toArray()).toJson(QJsonDocument::Compact));
        //: One entry of a record's extra information: key, then value
        lines << tr("%1: %2").arg(it.key(), text);
    }
    return lines.isEmpty() ? none() : lines.join(u'\n');
}

QString RecordText::orderField(const VerificationRecord &r, const QString &field)
{
    const auto orNone = [](const QString &text) {
        return text.isEmpty() ? none() : text;
    };
    const auto millis = [](std::optional<qint64> seconds) {
        return seconds ? std::optional<qint64>(*seconds * 1000) : std::nullopt;
    };
    if (field == QLatin1String("order_id"))
        return orNone(r.orderId);
    if (field == QLatin1String("source_order_id"))
        return orNone(r.sourceOrderId);
    if (field == QLatin1String("ext_order_id"))
        return orNone(r.extOrderId);
    if (field == QLatin1String("order_status"))
        return orderStatus(r);
    if (field == QLatin1String("pay_amount"))
        return money(r.payAmount);
    if (field == QLatin1String("receipt_amount"))
        return r.settlementStatus == VerificationRecord::Settlement::Pending
                ? none()
                : money(r.receiptAmount);
    if (field == QLatin1String("settlement_status"))
        return r.settlementStatus ? settlement(*r.settlementStatus) : none();
    if (field == QLatin1String("commission_amount"))
        return money(r.commissionAmount);
    if (field == QLatin1String("settled_at"))
        return dateTime(r.settledAt);
    if (field == QLatin1String("discount_amount"))
        return money(r.discountAmount);
    if (field == QLatin1String("enrichment_status"))
        return enrichment(r.enrichmentStatus);
    if (field == QLatin1String("enrichment_retry_count"))
        return QString::number(r.enrichmentRetryCount);
    if (field == QLatin1String("verify_time"))
        return dateTime(millis(r.verifyTime));
    if (field == QLatin1String("create_order_time"))
        return dateTime(millis(r.createOrderTime));
    if (field == QLatin1String("pay_time"))
        return dateTime(millis(r.payTime));
    if (field == QLatin1String("created_at"))
        return dateTime(r.createdAt);
    if (field == QLatin1String("updated_at"))
        return dateTime(r.updatedAt);
    return {};
}
