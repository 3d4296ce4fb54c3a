#include "core/sandbox/sandboxhttprequest.h"

#include "core/http/jsonreply.h"

SandboxHttpRequest SandboxHttpRequest::from(const QHttpServerRequest &request)
{
    SandboxHttpRequest copy;
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
