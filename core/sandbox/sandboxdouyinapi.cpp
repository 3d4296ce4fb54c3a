#include "core/sandbox/sandboxdouyinapi.h"

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxmessages.h"
#include "core/sandbox/sandboxparameters.h"
#include "core/sandbox/sandboxstate.h"

namespace {

using Status = QHttpServerResponder::StatusCode;
using SandboxMessages::badParameter;
using SandboxParameters::single;

constexpr int DEFAULT_PAGE_SIZE = 10;
constexpr char HTML[] = "text/html; charset=utf-8";

} // namespace

SandboxHttpAnswer SandboxDouyinApi::answer(SandboxEndpoint endpoint,
                                           const SandboxHttpRequest &request)
{
    return envelope(call(endpoint, request), endpoint);
}

SandboxHttpAnswer SandboxDouyinApi::envelope(const SandboxAnswer &answer, SandboxEndpoint endpoint)
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
            {QStringLiteral("sub_error_code"), answer.subErrorCode},
            {QStringLiteral("sub_description"), answer.subDescription},
            {QStringLiteral("logid"), logId},
            {QStringLiteral("now"), m_state.now()},
    };
    QJsonObject body{{QStringLiteral("data"), data}, {QStringLiteral("extra"), extra}};
    if (endpoint == SandboxEndpoint::ClientToken) {
        body.insert(QStringLiteral("message"),
                    answer.ok() ? QStringLiteral("success") : QStringLiteral("error"));
    }
    SandboxHttpAnswer result = SandboxHttpAnswer::fromJson(Status::Ok, body, logId.toLatin1());
    // Douyin's own header for the log id; support asks for it.
    result.headers.append({QByteArrayLiteral("X-Tt-Logid"), logId.toLatin1()});
    return result;
}

SandboxAnswer SandboxDouyinApi::call(SandboxEndpoint endpoint, const SandboxHttpRequest &request)
{
    if (endpoint == SandboxEndpoint::ClientToken)
        return clientToken(request);

    const qint64 tokenCheck = m_state.checkAccessToken(QString::fromLatin1(request.accessToken));
    if (tokenCheck != DouyinApi::OK)
        return SandboxMessages::failure(tokenCheck);

    if (endpoint == SandboxEndpoint::Verify) {
        const auto verify = SandboxParameters::verifyRequest(request.body);
        if (!verify)
            return badParameter(verify.error().message);
        return m_state.verify(verify.value());
    }
    if (endpoint == SandboxEndpoint::Cancel) {
        const auto cancel = SandboxParameters::cancelRequest(request.body);
        if (!cancel)
            return badParameter(cancel.error().message);
        return m_state.cancel(cancel.value());
    }
    if (endpoint == SandboxEndpoint::LedgerQuery)
        return ledger(request.query);
    return query(endpoint, request.query);
}

SandboxAnswer SandboxDouyinApi::ledger(const QUrlQuery &query)
{
    // Every call with a valid token counts toward the limit, a malformed one too, as a
    // gateway counts requests before it reads them.
    if (!m_state.admitLedgerCall())
        return SandboxMessages::failure(DouyinApi::TOO_FREQUENT);
    const auto request = SandboxParameters::ledgerRequest(query);
    if (!request)
        return badParameter(request.error().message);
    return m_state.ledgerQuery(request.value());
}

SandboxAnswer SandboxDouyinApi::clientToken(const SandboxHttpRequest &request)
{
    const auto credentials = SandboxParameters::clientCredentials(request);
    if (!credentials)
        return badParameter(credentials.error().message);
    const SandboxParameters::ClientCredentials &given = credentials.value();
    return m_state.issueClientToken(given.clientKey, given.clientSecret, given.grantType);
}

