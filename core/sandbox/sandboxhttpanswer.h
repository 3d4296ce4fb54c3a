#pragma once

#include <optional>

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <QHttpServerResponder>

#include "core/http/jsonreply.h"

// An answer of the sandbox before it is written: JSON (written compact with JsonReply) or a
// raw body, so faults can write it whole, in part or late.
struct SandboxHttpAnswer
{
    using Status = QHttpServerResponder::StatusCode;

    Status status = Status::Ok;
    std::optional<QJsonObject> json; // written compact with JsonReply
    QByteArray contentType; // otherwise: this raw body
    QByteArray body;
    JsonReply::Headers headers;
    QByteArray requestId;

    static SandboxHttpAnswer fromJson(Status status, const QJsonObject &body,
                                      const QByteArray &requestId);
    static SandboxHttpAnswer raw(Status status, const QByteArray &contentType,
                                 const QByteArray &body, const QByteArray &requestId);
    // {"error": {"code", "message", "request_id", "field"?}}
    static SandboxHttpAnswer error(Status status, const QString &code, const QString &message,
                                   const QByteArray &requestId, const QString &field = {});
    // 400 bad_request; the field is what message starts with ("certificates: …").
    static SandboxHttpAnswer badRequest(const QString &message, const QByteArray &requestId);
};
