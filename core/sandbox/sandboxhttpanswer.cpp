#include "core/sandbox/sandboxhttpanswer.h"

SandboxHttpAnswer SandboxHttpAnswer::fromJson(Status status, const QJsonObject &body,
                                              const QByteArray &requestId)
{
    SandboxHttpAnswer answer;
    answer.status = status;
    answer.json = body;
    answer.requestId = requestId;
    return answer;
}

SandboxHttpAnswer SandboxHttpAnswer::raw(Status status, const QByteArray &contentType,
                                         const QByteArray &body, const QByteArray &requestId)
{
    SandboxHttpAnswer answer;
    answer.status = status;
    answer.contentType = contentType;
    answer.body = body;
    answer.requestId = requestId;
    return answer;
}

SandboxHttpAnswer SandboxHttpAnswer::error(Status status, const QString &code,
                                           const QString &message, const QByteArray &requestId,
                                           const QString &field)
{
    QJsonObject body = JsonReply::errorBody(code, message, requestId);
    if (!field.isEmpty()) {
        QJsonObject error = body.value(QStringLiteral("error")).toObject();
        error.insert(QStringLiteral("field"), field);
        body.insert(QStringLiteral("error"), error);
    }
    return fromJson(status, body, requestId);
}

SandboxHttpAnswer SandboxHttpAnswer::badRequest(const QString &message, const QByteArray &requestId)
{
    // Every validation message starts with the field it is about: "certificates: …".
    const qsizetype colon = message.indexOf(QStringLiteral(": "));
    const QString field = colon > 0 ? message.left(colon) : QString();
    return error(Status::BadRequest, QStringLiteral("bad_request"), message, requestId, field);
}
