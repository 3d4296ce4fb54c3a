#include "core/http/routetable.h"

#include "core/http/httproute.h"
#include "core/http/jsonreply.h"

void RouteTable::add(const QString &path, QHttpServerRequest::Method method)
{
    m_entries.append({HttpRoute::patternFor(path), method});
}

QByteArray RouteTable::allowedMethods(const QString &path) const
{
    QList<QByteArray> allowed;
    for (const Entry &entry : m_entries) {
        const QByteArray name = HttpRoute::methodName(entry.method);
        if (entry.pattern.match(path).hasMatch() && !allowed.contains(name))
            allowed.append(name);
    }
    return allowed.join(", ");
}

void RouteTable::answerMissing(const QHttpServerRequest &request,
                               QHttpServerResponder &responder) const
{
    using Status = QHttpServerResponder::StatusCode;
    const QByteArray requestId = JsonReply::requestId(request);
    const QString path = request.url().path();
    const QByteArray allowed = allowedMethods(path);
    if (allowed.isEmpty()) {
        JsonReply::writeError(responder, Status::NotFound, QStringLiteral("not_found"),
                              QStringLiteral("no such path: %1").arg(path), requestId);
        return;
    }
    JsonReply::writeError(
            responder, Status::MethodNotAllowed, QStringLiteral("method_not_allowed"),
            QStringLiteral("%1 does not accept %2")
                    .arg(path, QString::fromLatin1(HttpRoute::methodName(request.method()))),
            requestId, {{QByteArrayLiteral("Allow"), allowed}});
}
