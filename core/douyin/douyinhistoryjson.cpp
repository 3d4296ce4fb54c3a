#include "core/douyin/douyinhistoryjson.h"

#include <QJsonArray>

namespace {

QString text(const QJsonObject &object, const char *key)
{
    return DouyinJson::idString(object.value(QLatin1String(key)));
}

qint64 number(const QJsonObject &object, const char *key)
{
    return DouyinJson::integer(object.value(QLatin1String(key)));
}

// `key`'s object, or the object one level further down under the same key.
QJsonObject nested(const QJsonObject &object, const char *key)
{
    const QJsonObject outer = object.value(QLatin1String(key)).toObject();
    const QJsonValue inner = outer.value(QLatin1String(key));
    return inner.isObject() ? inner.toObject() : outer;
}

Douyin::Error badAnswer(const QString &message, const QJsonObject &raw)
{
    Douyin::Error error = Douyin::Error::make(Douyin::Error::Kind::BadAnswer, message);
    error.raw = raw;
    return error;
}

Douyin::HistoryRecord historyRecord(const QJsonObject &object)
{
    Douyin::HistoryRecord record;
    record.cursor = text(object, "cursor");
    record.verifyId = text(object, "verify_id");
    record.certificateId = text(object, "certificate_id");
    record.code = text(object, "code");
    record.verifyType = int(number(object, "verify_type"));
    record.verifyTime = number(object, "verify_time");
    record.canCancel = number(object, "can_cancel") != 0;
    record.status = int(number(object, "status"));
    record.cancelTime = number(object, "cancel_time");
    record.amount = DouyinJson::amount(nested(object, "amount"));
    record.sku = DouyinJson::sku(object.value(QLatin1String("sku")).toObject());
    record.poiId = text(object, "poi_id");
    record.raw = object;
    return record;
}

Douyin::FundAmount fundAmount(const QJsonObject &object)
{
    Douyin::FundAmount fund;
    fund.goods = number(object, "goods");
    fund.payHandling = number(object, "pay_handling");
    fund.totalCommission = number(object, "total_commission");
    fund.talentCommission = number(object, "talent_commission");
    fund.merchantPlatformService = number(object, "total_merchant_platform_service");
    return fund;
}

} // namespace

namespace DouyinHistoryJson {

Result<Douyin::HistoryResult, Douyin::Error> history(const DouyinJson::Envelope &answer)
{
    const QJsonValue records = answer.data.value(QLatin1String("records"));
    // An empty day may come without the list at all; anything else must be a list.
    if (!records.isArray() && !records.isUndefined() && !records.isNull())
        return badAnswer(QStringLiteral("verify_record query: data.records is not a list"),
                         answer.raw);
    Douyin::HistoryResult result;
    if (answer.data.contains(QLatin1String("total")))
        result.total = number(answer.data, "total");
    for (const QJsonValue &value : records.toArray()) {
        if (!value.isObject())
            return badAnswer(QStringLiteral("verify_record query: a record is not an object"),
                             answer.raw);
        Douyin::HistoryRecord record = historyRecord(value.toObject());
        if (record.verifyId.isEmpty() || record.certificateId.isEmpty())
            return badAnswer(QStringLiteral("verify_record query: a record lacks verify_id or "
                                            "certificate_id"),
                             answer.raw);
        result.records.append(record);
    }
    return result;
}

Result<Douyin::LedgerResult, Douyin::Error> ledger(const DouyinJson::Envelope &answer)
{
    const QJsonValue records = answer.data.value(QLatin1String("records"));
    if (!records.isArray() && !records.isUndefined() && !records.isNull())
        return badAnswer(QStringLiteral("ledger query: data.records is not a list"), answer.raw);
    Douyin::LedgerResult result;
    for (const QJsonValue &value : records.toArray()) {
        const QJsonObject object = value.toObject();
        Douyin::LedgerRecord record;
        record.ledgerId = text(object, "ledger_id");
        record.verifyId = text(object, "verify_id");
        record.certificateId = text(object, "certificate_id");
        record.orderId = text(object, "order_id");
        record.code = text(object, "code");
        record.verifyTime = number(object, "verify_time");
        record.status = int(number(object, "status"));
        record.amount = DouyinJson::amount(nested(object, "amount"));
        record.fundAmount = fundAmount(nested(object, "fund_amount"));
        if (record.certificateId.isEmpty())
            return badAnswer(QStringLiteral("ledger query: a record lacks certificate_id"),
                             answer.raw);
        result.records.append(record);
    }
    return result;
}

} // namespace DouyinHistoryJson
