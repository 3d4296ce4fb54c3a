#include "core/sandbox/sandboxcontrolapi.h"

#include <QJsonArray>

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxjson.h"
#include "core/sandbox/sandboxparameters.h"
#include "core/sandbox/sandboxstate.h"

namespace {

using Status = QHttpServerResponder::StatusCode;

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

// Unlike Douyin's answers, the control API shows everything, verify tokens and cancelled
// verifications included: it is for looking inside.
QJsonObject certificateSnapshot(const SandboxState &state,
                                const SandboxState::Certificate &certificate)
{
    QJsonArray records;
    for (const SandboxState::Verification &record : certificate.verifyRecords) {
        records.append(QJsonObject{{QStringLiteral("verify_id"), record.verifyId},
                                   {QStringLiteral("verify_time"), record.verifyTime},
                                   {QStringLiteral("poi_id"), record.poiId},
                                   {QStringLiteral("verify_token"), record.verifyToken},
                                   {QStringLiteral("cancelled"), record.cancelled},
                                   {QStringLiteral("cancel_time"), record.cancelTime}});
    }
    const DouyinApi::CertificateStatus status = state.status(certificate);
    return {{QStringLiteral("certificate_id"), certificate.certificateId},
            {QStringLiteral("code"), certificate.code},
            {QStringLiteral("encrypted_code"), certificate.encryptedCode},
            {QStringLiteral("status"), int(status)},
            {QStringLiteral("status_name"), statusName(status)},
            {QStringLiteral("expire_time"), certificate.expireTime},
            {QStringLiteral("pay_amount"), certificate.payAmount},
            {QStringLiteral("verify_records"), records}};
}

// 404 for an unknown order, 409 for a state that refuses the change, 400 for the rest; the
// field is what the message starts with ("count: …"), as in badRequest.
SandboxHttpAnswer refusal(const Error &error, const QByteArray &requestId)
{
    if (error.code == ErrorCode::NotFound)
        return SandboxHttpAnswer::error(Status::NotFound, QStringLiteral("not_found"),
                                        error.message, requestId);
    if (error.code == ErrorCode::Conflict) {
        const qsizetype colon = error.message.indexOf(QStringLiteral(": "));
        return SandboxHttpAnswer::error(Status::Conflict, QStringLiteral("conflict"), error.message,
                                        requestId,
                                        colon > 0 ? error.message.left(colon) : QString());
    }
    return SandboxHttpAnswer::badRequest(error.message, requestId);
}

} // namespace

SandboxHttpAnswer SandboxControlApi::mintOrder(const SandboxHttpRequest &request)
{
    const auto spec = SandboxParameters::orderSpec(request.body);
    if (!spec)
        return SandboxHttpAnswer::badRequest(spec.error().message, request.requestId);
    const auto minted = m_state.mintOrder(spec.value());
    if (!minted)
        return SandboxHttpAnswer::badRequest(minted.error().message, request.requestId);
    const SandboxState::MintedOrder &order = minted.value();
    return SandboxHttpAnswer::fromJson(
            Status::Ok,
            {{QStringLiteral("order_id"), order.orderId},
             {QStringLiteral("short_link"), shortLinkUrl(order.shortLinkId, request)},
             {QStringLiteral("codes"), QJsonArray::fromStringList(order.codes)},
             {QStringLiteral("encrypted_codes"), QJsonArray::fromStringList(order.encryptedCodes)},
             {QStringLiteral("certificate_ids"), QJsonArray::fromStringList(order.certificateIds)},
             {QStringLiteral("poi_id"), order.poiId}},
            request.requestId);
}

SandboxHttpAnswer SandboxControlApi::listOrders(const SandboxHttpRequest &request) const
{
    QJsonArray orders;
    for (const QString &id : m_state.orderIds())
        orders.append(snapshot(id, request));
    return SandboxHttpAnswer::fromJson(Status::Ok, {{QStringLiteral("orders"), orders}},
                                       request.requestId);
}

SandboxHttpAnswer SandboxControlApi::orderSnapshot(const QString &orderId,
                                                   const SandboxHttpRequest &request) const
{
    if (!m_state.order(orderId))
        return SandboxHttpAnswer::error(Status::NotFound, QStringLiteral("not_found"),
                                        QStringLiteral("no such order: %1").arg(orderId),
                                        request.requestId);
    return SandboxHttpAnswer::fromJson(Status::Ok, snapshot(orderId, request), request.requestId);
}

SandboxHttpAnswer SandboxControlApi::refund(const QString &orderId,
                                            const SandboxHttpRequest &request)
{
    const auto ids = SandboxParameters::refundIds(request.body);
    if (!ids)
        return SandboxHttpAnswer::badRequest(ids.error().message, request.requestId);
    const auto refunded = m_state.refund(orderId, ids.value());
    if (!refunded) {
        const Error &error = refunded.error();
        if (error.code == ErrorCode::NotFound)
            return SandboxHttpAnswer::error(Status::NotFound, QStringLiteral("not_found"),
                                            error.message, request.requestId);
        if (error.code == ErrorCode::Conflict)
            return SandboxHttpAnswer::error(Status::Conflict, QStringLiteral("conflict"),
                                            error.message, request.requestId,
                                            QStringLiteral("certificate_ids"));
        return SandboxHttpAnswer::badRequest(error.message, request.requestId);
    }
    return orderSnapshot(orderId, request);
}

