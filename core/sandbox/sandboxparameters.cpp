#include "core/sandbox/sandboxparameters.h"

#include <algorithm>
#include <climits>

#include <QJsonArray>

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxclock.h"
#include "core/sandbox/sandboxjson.h"

namespace {

Error bad(const QString &message)
{
    return makeError(ErrorCode::BadInput, message);
}

// Integers of the mint body, type-checked; out-of-int values are clamped so the range check
// still names them.
std::optional<Error> readIntegers(const QJsonObject &body, SandboxState::OrderSpec &spec)
{
    const auto clampInt = [](qint64 value) {
        return int(std::clamp<qint64>(value, INT_MIN, INT_MAX));
    };
    struct IntegerField
    {
        const char16_t *key;
        std::optional<qint64> *wide;
        int *narrow;
    };
    std::optional<qint64> certificates;
    std::optional<qint64> expireInDays;
    std::optional<qint64> grouponType;
    std::optional<qint64> timesCount;
    std::optional<qint64> redirects;
    const IntegerField integers[] = {
            {u"certificates", &certificates, &spec.certificates},
            {u"pay_amount", &spec.payAmount, nullptr},
            {u"original_amount", &spec.originalAmount, nullptr},
            {u"expire_in_days", &expireInDays, nullptr},
            {u"groupon_type", &grouponType, &spec.grouponType},
            {u"times_count", &timesCount, &spec.timesCount},
            {u"redirects", &redirects, &spec.redirects},
    };
    for (const IntegerField &field : integers) {
        const QString key = QString::fromUtf16(field.key);
        const QJsonValue value = body.value(key);
        if (value.isUndefined())
            continue;
        const auto number =
                SandboxJson::integerIn(value, -(Q_INT64_C(1) << 53), Q_INT64_C(1) << 53);
        if (!number)
            return bad(key + QStringLiteral(": must be an integer"));
        *field.wide = number;
        if (field.narrow)
            *field.narrow = clampInt(*number);
    }
    if (expireInDays)
        spec.expireInDays = clampInt(*expireInDays);
    return std::nullopt;
}

// Control bodies may be empty (curl -X POST with no data): that means "all defaults".
Result<QJsonObject> controlBody(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return QJsonObject();
    const auto parsed = SandboxJson::parseObject(body);
    if (!parsed)
        return bad(QStringLiteral("body: ") + parsed.error().message);
    return parsed;
}

// A Unix time in seconds, or nullopt when the parameter is absent.
Result<std::optional<qint64>> seconds(const QUrlQuery &query, const QString &key)
{
    const auto text = SandboxParameters::single(query, key);
    if (!text)
        return bad(key + QStringLiteral(": given more than once"));
    if (text->isEmpty())
        return std::optional<qint64>();
    bool ok = false;
    const qint64 value = text->toLongLong(&ok);
    if (!ok || value < 0)
        return bad(key + QStringLiteral(": must be Unix seconds (a non-negative integer)"));
    return std::optional<qint64>(value);
}

// The keys of a control body, none but those allowed.
std::optional<Error> onlyKeys(const QJsonObject &body, const QStringList &allowed)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!allowed.contains(it.key()))
            return bad(it.key() + QStringLiteral(": unknown field"));
    }
    return std::nullopt;
}

} // namespace

