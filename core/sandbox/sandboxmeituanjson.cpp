#include "core/sandbox/sandboxmeituanjson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

namespace {

using Book = SandboxMeituanBook;

constexpr int BEIJING_OFFSET_SECONDS = 8 * 3600;
constexpr int PAYMENT_USER_PAID = 1; // [choice] amountType of what the customer paid

QJsonValue number(const QString &id)
{
    return QJsonValue(id.toLongLong());
}

// [choice] Who consumed a receipt, as getconsumed and the list show it.
QString channel(const Book::Consumption &consumption)
{
    return consumption.byDeveloper() ? QStringLiteral("开放平台") : QStringLiteral("美团开店宝");
}

QString account(const Book::Consumption &consumption)
{
    if (!consumption.byDeveloper())
        return QStringLiteral("merchant-app");
    return consumption.accountName.isEmpty() ? consumption.account : consumption.accountName;
}

// The fields every receipt answer carries.
QJsonObject deal(const Book::Order &order, const QString &receiptCode)
{
    return {{QStringLiteral("orderId"), order.orderId},
            {QStringLiteral("receiptCode"), receiptCode},
            {QStringLiteral("dealId"), number(order.dealId)},
            {QStringLiteral("dealTitle"), order.dealTitle},
            {QStringLiteral("dealPrice"), SandboxMeituanJson::yuan(order.dealPriceFen)},
            {QStringLiteral("dealMarketPrice"), SandboxMeituanJson::yuan(order.dealMarketPriceFen)},
            {QStringLiteral("mobile"), order.mobile}};
}

// What was paid for one receipt, and who gets it.
void addPayment(QJsonObject &object, const Book::Order &order, const Book::Receipt &receipt)
{
    object.insert(QStringLiteral("bizType"), order.bizType);
    object.insert(
            QStringLiteral("paymentDetail"),
            QJsonArray{QJsonObject{
                    {QStringLiteral("paymentDetailId"), number(receipt.paymentDetailId)},
                    {QStringLiteral("amount"), SandboxMeituanJson::yuanText(order.dealPriceFen)},
                    {QStringLiteral("amountType"), PAYMENT_USER_PAID}}});
    object.insert(QStringLiteral("platformAmount"), SandboxMeituanJson::yuan(0));
    object.insert(QStringLiteral("merchantAmount"), SandboxMeituanJson::yuan(order.dealPriceFen));
}

} // namespace

namespace SandboxMeituanJson {

QJsonValue yuan(qint64 fen)
{
    // fen / 100 is the double nearest the decimal, and Qt writes a double's shortest
    // round-trip text: 9990 fen reads "99.9", as Meituan writes it.
    return QJsonValue(double(fen) / 100.0);
}

QString yuanText(qint64 fen)
{
    const QString sign = fen < 0 ? QStringLiteral("-") : QString();
    const qint64 magnitude = fen < 0 ? -fen : fen;
    return sign + QString::number(magnitude / 100) + u'.'
            + QStringLiteral("%1").arg(magnitude % 100, 2, 10, QChar(u'0'));
}

QString beijingTime(qint64 unixSeconds)
{
    return QDateTime::fromSecsSinceEpoch(unixSeconds, QTimeZone(BEIJING_OFFSET_SECONDS))
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString beijingDate(qint64 unixSeconds)
{
    return QDateTime::fromSecsSinceEpoch(unixSeconds, QTimeZone(BEIJING_OFFSET_SECONDS))
            .toString(QStringLiteral("yyyy-MM-dd"));
}

QJsonObject prepared(const Book::Order &order, const Book::Receipt &receipt, int count)
{
    QJsonObject object = deal(order, receipt.code);
    object.insert(QStringLiteral("count"), count);
    object.insert(QStringLiteral("dealGroupId"), number(order.dealGroupId));
    addPayment(object, order, receipt);
    object.insert(QStringLiteral("receiptEndDate"), QJsonValue(order.endTime * 1000));
    object.insert(QStringLiteral("productType"), 1);
    object.insert(QStringLiteral("productItemId"), order.dealId);
    return object;
}

QJsonObject consumed(const Book::Order &order, const Book::Receipt &receipt,
                     const Book::Consumption &consumption)
{
    QJsonObject object = deal(order, receipt.code);
    object.insert(QStringLiteral("dealgroupId"), number(order.dealGroupId));
    addPayment(object, order, receipt);
    object.insert(QStringLiteral("receiptEndDate"), beijingTime(order.endTime));
    object.insert(QStringLiteral("flowId"), number(consumption.flowId));
    return object;
}

QJsonObject reversed(const Book::Order &order, const Book::Receipt &receipt)
{
    QJsonObject object = deal(order, receipt.code);
    object.insert(QStringLiteral("dealgroupId"), number(order.dealGroupId));
    return object;
}

QJsonObject consumedStatus(const Book::Order &order, const Book::Consumption &consumption)
{
    return {{QStringLiteral("receiptCode"), consumption.receiptCode},
            {QStringLiteral("dealId"), number(order.dealId)},
            {QStringLiteral("dealGroupId"), number(order.dealGroupId)},
            {QStringLiteral("dealTitle"), order.dealTitle},
            {QStringLiteral("dealPrice"), yuan(order.dealPriceFen)},
            {QStringLiteral("dealMarketPrice"), yuan(order.dealMarketPriceFen)},
            {QStringLiteral("verifyAccount"), account(consumption)},
            {QStringLiteral("verifyChannel"), channel(consumption)},
            {QStringLiteral("verifyTime"), beijingTime(consumption.time)},
            {QStringLiteral("bizType"), order.bizType}};
}

QJsonObject listRecord(const Book::Order &order, const Book::Consumption &consumption,
                       int refundStatus)
{
    return {{QStringLiteral("receiptCode"), consumption.receiptCode},
            {QStringLiteral("dealId"), number(order.dealId)},
            {QStringLiteral("dealGroupId"), number(order.dealGroupId)},
            {QStringLiteral("dealTitle"), order.dealTitle},
            {QStringLiteral("dealPrice"), yuan(order.dealPriceFen)},
            {QStringLiteral("verifyAccount"), account(consumption)},
            {QStringLiteral("verifyChannel"), channel(consumption)},
            {QStringLiteral("verifyTime"), beijingTime(consumption.time)},
            {QStringLiteral("bizType"), order.bizType},
            {QStringLiteral("flowId"), number(consumption.flowId)},
            {QStringLiteral("refundStatus"), refundStatus}};
}

} // namespace SandboxMeituanJson
