#include "core/sandbox/sandboxapi.h"

#include <algorithm>
#include <climits>

#include <QJsonArray>

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxjson.h"
#include "core/sandbox/sandboxstate.h"

namespace {

using Status = QHttpServerResponder::StatusCode;

constexpr int DEFAULT_PAGE_SIZE = 10;

SandboxAnswer badParameter(const QString &detail)
{
    return SandboxAnswer::failure(DouyinApi::BAD_PARAMETER,
                                  SandboxState::describe(DouyinApi::BAD_PARAMETER)
                                          + QStringLiteral(": ") + detail);
}

// A query parameter given at most once; an empty string when absent. nullopt when repeated,
// because which of two values Douyin would use is anyone's guess.
std::optional<QString> single(const QUrlQuery &query, const QString &key)
{
    const QStringList values = query.allQueryItemValues(key, QUrl::FullyDecoded);
    if (values.size() > 1)
        return std::nullopt;
    return values.isEmpty() ? QString() : values.first().trimmed();
}

std::optional<int> intParameter(const QUrlQuery &query, const QString &key, int fallback)
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

// Control bodies may be empty (curl -X POST with no data): that means "all defaults".
Result<QJsonObject> controlBody(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return QJsonObject();
    return SandboxJson::parseObject(body);
}

QString statusName(DouyinApi::CertificateStatus status)
{
    switch (status) {
    case DouyinApi::CertificateStatus::Usable:
        return QStringLiteral("usable");
    case DouyinApi::CertificateStatus::Verified:
        return QStringLiteral("verified");
    case DouyinApi::CertificateStatus::Refunded:
        return QStringLiteral("refunded");
    case DouyinApi::CertificateStatus::Expired:
        return QStringLiteral("expired");
    }
    return {};
}

} // namespace

SandboxApi::Request SandboxApi::Request::from(const QHttpServerRequest &request)
{
    Request copy;
    copy.method = request.method();
    copy.path = request.url().path();
    copy.query = request.query();
    copy.body = request.body();
    copy.accessToken = request.value(QByteArrayLiteral("access-token")).trimmed();
    copy.contentType = request.value(QByteArrayLiteral("content-type"));
    copy.host = request.value(QByteArrayLiteral("host"));
    copy.requestId = JsonReply::requestId(request);
    return copy;
}

SandboxApi::SandboxApi(SandboxState &state) : m_state(state) { }

// ---- Douyin endpoints

SandboxApi::Answer SandboxApi::douyin(SandboxEndpoint endpoint, const Request &request)
{
    return envelope(call(endpoint, request), endpoint);
}

SandboxApi::Answer SandboxApi::envelope(const SandboxAnswer &answer, SandboxEndpoint endpoint)
{
    const QString logId = m_state.nextLogId();
    // As Douyin does, an error sits in one part only: the gateway's own (token, capability,
    // rate, busy, parameters: the 21xxxxx codes) in extra, the business's in data.
    // client_token is OAuth's answer and keeps its error in data (DOUYIN.md §1).
    const bool platformLevel = endpoint != SandboxEndpoint::ClientToken
            && answer.errorCode >= 2100000 && answer.errorCode < 2200000;
    const qint64 dataCode = platformLevel ? 0 : answer.errorCode;
    const qint64 extraCode = platformLevel ? answer.errorCode : 0;
    QJsonObject data = answer.data;
    data.insert(QStringLiteral("error_code"), dataCode);
    data.insert(QStringLiteral("description"), platformLevel ? QString() : answer.description);
    const QJsonObject extra{
            {QStringLiteral("error_code"), extraCode},
            {QStringLiteral("description"), platformLevel ? answer.description : QString()},
            {QStringLiteral("sub_error_code"), 0},
            {QStringLiteral("sub_description"), QString()},
            {QStringLiteral("logid"), logId},
            {QStringLiteral("now"), m_state.now()},
    };
    QJsonObject body{{QStringLiteral("data"), data}, {QStringLiteral("extra"), extra}};
    if (endpoint == SandboxEndpoint::ClientToken) {
        body.insert(QStringLiteral("message"),
                    answer.ok() ? QStringLiteral("success") : QStringLiteral("error"));
    }
    Answer result = jsonAnswer(Status::Ok, body, logId.toLatin1());
    // Douyin's own header for the log id; support asks for it.
    result.headers.append({QByteArrayLiteral("X-Tt-Logid"), logId.toLatin1()});
    return result;
}

