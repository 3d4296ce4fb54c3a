#include "core/store/verificationrowmapper.h"

#include <array>

#include <QJsonDocument>
#include <QSqlQuery>

#include "core/store/database.h"
#include "core/store/store.h"

namespace {

using Status = VerificationRecord::Status;
using Enrichment = VerificationRecord::Enrichment;
using Store::nullable;
using Store::nullableText;
using Store::optionalInt;

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
        "cancel_deadline",
        "cancel_status",
        "cancel_token",
        "cancel_reason",
        "cancel_requested_by",
        "cancel_requested_at",
        "cancelled_at",
        "cancel_error_code",
        "cancel_error_description",
        "cancel_attempts",
        "cancel_next_resolve_at",
        "settlement_status",
        "commission_amount",
        "settled_at",
        "settle_attempts",
        "next_settle_at",
        "updated_at",
};

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

QJsonObject jsonObject(const QVariant &value)
{
    return value.isNull() ? QJsonObject() : QJsonDocument::fromJson(value.toByteArray()).object();
}

// Whether a column keeps its value; NULL differs from every value, also from 0 and ''.
bool sameValue(const QVariant &a, const QVariant &b)
{
    if (a.isNull() || b.isNull())
        return a.isNull() == b.isNull();
    return a == b;
}

} // namespace

QVariantList VerificationRowMapper::writeValues(const VerificationRecord &r)
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
            nullable(r.cancelDeadline),
            r.cancel.status ? QVariant(VerificationRecord::toString(*r.cancel.status))
                            : QVariant(QMetaType::fromType<QString>()),
            nullableText(r.cancel.token),
            nullableText(r.cancel.reason),
            nullableText(r.cancel.requestedBy),
            nullable(r.cancel.requestedAt),
            nullable(r.cancel.cancelledAt),
            nullable(r.cancel.errorCode),
            nullableText(r.cancel.errorDescription),
            r.cancel.attempts,
            nullable(r.cancel.nextResolveAt),
            r.settlementStatus ? QVariant(VerificationRecord::toString(*r.settlementStatus))
                               : QVariant(QMetaType::fromType<QString>()),
            nullable(r.commissionAmount),
            nullable(r.settledAt),
            r.settleAttempts,
            nullable(r.nextSettleAt),
            r.updatedAt,
    };
}

const QString &VerificationRowMapper::insertSql()
{
    static const QString sql = []() -> QString {
        QStringList columns;
        for (const char *column : WRITE_COLUMNS)
            columns << QLatin1String(column);
        columns << QStringLiteral("business_date") << QStringLiteral("created_at")
                << QStringLiteral("gateway_name");
        const QStringList placeholders(columns.size(), QStringLiteral("?"));
        return QStringLiteral("INSERT INTO verifications (") + columns.join(QStringLiteral(", "))
                + QStringLiteral(") VALUES (") + placeholders.join(QStringLiteral(", "))
                + QStringLiteral(")");
    }();
    return sql;
}

QVariantList VerificationRowMapper::insertValues(const VerificationRecord &r)
{
    QVariantList values = writeValues(r);
    // '' rather than NULL: the column is NOT NULL DEFAULT ''.
    values << r.businessDate << r.createdAt
           << (r.gatewayName.isEmpty() ? QStringLiteral("") : r.gatewayName);
    return values;
}

VerificationRowMapper::Statement
VerificationRowMapper::changedColumnsUpdate(const VerificationRecord &before,
                                            const VerificationRecord &after)
{
    const QVariantList oldValues = writeValues(before);
    const QVariantList newValues = writeValues(after);
    QString assignments;
    QVariantList values;
    for (std::size_t i = 0; i < WRITE_COLUMNS.size(); ++i) {
        const QLatin1String column(WRITE_COLUMNS.at(i));
        const QVariant &value = newValues.at(qsizetype(i));
        // updated_at is written even when the clock has not moved, so SET is never empty.
        if (column != QLatin1String("updated_at") && sameValue(oldValues.at(qsizetype(i)), value))
            continue;
        if (!assignments.isEmpty())
            assignments += QStringLiteral(", ");
        assignments += column + QStringLiteral(" = ?");
        values << value;
    }
    values << after.id;
    return {QStringLiteral("UPDATE verifications SET ") + assignments
                    + QStringLiteral(" WHERE id = ?"),
            values};
}

const QString &VerificationRowMapper::selectSql()
{
    static const QString sql = []() -> QString {
        QStringList columns{QStringLiteral("v.id")};
        for (const char *column : WRITE_COLUMNS)
            columns << QStringLiteral("v.") + QLatin1String(column);
        columns << QStringLiteral("v.business_date") << QStringLiteral("v.created_at")
                << QStringLiteral("a.name") << QStringLiteral("v.gateway_name");
        return QStringLiteral("SELECT ") + columns.join(QStringLiteral(", "))
                + QStringLiteral(" FROM verifications v"
                                 " LEFT JOIN verifier_apps a ON a.id = v.app_id");
    }();
    return sql;
}

VerificationRecord VerificationRowMapper::read(const QSqlQuery &query)
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
    r.cancelDeadline = optionalLong(next());
    r.cancel.status = VerificationRecord::cancelStatusFromString(text());
    r.cancel.token = text();
    r.cancel.reason = text();
    r.cancel.requestedBy = text();
    r.cancel.requestedAt = optionalLong(next());
    r.cancel.cancelledAt = optionalLong(next());
    r.cancel.errorCode = optionalLong(next());
    r.cancel.errorDescription = text();
    r.cancel.attempts = next().toInt();
    r.cancel.nextResolveAt = optionalLong(next());
    r.settlementStatus = VerificationRecord::settlementFromString(text());
    r.commissionAmount = optionalLong(next());
    r.settledAt = optionalLong(next());
    r.settleAttempts = next().toInt();
    r.nextSettleAt = optionalLong(next());
    r.updatedAt = next().toLongLong();
    r.businessDate = text();
    r.createdAt = next().toLongLong();
    r.appName = text();
    r.gatewayName = text();
    return r;
}

Result<VerificationRecord> VerificationRowMapper::selectOne(Database &database, qint64 id)
{
    auto found = select(database, QStringLiteral(" WHERE v.id = ?"), {id});
    if (!found.ok())
        return found.error();
    if (found.value().isEmpty())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("verification %1 does not exist").arg(id));
    return found.value().constFirst();
}

Result<QList<VerificationRecord>>
VerificationRowMapper::select(Database &database, const QString &tail, const QVariantList &values)
{
    const auto prepared = database.prepared(selectSql() + tail);
    if (!prepared.ok())
        return prepared.error();
    QSqlQuery &query = *prepared.value();
    query.setForwardOnly(true);
    if (!Store::execWith(query, values))
        return Store::sqlError(QStringLiteral("cannot read verifications"), query);
    QList<VerificationRecord> records;
    while (query.next())
        records.append(read(query));
    return records;
}
