#include "core/store/verificationreportqueries.h"

#include <QSqlQuery>
#include <QVariant>

#include "core/store/database.h"
#include "core/store/store.h"
#include "core/store/verificationconditions.h"
#include "core/store/verificationrowmapper.h"
#include "core/store/verificationtotals.h"

namespace {

using Status = VerificationRecord::Status;
using Enrichment = VerificationRecord::Enrichment;
using GroupKey = SummaryQuery::GroupKey;
using Store::badInput;
using Store::execWith;

// The parts of a summary statement that depend on the table answering it.
struct SummarySource
{
    QStringList valueColumns; // pending, success, failed, unknown counts, then the amounts
    QString from;
    QString having;
    VerificationConditions conditions;
};

Result<Done> checkRange(const std::optional<QDate> &from, const std::optional<QDate> &to)
{
    if (from && !from->isValid())
        return badInput(QStringLiteral("from: not a valid date"));
    if (to && !to->isValid())
        return badInput(QStringLiteral("to: not a valid date"));
    if (from && to && *from > *to)
        return badInput(QStringLiteral("to: must not be before from"));
    return Done{};
}

QString countColumn(Status status)
{
    switch (status) {
    case Status::Pending:
        return QStringLiteral("t.pending_count");
    case Status::Success:
        return QStringLiteral("t.success_count");
    case Status::Failed:
        return QStringLiteral("t.failed_count");
    case Status::Unknown:
        return QStringLiteral("t.unknown_count");
    }
    return QStringLiteral("t.pending_count");
}

// The records a totals row counts: all of them, or those of one verify status (a cancelled
// record's verify_status stays success).
QString countedRecords(const std::optional<Status> &status)
{
    if (status == Status::Success)
        return QStringLiteral("t.success_count + t.cancelled_count");
    if (status)
        return countColumn(*status);
    return QStringLiteral("t.pending_count + t.success_count + t.failed_count + t.unknown_count "
                          "+ t.cancelled_count");
}

// The daily totals know neither q's columns, nor enrichment, nor (yet) the platform or the
// gateway.
bool totalsCanAnswer(const QString &q, const std::optional<Enrichment> &enrichmentStatus,
                     const std::optional<PlatformId> &platform, const QString &gatewayName,
                     bool groupsByPlatform = false)
{
    return q.isEmpty() && !enrichmentStatus && !platform && gatewayName.isEmpty()
            && !groupsByPlatform;
}

QStringList keyColumns(const QList<GroupKey> &keys, bool useTotals)
{
    const QString t = useTotals ? QStringLiteral("t.") : QStringLiteral("v.");
    QStringList columns;
    for (const GroupKey key : keys) {
        switch (key) {
        case GroupKey::Date:
            columns << t + QStringLiteral("business_date");
            break;
        case GroupKey::Poi:
            columns << t + QStringLiteral("poi_id");
            break;
        case GroupKey::App:
            columns << t + QStringLiteral("app_id") << QStringLiteral("a.name");
            break;
        case GroupKey::Product:
            // The totals store '' for "no product"; the records store NULL.
            if (useTotals) {
                columns << QStringLiteral("t.product_id") << QStringLiteral("t.product_name");
            } else {
                columns << QStringLiteral("COALESCE(v.product_id, '')")
                        << QStringLiteral("COALESCE(v.product_name, '')");
            }
            break;
        case GroupKey::Platform:
            columns << QStringLiteral("v.platform"); // records only (totalsCanAnswer)
            break;
        case GroupKey::Gateway:
            columns << QStringLiteral("v.gateway_name"); // records only, as the platform
            break;
        }
    }
    return columns;
}

SummarySource totalsSource(const SummaryQuery &query)
{
    SummarySource source;
    const auto status = query.verifyStatus;
    for (const Status s : VerificationTotals::STATUS_ORDER) {
        source.valueColumns << (!status || *status == s ? QStringLiteral("SUM(") + countColumn(s)
                                                + QStringLiteral(")")
                                                        : QStringLiteral("0"));
    }
    const bool amounts = !status || *status == Status::Success;
    source.valueColumns << (amounts ? QStringLiteral("SUM(t.cancelled_count)")
                                    : QStringLiteral("0"));
    for (const auto column : {"t.pay_amount", "t.receipt_amount", "t.discount_amount",
                              "t.settled_count", "t.settlement_pending_count"}) {
        source.valueColumns << (amounts ? QStringLiteral("SUM(") + QLatin1String(column)
                                                + QStringLiteral(")")
                                        : QStringLiteral("0"));
    }
    source.from = QStringLiteral(" FROM verification_daily_totals t");
    // A totals row can outlive its records (all moved to another key): its counts are 0.
    source.having =
            QStringLiteral(" HAVING SUM(") + countedRecords(status) + QStringLiteral(") > 0");
    source.conditions =
            VerificationConditions::forTotals(query.from, query.to, query.poiId, query.appId);
    return source;
}

SummarySource recordsSource(const SummaryQuery &query)
{
    SummarySource source;
    // A success is standing unless a cancel took it back; only standing ones are paid.
    const QString cancelled = QStringLiteral("COALESCE(v.cancel_status, '') = 'cancelled'");
    for (const Status s : VerificationTotals::STATUS_ORDER) {
        source.valueColumns << QStringLiteral("SUM(CASE WHEN v.verify_status = '")
                        + VerificationRecord::toString(s) + QStringLiteral("'")
                        + (s == Status::Success ? QStringLiteral(" AND NOT ") + cancelled
                                                : QString())
                        + QStringLiteral(" THEN 1 ELSE 0 END)");
    }
    const QString standing = QStringLiteral("v.verify_status = 'success' AND NOT ") + cancelled;
    source.valueColumns << QStringLiteral("SUM(CASE WHEN v.verify_status = 'success' AND ")
                    + cancelled + QStringLiteral(" THEN 1 ELSE 0 END)");
    const QString settled = QStringLiteral(" AND v.settlement_status = 'settled'");
    for (const auto column : {"v.pay_amount", "v.receipt_amount", "v.discount_amount"}) {
        // 商家实收 counts only what a settlement stated (API.md: settled amounts only).
        const QString only =
                QLatin1String(column) == QLatin1String("v.receipt_amount") ? settled : QString();
        source.valueColumns << QStringLiteral("SUM(CASE WHEN ") + standing + only
                        + QStringLiteral(" THEN COALESCE(") + QLatin1String(column)
                        + QStringLiteral(", 0) ELSE 0 END)");
    }
    for (const auto state : {"settled", "pending"}) {
        source.valueColumns << QStringLiteral("SUM(CASE WHEN ") + standing
                        + QStringLiteral(" AND v.settlement_status = '") + QLatin1String(state)
                        + QStringLiteral("' THEN 1 ELSE 0 END)");
    }
    source.from = QStringLiteral(" FROM verifications v");
    source.having = QStringLiteral(" HAVING COUNT(*) > 0");
    VerificationFilter filter;
    filter.from = query.from;
    filter.to = query.to;
    filter.poiId = query.poiId;
    filter.appId = query.appId;
    filter.verifyStatus = query.verifyStatus;
    filter.enrichmentStatus = query.enrichmentStatus;
    filter.platform = query.platform;
    filter.cancelStatus = query.cancelStatus;
    filter.gatewayName = query.gatewayName;
    filter.q = query.q;
    source.conditions = VerificationConditions::forRecords(filter);
    return source;
}

// Both sources select the same columns: the key columns, then the value columns.
QString summarySql(const QStringList &keyColumns, const SummarySource &source)
{
    QString sql = QStringLiteral("SELECT ")
            + (keyColumns + source.valueColumns).join(QStringLiteral(", ")) + source.from
            + source.conditions.sql();
    if (!keyColumns.isEmpty())
        sql += QStringLiteral(" GROUP BY ") + keyColumns.join(QStringLiteral(", "));
    sql += source.having;
    if (!keyColumns.isEmpty())
        sql += QStringLiteral(" ORDER BY ") + keyColumns.join(QStringLiteral(", "));
    return sql;
}

VerificationSummaryRow readSummaryRow(const QSqlQuery &select, const QList<GroupKey> &keys)
{
    int column = 0;
    const auto next = [&select, &column] {
        return select.value(column++);
    };
    VerificationSummaryRow row;
    for (const GroupKey key : keys) {
        switch (key) {
        case GroupKey::Date:
            row.date = QDate::fromString(next().toString(), Qt::ISODate);
            break;
        case GroupKey::Poi:
            row.poiId = next().toString();
            break;
        case GroupKey::App:
            row.appId = next().toLongLong();
            row.appName = next().toString();
            break;
        case GroupKey::Product:
            row.productId = next().toString();
            row.productName = next().toString();
            break;
        case GroupKey::Platform:
            row.platform = Platforms::fromString(next().toString());
            break;
        case GroupKey::Gateway:
            row.gatewayName = next().toString();
            break;
        }
    }
    row.pendingCount = next().toLongLong();
    row.successCount = next().toLongLong();
    row.failedCount = next().toLongLong();
    row.unknownCount = next().toLongLong();
    row.cancelledCount = next().toLongLong();
    row.payAmount = next().toLongLong();
    row.receiptAmount = next().toLongLong();
    row.discountAmount = next().toLongLong();
    row.settledCount = next().toLongLong();
    row.settlementPendingCount = next().toLongLong();
    return row;
}

void addToTotals(VerificationSummaryRow &totals, const VerificationSummaryRow &row)
{
    totals.pendingCount += row.pendingCount;
    totals.successCount += row.successCount;
    totals.failedCount += row.failedCount;
    totals.unknownCount += row.unknownCount;
    totals.cancelledCount += row.cancelledCount;
    totals.payAmount += row.payAmount;
    totals.receiptAmount += row.receiptAmount;
    totals.discountAmount += row.discountAmount;
    totals.settledCount += row.settledCount;
    totals.settlementPendingCount += row.settlementPendingCount;
}

// All records that match the filter, also those past the page.
Result<qint64> countRecords(QSqlDatabase &db, const VerificationFilter &filter,
                            const VerificationConditions &conditions)
{
    QSqlQuery count(db);
    count.setForwardOnly(true);
    bool counted = false;
    if (totalsCanAnswer(filter.q, filter.enrichmentStatus, filter.platform, filter.gatewayName)
        && !filter.cancelStatus) {
        // Summing a few totals rows beats counting up to millions of index entries; without a
        // date range the all-time counts need even fewer (both have the same count columns).
        const bool allTime = !filter.from && !filter.to;
        const auto totals = VerificationConditions::forTotals(filter.from, filter.to, filter.poiId,
                                                              filter.appId);
        counted =
                count.prepare(QStringLiteral("SELECT COALESCE(SUM(")
                              + countedRecords(filter.verifyStatus) + QStringLiteral("), 0) FROM ")
                              + (allTime ? QStringLiteral("verification_status_counts t")
                                         : QStringLiteral("verification_daily_totals t"))
                              + totals.sql())
                && execWith(count, totals.values());
    } else {
        counted = count.prepare(QStringLiteral("SELECT COUNT(*) FROM verifications v")
                                + conditions.sql())
                && execWith(count, conditions.values());
    }
    if (!counted || !count.next())
        return Store::sqlError(QStringLiteral("cannot count verifications"), count);
    return count.value(0).toLongLong();
}

} // namespace