SandboxAnswer SandboxApi::call(SandboxEndpoint endpoint, const Request &request)
{
    if (endpoint == SandboxEndpoint::ClientToken) {
        QString key;
        QString secret;
        QString grantType;
        if (request.contentType.toLower().contains("application/x-www-form-urlencoded")) {
            const QUrlQuery form(QString::fromUtf8(request.body));
            key = form.queryItemValue(QStringLiteral("client_key"), QUrl::FullyDecoded);
            secret = form.queryItemValue(QStringLiteral("client_secret"), QUrl::FullyDecoded);
            grantType = form.queryItemValue(QStringLiteral("grant_type"), QUrl::FullyDecoded);
        } else {
            const auto parsed = SandboxJson::parseObject(request.body);
            if (!parsed)
                return badParameter(parsed.error().message);
            // A missing or non-string field reads as empty, and so as a wrong key or secret.
            key = parsed.value().value(QStringLiteral("client_key")).toString();
            secret = parsed.value().value(QStringLiteral("client_secret")).toString();
            grantType = parsed.value().value(QStringLiteral("grant_type")).toString();
        }
        return m_state.issueClientToken(key, secret, grantType);
    }

    const qint64 tokenCheck = m_state.checkAccessToken(QString::fromLatin1(request.accessToken));
    if (tokenCheck != DouyinApi::OK)
        return SandboxAnswer::failure(tokenCheck, SandboxState::describe(tokenCheck));

    const QUrlQuery &query = request.query;
    switch (endpoint) {
    case SandboxEndpoint::Prepare: {
        // poi_id is accepted and not enforced here: the store is checked at verify.
        const auto encryptedData = single(query, QStringLiteral("encrypted_data"));
        const auto code = single(query, QStringLiteral("code"));
        if (!encryptedData || !code)
            return badParameter(QStringLiteral("encrypted_data and code may appear once"));
        return m_state.prepare(*encryptedData, *code);
    }
    case SandboxEndpoint::Verify: {
        const auto parsed = SandboxJson::parseObject(request.body);
        if (!parsed)
            return badParameter(parsed.error().message);
        const QJsonObject body = parsed.value();
        SandboxState::VerifyRequest verify;
        const QJsonValue token = body.value(QStringLiteral("verify_token"));
        if (!token.isString() || token.toString().isEmpty())
            return badParameter(QStringLiteral("verify_token is required (a string)"));
        verify.verifyToken = token.toString();
        const auto poiId = SandboxJson::idString(body.value(QStringLiteral("poi_id")));
        if (!poiId)
            return badParameter(QStringLiteral("poi_id is required (a string or an integer)"));
        verify.poiId = *poiId;
        const bool hasEncrypted = body.contains(QStringLiteral("encrypted_codes"));
        const bool hasPlain = body.contains(QStringLiteral("codes"));
        if (hasEncrypted == hasPlain)
            return badParameter(QStringLiteral("exactly one of encrypted_codes and codes"));
        verify.plainCodes = hasPlain;
        const auto codes = SandboxJson::stringList(
                body.value(hasPlain ? QStringLiteral("codes") : QStringLiteral("encrypted_codes")));
        if (!codes)
            return badParameter(hasPlain ? QStringLiteral("codes must be an array of strings")
                                         : QStringLiteral("encrypted_codes must be an array of "
                                                          "strings"));
        verify.codes = *codes;
        if (body.contains(QStringLiteral("order_id"))) {
            const auto orderId = SandboxJson::idString(body.value(QStringLiteral("order_id")));
            if (!orderId)
                return badParameter(QStringLiteral("order_id must be a string or an integer"));
            verify.orderId = *orderId;
        }
        return m_state.verify(verify);
    }
    case SandboxEndpoint::Cancel: {
        const auto parsed = SandboxJson::parseObject(request.body);
        if (!parsed)
            return badParameter(parsed.error().message);
        const auto verifyId =
                SandboxJson::idString(parsed.value().value(QStringLiteral("verify_id")));
        const auto certificateId =
                SandboxJson::idString(parsed.value().value(QStringLiteral("certificate_id")));
        if (!verifyId || !certificateId)
            return badParameter(QStringLiteral("verify_id and certificate_id are required"));
        return m_state.cancel(*verifyId, *certificateId);
    }
    case SandboxEndpoint::CertificateGet: {
        const auto encryptedCode = single(query, QStringLiteral("encrypted_code"));
        if (!encryptedCode)
            return badParameter(QStringLiteral("encrypted_code may appear once"));
        return m_state.certificateGet(*encryptedCode);
    }
    case SandboxEndpoint::CertificateQuery: {
        const auto encryptedCode = single(query, QStringLiteral("encrypted_code"));
        const auto orderId = single(query, QStringLiteral("order_id"));
        if (!encryptedCode || !orderId)
            return badParameter(QStringLiteral("encrypted_code and order_id may appear once"));
        return m_state.certificateQuery(*encryptedCode, *orderId);
    }
    case SandboxEndpoint::OrderQuery: {
        const auto accountId = single(query, QStringLiteral("account_id"));
        const auto orderId = single(query, QStringLiteral("order_id"));
        const auto pageNum = intParameter(query, QStringLiteral("page_num"), 1);
        const auto pageSize = intParameter(query, QStringLiteral("page_size"), DEFAULT_PAGE_SIZE);
        if (!accountId || !orderId || !pageNum || !pageSize)
            return badParameter(QStringLiteral("account_id, order_id, page_num, page_size: "
                                               "each at most once, pages as integers"));
        return m_state.orderQuery(*accountId, *orderId, *pageNum, *pageSize);
    }
    case SandboxEndpoint::PoiQuery: {
        const auto accountId = single(query, QStringLiteral("account_id"));
        const auto page = intParameter(query, QStringLiteral("page"), 1);
        const auto size = intParameter(query, QStringLiteral("size"), DEFAULT_PAGE_SIZE);
        if (!accountId || !page || !size)
            return badParameter(QStringLiteral("account_id, page, size: each at most once, "
                                               "page and size as integers"));
        return m_state.poiQuery(*accountId, *page, *size);
    }
    case SandboxEndpoint::ClientToken:
    case SandboxEndpoint::ShortLink:
        break;
    }
    return SandboxAnswer::failure(DouyinApi::UNKNOWN_ERROR,
                                  SandboxState::describe(DouyinApi::UNKNOWN_ERROR));
}