SandboxHttpAnswer SandboxControlApi::verifyElsewhere(const QString &orderId,
                                                     const SandboxHttpRequest &request)
{
    const auto count = SandboxParameters::elsewhereCount(request.body);
    if (!count)
        return SandboxHttpAnswer::badRequest(count.error().message, request.requestId);
    const auto verified = m_state.verifyElsewhere(orderId, count.value());
    if (!verified)
        return refusal(verified.error(), request.requestId);
    return SandboxHttpAnswer::fromJson(
            Status::Ok,
            {{QStringLiteral("order_id"), orderId},
             {QStringLiteral("verify_ids"), QJsonArray::fromStringList(verified.value().verifyIds)},
             {QStringLiteral("certificate_ids"),
              QJsonArray::fromStringList(verified.value().certificateIds)},
             {QStringLiteral("verify_time"), verified.value().verifyTime}},
            request.requestId);
}

SandboxHttpAnswer SandboxControlApi::cancelElsewhere(const QString &orderId,
                                                     const SandboxHttpRequest &request)
{
    const auto certificateId = SandboxParameters::elsewhereCertificate(request.body);
    if (!certificateId)
        return SandboxHttpAnswer::badRequest(certificateId.error().message, request.requestId);
    const auto cancelled = m_state.cancelElsewhere(orderId, certificateId.value());
    if (!cancelled)
        return refusal(cancelled.error(), request.requestId);
    return SandboxHttpAnswer::fromJson(
            Status::Ok,
            {{QStringLiteral("order_id"), orderId},
             {QStringLiteral("certificate_id"), certificateId.value()},
             {QStringLiteral("verify_id"), cancelled.value().verifyId},
             {QStringLiteral("cancel_time"), cancelled.value().cancelTime}},
            request.requestId);
}

SandboxHttpAnswer SandboxControlApi::addFault(const SandboxHttpRequest &request)
{
    const auto parsed = SandboxJson::parseObject(request.body);
    if (!parsed)
        return SandboxHttpAnswer::badRequest(QStringLiteral("body: ") + parsed.error().message,
                                             request.requestId);
    const auto fault = SandboxFault::fromJson(parsed.value());
    if (!fault)
        return SandboxHttpAnswer::badRequest(fault.error().message, request.requestId);
    m_state.addFault(fault.value());
    return SandboxHttpAnswer::fromJson(Status::Ok,
                                       {{QStringLiteral("fault"), fault.value().toJson()},
                                        {QStringLiteral("active"), int(m_state.faults().size())}},
                                       request.requestId);
}

SandboxHttpAnswer SandboxControlApi::listFaults(const SandboxHttpRequest &request) const
{
    QJsonArray faults;
    for (const SandboxFault &fault : m_state.faults())
        faults.append(fault.toJson());
    return SandboxHttpAnswer::fromJson(Status::Ok, {{QStringLiteral("faults"), faults}},
                                       request.requestId);
}

SandboxHttpAnswer SandboxControlApi::clearFaults(const SandboxHttpRequest &request)
{
    return SandboxHttpAnswer::fromJson(
            Status::Ok, {{QStringLiteral("cleared"), m_state.clearFaults()}}, request.requestId);
}

SandboxHttpAnswer SandboxControlApi::expireTokens(const SandboxHttpRequest &request)
{
    return SandboxHttpAnswer::fromJson(Status::Ok,
                                       {{QStringLiteral("expired"), m_state.expireAllTokens()}},
                                       request.requestId);
}

SandboxHttpAnswer SandboxControlApi::stats(const SandboxHttpRequest &request) const
{
    QJsonObject counts;
    for (int i = 0; i < SANDBOX_ENDPOINT_COUNT; ++i) {
        const auto endpoint = SandboxEndpoint(i);
        counts.insert(SandboxFault::endpointName(endpoint), m_state.callCount(endpoint));
    }
    return SandboxHttpAnswer::fromJson(Status::Ok, counts, request.requestId);
}

SandboxHttpAnswer SandboxControlApi::clock(const SandboxHttpRequest &request) const
{
    return SandboxHttpAnswer::fromJson(Status::Ok, {{QStringLiteral("now"), m_state.now()}},
                                       request.requestId);
}

SandboxHttpAnswer SandboxControlApi::advanceClock(const SandboxHttpRequest &request)
{
    const auto seconds = SandboxParameters::clockAdvance(request.body);
    if (!seconds)
        return SandboxHttpAnswer::badRequest(seconds.error().message, request.requestId);
    const auto moved = m_state.advanceClock(seconds.value());
    if (!moved)
        return SandboxHttpAnswer::badRequest(moved.error().message, request.requestId);
    return clock(request);
}

QString SandboxControlApi::shortLinkUrl(const QString &linkId,
                                        const SandboxHttpRequest &request) const
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

QJsonObject SandboxControlApi::snapshot(const QString &orderId,
                                        const SandboxHttpRequest &request) const
{
    const SandboxState::Order *order = m_state.order(orderId);
    if (!order)
        return {};
    QJsonArray certificates;
    for (const QString &id : order->certificateIds)
        certificates.append(certificateSnapshot(m_state, *m_state.certificate(id)));
    return {{QStringLiteral("order_id"), order->orderId},
            {QStringLiteral("poi_id"), order->poiId},
            {QStringLiteral("order_status"), int(m_state.orderStatus(*order))},
            {QStringLiteral("product_name"), order->productName},
            {QStringLiteral("sku_name"), order->skuName},
            {QStringLiteral("short_link"), shortLinkUrl(order->shortLinkId, request)},
            {QStringLiteral("certificates"), certificates}};
}
