#include "core/douyin/douyinhistorymapping.h"

#include <limits>

#include <QHash>

#include "core/douyin/douyinapi.h"

namespace {

HistoryRow toRow(const Douyin::HistoryRecord &record)
{
    HistoryRow row;
    row.platform = PlatformId::Douyin;
    row.poiId = record.poiId;
    row.certificateId = record.certificateId;
    row.verifyId = record.verifyId;
    row.code = record.code;
    row.verifyTime = record.verifyTime;
    row.status = record.status == int(DouyinApi::HistoryStatus::Cancelled)
            ? HistoryRow::Status::Cancelled
            : HistoryRow::Status::Verified;
    row.cancelTime = record.cancelTime;
    row.productName = record.sku.title;
    row.payAmount = record.amount.payAmount;
    row.raw = record.raw;
    return row;
}

} // namespace

namespace DouyinHistoryMapping {

HistoryPage toPage(const Douyin::HistoryResult &result, int requested)
{
    HistoryPage page;
    page.total = int(qBound(qint64(-1), result.total, qint64(std::numeric_limits<int>::max())));
    for (const Douyin::HistoryRecord &record : result.records)
        page.rows.append(toRow(record));
    page.more = result.records.size() >= requested && !result.records.isEmpty();
    if (page.more)
        page.nextCursor = result.records.constLast().cursor;
    // A page without a cursor to go on from cannot be followed: treat it as the last rather
    // than asking for the first page again.
    if (page.nextCursor.isEmpty())
        page.more = false;
    return page;
}

QList<LedgerEntry> toEntries(const Douyin::LedgerResult &result)
{
    QList<LedgerEntry> entries;
    QHash<QString, qsizetype> index;
    for (const Douyin::LedgerRecord &record : result.records) {
        if (record.status == int(DouyinApi::LedgerStatus::Voided))
            continue;
        auto found = index.constFind(record.certificateId);
        if (found == index.constEnd()) {
            found = index.insert(record.certificateId, entries.size());
            entries.append({record.certificateId, record.verifyId, 0, 0, 0, record.status});
        }
        LedgerEntry &entry = entries[*found];
        entry.goods += record.fundAmount.goods;
        entry.commission += record.fundAmount.totalCommission;
        entry.payHandling += record.fundAmount.payHandling;
        entry.status = record.status;
    }
    return entries;
}

} // namespace DouyinHistoryMapping