VerificationReportQueries::VerificationReportQueries(Database *database) : m_database(database) { }

Result<VerificationPage> VerificationReportQueries::list(const VerificationFilter &filter, int page,
                                                         int pageSize)
{
    if (page < 1)
        return badInput(QStringLiteral("page: must be 1 or more"));
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE)
        return badInput(QStringLiteral("page_size: must be 1..%1").arg(MAX_PAGE_SIZE));
    if (const auto range = checkRange(filter.from, filter.to); !range.ok())
        return range.error();

    const auto conditions = VerificationConditions::forRecords(filter);
    const qint64 offset = qint64(page - 1) * pageSize;
    // The page's ids come from an index alone; only those rows are then read. OFFSET
    // otherwise reads every skipped row from the table (100,000 skipped rows: 45 ms vs 1 ms).
    const QString order = QStringLiteral(" ORDER BY v.created_at DESC, v.id DESC");
    auto items = VerificationRowMapper::select(
            *m_database,
            QStringLiteral(" WHERE v.id IN (SELECT v.id FROM verifications v") + conditions.sql()
                    + order + QStringLiteral(" LIMIT ? OFFSET ?)") + order,
            QVariantList(conditions.values()) << pageSize << offset);
    if (!items.ok())
        return items.error();

    VerificationPage result;
    result.items = std::move(items).value();
    result.page = page;
    result.pageSize = pageSize;
    // A short page that is not past the end already tells the total.
    if (result.items.size() < pageSize && (!result.items.isEmpty() || offset == 0)) {
        result.total = offset + result.items.size();
        return result;
    }
    const auto total = countRecords(m_database->connection(), filter, conditions);
    if (!total.ok())
        return total.error();
    result.total = total.value();
    return result;
}

