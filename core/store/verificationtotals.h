#pragma once

#include <array>
#include <map>

#include <QString>

#include "core/result.h"
#include "core/store/verificationrecord.h"

class Database;

// The old-to-new difference that one write transaction makes to the running tables:
// verification_daily_totals holds per-(business_date, poi, app, product) counts and amounts,
// verification_status_counts all-time counts per (poi, app). Applying the difference in the
// same transaction as the records keeps summaries and list totals exact without scanning the
// records. Differences are netted per key, so an update that changes no counted field writes
// nothing to the totals.
class VerificationTotals
{
public:
    // The order of the status count columns in both tables: pending, success, failed, unknown;
    // then cancelled_count, which counts the successes a cancel took back (and success_count
    // no longer does).
    static constexpr std::array STATUS_ORDER{
            VerificationRecord::Status::Pending, VerificationRecord::Status::Success,
            VerificationRecord::Status::Failed, VerificationRecord::Status::Unknown};
    static constexpr std::size_t CANCELLED_INDEX = STATUS_ORDER.size();
    static constexpr std::size_t COUNT_COLUMNS = STATUS_ORDER.size() + 1;

    // sign +1 counts the record in, -1 takes out what its old state counted.
    void add(const VerificationRecord &record, qint64 sign);
    // Inside the caller's transaction.
    Result<Done> apply(Database &database) const;

private:
    struct Key
    {
        QString businessDate;
        QString poiId;
        qint64 appId = 0;
        QString productId; // '' for none: key columns are NOT NULL
        QString productName;

        bool operator<(const Key &other) const;
    };

    struct Delta
    {
        std::array<qint64, COUNT_COLUMNS> counts{};
        qint64 payAmount = 0;
        qint64 receiptAmount = 0;
        qint64 discountAmount = 0;
        qint64 settledCount = 0;
        qint64 settlementPendingCount = 0;

        bool isZero() const;
    };

    Result<Done> applyDailyTotals(Database &database) const;
    Result<Done> applyStatusCounts(Database &database) const;

    std::map<Key, Delta> m_changes;
};
