#include "core/douyin/douyinjson.h"

#include <cmath>
#include <limits>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace {

Douyin::Error badAnswer(const QString &message, const QJsonObject &raw = {})
{
    Douyin::Error error = Douyin::Error::make(Douyin::Error::Kind::BadAnswer, message);
    error.raw = raw;
    return error;
}

QString text(const QJsonObject &object, const char *key)
{
    return DouyinJson::idString(object.value(QLatin1String(key)));
}

qint64 number(const QJsonObject &object, const char *key)
{
    return DouyinJson::integer(object.value(QLatin1String(key)));
}

QJsonObject child(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toObject();
}

// Present and of the right JSON type, or a BadAnswer naming the field.
bool isArrayField(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).isArray();
}

} // namespace

namespace DouyinJson {

QString idString(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double asDouble = value.toDouble();
        // Integers that fit qint64 are kept exactly by Qt's parser; read them as integers.
        if (asDouble == std::floor(asDouble) && std::fabs(asDouble) < 9.2e18)
            return QString::number(value.toInteger());
        return QString::number(asDouble, 'g', 17);
    }
    return {};
}

qint64 integer(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double asDouble = value.toDouble();
        // Converting a double beyond qint64 is undefined behaviour (the fuzzer sent an
        // error_code of 1.2e115). Saturated rather than 0, so a non-zero code stays an error.
        constexpr double TWO_TO_THE_63 = 9223372036854775808.0; // exact as a double
        if (asDouble >= TWO_TO_THE_63)
            return std::numeric_limits<qint64>::max();
        if (asDouble < -TWO_TO_THE_63)
            return std::numeric_limits<qint64>::min();
        return value.toInteger(qint64(asDouble));
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 parsed = value.toString().toLongLong(&ok);
        return ok ? parsed : 0;
    }
    if (value.isBool())
        return value.toBool() ? 1 : 0;
    return 0;
}

Result<Envelope, Douyin::Error> envelope(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return badAnswer(QStringLiteral("answer is not JSON: %1").arg(parseError.errorString()));
    if (!document.isObject())
        return badAnswer(QStringLiteral("answer is not a JSON object"));

    Envelope result;
    result.raw = document.object();
    const QJsonValue dataValue = result.raw.value(QLatin1String("data"));
    const QJsonValue extraValue = result.raw.value(QLatin1String("extra"));
    if (!dataValue.isObject() && !extraValue.isObject())
        return badAnswer(QStringLiteral("answer has neither data nor extra"), result.raw);
    result.data = dataValue.toObject();
    const QJsonObject extra = extraValue.toObject();
    result.logid = text(extra, "logid");

    // Either part may carry the error; extra's is the platform's, data's the business'.
    for (const QJsonObject *part : {&extra, static_cast<const QJsonObject *>(&result.data)}) {
        const qint64 code = number(*part, "error_code");
        if (code == 0)
            continue;
        Douyin::Error error;
        error.kind = Douyin::Error::Kind::Rejected;
        error.code = code;
        // The sub code tells apart refusals that share a code (a cancel too late, or again).
        error.subCode = number(*part, "sub_error_code");
        if (error.subCode == 0)
            error.subCode = number(extra, "sub_error_code");
        error.description = text(*part, "description");
        if (error.description.isEmpty())
            error.description = text(*part, "sub_description");
        error.logid = result.logid;
        error.message = QStringLiteral("Douyin error %1: %2").arg(code).arg(error.description);
        error.raw = result.raw;
        return error;
    }
    return result;
}

Douyin::Amount amount(const QJsonObject &object)
{
    Douyin::Amount amount;
    amount.originalAmount = number(object, "original_amount");
    amount.payAmount = number(object, "pay_amount");
    amount.couponPayAmount = number(object, "coupon_pay_amount");
    amount.merchantTicketAmount = number(object, "merchant_ticket_amount");
    amount.listMarketAmount = number(object, "list_market_amount");
    amount.platformDiscountAmount = number(object, "platform_discount_amount");
    amount.paymentDiscountAmount = number(object, "payment_discount_amount");
    return amount;
}

