#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

#include <QHttpServerResponder>

class QHttpServerRequest;

// Writing JSON answers the same way for every route: compact body, content type,
// X-Request-Id, and any extra headers (Allow, Retry-After…).
namespace JsonReply {

using Headers = QList<QPair<QByteArray, QByteArray>>;

// Printable ASCII without separators and at most 128 bytes: safe to echo in a header.
bool isSaneRequestId(const QByteArray &id);

// The caller's X-Request-Id when it is a sane token, otherwise a fresh random one.
QByteArray requestId(const QHttpServerRequest &request);
QByteArray requestIdFrom(const QByteArray &given);

void write(QHttpServerResponder &responder, QHttpServerResponder::StatusCode status,
           const QJsonObject &body, const QByteArray &requestId, const Headers &headers = {});
// The same for a body that is not JSON (GET /metrics).
void writeBytes(QHttpServerResponder &responder, QHttpServerResponder::StatusCode status,
                const QByteArray &contentType, const QByteArray &bytes, const QByteArray &requestId,
                const Headers &headers = {});

// {"error": {"code", "message", "request_id"}}
QJsonObject errorBody(const QString &code, const QString &message, const QByteArray &requestId);

void writeError(QHttpServerResponder &responder, QHttpServerResponder::StatusCode status,
                const QString &code, const QString &message, const QByteArray &requestId,
                const Headers &headers = {});

} // namespace JsonReply
