#include "core/sandbox/sandboxmeituancontrolapi.h"

#include <algorithm>
#include <climits>
#include <functional>
#include <optional>

#include <QJsonArray>

#include "core/sandbox/sandboxjson.h"
#include "core/sandbox/sandboxstate.h"

namespace {

using Status = QHttpServerResponder::StatusCode;
using Book = SandboxMeituanBook;

constexpr qint64 MAX_EXACT = Q_INT64_C(1) << 53;

Error bad(const QString &message)
{
    return makeError(ErrorCode::BadInput, message);
}

// A control body with only known keys; an empty body means "all defaults".
Result<QJsonObject> body(const QByteArray &raw, const QStringList &known)
{
    if (raw.trimmed().isEmpty())
        return QJsonObject();
    const auto parsed = SandboxJson::parseObject(raw);
    if (!parsed)
        return bad(QStringLiteral("body: ") + parsed.error().message);
    for (auto it = parsed.value().begin(); it != parsed.value().end(); ++it) {
        if (!known.contains(it.key()))
            return bad(it.key() + QStringLiteral(": unknown field"));
    }
    return parsed;
}

std::optional<Error> readInteger(const QJsonObject &object, const QString &key,
                                 const std::function<void(qint64)> &store)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return std::nullopt;
    const auto number = SandboxJson::integerIn(value, -MAX_EXACT, MAX_EXACT);
    if (!number)
        return bad(key + QStringLiteral(": must be an integer"));
    store(*number);
    return std::nullopt;
}

int clampInt(qint64 value)
{
    return int(std::clamp<qint64>(value, INT_MIN, INT_MAX));
}

Result<Book::Spec> orderSpec(const QByteArray &raw)
{
    const auto parsed = body(raw,
                             {QStringLiteral("poi_id"), QStringLiteral("receipts"),
                              QStringLiteral("deal_title"), QStringLiteral("deal_price_fen"),
                              QStringLiteral("deal_market_price_fen"), QStringLiteral("biz_type"),
                              QStringLiteral("expire_in_days"), QStringLiteral("starts_in_days")});
    if (!parsed)
        return parsed.error();
    const QJsonObject object = parsed.value();
    Book::Spec spec;
    const auto poiId = SandboxJson::idString(object.value(QStringLiteral("poi_id")));
    if (!poiId)
        return bad(QStringLiteral("poi_id: required, a non-empty string or an integer"));
    spec.poiId = *poiId;
    const QJsonValue title = object.value(QStringLiteral("deal_title"));
    if (!title.isUndefined() && !title.isString())
        return bad(QStringLiteral("deal_title: must be a string"));
    spec.dealTitle = title.toString().trimmed();
    const std::pair<const char16_t *, std::function<void(qint64)>> integers[] = {
            {u"receipts",
             [&spec](qint64 n) {
                 spec.receipts = clampInt(n);
             }},
            {u"deal_price_fen",
             [&spec](qint64 n) {
                 spec.dealPriceFen = n;
             }},
            {u"deal_market_price_fen",
             [&spec](qint64 n) {
                 spec.dealMarketPriceFen = n;
             }},
            {u"biz_type",
             [&spec](qint64 n) {
                 spec.bizType = clampInt(n);
             }},
            {u"expire_in_days",
             [&spec](qint64 n) {
                 spec.expireInDays = clampInt(n);
             }},
            {u"starts_in_days",
             [&spec](qint64 n) {
                 spec.startsInDays = clampInt(n);
             }},
    };
    for (const auto &[key, store] : integers) {
        if (const auto refused = readInteger(object, QString::fromUtf16(key), store))
            return *refused;
    }
    return spec;
}

QString statusName(Book::Status status)
{
    switch (status) {
    case Book::Status::Unused:
        return QStringLiteral("unused");
    case Book::Status::Used:
        return QStringLiteral("used");
    case Book::Status::Refunding:
        return QStringLiteral("refunding");
    case Book::Status::Refunded:
        return QStringLiteral("refunded");
    }
    return {};
}

SandboxHttpAnswer notFound(const QString &message, const SandboxHttpRequest &request)
{
    return SandboxHttpAnswer::error(Status::NotFound, QStringLiteral("not_found"), message,
                                    request.requestId);
}

} // namespace

