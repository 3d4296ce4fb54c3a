#include "core/store/verificationrepository.h"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "core/store/database.h"
#include "core/store/writetransaction.h"

namespace {

using Status = VerificationRecord::Status;
using Enrichment = VerificationRecord::Enrichment;
using GroupKey = SummaryQuery::GroupKey;

constexpr qint64 DAY_MS = 24 * 60 * 60 * 1000;
// business_date is the local day of created_at in the zone the store had when the record was
// written. The list turns a date range into a created_at range (so the created_at indexes can
// serve it) widened by this margin, which covers any later change of zone; the business_date
// condition next to it keeps the answer exact.
constexpr qint64 DATE_WINDOW_MARGIN_MS = 2 * DAY_MS;

// Every column a write sets, in the order of writeValues(). An insert adds business_date and
// created_at, which never change afterwards.
constexpr std::array WRITE_COLUMNS{
        "app_id",
        "poi_id",
        "mode",
        "source_input",
        "batch_id",
        "verify_token",
        "verify_status",
        "error_code",
        "error_description",
        "logid",
        "certificate_id",
        "encrypted_code",
        "origin_code",
        "coupon_status",
        "product_id",
        "product_name",
        "sku_id",
        "sku_name",
        "verify_records_count",
        "verify_id",
        "order_id",
        "source_order_id",
        "ext_order_id",
        "order_status",
        "pay_amount",
        "receipt_amount",
        "discount_amount",
        "expire_time",
        "enrichment_status",
        "enrichment_retry_count",
        "resolve_attempts",
        "next_resolve_at",
        "platform_response",
        "extra",
        "platform",
        "verify_time",
        "create_order_time",
        "pay_time",
        "updated_at",
};

constexpr std::array STATUS_ORDER{Status::Pending, Status::Success, Status::Failed,
                                  Status::Unknown};

Error sqlError(const QString &what, const QSqlQuery &query)
{
    return makeError(ErrorCode::Storage, what + QStringLiteral(": ") + query.lastError().text());
}

Error badInput(const QString &message)
{
    return makeError(ErrorCode::BadInput, message);
}

bool execWith(QSqlQuery &query, const QVariantList &values)
{
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    return query.exec();
}

// Empty means "not known yet" in VerificationRecord and NULL in the table.
QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

template <typename T>
QVariant nullable(const std::optional<T> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant(QMetaType::fromType<T>());
}

QVariant nullableJson(const QJsonObject &object)
{
    if (object.isEmpty())
        return QVariant(QMetaType::fromType<QString>());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

std::optional<qint64> optionalLong(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

std::optional<int> optionalInt(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<int>(value.toInt());
}

QJsonObject jsonObject(const QVariant &value)
{
    return value.isNull() ? QJsonObject() : QJsonDocument::fromJson(value.toByteArray()).object();
}

QString isoDate(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

QVariantList writeValues(const VerificationRecord &r)
{
    return {
            r.appId,
            r.poiId,
            VerificationRecord::toString(r.mode),
            nullableText(r.sourceInput),
            nullableText(r.batchId),
            nullableText(r.verifyToken),
            VerificationRecord::toString(r.verifyStatus),
            nullable(r.errorCode),
            nullableText(r.errorDescription),
            nullableText(r.logid),
            nullableText(r.certificateId),
            nullableText(r.encryptedCode),
            nullableText(r.originCode),
            nullable(r.couponStatus),
            nullableText(r.productId),
            nullableText(r.productName),
            nullableText(r.skuId),
            nullableText(r.skuName),
            nullable(r.verifyRecordsCount),
            nullableText(r.verifyId),
            nullableText(r.orderId),
            nullableText(r.sourceOrderId),
            nullableText(r.extOrderId),
            nullable(r.orderStatus),
            nullable(r.payAmount),
            nullable(r.receiptAmount),
            nullable(r.discountAmount),
            nullable(r.expireTime),
            VerificationRecord::toString(r.enrichmentStatus),
            r.enrichmentRetryCount,
            r.resolveAttempts,
            nullable(r.nextResolveAt),
            nullableJson(r.platformResponse),
            nullableJson(r.extra),
            Platforms::toString(r.platform),
            nullable(r.verifyTime),
            nullable(r.createOrderTime),
            nullable(r.payTime),
            r.updatedAt,
    };
}

const QString &selectRecordsSql()
{
    static const QString sql = []() -> QString {
        QStringList columns{QStringLiteral("v.id")};
        for (const char *column : WRITE_COLUMNS)
            columns << QStringLiteral("v.") + QLatin1String(column);
        columns << QStringLiteral("v.business_date") << QStringLiteral("v.created_at")
                << QStringLiteral("a.name");
        return QStringLiteral("SELECT ") + columns.join(QStringLiteral(", "))
                + QStringLiteral(" FROM verifications v"
                                 " LEFT JOIN verifier_apps a ON a.id = v.app_id");
    }();
    return sql;
}

// Reads a row of selectRecordsSql(), column by column in the same order.
VerificationRecord readRecord(const QSqlQuery &query)
{
    int column = 0;
    const auto next = [&query, &column] {
        return query.value(column++);
    };
    const auto text = [&next] {
        return next().toString();
    };

    VerificationRecord r;
    r.id = next().toLongLong();
    r.appId = next().toLongLong();
    r.poiId = text();
    r.mode = VerificationRecord::modeFromString(text()).value_or(VerificationRecord::Mode::Code);
    r.sourceInput = text();
    r.batchId = text();
    r.verifyToken = text();
    r.verifyStatus = VerificationRecord::statusFromString(text()).value_or(Status::Unknown);
    r.errorCode = optionalLong(next());
    r.errorDescription = text();
    r.logid = text();
    r.certificateId = text();
    r.encryptedCode = text();
    r.originCode = text();
    r.couponStatus = optionalInt(next());
    r.productId = text();
    r.productName = text();
    r.skuId = text();
    r.skuName = text();
    r.verifyRecordsCount = optionalInt(next());
    r.verifyId = text();
    r.orderId = text();
    r.sourceOrderId = text();
    r.extOrderId = text();
    r.orderStatus = optionalInt(next());
    r.payAmount = optionalLong(next());
    r.receiptAmount = optionalLong(next());
    r.discountAmount = optionalLong(next());
    r.expireTime = optionalLong(next());
    r.enrichmentStatus =
            VerificationRecord::enrichmentFromString(text()).value_or(Enrichment::Pending);
    r.enrichmentRetryCount = next().toInt();
    r.resolveAttempts = next().toInt();
    r.nextResolveAt = optionalLong(next());
    r.platformResponse = jsonObject(next());
    r.extra = jsonObject(next());
    r.platform = Platforms::fromString(text()).value_or(PlatformId::Douyin);
    r.verifyTime = optionalLong(next());
    r.createOrderTime = optionalLong(next());
    r.payTime = optionalLong(next());
    r.updatedAt = next().toLongLong();
    r.businessDate = text();
    r.createdAt = next().toLongLong();
    r.appName = text();
    return r;
}

// Reads every row, which also ends the cached statement's read transaction.
Result<QList<VerificationRecord>> queryRecords(Database &database, const QString &tail,
                                               const QVariantList &values)
{
    const auto prepared = database.prepared(selectRecordsSql() + tail);
    if (!prepared.ok())
        return prepared.error();
    QSqlQuery &query = *prepared.value();
    query.setForwardOnly(true);
    if (!execWith(query, values))
        return sqlError(QStringLiteral("cannot read verifications"), query);
    QList<VerificationRecord> records;
    while (query.next())
        records.append(readRecord(query));
    return records;
}

// --- daily totals -------------------------------------------------------------------------

struct TotalsKey
{
    QString businessDate;
    QString poiId;
    qint64 appId = 0;
    QString productId; // '' for none: key columns are NOT NULL
    QString productName;

    bool operator<(const TotalsKey &other) const
    {
        return std::tie(businessDate, poiId, appId, productId, productName)
                < std::tie(other.businessDate, other.poiId, other.appId, other.productId,
                           other.productName);
    }
};

struct TotalsDelta
{
    std::array<qint64, STATUS_ORDER.size()> counts{};
    qint64 payAmount = 0;
    qint64 receiptAmount = 0;
    qint64 discountAmount = 0;

    bool isZero() const
    {
        for (const qint64 count : counts) {
            if (count != 0)
                return false;
        }
        return payAmount == 0 && receiptAmount == 0 && discountAmount == 0;
    }
};

// The old and new state of every record a transaction touches, netted per key, so an update
// that changes no counted field writes nothing to the totals.
using TotalsChanges = std::map<TotalsKey, TotalsDelta>;

// What one record adds to its totals row; the part of a record the totals depend on.
struct Contribution
{
    TotalsKey key;
    Status status = Status::Pending;
    std::optional<qint64> payAmount;
    std::optional<qint64> receiptAmount;
    std::optional<qint64> discountAmount;
};

Contribution contributionOf(const VerificationRecord &r)
{
    return {{r.businessDate, r.poiId, r.appId, r.productId, r.productName},
            r.verifyStatus,
            r.payAmount,
            r.receiptAmount,
            r.discountAmount};
}

int statusIndex(Status status)
{
    for (std::size_t i = 0; i < STATUS_ORDER.size(); ++i) {
        if (STATUS_ORDER.at(i) == status)
            return int(i);
    }
    return 0;
}

void addContribution(TotalsChanges &changes, const Contribution &c, qint64 sign)
{
    TotalsDelta &delta = changes[c.key];
    delta.counts.at(statusIndex(c.status)) += sign;
    // Amounts count only for successes (API.md's summary row).
    if (c.status == Status::Success) {
        delta.payAmount += sign * c.payAmount.value_or(0);
        delta.receiptAmount += sign * c.receiptAmount.value_or(0);
        delta.discountAmount += sign * c.discountAmount.value_or(0);
    }
}

Result<Done> applyDailyTotals(Database &database, const TotalsChanges &changes)
{
    const auto prepared = database.prepared(QStringLiteral(
            "INSERT INTO verification_daily_totals (business_date, poi_id, app_id, "
            "product_id, product_name, pending_count, success_count, failed_count, "
            "unknown_count, pay_amount, receipt_amount, discount_amount) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (business_date, poi_id, app_id, product_id, product_name) DO UPDATE "
            "SET pending_count = verification_daily_totals.pending_count "
            "+ excluded.pending_count, "
            "success_count = verification_daily_totals.success_count "
            "+ excluded.success_count, "
            "failed_count = verification_daily_totals.failed_count + excluded.failed_count, "
            "unknown_count = verification_daily_totals.unknown_count "
            "+ excluded.unknown_count, "
            "pay_amount = verification_daily_totals.pay_amount + excluded.pay_amount, "
            "receipt_amount = verification_daily_totals.receipt_amount "
            "+ excluded.receipt_amount, "
            "discount_amount = verification_daily_totals.discount_amount "
            "+ excluded.discount_amount"));
    if (!prepared.ok())
        return prepared.error();
    QSqlQuery &upsert = *prepared.value();
    for (const auto &[key, delta] : changes) {
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
                delta.payAmount,
                delta.receiptAmount,
                delta.discountAmount,
        };
        if (!execWith(upsert, values))
            return sqlError(QStringLiteral("cannot update the daily totals"), upsert);
    }
    return Done{};
}

Result<Done> applyStatusCounts(Database &database, const TotalsChanges &changes)
{
    // The status counts are the daily changes netted per (poi, app).
    std::map<std::pair<QString, qint64>, std::array<qint64, STATUS_ORDER.size()>> counts;
    for (const auto &[key, delta] : changes) {
        auto &net = counts[{key.poiId, key.appId}];
        for (std::size_t i = 0; i < net.size(); ++i)
            net.at(i) += delta.counts.at(i);
    }
    const auto prepared = database.prepared(QStringLiteral(
            "INSERT INTO verification_status_counts (poi_id, app_id, pending_count, "
            "success_count, failed_count, unknown_count) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (poi_id, app_id) DO UPDATE "
            "SET pending_count = verification_status_counts.pending_count "
            "+ excluded.pending_count, "
            "success_count = verification_status_counts.success_count "
            "+ excluded.success_count, "
            "failed_count = verification_status_counts.failed_count + excluded.failed_count, "
            "unknown_count = verification_status_counts.unknown_count "
            "+ excluded.unknown_count"));
    if (!prepared.ok())
        return prepared.error();
    QSqlQuery &countUpsert = *prepared.value();
    for (const auto &[key, net] : counts) {
        if (std::all_of(net.cbegin(), net.cend(), [](qint64 n) { return n == 0; }))
            continue;
        if (!execWith(countUpsert,
                      {key.first, key.second, net.at(0), net.at(1), net.at(2), net.at(3)}))
            return sqlError(QStringLiteral("cannot update the status counts"), countUpsert);
    }
    return Done{};
}

// Applies the netted changes of one transaction to both running tables.
Result<Done> applyTotals(Database &database, const TotalsChanges &changes)
{
    if (const auto daily = applyDailyTotals(database, changes); !daily.ok())
        return daily;
    return applyStatusCounts(database, changes);
}

// --- filters ------------------------------------------------------------------------------

struct Conditions
{
    QStringList clauses;
    QVariantList values;

    void add(const QString &clause, const QVariantList &clauseValues)
    {
        clauses << clause;
        values << clauseValues;
    }

    QString sql() const
    {
        return clauses.isEmpty()
                ? QString()
                : QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND "));
    }
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

Conditions recordConditions(const VerificationFilter &f)
{
    Conditions c;
    if (f.from) {
        c.add(QStringLiteral("v.business_date >= ?"), {isoDate(*f.from)});
        c.add(QStringLiteral("v.created_at >= ?"),
              {f.from->startOfDay().toMSecsSinceEpoch() - DATE_WINDOW_MARGIN_MS});
    }
    if (f.to) {
        c.add(QStringLiteral("v.business_date <= ?"), {isoDate(*f.to)});
        c.add(QStringLiteral("v.created_at < ?"),
              {f.to->addDays(1).startOfDay().toMSecsSinceEpoch() + DATE_WINDOW_MARGIN_MS});
    }
    if (!f.poiId.isEmpty())
        c.add(QStringLiteral("v.poi_id = ?"), {f.poiId});
    if (f.appId)
        c.add(QStringLiteral("v.app_id = ?"), {*f.appId});
    if (f.verifyStatus)
        c.add(QStringLiteral("v.verify_status = ?"),
              {VerificationRecord::toString(*f.verifyStatus)});
    if (f.enrichmentStatus) {
        c.add(QStringLiteral("v.enrichment_status = ?"),
              {VerificationRecord::toString(*f.enrichmentStatus)});
    }
    if (!f.q.isEmpty()) {
        // One index probe per column (SQLite's OR optimisation, PostgreSQL's bitmap OR).
        c.add(QStringLiteral("(v.source_input = ? OR v.origin_code = ? OR v.certificate_id = ?"
                             " OR v.order_id = ? OR v.verify_id = ?)"),
              {f.q, f.q, f.q, f.q, f.q});
    }
    return c;
}

Conditions totalsConditions(const std::optional<QDate> &from, const std::optional<QDate> &to,
                            const QString &poiId, const std::optional<qint64> &appId)
{
    Conditions c;
    if (from)
        c.add(QStringLiteral("t.business_date >= ?"), {isoDate(*from)});
    if (to)
        c.add(QStringLiteral("t.business_date <= ?"), {isoDate(*to)});
    if (!poiId.isEmpty())
        c.add(QStringLiteral("t.poi_id = ?"), {poiId});
    if (appId)
        c.add(QStringLiteral("t.app_id = ?"), {*appId});
    return c;
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

// The records a totals row counts: all of them, or those of one status.
QString countedRecords(const std::optional<Status> &status)
{
    if (status)
        return countColumn(*status);
    return QStringLiteral("t.pending_count + t.success_count + t.failed_count + t.unknown_count");
}

bool totalsCanAnswer(const QString &q, const std::optional<Enrichment> &enrichmentStatus)
{
    return q.isEmpty() && !enrichmentStatus;
}

Result<QList<EnrichmentJob>> readJobs(QSqlQuery &query)
{
    QList<EnrichmentJob> jobs;
    while (query.next()) {
        EnrichmentJob job;
        job.id = query.value(0).toLongLong();
        job.verificationId = query.value(1).toLongLong();
        job.status = VerificationRecord::enrichmentFromString(query.value(2).toString())
                             .value_or(Enrichment::Pending);
        job.attempts = query.value(3).toInt();
        job.nextAttemptAt = query.value(4).toLongLong();
        job.lastError = query.value(5).toString();
        job.createdAt = query.value(6).toLongLong();
        job.updatedAt = query.value(7).toLongLong();
        jobs.append(job);
    }
    return jobs;
}

// Queues the job unless the verification already has one.
Result<Done> insertJob(Database &database, qint64 verificationId, qint64 dueAtMs, qint64 now)
{
    const auto prepared = database.prepared(QStringLiteral(
            "INSERT INTO enrichment_jobs (verification_id, status, attempts, next_attempt_at, "
            "created_at, updated_at) VALUES (?, 'pending', 0, ?, ?, ?) "
            "ON CONFLICT (verification_id) DO NOTHING"));
    if (!prepared.ok())
        return prepared.error();
    QSqlQuery &insert = *prepared.value();
    if (!execWith(insert, {verificationId, dueAtMs, now, now}))
        return sqlError(QStringLiteral("cannot queue enrichment of %1").arg(verificationId),
                        insert);
    return Done{};
}

// Whether a column keeps its value; NULL differs from every value, also from 0 and ''.
bool sameValue(const QVariant &a, const QVariant &b)
{
    if (a.isNull() || b.isNull())
        return a.isNull() == b.isNull();
    return a == b;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Sets createdAt, updatedAt and businessDate of new records (see insertPending()); a copy, so
// the caller's records stay unchanged on error.
Result<QList<VerificationRecord>> completeNewRecords(const QList<VerificationRecord> &records,
                                                     qint64 now)
{
    QList<VerificationRecord> stored = records;
    for (VerificationRecord &r : stored) {
        if (r.id != 0)
            return badInput(QStringLiteral("id: a new record has none (got %1)").arg(r.id));
        if (r.poiId.isEmpty())
            return badInput(QStringLiteral("poi_id: required"));
        if (r.createdAt == 0)
            r.createdAt = now;
        r.updatedAt = now;
        const QDate localDay = QDateTime::fromMSecsSinceEpoch(r.createdAt).date();
        if (r.businessDate.isEmpty()) {
            r.businessDate = isoDate(localDay);
            continue;
        }
        // The list relies on business_date staying within a day of created_at's local day.
        const QDate given = QDate::fromString(r.businessDate, Qt::ISODate);
        if (!given.isValid() || qAbs(given.daysTo(localDay)) > 1) {
            return badInput(QStringLiteral("business_date: %1 is not the local day of "
                                           "created_at (%2)")
                                    .arg(r.businessDate, isoDate(localDay)));
        }
        r.businessDate = isoDate(given);
    }
    return stored;
}

// Inside the caller's transaction; sets the ids of `records`.
Result<QList<qint64>> insertRows(Database &database, QList<VerificationRecord> &records,
                                 TotalsChanges &changes)
{
    if (records.isEmpty())
        return QList<qint64>{};
    static const QString insertSql = []() -> QString {
        QStringList columns;
        for (const char *column : WRITE_COLUMNS)
            columns << QLatin1String(column);
        columns << QStringLiteral("business_date") << QStringLiteral("created_at");
        const QStringList placeholders(columns.size(), QStringLiteral("?"));
        return QStringLiteral("INSERT INTO verifications (") + columns.join(QStringLiteral(", "))
                + QStringLiteral(") VALUES (") + placeholders.join(QStringLiteral(", "))
                + QStringLiteral(")");
    }();
    // lastInsertId() is SQLite's rowid; PostgreSQL would need RETURNING id here.
    const auto prepared = database.prepared(insertSql);
    if (!prepared.ok())
        return prepared.error();
    QSqlQuery &insert = *prepared.value();
    QList<qint64> ids;
    ids.reserve(records.size());
    for (VerificationRecord &r : records) {
        QVariantList values = writeValues(r);
        values << r.businessDate << r.createdAt;
        if (!execWith(insert, values)) {
            // The unique index on (verify_token, encrypted_code): another request, maybe of
            // another process, already recorded this verification.
            const QString text = insert.lastError().text();
            if (text.contains(QLatin1String("UNIQUE constraint failed"))
                || insert.lastError().nativeErrorCode() == u"23505")
                return makeError(ErrorCode::Conflict,
                                 QStringLiteral("this verify_token and code already have a "
                                                "record"));
            return sqlError(QStringLiteral("cannot insert a verification"), insert);
        }
        r.id = insert.lastInsertId().toLongLong();
        ids.append(r.id);
        addContribution(changes, contributionOf(r), +1);
    }
    return ids;
}

// Inside the caller's transaction. The old row tells what the record contributed to the totals
// before this update, and which columns change: only those are written, so SQLite rewrites
// only the index entries that cover them (a pending -> success update touches a few of the
// table's indexes). Inside BEGIN IMMEDIATE nothing else can change the row; PostgreSQL would
// need SELECT ... FOR UPDATE.
Result<Done> updateRows(Database &database, const QList<VerificationRecord> &records, qint64 now,
                        TotalsChanges &changes)
{
    if (records.isEmpty())
        return Done{};
    const auto selectOld =
            database.prepared(selectRecordsSql() + QStringLiteral(" WHERE v.id = ?"));
    if (!selectOld.ok())
        return selectOld.error();
    QSqlQuery &old = *selectOld.value();
    for (const VerificationRecord &r : records) {
        if (!execWith(old, {r.id}))
            return sqlError(QStringLiteral("cannot read verification %1").arg(r.id), old);
        if (!old.next()) {
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("verification %1 does not exist").arg(r.id));
        }
        const VerificationRecord before = readRecord(old);
        old.finish();

        VerificationRecord next = r;
        next.updatedAt = now;
        next.businessDate = before.businessDate;
        const QVariantList oldValues = writeValues(before);
        const QVariantList newValues = writeValues(next);
        QString assignments;
        QVariantList values;
        for (std::size_t i = 0; i < WRITE_COLUMNS.size(); ++i) {
            const QLatin1String column(WRITE_COLUMNS.at(i));
            const QVariant &value = newValues.at(qsizetype(i));
            // updated_at is written even when the clock has not moved, so SET is never empty.
            if (column != QLatin1String("updated_at")
                && sameValue(oldValues.at(qsizetype(i)), value))
                continue;
            if (!assignments.isEmpty())
                assignments += QStringLiteral(", ");
            assignments += column + QStringLiteral(" = ?");
            values << value;
        }
        values << next.id;
        const auto prepared = database.prepared(QStringLiteral("UPDATE verifications SET ")
                                                + assignments + QStringLiteral(" WHERE id = ?"));
        if (!prepared.ok())
            return prepared.error();
        if (!execWith(*prepared.value(), values))
            return sqlError(QStringLiteral("cannot update verification %1").arg(r.id),
                            *prepared.value());
        addContribution(changes, contributionOf(before), -1);
        addContribution(changes, contributionOf(next), +1);
    }
    return Done{};
}

// Inside the caller's transaction: queues `enqueue` and closes the job of every record whose
// enrichment reached a final state, so a job is pending exactly while its record's enrichment is.
Result<Done> writeJobs(Database &database, const QList<VerificationRecord> &records,
                       const QList<EnrichmentJob> &enqueue, qint64 now)
{
    for (const EnrichmentJob &job : enqueue) {
        if (const auto queued = insertJob(database, job.verificationId, job.nextAttemptAt, now);
            !queued.ok())
            return queued.error();
    }
    const auto closeJob = database.prepared(
            QStringLiteral("UPDATE enrichment_jobs SET status = ?, updated_at = ? "
                           "WHERE verification_id = ? AND status = 'pending'"));
    if (!closeJob.ok())
        return closeJob.error();
    QSqlQuery &close = *closeJob.value();
    for (const VerificationRecord &r : records) {
        if (r.enrichmentStatus == VerificationRecord::Enrichment::Pending)
            continue;
        if (!execWith(close, {VerificationRecord::toString(r.enrichmentStatus), now, r.id}))
            return sqlError(QStringLiteral("cannot close the enrichment job of %1").arg(r.id),
                            close);
    }
    return Done{};
}

// Inside the caller's transaction.
Result<Done> upsertIdempotency(Database &database,
                               const VerificationRepository::IdempotencyWrite &write, qint64 now)
{
    // The WHERE makes a different fingerprint change nothing, which the row count reveals.
    const auto prepared = database.prepared(QStringLiteral(
            "INSERT INTO idempotency_keys (app_id, idempotency_key, fingerprint, http_status, "
            "response_body, created_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (app_id, idempotency_key) DO UPDATE SET "
            "http_status = excluded.http_status, response_body = excluded.response_body "
            "WHERE idempotency_keys.fingerprint = excluded.fingerprint"));
    if (!prepared.ok())
        return prepared.error();
    QSqlQuery &query = *prepared.value();
    const IdempotencyEntry &entry = write.entry;
    const QVariant body = entry.responseBody.isNull()
            ? QVariant(QMetaType::fromType<QString>())
            : QVariant(QString::fromUtf8(entry.responseBody));
    const qint64 createdAt = entry.createdAt != 0 ? entry.createdAt : now;
    if (!execWith(query,
                  {write.appId, write.key, entry.fingerprint, nullable(entry.httpStatus), body,
                   createdAt}))
        return sqlError(QStringLiteral("cannot store idempotency key"), query);
    if (query.numRowsAffected() == 0) {
        return makeError(
                ErrorCode::Conflict,
                QStringLiteral("idempotency key %1 was used for another request").arg(write.key));
    }
    return Done{};
}

} // namespace

VerificationRepository::VerificationRepository(Database *database) : m_database(database) { }

Result<QList<qint64>> VerificationRepository::insertPending(QList<VerificationRecord> &records)
{
    return write(records, {}, {});
}

Result<Done> VerificationRepository::update(const QList<VerificationRecord> &records,
                                            const QList<EnrichmentJob> &enqueue)
{
    QList<VerificationRecord> none;
    if (const auto written = write(none, records, enqueue); !written.ok())
        return written.error();
    return Done{};
}

Result<QList<qint64>> VerificationRepository::write(QList<VerificationRecord> &inserts,
                                                    const QList<VerificationRecord> &updates,
                                                    const QList<EnrichmentJob> &enqueue,
                                                    const QList<IdempotencyWrite> &idempotency)
{
    if (inserts.isEmpty() && updates.isEmpty() && enqueue.isEmpty() && idempotency.isEmpty())
        return QList<qint64>{};
    for (const IdempotencyWrite &entry : idempotency) {
        if (entry.key.isEmpty())
            return badInput(QStringLiteral("idempotency_key: required"));
    }
    const qint64 now = nowMs();
    auto completed = completeNewRecords(inserts, now);
    if (!completed.ok())
        return completed.error();
    QList<VerificationRecord> stored = std::move(completed).value();
    for (const VerificationRecord &r : updates) {
        if (r.id <= 0)
            return badInput(QStringLiteral("id: an update needs the record's id"));
        if (r.poiId.isEmpty())
            return badInput(QStringLiteral("poi_id: required"));
    }

    QSqlDatabase &db = m_database->connection();
    WriteTransaction transaction(db);
    if (const auto begun = transaction.begin(); !begun.ok())
        return begun.error();
    TotalsChanges changes;
    auto ids = insertRows(*m_database, stored, changes);
    if (!ids.ok())
        return ids.error();
    if (const auto updated = updateRows(*m_database, updates, now, changes); !updated.ok())
        return updated.error();
    if (const auto applied = applyTotals(*m_database, changes); !applied.ok())
        return applied.error();
    if (const auto jobs = writeJobs(*m_database, updates, enqueue, now); !jobs.ok())
        return jobs.error();
    for (const IdempotencyWrite &entry : idempotency) {
        if (const auto stored = upsertIdempotency(*m_database, entry, now); !stored.ok())
            return stored.error();
    }
    if (const auto committed = transaction.commit(); !committed.ok())
        return committed.error();

    // Only a committed insert gives the caller its ids; appName is not stored, so keep it.
    inserts = stored;
    return ids;
}

Result<VerificationRecord> VerificationRepository::get(qint64 id)
{
    auto found = queryRecords(*m_database, QStringLiteral(" WHERE v.id = ?"), {id});
    if (!found.ok())
        return found.error();
    if (found.value().isEmpty())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("verification %1 does not exist").arg(id));
    return found.value().constFirst();
}

Result<QList<VerificationRecord>>
VerificationRepository::findByVerifyToken(qint64 appId, const QString &verifyToken)
{
    if (appId < 0)
        return queryRecords(*m_database, QStringLiteral(" WHERE v.verify_token = ? ORDER BY v.id"),
                            {verifyToken});
    return queryRecords(*m_database,
                        QStringLiteral(" WHERE v.verify_token = ? AND v.app_id = ? ORDER BY v.id"),
                        {verifyToken, appId});
}

Result<QList<VerificationRecord>> VerificationRepository::findByBatch(const QString &batchId)
{
    return queryRecords(*m_database, QStringLiteral(" WHERE v.batch_id = ? ORDER BY v.id"),
                        {batchId});
}

Result<QList<VerificationRecord>>
VerificationRepository::findByStatus(const QList<VerificationRecord::Status> &statuses)
{
    if (statuses.isEmpty())
        return QList<VerificationRecord>{};
    QStringList placeholders;
    QVariantList values;
    for (const Status status : statuses) {
        placeholders << QStringLiteral("?");
        values << VerificationRecord::toString(status);
    }
    return queryRecords(*m_database,
                        QStringLiteral(" WHERE v.verify_status IN (")
                                + placeholders.join(QStringLiteral(", "))
                                + QStringLiteral(") ORDER BY v.id"),
                        values);
}

Result<VerificationPage> VerificationRepository::list(const VerificationFilter &filter, int page,
                                                      int pageSize)
{
    if (page < 1)
        return badInput(QStringLiteral("page: must be 1 or more"));
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE)
        return badInput(QStringLiteral("page_size: must be 1..%1").arg(MAX_PAGE_SIZE));
    if (const auto range = checkRange(filter.from, filter.to); !range.ok())
        return range.error();

    QSqlDatabase &db = m_database->connection();
    const Conditions conditions = recordConditions(filter);
    const qint64 offset = qint64(page - 1) * pageSize;
    // The page's ids come from an index alone; only those rows are then read. OFFSET
    // otherwise reads every skipped row from the table (100,000 skipped rows: 45 ms vs 1 ms).
    const QString order = QStringLiteral(" ORDER BY v.created_at DESC, v.id DESC");
    auto items = queryRecords(*m_database,
                              QStringLiteral(" WHERE v.id IN (SELECT v.id FROM verifications v")
                                      + conditions.sql() + order
                                      + QStringLiteral(" LIMIT ? OFFSET ?)") + order,
                              QVariantList(conditions.values) << pageSize << offset);
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

    QSqlQuery count(db);
    count.setForwardOnly(true);
    bool counted = false;
    if (totalsCanAnswer(filter.q, filter.enrichmentStatus)) {
        // Summing a few totals rows beats counting up to millions of index entries; without a
        // date range the all-time counts need even fewer (both have the same count columns).
        const bool allTime = !filter.from && !filter.to;
        const Conditions totals =
                totalsConditions(filter.from, filter.to, filter.poiId, filter.appId);
        counted =
                count.prepare(QStringLiteral("SELECT COALESCE(SUM(")
                              + countedRecords(filter.verifyStatus) + QStringLiteral("), 0) FROM ")
                              + (allTime ? QStringLiteral("verification_status_counts t")
                                         : QStringLiteral("verification_daily_totals t"))
                              + totals.sql())
                && execWith(count, totals.values);
    } else {
        counted = count.prepare(QStringLiteral("SELECT COUNT(*) FROM verifications v")
                                + conditions.sql())
                && execWith(count, conditions.values);
    }
    if (!counted || !count.next())
        return sqlError(QStringLiteral("cannot count verifications"), count);
    result.total = count.value(0).toLongLong();
    return result;
}

Result<VerificationSummary> VerificationRepository::summary(const SummaryQuery &query)
{
    if (!query.from.isValid())
        return badInput(QStringLiteral("from: required"));
    if (!query.to.isValid())
        return badInput(QStringLiteral("to: required"));
    if (const auto range = checkRange(query.from, query.to); !range.ok())
        return range.error();

    const bool totalsPossible = totalsCanAnswer(query.q, query.enrichmentStatus);
    if (query.source == SummaryQuery::Source::DailyTotals && !totalsPossible)
        return badInput(QStringLiteral("source: the daily totals cannot filter by q or "
                                       "enrichment_status"));
    const bool useTotals = totalsPossible && query.source != SummaryQuery::Source::Records;

    // Keys in their fixed order, whatever order (or repetition) the caller used.
    QList<GroupKey> keys;
    for (const GroupKey key : {GroupKey::Date, GroupKey::Poi, GroupKey::App, GroupKey::Product}) {
        if (query.groupBy.contains(key))
            keys << key;
    }

    // The two paths select the same columns: the key columns, then pending, success, failed,
    // unknown counts and the three amounts.
    const QString t = useTotals ? QStringLiteral("t.") : QStringLiteral("v.");
    QStringList keyColumns;
    for (const GroupKey key : keys) {
        switch (key) {
        case GroupKey::Date:
            keyColumns << t + QStringLiteral("business_date");
            break;
        case GroupKey::Poi:
            keyColumns << t + QStringLiteral("poi_id");
            break;
        case GroupKey::App:
            keyColumns << t + QStringLiteral("app_id") << QStringLiteral("a.name");
            break;
        case GroupKey::Product:
            // The totals store '' for "no product"; the records store NULL.
            if (useTotals) {
                keyColumns << QStringLiteral("t.product_id") << QStringLiteral("t.product_name");
            } else {
                keyColumns << QStringLiteral("COALESCE(v.product_id, '')")
                           << QStringLiteral("COALESCE(v.product_name, '')");
            }
            break;
        }
    }

    QStringList valueColumns;
    QString from;
    QString having;
    Conditions conditions;
    if (useTotals) {
        const auto status = query.verifyStatus;
        for (const Status s : STATUS_ORDER) {
            valueColumns << (!status || *status == s
                                     ? QStringLiteral("SUM(") + countColumn(s) + QStringLiteral(")")
                                     : QStringLiteral("0"));
        }
        const bool amounts = !status || *status == Status::Success;
        for (const auto column : {"t.pay_amount", "t.receipt_amount", "t.discount_amount"}) {
            valueColumns << (amounts ? QStringLiteral("SUM(") + QLatin1String(column)
                                             + QStringLiteral(")")
                                     : QStringLiteral("0"));
        }
        from = QStringLiteral(" FROM verification_daily_totals t");
        // A totals row can outlive its records (all moved to another key): its counts are 0.
        having = QStringLiteral(" HAVING SUM(") + countedRecords(status) + QStringLiteral(") > 0");
        conditions = totalsConditions(query.from, query.to, query.poiId, query.appId);
    } else {
        for (const Status s : STATUS_ORDER) {
            valueColumns << QStringLiteral("SUM(CASE WHEN v.verify_status = '")
                            + VerificationRecord::toString(s)
                            + QStringLiteral("' THEN 1 ELSE 0 END)");
        }
        for (const auto column : {"v.pay_amount", "v.receipt_amount", "v.discount_amount"}) {
            valueColumns << QStringLiteral("SUM(CASE WHEN v.verify_status = 'success' "
                                           "THEN COALESCE(")
                            + QLatin1String(column) + QStringLiteral(", 0) ELSE 0 END)");
        }
        from = QStringLiteral(" FROM verifications v");
        having = QStringLiteral(" HAVING COUNT(*) > 0");
        VerificationFilter filter;
        filter.from = query.from;
        filter.to = query.to;
        filter.poiId = query.poiId;
        filter.appId = query.appId;
        filter.verifyStatus = query.verifyStatus;
        filter.enrichmentStatus = query.enrichmentStatus;
        filter.q = query.q;
        conditions = recordConditions(filter);
    }
    if (keys.contains(GroupKey::App))
        from += QStringLiteral(" LEFT JOIN verifier_apps a ON a.id = ") + t
                + QStringLiteral("app_id");

    QString sql = QStringLiteral("SELECT ") + (keyColumns + valueColumns).join(QStringLiteral(", "))
            + from + conditions.sql();
    if (!keyColumns.isEmpty())
        sql += QStringLiteral(" GROUP BY ") + keyColumns.join(QStringLiteral(", "));
    sql += having;
    if (!keyColumns.isEmpty())
        sql += QStringLiteral(" ORDER BY ") + keyColumns.join(QStringLiteral(", "));

    QSqlQuery select(m_database->connection());
    select.setForwardOnly(true);
    if (!select.prepare(sql) || !execWith(select, conditions.values))
        return sqlError(QStringLiteral("cannot summarise verifications"), select);

    VerificationSummary result;
    result.source = useTotals ? SummaryQuery::Source::DailyTotals : SummaryQuery::Source::Records;
    while (select.next()) {
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
            }
        }
        row.pendingCount = next().toLongLong();
        row.successCount = next().toLongLong();
        row.failedCount = next().toLongLong();
        row.unknownCount = next().toLongLong();
        row.payAmount = next().toLongLong();
        row.receiptAmount = next().toLongLong();
        row.discountAmount = next().toLongLong();

        VerificationSummaryRow &totals = result.totals;
        totals.pendingCount += row.pendingCount;
        totals.successCount += row.successCount;
        totals.failedCount += row.failedCount;
        totals.unknownCount += row.unknownCount;
        totals.payAmount += row.payAmount;
        totals.receiptAmount += row.receiptAmount;
        totals.discountAmount += row.discountAmount;
        result.rows.append(row);
    }
    return result;
}

