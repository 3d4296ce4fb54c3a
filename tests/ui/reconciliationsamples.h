#pragma once

#include <QDateTime>

#include "core/reconcile/reconciliationreport.h"

// Hand-built reconciliations for the page tests: every kind of difference, on both platforms,
// with the names and amounts a real day has.
namespace ReconciliationSamples {

inline qint64 at(const QDate &date, int hour, int minute)
{
    return QDateTime(date, QTime(hour, minute)).toSecsSinceEpoch();
}

inline HistoryRow row(PlatformId platform, const QString &certificate, HistoryRow::Status status,
                      qint64 pay, const QString &product, qint64 verifyTime)
{
    HistoryRow row;
    row.platform = platform;
    row.poiId = "7152398601";
    row.certificateId = certificate;
    row.verifyId = "v" + certificate;
    row.code = platform == PlatformId::Meituan ? "3081" + certificate.right(8)
                                               : "1029" + certificate.right(8);
    row.verifyTime = verifyTime;
    row.status = status;
    if (status != HistoryRow::Status::Verified)
        row.cancelTime = verifyTime + 1800;
    row.productName = product;
    row.payAmount = pay;
    return row;
}

inline VerificationRecord record(qint64 id, const HistoryRow &like, qint64 pay)
{
    VerificationRecord record;
    record.id = id;
    record.platform = like.platform;
    record.poiId = like.poiId;
    record.certificateId = like.certificateId;
    record.originCode = like.code;
    record.verifyId = like.verifyId;
    record.verifyStatus = VerificationRecord::Status::Success;
    record.productName = like.productName;
    record.payAmount = pay;
    record.verifyTime = like.verifyTime;
    record.createdAt = like.verifyTime * 1000 - 3000;
    return record;
}

// A complete day: two coupons verified in the merchant apps (one Douyin, one Meituan), one
// verified and cancelled there, a local success the platform lacks, a cancel made on the
// platform, one made here, an amount that differs, and one record still being confirmed.
inline ReconciliationReport fullDay(const QDate &date)
{
    using S = HistoryRow::Status;
    const PlatformId dy = PlatformId::Douyin;
    const PlatformId mt = PlatformId::Meituan;
    ReconciliationReport report;
    report.date = date;
    report.state = ReconciliationReport::State::Complete;
    report.fetchedAt = QDateTime(date.addDays(1), QTime(6, 30)).toMSecsSinceEpoch();
    report.matched = 42;
    report.onlyPlatform = {
            row(dy, "7301000000000001", S::Verified, 16800, "招牌双人火锅套餐", at(date, 12, 5)),
            row(mt, "7301000000000002", S::Verified, 9900, "美团 午市单人套餐", at(date, 13, 40)),
            row(dy, "7301000000000003", S::Cancelled, 5900, "100元代金券", at(date, 18, 2)),
    };
    const HistoryRow onlyHere = row(dy, "7301000000000004", S::Verified, 12800,
                                    "四人欢聚套餐（含饮品）", at(date, 19, 15));
    report.onlyLocal = {record(101, onlyHere, 12800)};
    const HistoryRow cancelledThere =
            row(dy, "7301000000000005", S::Cancelled, 4900, "下午茶双人套餐", at(date, 15, 30));
    VerificationRecord cancelledHere = record(
            103, row(mt, "7301000000000006", S::Verified, 6800, "双人烤肉套餐", at(date, 20, 10)),
            6800);
    cancelledHere.cancel.status = VerificationRecord::Cancel::Status::Cancelled;
    report.statusMismatch = {
            {record(102, cancelledThere, 4900), cancelledThere},
            {cancelledHere,
             row(mt, "7301000000000006", S::Verified, 6800, "双人烤肉套餐", at(date, 20, 10))},
    };
    const HistoryRow dearer =
            row(dy, "7301000000000007", S::Verified, 19900, "招牌双人火锅套餐", at(date, 21, 0));
    report.amountMismatch = {{record(104, dearer, 16800), dearer}};
    VerificationRecord checking = record(
            105, row(dy, "7301000000000008", S::Verified, 3900, "单人工作餐", at(date, 21, 45)),
            3900);
    checking.verifyStatus = VerificationRecord::Status::Unknown;
    report.unresolved = {checking};
    report.local = {45, 1234500};
    report.remote = {46, 1261700};
    return report;
}

} // namespace ReconciliationSamples