Douyin::Sku sku(const QJsonObject &object)
{
    Douyin::Sku sku;
    sku.skuId = text(object, "sku_id");
    sku.title = text(object, "title");
    sku.productId = text(object, "product_id");
    sku.grouponType = int(number(object, "groupon_type"));
    sku.marketPrice = number(object, "market_price");
    sku.thirdSkuId = text(object, "third_sku_id");
    sku.accountId = text(object, "account_id");
    return sku;
}

Douyin::CertificateVerify verifyRecord(const QJsonObject &object)
{
    Douyin::CertificateVerify record;
    record.verifyId = text(object, "verify_id");
    record.certificateId = text(object, "certificate_id");
    record.verifyType = int(number(object, "verify_type"));
    record.verifyTime = number(object, "verify_time");
    record.canCancel = object.value(QLatin1String("can_cancel")).toBool();
    record.poiId = text(object, "poi_id");
    record.verifierUniqueId = text(object, "verifier_unique_id");
    return record;
}

Douyin::CertificateState certificateState(const QJsonObject &object)
{
    Douyin::CertificateState state;
    state.certificateId = text(object, "certificate_id");
    state.encryptedCode = text(object, "encrypted_code");
    state.code = text(object, "code");
    state.status = int(number(object, "status"));
    state.startTime = number(object, "start_time");
    state.expireTime = number(object, "expire_time");
    state.amount = amount(child(object, "amount"));
    state.sku = sku(child(object, "sku"));
    const QJsonValue verify = object.value(QLatin1String("verify"));
    state.hasVerify = verify.isObject() && !verify.toObject().isEmpty();
    if (state.hasVerify)
        state.verify = verifyRecord(verify.toObject());
    for (const QJsonValue &record : object.value(QLatin1String("verify_records")).toArray())
        state.verifyRecords.append(verifyRecord(record.toObject()));
    const QJsonObject timeCard = child(object, "time_card");
    state.timesCount = int(number(timeCard, "times_count"));
    state.timesUsed = int(number(timeCard, "times_used"));
    return state;
}

Result<Douyin::ClientToken, Douyin::Error> clientToken(const Envelope &answer)
{
    Douyin::ClientToken token;
    token.accessToken = text(answer.data, "access_token");
    token.expiresIn = int(number(answer.data, "expires_in"));
    if (token.accessToken.isEmpty() || token.expiresIn <= 0)
        return badAnswer(QStringLiteral("client_token answer lacks access_token or expires_in"),
                         answer.raw);
    return token;
}

Result<Douyin::PrepareResult, Douyin::Error> prepare(const Envelope &answer)
{
    Douyin::PrepareResult result;
    result.raw = answer.raw;
    result.verifyToken = text(answer.data, "verify_token");
    result.orderId = text(answer.data, "order_id");
    if (result.verifyToken.isEmpty())
        return badAnswer(QStringLiteral("prepare answer has no verify_token"), answer.raw);
    if (!isArrayField(answer.data, "certificates"))
        return badAnswer(QStringLiteral("prepare answer has no certificates array"), answer.raw);
    for (const QJsonValue &value : answer.data.value(QLatin1String("certificates")).toArray()) {
        if (!value.isObject())
            return badAnswer(QStringLiteral("prepare certificate is not an object"), answer.raw);
        const QJsonObject object = value.toObject();
        Douyin::PreparedCertificate certificate;
        certificate.encryptedCode = text(object, "encrypted_code");
        certificate.certificateId = text(object, "certificate_id");
        certificate.startTime = number(object, "start_time");
        certificate.expireTime = number(object, "expire_time");
        certificate.amount = amount(child(object, "amount"));
        certificate.sku = sku(child(object, "sku"));
        if (certificate.encryptedCode.isEmpty())
            return badAnswer(QStringLiteral("prepare certificate has no encrypted_code"),
                             answer.raw);
        result.certificates.append(certificate);
    }
    return result;
}