namespace SandboxParameters {

std::optional<QString> single(const QUrlQuery &query, const QString &key)
{
    const QStringList values = query.allQueryItemValues(key, QUrl::FullyDecoded);
    if (values.size() > 1)
        return std::nullopt;
    return values.isEmpty() ? QString() : values.first().trimmed();
}

std::optional<int> integer(const QUrlQuery &query, const QString &key, int fallback)
{
    const auto text = single(query, key);
    if (!text)
        return std::nullopt;
    if (text->isEmpty())
        return fallback;
    bool ok = false;
    const int value = text->toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

Result<ClientCredentials> clientCredentials(const SandboxHttpRequest &request)
{
    ClientCredentials credentials;
    if (request.contentType.toLower().contains("application/x-www-form-urlencoded")) {
        const QUrlQuery form(QString::fromUtf8(request.body));
        const auto field = [&form](const char *key) {
            return form.queryItemValue(QString::fromLatin1(key), QUrl::FullyDecoded);
        };
        credentials = {field("client_key"), field("client_secret"), field("grant_type")};
        return credentials;
    }
    const auto parsed = SandboxJson::parseObject(request.body);
    if (!parsed)
        return parsed.error();
    // A missing or non-string field reads as empty, and so as a wrong key or secret.
    const auto field = [&parsed](const char *key) {
        return parsed.value().value(QString::fromLatin1(key)).toString();
    };
    credentials = {field("client_key"), field("client_secret"), field("grant_type")};
    return credentials;
}

Result<SandboxState::VerifyRequest> verifyRequest(const QByteArray &raw)
{
    const auto parsed = SandboxJson::parseObject(raw);
    if (!parsed)
        return parsed.error();
    const QJsonObject body = parsed.value();
    SandboxState::VerifyRequest verify;
    const QJsonValue token = body.value(QStringLiteral("verify_token"));
    if (!token.isString() || token.toString().isEmpty())
        return bad(QStringLiteral("verify_token is required (a string)"));
    verify.verifyToken = token.toString();
    const auto poiId = SandboxJson::idString(body.value(QStringLiteral("poi_id")));
    if (!poiId)
        return bad(QStringLiteral("poi_id is required (a string or an integer)"));
    verify.poiId = *poiId;
    const bool hasEncrypted = body.contains(QStringLiteral("encrypted_codes"));
    const bool hasPlain = body.contains(QStringLiteral("codes"));
    if (hasEncrypted == hasPlain)
        return bad(QStringLiteral("exactly one of encrypted_codes and codes"));
    verify.plainCodes = hasPlain;
    const QString codesKey = hasPlain ? QStringLiteral("codes") : QStringLiteral("encrypted_codes");
    const auto codes = SandboxJson::stringList(body.value(codesKey));
    if (!codes)
        return bad(codesKey + QStringLiteral(" must be an array of strings"));
    verify.codes = *codes;
    if (body.contains(QStringLiteral("order_id"))) {
        const auto orderId = SandboxJson::idString(body.value(QStringLiteral("order_id")));
        if (!orderId)
            return bad(QStringLiteral("order_id must be a string or an integer"));
        verify.orderId = *orderId;
    }
    return verify;
}

Result<SandboxState::CancelRequest> cancelRequest(const QByteArray &raw)
{
    const auto parsed = SandboxJson::parseObject(raw);
    if (!parsed)
        return parsed.error();
    const QJsonObject body = parsed.value();
    SandboxState::CancelRequest cancel;
    struct IdField
    {
        const char16_t *key;
        QString *target;
    };
    const IdField fields[] = {
            {u"verify_id", &cancel.verifyId},        {u"certificate_id", &cancel.certificateId},
            {u"cancel_token", &cancel.cancelToken},  {u"account_id", &cancel.accountId},
            {u"shop_order_id", &cancel.shopOrderId},
    };
    for (const IdField &field : fields) {
        const QString key = QString::fromUtf16(field.key);
        const QJsonValue value = body.value(key);
        if (value.isUndefined() || value.isNull())
            continue;
        const auto id = SandboxJson::idString(value);
        if (!id)
            return bad(key + QStringLiteral(" must be a non-empty string or an integer"));
        *field.target = *id;
    }
    return cancel;
}

Result<qint64> clockAdvance(const QByteArray &raw)
{
    const auto parsed = controlBody(raw);
    if (!parsed)
        return parsed.error();
    const QJsonObject body = parsed.value();
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != u"advance_seconds")
            return bad(it.key() + QStringLiteral(": unknown field"));
    }
    const auto seconds = SandboxJson::integerIn(body.value(QStringLiteral("advance_seconds")), 0,
                                                SandboxClock::MAX_ADVANCE_SECONDS);
    if (!seconds)
        return bad(QStringLiteral("advance_seconds: required, an integer from 0 to %1")
                           .arg(SandboxClock::MAX_ADVANCE_SECONDS));
    return *seconds;
}

Result<SandboxState::HistoryRequest> historyRequest(const QUrlQuery &query)
{
    SandboxState::HistoryRequest request;
    const auto accountId = single(query, QStringLiteral("account_id"));
    const auto cursor = single(query, QStringLiteral("cursor"));
    const auto poiIds = single(query, QStringLiteral("poi_ids"));
    if (!accountId || !cursor || !poiIds)
        return bad(QStringLiteral("account_id, cursor, poi_ids: each at most once"));
    request.accountId = *accountId;
    if (!cursor->isEmpty())
        request.cursor = *cursor;
    for (const QString &poiId : poiIds->split(u',', Qt::SkipEmptyParts)) {
        if (!poiId.trimmed().isEmpty())
            request.poiIds.append(poiId.trimmed());
    }
    const auto size = integer(query, QStringLiteral("size"), DouyinApi::HISTORY_PAGE_MAX);
    if (!size)
        return bad(QStringLiteral("size: must be an integer from 1 to %1, at most once")
                           .arg(DouyinApi::HISTORY_PAGE_MAX));
    request.size = *size;
    const auto startTime = seconds(query, QStringLiteral("start_time"));
    if (!startTime)
        return startTime.error();
    const auto endTime = seconds(query, QStringLiteral("end_time"));
    if (!endTime)
        return endTime.error();
    request.startTime = startTime.value();
    request.endTime = endTime.value();
    return request;
}

