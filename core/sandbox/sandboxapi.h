#pragma once

#include <optional>

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <QHttpServerRequest>
#include <QHttpServerResponder>

#include "core/http/jsonreply.h"
#include "core/sandbox/sandboxanswer.h"
#include "core/sandbox/sandboxfault.h"

class SandboxState;

// The sandbox's HTTP surface without sockets: reads a copied request, calls SandboxState and
// shapes the answer exactly as Douyin (or the control API) does. SandboxServer only routes,
// plays faults and writes. Malformed input of any kind becomes an error answer, never a crash.
class SandboxApi
{
public:
    // What a handler needs from a request, copied so an answer can be produced later (the
    // QHttpServerRequest is gone by then).
    struct Request
    {
        QHttpServerRequest::Method method = QHttpServerRequest::Method::Get;
        QString path;
        QUrlQuery query;
        QByteArray body;
        QByteArray accessToken;
        QByteArray contentType;
        QByteArray host;
        QByteArray requestId;

        static Request from(const QHttpServerRequest &request);
    };

    struct Answer
    {
        QHttpServerResponder::StatusCode status = QHttpServerResponder::StatusCode::Ok;
        std::optional<QJsonObject> json; // written compact with JsonReply
        QByteArray contentType; // otherwise: this raw body
        QByteArray body;
        JsonReply::Headers headers;
        QByteArray requestId;
    };

    explicit SandboxApi(SandboxState &state);

    // Where short links point when the request carries no usable Host header.
    void setBaseUrl(const QUrl &baseUrl) { m_baseUrl = baseUrl; }

    // Douyin endpoints (not ShortLink): token check, parameters, the {data, extra} envelope.
    Answer douyin(SandboxEndpoint endpoint, const Request &request);
    // GET /v/{id}/ (hop = false) and /v/{id}/hop/: 302 towards /life/coupon?object_id=…
    Answer shortLink(const QString &linkId, bool hop, const Request &request);
    // GET /life/coupon: the page a browser would land on.
    Answer couponPage(const Request &request);
    // What a fault answers instead of the call (http_500, error_code, rate_limit).
    Answer faultAnswer(const SandboxFault &fault, SandboxEndpoint endpoint, const Request &request);

    // Control API under /sandbox/.
    Answer mintOrder(const Request &request);
    Answer listOrders(const Request &request);
    Answer orderSnapshot(const QString &orderId, const Request &request);
    Answer refund(const QString &orderId, const Request &request);
    Answer addFault(const Request &request);
    Answer listFaults(const Request &request);
    Answer clearFaults(const Request &request);
    Answer expireTokens(const Request &request);
    Answer stats(const Request &request);

    static Answer jsonAnswer(QHttpServerResponder::StatusCode status, const QJsonObject &body,
                             const QByteArray &requestId);
    // {"error": {"code", "message", "request_id", "field"?}}
    static Answer errorAnswer(QHttpServerResponder::StatusCode status, const QString &code,
                              const QString &message, const QByteArray &requestId,
                              const QString &field = {});

private:
    Answer envelope(const SandboxAnswer &answer, SandboxEndpoint endpoint);
    SandboxAnswer call(SandboxEndpoint endpoint, const Request &request);
    QJsonObject snapshot(const QString &orderId) const;
    QString shortLinkUrl(const QString &linkId, const Request &request) const;
    Answer badRequest(const QString &message, const Request &request) const;

    SandboxState &m_state;
    QUrl m_baseUrl;
};
