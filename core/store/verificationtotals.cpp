#include "core/store/verificationtotals.h"

#include <algorithm>
#include <tuple>

#include <QSqlQuery>
#include <QVariant>

#include "core/store/database.h"
#include "core/store/store.h"

namespace {

using Status = VerificationRecord::Status;

std::size_t countIndex(const VerificationRecord &record)
{
    if (record.verifyStatus == Status::Success && !record.isStandingSuccess())
        return VerificationTotals::CANCELLED_INDEX;
    const auto &order = VerificationTotals::STATUS_ORDER;
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (order.at(i) == record.verifyStatus)
            return i;
    }
    return 0;
}

} // namespace

bool VerificationTotals::Key::operator<(const Key &other) const
{
    return std::tie(businessDate, poiId, appId, productId, productName)
            < std::tie(other.businessDate, other.poiId, other.appId, other.productId,
                       other.productName);
}

bool VerificationTotals::Delta::isZero() const
{
    for (const qint64 count : counts) {
        if (count != 0)
            return false;
    }
    return payAmount == 0 && receiptAmount == 0 && discountAmount == 0 && settledCount == 0
            && settlementPendingCount == 0;
}

void VerificationTotals::add(const VerificationRecord &r, qint64 sign)
{
    Delta &delta = m_changes[{r.businessDate, r.poiId, r.appId, r.productId, r.productName}];
    delta.counts.at(countIndex(r)) += sign;
    // Amounts count only for successes no cancel took back (API.md's summary row).
    if (r.isStandingSuccess()) {
        delta.payAmount += sign * r.payAmount.value_or(0);
        delta.discountAmount += sign * r.discountAmount.value_or(0);
        // 商家实收 only once a settlement stated it; until then the record is counted pending.
        if (r.settlementStatus == VerificationRecord::Settlement::Settled) {
            delta.receiptAmount += sign * r.receiptAmount.value_or(0);
            delta.settledCount += sign;
        } else if (r.settlementStatus == VerificationRecord::Settlement::Pending) {
            delta.settlementPendingCount += sign;
        }
    }
}

Result<Done> VerificationTotals::apply(Database &database) const
{
    if (const auto daily = applyDailyTotals(database); !daily.ok())
        return daily;
    return applyStatusCounts(database);
}

Result<Done> VerificationTotals::applyDailyTotals(Database &database) const
{
    const auto prepared = database.prepared(QStringLiteral(
            "INSERT INTO verification_daily_totals (business_date, poi_id, app_id, "
            "product_id, product_name, pending_count, success_count, failed_count, "
            "unknown_count, cancelled_count, pay_amount, receipt_amount, discount_amount, "
            "settled_count, settlement_pending_count) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (business_date, poi_id, app_id, product_id, product_name) DO UPDATE "
            "SET pending_count = verification_daily_totals.pending_count "
            "+ excluded.pending_count, "
            "success_count = verification_daily_totals.success_count "
            "+ excluded.success_count, "
            "failed_count = verification_daily_totals.failed_count + excluded.failed_count, "
            "unknown_count = verification_daily_totals.unknown_count "
            "+ excluded.unknown_count, "
            "cancelled_count = verification_daily_totals.cancelled_count "
            "+ excluded.cancelled_count, "
            "pay_amount = verification_daily_totals.pay_amount + excluded.pay_amount, "
            "receipt_amount = verification_daily_totals.receipt_amount "
            "+ excluded.receipt_amount, "
            "discount_amount = verification_daily_totals.discount_amount "
            "+ excluded.discount_amount, "
            "settled_count = verification_daily_totals.settled_count + excluded.settled_count, "
            "settlement_pending_count = verification_daily_totals.settlement_pending_count "
            "+ excluded.settlement_pending_count"));
    if (!prepared.ok())
        return prepared.error();
    QSqlQuery &upsert = *prepared.value();
    for (const auto &[key, delta] : m_changes) {
        if (delta.isZero())
            continue;
        const QVariantList values{
                key.businessDate,
                key.poiId,
                key.appId,
                key.productId.isNull() ? QStringLiteral("") : key.productId,
                key.productName.isNull() ? QStringLiteral("") : key.productName,
                delta.counts.at(0),
                delta.counts.at(1),
                delta.counts.at(2),
                delta.counts.at(3),
                delta.counts.at(4),
                delta.payAmount,
                delta.receiptAmount,
                delta.discountAmount,
                delta.settledCount,
                delta.settlementPendingCount,
        };
        if (!Store::execWith(upsert, values))
            return Store::sqlError(QStringLiteral("cannot update the daily totals"), upsert);
    }
    return Done{};
}

Result<Done> VerificationTotals::applyStatusCounts(Database &database) const
{
    // The status counts are the daily changes netted per (poi, app).
    std::map<std::pair<QString, qint64>, std::array<qint64, COUNT_COLUMNS>> counts;
    for (const auto &[key, delta] : m_changes) {
        auto &net = counts[{key.poiId, key.appId}];
        for (std::size_t i = 0; i < net.size(); ++i)
            net.at(i) += delta.counts.at(i);
    }
    const auto prepared = database.prepared(QStringLiteral(
            "INSERT INTO verification_status_counts (poi_id, app_id, pending_count, "
            "success_count, failed_count, unknown_count, cancelled_count) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (poi_id, app_id) DO UPDATE "
            "SET pending_count = verification_status_counts.pending_count "
            "+ excluded.pending_count, "
            "success_count = verification_status_counts.success_count "
            "+ excluded.success_count, "
            "failed_count = verification_status_counts.failed_count + excluded.failed_count, "
            "unknown_count = verification_status_counts.unknown_count "
            "+ excluded.unknown_count, "
            "cancelled_count = verification_status_counts.cancelled_count "
            "+ excluded.cancelled_count"));
    if (!prepared.ok())
        return prepared.error();
    QSqlQuery &countUpsert = *prepared.value();
    for (const auto &[key, net] : counts) {
        if (std::all_of(net.cbegin(), net.cend(), [](qint64 n) { return n == 0; }))
            continue;
        if (!Store::execWith(
                    countUpsert,
                    {key.first, key.second, net.at(0), net.at(1), net.at(2), net.at(3), net.at(4)}))
            return Store::sqlError(QStringLiteral("cannot update the status counts"), countUpsert);
    }
    return Done{};
}