Result<SandboxState::LedgerRequest> ledgerRequest(const QUrlQuery &query)
{
    SandboxState::LedgerRequest request;
    const auto accountId = single(query, QStringLiteral("account_id"));
    const auto ids = single(query, QStringLiteral("certificate_ids"));
    if (!accountId || !ids)
        return bad(QStringLiteral("account_id, certificate_ids: each at most once"));
    request.accountId = *accountId;
    const QString rule = QStringLiteral("certificate_ids: 1 to %1 certificate ids, comma-joined")
                                 .arg(DouyinApi::LEDGER_BATCH_MAX);
    if (ids->isEmpty())
        return bad(rule + QStringLiteral(", required"));
    for (const QString &id : ids->split(u',')) {
        if (id.trimmed().isEmpty())
            return bad(rule + QStringLiteral(", none empty"));
        request.certificateIds.append(id.trimmed());
    }
    if (request.certificateIds.size() > DouyinApi::LEDGER_BATCH_MAX)
        return bad(rule + QStringLiteral(", got %1").arg(request.certificateIds.size()));
    return request;
}

Result<qint64> elsewhereCount(const QByteArray &raw)
{
    const auto parsed = controlBody(raw);
    if (!parsed)
        return parsed.error();
    if (const auto refused = onlyKeys(parsed.value(), {QStringLiteral("count")}))
        return *refused;
    const QJsonValue count = parsed.value().value(QStringLiteral("count"));
    if (count.isUndefined())
        return qint64(1);
    const auto value = SandboxJson::integerIn(count, -(Q_INT64_C(1) << 53), Q_INT64_C(1) << 53);
    if (!value)
        return bad(QStringLiteral("count: must be an integer"));
    return *value;
}

Result<QString> elsewhereCertificate(const QByteArray &raw)
{
    const auto parsed = controlBody(raw);
    if (!parsed)
        return parsed.error();
    if (const auto refused = onlyKeys(parsed.value(), {QStringLiteral("certificate_id")}))
        return *refused;
    const auto id = SandboxJson::idString(parsed.value().value(QStringLiteral("certificate_id")));
    if (!id)
        return bad(QStringLiteral("certificate_id: required, a string or an integer"));
    return *id;
}

Result<SandboxState::OrderSpec> orderSpec(const QByteArray &raw)
{
    const auto parsed = controlBody(raw);
    if (!parsed)
        return parsed.error();
    const QJsonObject body = parsed.value();
    static const QStringList known = {
            QStringLiteral("certificates"),    QStringLiteral("product_name"),
            QStringLiteral("sku_name"),        QStringLiteral("pay_amount"),
            QStringLiteral("original_amount"), QStringLiteral("poi_id"),
            QStringLiteral("expire_in_days"),  QStringLiteral("groupon_type"),
            QStringLiteral("times_count"),     QStringLiteral("redirects"),
            QStringLiteral("exchange"),
    };
    if (const auto refused = onlyKeys(body, known))
        return *refused;
    SandboxState::OrderSpec spec;
    const QJsonValue exchange = body.value(QStringLiteral("exchange"));
    if (!exchange.isUndefined() && !exchange.isBool())
        return bad(QStringLiteral("exchange: must be true or false"));
    spec.exchange = exchange.toBool();
    if (const auto refused = readIntegers(body, spec))
        return *refused;
    for (const QString &key : {QStringLiteral("product_name"), QStringLiteral("sku_name")}) {
        const QJsonValue value = body.value(key);
        if (!value.isUndefined() && !value.isString())
            return bad(key + QStringLiteral(": must be a string"));
    }
    spec.productName = body.value(QStringLiteral("product_name")).toString().trimmed();
    spec.skuName = body.value(QStringLiteral("sku_name")).toString().trimmed();
    if (body.contains(QStringLiteral("poi_id"))) {
        const auto poiId = SandboxJson::idString(body.value(QStringLiteral("poi_id")));
        if (!poiId)
            return bad(QStringLiteral("poi_id: must be a non-empty string or an integer"));
        spec.poiId = *poiId;
    }
    return spec;
}

Result<QStringList> refundIds(const QByteArray &raw)
{
    const auto parsed = controlBody(raw);
    if (!parsed)
        return parsed.error();
    QStringList ids;
    const QJsonValue given = parsed.value().value(QStringLiteral("certificate_ids"));
    if (given.isUndefined())
        return ids;
    const QJsonArray array = given.toArray();
    if (!given.isArray() || array.isEmpty())
        return bad(QStringLiteral("certificate_ids: must be a non-empty array"));
    for (const QJsonValue &item : array) {
        const auto id = SandboxJson::idString(item);
        if (!id)
            return bad(QStringLiteral("certificate_ids: ids are strings or integers"));
        ids.append(*id);
    }
    return ids;
}

} // namespace SandboxParameters
