#include "core/report/report.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include "core/api/apijson.h"

namespace {

using GroupKey = SummaryQuery::GroupKey;

// API.md's VerificationView, in its order. QJsonObject sorts its keys, so the order lives here.
const char *const VIEW_FIELDS[] = {
        "id",
        "app_id",
        "app_name",
        "poi_id",
        "verify_status",
        "error_code",
        "error_description",
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
        "enrichment_status",
        "enrichment_retry_count",
        "douyin_response",
        "verify_time",
        "create_order_time",
        "pay_time",
        "created_at",
        "updated_at",
        "extra",
        "platform",
        "platform_response",
        "cancel_status",
        "cancelled_at",
        "cancel_reason",
        "cancel_deadline",
        "settlement_status",
        "commission_amount",
        "settled_at",
        "gateway",
};

const char *const EXTRA_RECORD_FIELDS[] = {
        "poi_name",
        "created_at_local",
        "pay_amount_yuan",
        "receipt_amount_yuan",
        "discount_amount_yuan",
};

const char *const SUMMARY_VALUE_FIELDS[] = {
        "success_count",   "failed_count",        "unknown_count",        "pending_count",
        "cancelled_count", "pay_amount",          "receipt_amount",       "discount_amount",
        "pay_amount_yuan", "receipt_amount_yuan", "discount_amount_yuan",
};

QString text(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        // Every number in a view is an integer; toInteger() keeps ids above 2^53 exact.
        if (value.toInteger() == value.toDouble())
            return QString::number(value.toInteger());
        return QString::number(value.toDouble());
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

} // namespace

namespace Report {

QByteArray csvLine(const QStringList &fields)
{
    QByteArray line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += ',';
        const QString &field = fields.at(i);
        if (field.contains(u',') || field.contains(u'"') || field.contains(u'\n')
            || field.contains(u'\r')) {
            QString quoted = field;
            quoted.replace(u'"', QStringLiteral("\"\""));
            line += '"' + quoted.toUtf8() + '"';
        } else {
            line += field.toUtf8();
        }
    }
    line += "\r\n";
    return line;
}

QString yuan(std::optional<qint64> fen)
{
    if (!fen)
        return {};
    const qint64 value = *fen;
    const qint64 magnitude = value < 0 ? -value : value;
    return QStringLiteral("%1%2.%3")
            .arg(value < 0 ? QStringLiteral("-") : QString())
            .arg(magnitude / 100)
            .arg(magnitude % 100, 2, 10, QLatin1Char('0'));
}

QStringList recordColumns()
{
    QStringList columns;
    for (const char *name : VIEW_FIELDS)
        columns << QString::fromLatin1(name);
    for (const char *name : EXTRA_RECORD_FIELDS)
        columns << QString::fromLatin1(name);
    return columns;
}

QStringList recordFields(const VerificationRecord &record, const QString &poiName)
{
    const QJsonObject view = ApiJson::verificationView(record);
    QStringList fields;
    for (const char *name : VIEW_FIELDS)
        fields << text(view.value(QLatin1String(name)));
    // The yuan columns repeat exactly what the fen columns say, null included.
    const auto amount = [&view](const char *name) -> std::optional<qint64> {
        const QJsonValue value = view.value(QLatin1String(name));
        return value.isDouble() ? std::optional<qint64>(value.toInteger()) : std::nullopt;
    };
    fields << poiName
           << QDateTime::fromMSecsSinceEpoch(record.createdAt)
                      .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
           << yuan(amount("pay_amount")) << yuan(amount("receipt_amount"))
           << yuan(amount("discount_amount"));
    return fields;
}

QStringList summaryColumns(const QList<GroupKey> &groupBy)
{
    QStringList columns;
    for (const GroupKey key : SummaryQuery::orderedKeys(groupBy)) {
        switch (key) {
        case GroupKey::Date:
            columns << QStringLiteral("date");
            break;
        case GroupKey::Poi:
            columns << QStringLiteral("poi_id") << QStringLiteral("poi_name");
            break;
        case GroupKey::App:
            columns << QStringLiteral("app_id") << QStringLiteral("app_name");
            break;
        case GroupKey::Product:
            columns << QStringLiteral("product_id") << QStringLiteral("product_name");
            break;
        case GroupKey::Platform:
            columns << QStringLiteral("platform");
            break;
        case GroupKey::Gateway:
            columns << QStringLiteral("gateway");
            break;
        }
    }
    for (const char *name : SUMMARY_VALUE_FIELDS)
        columns << QString::fromLatin1(name);
    return columns;
}

QStringList summaryFields(const VerificationSummaryRow &row, const QList<GroupKey> &groupBy,
                          const QHash<QString, QString> &poiNames)
{
    QStringList fields;
    for (const GroupKey key : SummaryQuery::orderedKeys(groupBy)) {
        switch (key) {
        case GroupKey::Date:
            fields << (row.date ? row.date->toString(Qt::ISODate) : QString());
            break;
        case GroupKey::Poi: {
            const QString poiId = row.poiId.value_or(QString());
            fields << poiId << poiNames.value(poiId);
            break;
        }
        case GroupKey::App:
            fields << (row.appId ? QString::number(*row.appId) : QString()) << row.appName;
            break;
        case GroupKey::Product:
            fields << row.productId.value_or(QString()) << row.productName;
            break;
        case GroupKey::Platform:
            fields << (row.platform ? Platforms::toString(*row.platform) : QString());
            break;
        case GroupKey::Gateway:
            fields << row.gatewayName.value_or(QString());
            break;
        }
    }
    fields << QString::number(row.successCount) << QString::number(row.failedCount)
           << QString::number(row.unknownCount) << QString::number(row.pendingCount)
           << QString::number(row.cancelledCount) << QString::number(row.payAmount)
           << QString::number(row.receiptAmount) << QString::number(row.discountAmount)
           << yuan(row.payAmount) << yuan(row.receiptAmount) << yuan(row.discountAmount);
    return fields;
}

QByteArray summaryCsv(const VerificationSummary &summary, const QList<GroupKey> &groupBy,
                      const QHash<QString, QString> &poiNames)
{
    QByteArray csv = QByteArray(UTF8_BOM) + csvLine(summaryColumns(groupBy));
    for (const VerificationSummaryRow &row : summary.rows)
        csv += csvLine(summaryFields(row, groupBy, poiNames));
    QStringList totals = summaryFields(summary.totals, groupBy, poiNames);
    // Without key columns there is nowhere to say "total", and nothing else to confuse it with.
    if (!SummaryQuery::orderedKeys(groupBy).isEmpty())
        totals[0] = QStringLiteral("total");
    csv += csvLine(totals);
    return csv;
}

} // namespace Report