SandboxHttpAnswer SandboxMeituanControlApi::mintOrder(const SandboxHttpRequest &request)
{
    const auto spec = orderSpec(request.body);
    if (!spec)
        return SandboxHttpAnswer::badRequest(spec.error().message, request.requestId);
    const auto minted = m_state.mintMeituanOrder(spec.value());
    if (!minted)
        return SandboxHttpAnswer::badRequest(minted.error().message, request.requestId);
    const Book::Minted &order = minted.value();
    return SandboxHttpAnswer::fromJson(
            Status::Ok,
            {{QStringLiteral("order_id"), order.orderId},
             {QStringLiteral("receipt_codes"), QJsonArray::fromStringList(order.receiptCodes)},
             {QStringLiteral("deal_id"), order.dealId},
             {QStringLiteral("deal_group_id"), order.dealGroupId},
             {QStringLiteral("op_biz_code"), order.opBizCode},
             {QStringLiteral("poi_id"), order.poiId}},
            request.requestId);
}

SandboxHttpAnswer SandboxMeituanControlApi::listOrders(const SandboxHttpRequest &request) const
{
    QJsonArray orders;
    for (const QString &id : m_state.meituanBook().orderIds())
        orders.append(orderJson(*m_state.meituanBook().order(id)));
    return SandboxHttpAnswer::fromJson(Status::Ok, {{QStringLiteral("orders"), orders}},
                                       request.requestId);
}

SandboxHttpAnswer SandboxMeituanControlApi::orderSnapshot(const QString &orderId,
                                                          const SandboxHttpRequest &request) const
{
    const Book::Order *order = m_state.meituanBook().order(orderId);
    if (!order)
        return notFound(QStringLiteral("no such Meituan order: %1").arg(orderId), request);
    return SandboxHttpAnswer::fromJson(Status::Ok, orderJson(*order), request.requestId);
}

SandboxHttpAnswer SandboxMeituanControlApi::refund(const QString &orderId,
                                                   const SandboxHttpRequest &request)
{
    const auto parsed =
            body(request.body, {QStringLiteral("receipt_codes"), QStringLiteral("in_progress")});
    if (!parsed)
        return SandboxHttpAnswer::badRequest(parsed.error().message, request.requestId);
    const QJsonValue given = parsed.value().value(QStringLiteral("receipt_codes"));
    const auto codes = SandboxJson::stringList(given);
    if (!given.isUndefined() && (!codes || codes->isEmpty()))
        return SandboxHttpAnswer::badRequest(
                QStringLiteral("receipt_codes: must be a non-empty array of strings"),
                request.requestId);
    const QJsonValue inProgress = parsed.value().value(QStringLiteral("in_progress"));
    if (!inProgress.isUndefined() && !inProgress.isBool())
        return SandboxHttpAnswer::badRequest(QStringLiteral("in_progress: must be true or false"),
                                             request.requestId);
    const auto refunded = m_state.meituanBook().refund(orderId, codes.value_or(QStringList()),
                                                       inProgress.toBool());
    if (!refunded) {
        const Error &error = refunded.error();
        if (error.code == ErrorCode::NotFound)
            return notFound(error.message, request);
        if (error.code == ErrorCode::Conflict)
            return SandboxHttpAnswer::error(Status::Conflict, QStringLiteral("conflict"),
                                            error.message, request.requestId,
                                            QStringLiteral("receipt_codes"));
        return SandboxHttpAnswer::badRequest(error.message, request.requestId);
    }
    return orderSnapshot(orderId, request);
}

SandboxHttpAnswer SandboxMeituanControlApi::receipt(const QString &code,
                                                    const SandboxHttpRequest &request) const
{
    const Book::Receipt *found = m_state.meituanBook().receipt(code);
    if (!found)
        return notFound(QStringLiteral("no such Meituan receipt: %1").arg(code), request);
    return SandboxHttpAnswer::fromJson(Status::Ok, receiptJson(*found), request.requestId);
}

SandboxHttpAnswer SandboxMeituanControlApi::consumeElsewhere(const QString &code,
                                                             const SandboxHttpRequest &request)
{
    if (!m_state.meituanBook().receipt(code))
        return notFound(QStringLiteral("no such Meituan receipt: %1").arg(code), request);
    const SandboxMeituanAnswer answer = m_state.meituanConsumption().consumeElsewhere(code);
    if (!answer.ok())
        return SandboxHttpAnswer::error(Status::Conflict, QStringLiteral("conflict"),
                                        answer.code + QStringLiteral(" ") + answer.msg,
                                        request.requestId);
    return receipt(code, request);
}

