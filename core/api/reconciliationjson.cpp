#include "core/api/reconciliationjson.h"

#include <QJsonArray>

#include "core/api/apijson.h"

namespace {

QJsonValue secondsOrNull(qint64 seconds)
{
    return seconds > 0 ? QJsonValue(ApiJson::timestamp(seconds * 1000))
                       : QJsonValue(QJsonValue::Null);
}

QJsonArray pairs(const QList<ReconciliationReport::Pair> &list)
{
    QJsonArray array;
    for (const auto &pair : list) {
        array.append(
                QJsonObject{{QStringLiteral("local"), ApiJson::verificationView(pair.local)},
                            {QStringLiteral("platform"), ReconciliationJson::row(pair.platform)}});
    }
    return array;
}

QJsonObject side(const ReconciliationReport::Side &side)
{
    return {{QStringLiteral("count"), side.count}, {QStringLiteral("pay_amount"), side.payAmount}};
}

} // namespace

namespace ReconciliationJson {

QJsonObject row(const HistoryRow &row)
{
    return {
            {QStringLiteral("platform"), Platforms::toString(row.platform)},
            {QStringLiteral("certificate_id"), row.certificateId},
            {QStringLiteral("verify_id"),
             row.verifyId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(row.verifyId)},
            {QStringLiteral("verify_time"), secondsOrNull(row.verifyTime)},
            {QStringLiteral("status"), HistoryRow::toString(row.status)},
            {QStringLiteral("poi_id"), row.poiId},
            {QStringLiteral("product_name"), row.productName},
            {QStringLiteral("pay_amount"), row.payAmount},
            {QStringLiteral("cancel_time"), secondsOrNull(row.cancelTime)},
    };
}

QJsonObject report(const ReconciliationReport &report)
{
    QJsonArray onlyPlatform;
    for (const HistoryRow &r : report.onlyPlatform)
        onlyPlatform.append(row(r));
    QJsonArray onlyLocal;
    for (const VerificationRecord &record : report.onlyLocal)
        onlyLocal.append(ApiJson::verificationView(record));
    QJsonArray unresolved;
    for (const VerificationRecord &record : report.unresolved)
        unresolved.append(ApiJson::verificationView(record));
    return {
            {QStringLiteral("date"), report.date.toString(Qt::ISODate)},
            {QStringLiteral("platform"),
             report.platform ? QJsonValue(Platforms::toString(*report.platform))
                             : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("poi_id"),
             report.poiId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(report.poiId)},
            {QStringLiteral("state"), ReconciliationReport::toString(report.state)},
            {QStringLiteral("running"), report.running},
            {QStringLiteral("fetched_at"), ApiJson::timestampOrNull(report.fetchedAt)},
            {QStringLiteral("matched"), report.matched},
            {QStringLiteral("only_platform"), onlyPlatform},
            {QStringLiteral("only_local"), onlyLocal},
            {QStringLiteral("status_mismatch"), pairs(report.statusMismatch)},
            {QStringLiteral("amount_mismatch"), pairs(report.amountMismatch)},
            {QStringLiteral("unresolved"), unresolved},
            {QStringLiteral("totals"),
             QJsonObject{{QStringLiteral("local"), side(report.local)},
                         {QStringLiteral("platform"), side(report.remote)}}},
    };
}

} // namespace ReconciliationJson