// ---- short links

SandboxApi::Answer SandboxApi::shortLink(const QString &linkId, bool hop, const Request &request)
{
    const auto objectId = m_state.shortLinkTarget(linkId);
    if (!objectId)
        return errorAnswer(Status::NotFound, QStringLiteral("not_found"),
                           QStringLiteral("short link is unknown or no longer valid"),
                           request.requestId);
    QString location;
    if (!hop && m_state.shortLinkRedirects(linkId) > 1) {
        location = QStringLiteral("/v/") + linkId + QStringLiteral("/hop/");
    } else {
        // Like Douyin's landing URL, object_id is not the only parameter: clients must pick
        // it out of the query, not take everything after "object_id=".
        location = QStringLiteral("/life/coupon?object_id=") + *objectId
                + QStringLiteral("&utm_source=qrcode");
    }
    Answer answer;
    answer.status = Status::Found;
    answer.contentType = QByteArrayLiteral("text/plain; charset=utf-8");
    answer.headers.append({QByteArrayLiteral("Location"), location.toUtf8()});
    answer.requestId = request.requestId;
    return answer;
}

SandboxApi::Answer SandboxApi::couponPage(const Request &request)
{
    Answer answer;
    answer.contentType = QByteArrayLiteral("text/html; charset=utf-8");
    answer.body = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                                 "<title>抖音团购券</title></head><body><p>抖音团购券（沙盒）"
                                 "</p></body></html>")
                          .toUtf8();
    answer.requestId = request.requestId;
    return answer;
}