Result<qint64> VerificationRepository::enqueueEnrichment(qint64 verificationId, qint64 dueAtMs)
{
    QSqlDatabase &db = m_database->connection();
    WriteTransaction transaction(db);
    if (const auto begun = transaction.begin(); !begun.ok())
        return begun.error();
    if (const auto queued = insertJob(*m_database, verificationId, dueAtMs, nowMs()); !queued.ok())
        return queued.error();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id FROM enrichment_jobs WHERE verification_id = ?"));
    if (!execWith(query, {verificationId}) || !query.next())
        return sqlError(QStringLiteral("cannot read the enrichment job of %1").arg(verificationId),
                        query);
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    if (const auto committed = transaction.commit(); !committed.ok())
        return committed.error();
    return id;
}

Result<QList<EnrichmentJob>> VerificationRepository::dueEnrichmentJobs(qint64 nowMs, int limit)
{
    const auto prepared = m_database->prepared(QStringLiteral(
            "SELECT id, verification_id, status, attempts, next_attempt_at, last_error, "
            "created_at, updated_at FROM enrichment_jobs WHERE status = 'pending' "
            "AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?"));
    if (!prepared.ok())
        return prepared.error();
    QSqlQuery &query = *prepared.value();
    query.setForwardOnly(true);
    if (!execWith(query, {nowMs, limit}))
        return sqlError(QStringLiteral("cannot read due enrichment jobs"), query);
    return readJobs(query);
}