SandboxHttpAnswer SandboxMeituanControlApi::expireTokens(const SandboxHttpRequest &request)
{
    const auto parsed =
            body(request.body, {QStringLiteral("poi_id"), QStringLiteral("refresh_tokens")});
    if (!parsed)
        return SandboxHttpAnswer::badRequest(parsed.error().message, request.requestId);
    QString poiId;
    if (parsed.value().contains(QStringLiteral("poi_id"))) {
        const auto id = SandboxJson::idString(parsed.value().value(QStringLiteral("poi_id")));
        if (!id)
            return SandboxHttpAnswer::badRequest(
                    QStringLiteral("poi_id: must be a non-empty string or an integer"),
                    request.requestId);
        if (!m_state.poi(*id))
            return notFound(QStringLiteral("no such store: %1").arg(*id), request);
        poiId = *id;
    }
    const QJsonValue refreshTokens = parsed.value().value(QStringLiteral("refresh_tokens"));
    if (!refreshTokens.isUndefined() && !refreshTokens.isBool())
        return SandboxHttpAnswer::badRequest(
                QStringLiteral("refresh_tokens: must be true or false"), request.requestId);
    const int expired = m_state.meituanTokens().expire(poiId, refreshTokens.toBool());
    return SandboxHttpAnswer::fromJson(Status::Ok, {{QStringLiteral("expired"), expired}},
                                       request.requestId);
}

SandboxHttpAnswer SandboxMeituanControlApi::issueAuthCode(const SandboxHttpRequest &request)
{
    const auto parsed = body(request.body, {QStringLiteral("poi_id")});
    if (!parsed)
        return SandboxHttpAnswer::badRequest(parsed.error().message, request.requestId);
    const auto poiId = SandboxJson::idString(parsed.value().value(QStringLiteral("poi_id")));
    if (!poiId)
        return SandboxHttpAnswer::badRequest(
                QStringLiteral("poi_id: required, a non-empty string or an integer"),
                request.requestId);
    const auto code = m_state.meituanTokens().issueCode(*poiId);
    if (!code)
        return notFound(code.error().message, request);
    return SandboxHttpAnswer::fromJson(
            Status::Ok,
            {{QStringLiteral("code"), code.value()},
             {QStringLiteral("expires_in"), m_state.config().meituanAuthCodeLifetimeSeconds},
             {QStringLiteral("poi_id"), *poiId},
             {QStringLiteral("op_biz_code"), SandboxMeituanBook::opBizCode(*poiId)}},
            request.requestId);
}

QJsonObject SandboxMeituanControlApi::orderJson(const Book::Order &order) const
{
    QJsonArray receipts;
    for (const QString &code : order.receiptCodes)
        receipts.append(receiptJson(*m_state.meituanBook().receipt(code)));
    return {{QStringLiteral("order_id"), order.orderId},
            {QStringLiteral("poi_id"), order.poiId},
            {QStringLiteral("op_biz_code"), SandboxMeituanBook::opBizCode(order.poiId)},
            {QStringLiteral("deal_id"), order.dealId},
            {QStringLiteral("deal_group_id"), order.dealGroupId},
            {QStringLiteral("deal_title"), order.dealTitle},
            {QStringLiteral("deal_price_fen"), order.dealPriceFen},
            {QStringLiteral("deal_market_price_fen"), order.dealMarketPriceFen},
            {QStringLiteral("biz_type"), order.bizType},
            {QStringLiteral("start_time"), order.startTime},
            {QStringLiteral("end_time"), order.endTime},
            {QStringLiteral("receipts"), receipts}};
}

QJsonObject SandboxMeituanControlApi::receiptJson(const Book::Receipt &receipt) const
{
    const SandboxMeituanBook &book = m_state.meituanBook();
    // A refund in progress is shown as such; "unused"/"used"/"refunded" otherwise.
    QJsonObject object{{QStringLiteral("receipt_code"), receipt.code},
                       {QStringLiteral("status"), statusName(receipt.status)},
                       {QStringLiteral("order_id"), receipt.orderId},
                       {QStringLiteral("expired"), book.isExpired(receipt)}};
    if (const Book::Consumption *consumption = book.activeConsumption(receipt)) {
        object.insert(QStringLiteral("consumed_at"), consumption->time);
        object.insert(QStringLiteral("flow_id"), consumption->flowId);
        if (consumption->byDeveloper())
            object.insert(QStringLiteral("request_id"), consumption->requestId);
    }
    return object;
}