SandboxApi::Answer SandboxApi::faultAnswer(const SandboxFault &fault, SandboxEndpoint endpoint,
                                           const Request &request)
{
    switch (fault.mode) {
    case SandboxFault::Mode::ErrorCode:
        return envelope(
                SandboxAnswer::failure(fault.errorCode, SandboxState::describe(fault.errorCode)),
                endpoint);
    case SandboxFault::Mode::RateLimit:
        return envelope(SandboxAnswer::failure(DouyinApi::TOO_FREQUENT,
                                               SandboxState::describe(DouyinApi::TOO_FREQUENT)),
                        endpoint);
    case SandboxFault::Mode::Http500:
    case SandboxFault::Mode::Delay:
    case SandboxFault::Mode::DropBeforeCommit:
    case SandboxFault::Mode::DropAfterCommit:
        break;
    }
    // A gateway in front of Douyin failing: not JSON, so clients must not try to parse it.
    Answer answer;
    answer.status = Status::InternalServerError;
    answer.contentType = QByteArrayLiteral("text/html; charset=utf-8");
    answer.body = QByteArrayLiteral(
            "<html><head><title>500 Internal Server Error</title></head>"
            "<body><center><h1>500 Internal Server Error</h1></center></body></html>");
    answer.requestId = request.requestId;
    return answer;
}

// ---- control API

SandboxApi::Answer SandboxApi::mintOrder(const Request &request)
{
    const auto parsed = controlBody(request.body);
    if (!parsed)
        return badRequest(QStringLiteral("body: ") + parsed.error().message, request);
    const QJsonObject body = parsed.value();
    static const QStringList known = {
            QStringLiteral("certificates"),    QStringLiteral("product_name"),
            QStringLiteral("sku_name"),        QStringLiteral("pay_amount"),
            QStringLiteral("original_amount"), QStringLiteral("poi_id"),
            QStringLiteral("expire_in_days"),  QStringLiteral("groupon_type"),
            QStringLiteral("times_count"),     QStringLiteral("redirects"),
    };
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()))
            return badRequest(it.key() + QStringLiteral(": unknown field"), request);
    }

    SandboxState::OrderSpec spec;
    // Integers are only type-checked here; SandboxState checks their ranges and names the
    // field when one is out of range.
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
            return badRequest(key + QStringLiteral(": must be an integer"), request);
        *field.wide = number;
        if (field.narrow)
            *field.narrow = clampInt(*number);
    }
    if (expireInDays)
        spec.expireInDays = clampInt(*expireInDays);

    for (const QString &key : {QStringLiteral("product_name"), QStringLiteral("sku_name")}) {
        const QJsonValue value = body.value(key);
        if (!value.isUndefined() && !value.isString())
            return badRequest(key + QStringLiteral(": must be a string"), request);
    }
    spec.productName = body.value(QStringLiteral("product_name")).toString().trimmed();
    spec.skuName = body.value(QStringLiteral("sku_name")).toString().trimmed();
    if (body.contains(QStringLiteral("poi_id"))) {
        const auto poiId = SandboxJson::idString(body.value(QStringLiteral("poi_id")));
        if (!poiId)
            return badRequest(QStringLiteral("poi_id: must be a non-empty string or an integer"),
                              request);
        spec.poiId = *poiId;
    }

    const auto minted = m_state.mintOrder(spec);
    if (!minted)
        return badRequest(minted.error().message, request);
    const SandboxState::MintedOrder &order = minted.value();
    return jsonAnswer(
            Status::Ok,
            {{QStringLiteral("order_id"), order.orderId},
             {QStringLiteral("short_link"), shortLinkUrl(order.shortLinkId, request)},
             {QStringLiteral("codes"), QJsonArray::fromStringList(order.codes)},
             {QStringLiteral("encrypted_codes"), QJsonArray::fromStringList(order.encryptedCodes)},
             {QStringLiteral("certificate_ids"), QJsonArray::fromStringList(order.certificateIds)},
             {QStringLiteral("poi_id"), order.poiId}},
            request.requestId);
}