Result<Done> VerificationRepository::rescheduleEnrichment(qint64 jobId, int attempts,
                                                          qint64 nextAtMs, const QString &lastError)
{
    QSqlDatabase &db = m_database->connection();
    WriteTransaction transaction(db);
    if (const auto begun = transaction.begin(); !begun.ok())
        return begun.error();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE enrichment_jobs SET attempts = ?, next_attempt_at = ?, "
                                 "last_error = ?, updated_at = ? WHERE id = ?"));
    if (!execWith(query, {attempts, nextAtMs, nullableText(lastError), nowMs(), jobId}))
        return sqlError(QStringLiteral("cannot reschedule enrichment job %1").arg(jobId), query);
    if (query.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("enrichment job %1 does not exist").arg(jobId));
    return transaction.commit();
}

Result<Done> VerificationRepository::finishEnrichment(qint64 jobId,
                                                      VerificationRecord::Enrichment status)
{
    if (status == Enrichment::Pending)
        return badInput(QStringLiteral("status: a finished job is not pending"));
    QSqlDatabase &db = m_database->connection();
    WriteTransaction transaction(db);
    if (const auto begun = transaction.begin(); !begun.ok())
        return begun.error();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE enrichment_jobs SET status = ?, updated_at = ? "
                                 "WHERE id = ?"));
    if (!execWith(query, {VerificationRecord::toString(status), nowMs(), jobId}))
        return sqlError(QStringLiteral("cannot finish enrichment job %1").arg(jobId), query);
    if (query.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("enrichment job %1 does not exist").arg(jobId));
    return transaction.commit();
}