Result<Douyin::VerifyResult, Douyin::Error> verify(const Envelope &answer)
{
    Douyin::VerifyResult result;
    result.raw = answer.raw;
    if (!isArrayField(answer.data, "verify_results"))
        return badAnswer(QStringLiteral("verify answer has no verify_results array"), answer.raw);
    for (const QJsonValue &value : answer.data.value(QLatin1String("verify_results")).toArray()) {
        const QJsonObject object = value.toObject();
        if (!value.isObject() || !object.contains(QLatin1String("result")))
            return badAnswer(QStringLiteral("verify result without a result code"), answer.raw);
        Douyin::VerifyCodeResult code;
        code.result = number(object, "result");
        code.msg = text(object, "msg");
        code.code = text(object, "code");
        code.originCode = text(object, "origin_code");
        code.verifyId = text(object, "verify_id");
        code.certificateId = text(object, "certificate_id");
        code.verifyTime = number(object, "verify_time");
        code.accountId = text(object, "account_id");
        code.orderId = text(object, "order_id");
        result.results.append(code);
    }
    return result;
}

Result<Douyin::CertificateGetResult, Douyin::Error> certificateGet(const Envelope &answer)
{
    const QJsonValue certificate = answer.data.value(QLatin1String("certificate"));
    if (!certificate.isObject())
        return badAnswer(QStringLiteral("certificate get answer has no certificate"), answer.raw);
    return Douyin::CertificateGetResult{certificateState(certificate.toObject()), answer.raw};
}

Result<Douyin::CertificateQueryResult, Douyin::Error> certificateQuery(const Envelope &answer)
{
    if (!isArrayField(answer.data, "certificates"))
        return badAnswer(QStringLiteral("certificate query answer has no certificates array"),
                         answer.raw);
    Douyin::CertificateQueryResult result;
    result.raw = answer.raw;
    for (const QJsonValue &value : answer.data.value(QLatin1String("certificates")).toArray())
        result.certificates.append(certificateState(value.toObject()));
    return result;
}

Result<Douyin::OrderQueryResult, Douyin::Error> orderQuery(const Envelope &answer)
{
    if (!isArrayField(answer.data, "orders"))
        return badAnswer(QStringLiteral("order query answer has no orders array"), answer.raw);
    Douyin::OrderQueryResult result;
    result.raw = answer.raw;
    for (const QJsonValue &value : answer.data.value(QLatin1String("orders")).toArray()) {
        const QJsonObject object = value.toObject();
        Douyin::Order order;
        order.orderId = text(object, "order_id");
        order.orderStatus = int(number(object, "order_status"));
        order.skuId = text(object, "sku_id");
        order.skuName = text(object, "sku_name");
        order.productId = text(object, "product_id");
        order.productName = text(object, "product_name");
        order.count = int(number(object, "count"));
        order.originalAmount = number(object, "original_amount");
        order.payAmount = number(object, "pay_amount");
        order.receiptAmount = number(object, "receipt_amount");
        order.discountAmount = number(object, "discount_amount");
        order.createOrderTime = number(object, "create_order_time");
        order.payTime = number(object, "pay_time");
        order.updateOrderTime = number(object, "update_order_time");
        order.sourceOrderId = text(object, "source_order_id");
        order.extOrderId = text(object, "ext_order_id");
        result.orders.append(order);
    }
    return result;
}

Result<Douyin::PoiQueryResult, Douyin::Error> poiQuery(const Envelope &answer)
{
    if (!isArrayField(answer.data, "pois"))
        return badAnswer(QStringLiteral("POI query answer has no pois array"), answer.raw);
    Douyin::PoiQueryResult result;
    result.raw = answer.raw;
    result.total = int(number(answer.data, "total"));
    for (const QJsonValue &value : answer.data.value(QLatin1String("pois")).toArray()) {
        const QJsonObject object = value.toObject();
        Douyin::Poi poi;
        poi.poiId = text(object, "poi_id");
        poi.poiName = text(object, "poi_name");
        poi.address = text(object, "address");
        poi.latitude = object.value(QLatin1String("latitude")).toDouble();
        poi.longitude = object.value(QLatin1String("longitude")).toDouble();
        result.pois.append(poi);
    }
    return result;
}

} // namespace DouyinJson