SandboxApi::Answer SandboxApi::listOrders(const Request &request)
{
    QJsonArray orders;
    for (const QString &id : m_state.orderIds()) {
        QJsonObject order = snapshot(id);
        order.insert(QStringLiteral("short_link"),
                     shortLinkUrl(m_state.order(id)->shortLinkId, request));
        orders.append(order);
    }
    return jsonAnswer(Status::Ok, {{QStringLiteral("orders"), orders}}, request.requestId);
}

SandboxApi::Answer SandboxApi::orderSnapshot(const QString &orderId, const Request &request)
{
    const SandboxState::Order *order = m_state.order(orderId);
    if (!order)
        return errorAnswer(Status::NotFound, QStringLiteral("not_found"),
                           QStringLiteral("no such order: %1").arg(orderId), request.requestId);
    QJsonObject body = snapshot(orderId);
    body.insert(QStringLiteral("short_link"), shortLinkUrl(order->shortLinkId, request));
    return jsonAnswer(Status::Ok, body, request.requestId);
}

SandboxApi::Answer SandboxApi::refund(const QString &orderId, const Request &request)
{
    const auto parsed = controlBody(request.body);
    if (!parsed)
        return badRequest(QStringLiteral("body: ") + parsed.error().message, request);
    QStringList ids;
    const QJsonValue given = parsed.value().value(QStringLiteral("certificate_ids"));
    if (!given.isUndefined()) {
        const QJsonArray array = given.toArray();
        if (!given.isArray() || array.isEmpty())
            return badRequest(QStringLiteral("certificate_ids: must be a non-empty array"),
                              request);
        for (const QJsonValue &item : array) {
            const auto id = SandboxJson::idString(item);
            if (!id)
                return badRequest(QStringLiteral("certificate_ids: ids are strings or integers"),
                                  request);
            ids.append(*id);
        }
    }
    const auto refunded = m_state.refund(orderId, ids);
    if (!refunded) {
        const Error &error = refunded.error();
        if (error.code == ErrorCode::NotFound)
            return errorAnswer(Status::NotFound, QStringLiteral("not_found"), error.message,
                               request.requestId);
        if (error.code == ErrorCode::Conflict)
            return errorAnswer(Status::Conflict, QStringLiteral("conflict"), error.message,
                               request.requestId, QStringLiteral("certificate_ids"));
        return badRequest(error.message, request);
    }
    return orderSnapshot(orderId, request);
}

SandboxApi::Answer SandboxApi::addFault(const Request &request)
{
    const auto parsed = SandboxJson::parseObject(request.body);
    if (!parsed)
        return badRequest(QStringLiteral("body: ") + parsed.error().message, request);
    const auto fault = SandboxFault::fromJson(parsed.value());
    if (!fault)
        return badRequest(fault.error().message, request);
    m_state.addFault(fault.value());
    return jsonAnswer(Status::Ok,
                      {{QStringLiteral("fault"), fault.value().toJson()},
                       {QStringLiteral("active"), int(m_state.faults().size())}},
                      request.requestId);
}

SandboxApi::Answer SandboxApi::listFaults(const Request &request)
{
    QJsonArray faults;
    for (const SandboxFault &fault : m_state.faults())
        faults.append(fault.toJson());
    return jsonAnswer(Status::Ok, {{QStringLiteral("faults"), faults}}, request.requestId);
}

SandboxApi::Answer SandboxApi::clearFaults(const Request &request)
{
    return jsonAnswer(Status::Ok, {{QStringLiteral("cleared"), m_state.clearFaults()}},
                      request.requestId);
}

SandboxApi::Answer SandboxApi::expireTokens(const Request &request)
{
    return jsonAnswer(Status::Ok, {{QStringLiteral("expired"), m_state.expireAllTokens()}},
                      request.requestId);
}