Result<qint64> VerificationRepository::enrichmentBacklog()
{
    QSqlQuery query(m_database->connection());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM enrichment_jobs WHERE status = 'pending'"))
        || !query.next())
        return sqlError(QStringLiteral("cannot count enrichment jobs"), query);
    return query.value(0).toLongLong();
}

Result<std::optional<IdempotencyEntry>> VerificationRepository::findIdempotency(qint64 appId,
                                                                                const QString &key)
{
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT fingerprint, http_status, response_body, created_at "
                                 "FROM idempotency_keys WHERE app_id = ? AND idempotency_key = ?"));
    if (!execWith(query, {appId, key}))
        return sqlError(QStringLiteral("cannot read idempotency key"), query);
    if (!query.next())
        return std::optional<IdempotencyEntry>();
    IdempotencyEntry entry;
    entry.fingerprint = query.value(0).toString();
    entry.httpStatus = optionalInt(query.value(1));
    entry.responseBody = query.value(2).toString().toUtf8();
    entry.createdAt = query.value(3).toLongLong();
    return std::optional<IdempotencyEntry>(entry);
}

Result<Done> VerificationRepository::storeIdempotency(qint64 appId, const QString &key,
                                                      const IdempotencyEntry &entry)
{
    QList<VerificationRecord> none;
    if (const auto written = write(none, {}, {}, {{appId, key, entry}}); !written.ok())
        return written.error();
    return Done{};
}

Result<int> VerificationRepository::purgeIdempotency(qint64 olderThanMs)
{
    QSqlDatabase &db = m_database->connection();
    WriteTransaction transaction(db);
    if (const auto begun = transaction.begin(); !begun.ok())
        return begun.error();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM idempotency_keys WHERE created_at < ?"));
    if (!execWith(query, {olderThanMs}))
        return sqlError(QStringLiteral("cannot purge idempotency keys"), query);
    const int purged = query.numRowsAffected();
    if (const auto committed = transaction.commit(); !committed.ok())
        return committed.error();
    return purged;
}
