#include "core/meituan/meituanhistorymapping.h"

#include <QDateTime>
#include <QJsonObject>
#include <QTimeZone>

namespace {

// §6's refundStatus. A consumption that was reversed reads 未使用 again.
constexpr int REFUND_NOT_USED = 0;
constexpr int REFUND_UNCONSUMED = 4;
constexpr int REFUND_CONSUMED = 6;

HistoryRow::Status statusOf(int refundStatus)
{
    switch (refundStatus) {
    case REFUND_NOT_USED:
        return HistoryRow::Status::Cancelled;
    case REFUND_UNCONSUMED:
    case REFUND_CONSUMED:
        return HistoryRow::Status::Refunded;
    default:
        return HistoryRow::Status::Verified;
    }
}

QJsonObject rawOf(const Meituan::ListRecord &record)
{
    return {{QStringLiteral("receiptCode"), record.receiptCode},
            {QStringLiteral("dealId"), record.dealId},
            {QStringLiteral("dealGroupId"), record.dealGroupId},
            {QStringLiteral("dealTitle"), record.dealTitle},
            {QStringLiteral("dealPrice"), record.dealPriceFen},
            {QStringLiteral("verifyAccount"), record.verifyAccount},
            {QStringLiteral("verifyChannel"), record.verifyChannel},
            {QStringLiteral("verifyTime"), record.verifyTime},
            {QStringLiteral("bizType"), record.bizType},
            {QStringLiteral("flowId"), record.flowId},
            {QStringLiteral("refundStatus"), record.refundStatus}};
}

} // namespace

namespace MeituanHistoryMapping {

qint64 secondsOf(const QString &text)
{
    bool number = false;
    const qint64 value = text.toLongLong(&number);
    if (number)
        return value > 100000000000LL ? value / 1000 : value;
    QDateTime time = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!time.isValid())
        return 0;
    time.setTimeZone(QTimeZone(8 * 3600));
    return time.toSecsSinceEpoch();
}

HistoryPage toPage(const Meituan::ListResult &result, const QString &poiId, int offset, int limit)
{
    HistoryPage page;
    page.total = result.totalCount;
    for (const Meituan::ListRecord &record : result.records) {
        HistoryRow row;
        row.platform = PlatformId::Meituan;
        row.poiId = poiId;
        row.certificateId = record.receiptCode;
        row.verifyId = record.flowId;
        row.code = record.receiptCode;
        row.verifyTime = secondsOf(record.verifyTime);
        row.status = statusOf(record.refundStatus);
        row.productName = record.dealTitle;
        row.payAmount = record.dealPriceFen;
        row.raw = rawOf(record);
        page.rows.append(row);
    }
    page.nextOffset = offset + int(result.records.size());
    page.more = !result.records.isEmpty()
            && (result.totalCount > 0 ? page.nextOffset < result.totalCount
                                      : result.records.size() >= limit);
    return page;
}

} // namespace MeituanHistoryMapping