SandboxApi::Answer SandboxApi::stats(const Request &request)
{
    QJsonObject counts;
    for (int i = 0; i < SANDBOX_ENDPOINT_COUNT; ++i) {
        const auto endpoint = SandboxEndpoint(i);
        counts.insert(SandboxFault::endpointName(endpoint), m_state.callCount(endpoint));
    }
    return jsonAnswer(Status::Ok, counts, request.requestId);
}

// ---- helpers

SandboxApi::Answer SandboxApi::jsonAnswer(Status status, const QJsonObject &body,
                                          const QByteArray &requestId)
{
    Answer answer;
    answer.status = status;
    answer.json = body;
    answer.requestId = requestId;
    return answer;
}

SandboxApi::Answer SandboxApi::errorAnswer(Status status, const QString &code,
                                           const QString &message, const QByteArray &requestId,
                                           const QString &field)
{
    QJsonObject body = JsonReply::errorBody(code, message, requestId);
    if (!field.isEmpty()) {
        QJsonObject error = body.value(QStringLiteral("error")).toObject();
        error.insert(QStringLiteral("field"), field);
        body.insert(QStringLiteral("error"), error);
    }
    return jsonAnswer(status, body, requestId);
}

SandboxApi::Answer SandboxApi::badRequest(const QString &message, const Request &request) const
{
    // Every validation message starts with the field it is about: "certificates: …".
    const qsizetype colon = message.indexOf(QStringLiteral(": "));
    const QString field = colon > 0 ? message.left(colon) : QString();
    return errorAnswer(Status::BadRequest, QStringLiteral("bad_request"), message,
                       request.requestId, field);
}

QString SandboxApi::shortLinkUrl(const QString &linkId, const Request &request) const
{
    // The host the caller reached us by is the one it can reach the link by, which matters
    // when the sandbox listens on 0.0.0.0 for LAN integrators.
    QUrl base = m_baseUrl;
    if (!request.host.isEmpty()) {
        const QUrl fromHost(QStringLiteral("http://") + QString::fromLatin1(request.host),
                            QUrl::StrictMode);
        if (fromHost.isValid() && !fromHost.host().isEmpty() && fromHost.path().isEmpty()
            && fromHost.userInfo().isEmpty() && !fromHost.hasQuery() && !fromHost.hasFragment())
            base = fromHost;
    }
    return base.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash) + QStringLiteral("/v/")
            + linkId + u'/';
}

QJsonObject SandboxApi::snapshot(const QString &orderId) const
{
    const SandboxState::Order *order = m_state.order(orderId);
    if (!order)
        return {};
    QJsonArray certificates;
    for (const QString &id : order->certificateIds) {
        const SandboxState::Certificate *certificate = m_state.certificate(id);
        QJsonArray records;
        for (const SandboxState::VerifyRecord &record : certificate->verifyRecords) {
            records.append(QJsonObject{{QStringLiteral("verify_id"), record.verifyId},
                                       {QStringLiteral("verify_time"), record.verifyTime},
                                       {QStringLiteral("poi_id"), record.poiId},
                                       {QStringLiteral("verify_token"), record.verifyToken},
                                       {QStringLiteral("cancelled"), record.cancelled},
                                       {QStringLiteral("cancel_time"), record.cancelTime}});
        }
        const DouyinApi::CertificateStatus status = m_state.status(*certificate);
        certificates.append(QJsonObject{
                {QStringLiteral("certificate_id"), certificate->certificateId},
                {QStringLiteral("code"), certificate->code},
                {QStringLiteral("encrypted_code"), certificate->encryptedCode},
                {QStringLiteral("status"), int(status)},
                {QStringLiteral("status_name"), statusName(status)},
                {QStringLiteral("expire_time"), certificate->expireTime},
                {QStringLiteral("pay_amount"), certificate->payAmount},
                {QStringLiteral("verify_records"), records},
        });
    }
    return {{QStringLiteral("order_id"), order->orderId},
            {QStringLiteral("poi_id"), order->poiId},
            {QStringLiteral("order_status"), int(m_state.orderStatus(*order))},
            {QStringLiteral("product_name"), order->productName},
            {QStringLiteral("sku_name"), order->skuName},
            {QStringLiteral("certificates"), certificates}};
}