Result<VerificationSummary> VerificationReportQueries::summary(const SummaryQuery &query)
{
    if (!query.from.isValid())
        return badInput(QStringLiteral("from: required"));
    if (!query.to.isValid())
        return badInput(QStringLiteral("to: required"));
    if (const auto range = checkRange(query.from, query.to); !range.ok())
        return range.error();

    const bool totalsPossible =
            totalsCanAnswer(query.q, query.enrichmentStatus, query.platform, query.gatewayName,
                            query.groupBy.contains(GroupKey::Platform)
                                    || query.groupBy.contains(GroupKey::Gateway))
            && !query.cancelStatus;
    if (query.source == SummaryQuery::Source::DailyTotals && !totalsPossible)
        return badInput(QStringLiteral("source: the daily totals cannot filter by q, "
                                       "enrichment_status, platform or gateway"));
    const bool useTotals = totalsPossible && query.source != SummaryQuery::Source::Records;

    const QList<GroupKey> keys = SummaryQuery::orderedKeys(query.groupBy);
    SummarySource source = useTotals ? totalsSource(query) : recordsSource(query);
    if (keys.contains(GroupKey::App))
        source.from += QStringLiteral(" LEFT JOIN verifier_apps a ON a.id = ")
                + (useTotals ? QStringLiteral("t.") : QStringLiteral("v."))
                + QStringLiteral("app_id");

    QSqlQuery select(m_database->connection());
    select.setForwardOnly(true);
    if (!select.prepare(summarySql(keyColumns(keys, useTotals), source))
        || !execWith(select, source.conditions.values()))
        return Store::sqlError(QStringLiteral("cannot summarise verifications"), select);

    VerificationSummary result;
    result.source = useTotals ? SummaryQuery::Source::DailyTotals : SummaryQuery::Source::Records;
    while (select.next()) {
        const VerificationSummaryRow row = readSummaryRow(select, keys);
        addToTotals(result.totals, row);
        result.rows.append(row);
    }
    return result;
}