SandboxAnswer SandboxDouyinApi::query(SandboxEndpoint endpoint, const QUrlQuery &query) const
{
    switch (endpoint) {
    case SandboxEndpoint::Prepare: {
        // poi_id is accepted and not enforced here: the store is checked at verify.
        const auto encryptedData = single(query, QStringLiteral("encrypted_data"));
        const auto code = single(query, QStringLiteral("code"));
        if (!encryptedData || !code)
            return badParameter(QStringLiteral("encrypted_data and code may appear once"));
        return m_state.prepare(*encryptedData, *code);
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
        const auto pageNum = SandboxParameters::integer(query, QStringLiteral("page_num"), 1);
        const auto pageSize =
                SandboxParameters::integer(query, QStringLiteral("page_size"), DEFAULT_PAGE_SIZE);
        if (!accountId || !orderId || !pageNum || !pageSize)
            return badParameter(QStringLiteral("account_id, order_id, page_num, page_size: "
                                               "each at most once, pages as integers"));
        return m_state.orderQuery(*accountId, *orderId, *pageNum, *pageSize);
    }
    case SandboxEndpoint::PoiQuery: {
        const auto accountId = single(query, QStringLiteral("account_id"));
        const auto page = SandboxParameters::integer(query, QStringLiteral("page"), 1);
        const auto size =
                SandboxParameters::integer(query, QStringLiteral("size"), DEFAULT_PAGE_SIZE);
        if (!accountId || !page || !size)
            return badParameter(QStringLiteral("account_id, page, size: each at most once, "
                                               "page and size as integers"));
        return m_state.poiQuery(*accountId, *page, *size);
    }
    case SandboxEndpoint::VerifyRecordQuery: {
        const auto request = SandboxParameters::historyRequest(query);
        if (!request)
            return badParameter(request.error().message);
        return m_state.verifyRecordQuery(request.value());
    }
    case SandboxEndpoint::ClientToken:
    case SandboxEndpoint::Verify:
    case SandboxEndpoint::Cancel:
    case SandboxEndpoint::LedgerQuery:
    case SandboxEndpoint::ShortLink:
    case SandboxEndpoint::MeituanPrepare:
    case SandboxEndpoint::MeituanConsume:
    case SandboxEndpoint::MeituanGetConsumed:
    case SandboxEndpoint::MeituanReverseConsume:
    case SandboxEndpoint::MeituanQueryListByDate:
    case SandboxEndpoint::MeituanOauthToken:
    case SandboxEndpoint::MeituanOauthRefresh:
        break;
    }
    return SandboxMessages::failure(DouyinApi::UNKNOWN_ERROR);
}

SandboxHttpAnswer SandboxDouyinApi::shortLink(const QString &linkId, bool hop,
                                              const SandboxHttpRequest &request) const
{
    const auto objectId = m_state.shortLinkTarget(linkId);
    if (!objectId)
        return SandboxHttpAnswer::error(Status::NotFound, QStringLiteral("not_found"),
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
    SandboxHttpAnswer answer = SandboxHttpAnswer::raw(
            Status::Found, QByteArrayLiteral("text/plain; charset=utf-8"), {}, request.requestId);
    answer.headers.append({QByteArrayLiteral("Location"), location.toUtf8()});
    return answer;
}

SandboxHttpAnswer SandboxDouyinApi::couponPage(const SandboxHttpRequest &request)
{
    return SandboxHttpAnswer::raw(
            Status::Ok, HTML,
            QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                           "<title>抖音团购券</title></head><body><p>抖音团购券（沙盒）"
                           "</p></body></html>")
                    .toUtf8(),
            request.requestId);
}

SandboxHttpAnswer SandboxDouyinApi::faultAnswer(const SandboxFault &fault, SandboxEndpoint endpoint,
                                                const SandboxHttpRequest &request)
{
    switch (fault.mode) {
    case SandboxFault::Mode::ErrorCode:
        return envelope(SandboxMessages::failure(fault.errorCode), endpoint);
    case SandboxFault::Mode::RateLimit:
        return envelope(SandboxMessages::failure(DouyinApi::TOO_FREQUENT), endpoint);
    case SandboxFault::Mode::Http500:
    case SandboxFault::Mode::Delay:
    case SandboxFault::Mode::DropBeforeCommit:
    case SandboxFault::Mode::DropAfterCommit:
    case SandboxFault::Mode::FinAfterCommit:
    case SandboxFault::Mode::RstAfterCommit:
    case SandboxFault::Mode::HalfAnswerAfterCommit:
        break;
    }
    // A gateway in front of Douyin failing: not JSON, so clients must not try to parse it.
    return SandboxHttpAnswer::raw(
            Status::InternalServerError, HTML,
            QByteArrayLiteral("<html><head><title>500 Internal Server Error</title></head>"
                              "<body><center><h1>500 Internal Server Error</h1></center></body>"
                              "</html>"),
            request.requestId);
}
