#pragma once

#include <optional>

#include <QDate>
#include <QList>
#include <QString>

#include "core/store/verificationrecord.h"

// Parameters and answers of the report queries behind GET /v1/internal/verifications and
// GET /v1/internal/verifications/summary (API.md). Dates are the store's local business days,
// inclusive at both ends. An empty string or an unset optional means "any".

struct VerificationFilter
{
    std::optional<QDate> from;
    std::optional<QDate> to;
    QString poiId;
    std::optional<qint64> appId;
    std::optional<VerificationRecord::Status> verifyStatus;
    std::optional<VerificationRecord::Enrichment> enrichmentStatus;
    std::optional<PlatformId> platform;
    std::optional<VerificationRecord::Cancel::Status> cancelStatus;
    QString gatewayName; // chain mode: the records one gateway made
    // Exact match on source_input, origin_code, certificate_id, order_id or verify_id: each is
    // indexed, so a search costs a few index probes however large the table is.
    QString q;
};

struct VerificationPage
{
    QList<VerificationRecord> items; // newest first
    qint64 total = 0; // records matching the filter, all pages
    int page = 1;
    int pageSize = 20;
};

struct SummaryQuery
{
    enum class GroupKey { Date, Poi, App, Product, Platform, Gateway };
    // Which table answers. Auto picks the daily totals whenever the filters allow; tests force
    // one or the other to check that both agree.
    enum class Source { Auto, DailyTotals, Records };

    QDate from; // required
    QDate to; // required, >= from
    // Any order; rows are always ordered date, poi, app, product, platform, gateway.
    QList<GroupKey> groupBy;
    QString poiId;
    std::optional<qint64> appId;
    std::optional<VerificationRecord::Status> verifyStatus;
    std::optional<VerificationRecord::Enrichment> enrichmentStatus; // forces Records
    // The daily totals have no platform yet: a platform filter or group forces Records.
    std::optional<PlatformId> platform;
    std::optional<VerificationRecord::Cancel::Status> cancelStatus; // forces Records
    QString gatewayName; // the daily totals have no gateway either: forces Records
    QString q; // as VerificationFilter::q; forces Records
    Source source = Source::Auto;

    // The keys in the fixed row order, whatever order (or repetition) the caller used.
    static QList<GroupKey> orderedKeys(const QList<GroupKey> &groupBy)
    {
        QList<GroupKey> keys;
        for (const GroupKey key : {GroupKey::Date, GroupKey::Poi, GroupKey::App, GroupKey::Product,
                                   GroupKey::Platform, GroupKey::Gateway}) {
            if (groupBy.contains(key))
                keys << key;
        }
        return keys;
    }
};

struct VerificationSummaryRow
{
    // Set only for the keys the query grouped by.
    std::optional<QDate> date;
    std::optional<QString> poiId;
    std::optional<qint64> appId;
    QString appName;
    // Product rows are keyed by id and name together; "" when the records named no product.
    std::optional<QString> productId;
    QString productName;
    std::optional<PlatformId> platform;
    std::optional<QString> gatewayName; // '' for records of a lone gateway

    qint64 pendingCount = 0; // not in API.md's row; explains a row whose outcomes are all zero
    qint64 successCount = 0;
    qint64 failedCount = 0;
    qint64 unknownCount = 0;
    qint64 cancelledCount = 0; // successes a cancel took back: in no other count or amount
    qint64 payAmount = 0; // fen, summed over successes only
    qint64 receiptAmount = 0; // settled successes only: what the ledger says arrived
    qint64 discountAmount = 0;
    qint64 settledCount = 0; // successes whose settlement (商家实收) is known
    qint64 settlementPendingCount = 0; // successes still waiting for it
};

struct VerificationSummary
{
    QList<VerificationSummaryRow> rows; // groups with at least one matching record
    VerificationSummaryRow totals; // no keys set
    SummaryQuery::Source source = SummaryQuery::Source::DailyTotals; // the table that answered
};
