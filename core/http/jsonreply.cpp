#include "core/http/jsonreply.h"

#include <QJsonDocument>
#include <QRandomGenerator>

#include <QHttpServerRequest>

#include "core/http/apisocket.h"

namespace {

constexpr qsizetype MAX_REQUEST_ID = 128;

} // namespace

namespace JsonReply {

bool isSaneRequestId(const QByteArray &id)
{
    if (id.isEmpty() || id.size() > MAX_REQUEST_ID)
        return false;
    for (const char c : id) {
        // Printable ASCII without separators, so it can be echoed in a header and a log line.
        if (c <= ' ' || c > '~' || c == '"' || c == '\\')
            return false;
    }
    return true;
}

QByteArray requestId(const QHttpServerRequest &request)
{
    return requestIdFrom(request.value(QByteArrayLiteral("x-request-id")));
}

QByteArray requestIdFrom(const QByteArray &given)
{
    if (isSaneRequestId(given))
        return given;
    quint32 words[4];
    QRandomGenerator::global()->fillRange(words);
    return QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex();
}

void write(QHttpServerResponder &responder, QHttpServerResponder::StatusCode status,
           const QJsonObject &body, const QByteArray &requestId, const Headers &headers)
{
    writeBytes(responder, status, QByteArrayLiteral("application/json; charset=utf-8"),
               QJsonDocument(body).toJson(QJsonDocument::Compact), requestId, headers);
}

void writeBytes(QHttpServerResponder &responder, QHttpServerResponder::StatusCode status,
                const QByteArray &contentType, const QByteArray &bytes, const QByteArray &requestId,
                const Headers &headers)
{
    // Every LAN API answer passes here: counted under its route for GET /metrics.
    if (ApiSocket *socket = ApiSocket::of(responder))
        socket->answered(int(status));
    responder.writeStatusLine(status);
    responder.writeHeader(QByteArrayLiteral("Content-Type"), contentType);
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(bytes.size()));
    responder.writeHeader(QByteArrayLiteral("X-Request-Id"), requestId);
    for (const auto &header : headers)
        responder.writeHeader(header.first, header.second);
    responder.writeBody(bytes);
}

QJsonObject errorBody(const QString &code, const QString &message, const QByteArray &requestId)
{
    return QJsonObject{
            {QStringLiteral("error"),
             QJsonObject{{QStringLiteral("code"), code},
                         {QStringLiteral("message"), message},
                         {QStringLiteral("request_id"), QString::fromLatin1(requestId)}}}};
}

void writeError(QHttpServerResponder &responder, QHttpServerResponder::StatusCode status,
                const QString &code, const QString &message, const QByteArray &requestId,
                const Headers &headers)
{
    write(responder, status, errorBody(code, message, requestId), requestId, headers);
}

} // namespace JsonReply
