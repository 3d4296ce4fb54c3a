#include "core/http/httproute.h"

namespace HttpRoute {

QByteArray methodName(QHttpServerRequest::Method method)
{
    using Method = QHttpServerRequest::Method;
    switch (method) {
    case Method::Get:
        return QByteArrayLiteral("GET");
    case Method::Put:
        return QByteArrayLiteral("PUT");
    case Method::Delete:
        return QByteArrayLiteral("DELETE");
    case Method::Post:
        return QByteArrayLiteral("POST");
    case Method::Head:
        return QByteArrayLiteral("HEAD");
    case Method::Options:
        return QByteArrayLiteral("OPTIONS");
    case Method::Patch:
        return QByteArrayLiteral("PATCH");
    default:
        return QByteArrayLiteral("OTHER");
    }
}

QRegularExpression patternFor(const QString &path)
{
    QString regex = QRegularExpression::escape(path);
    regex.replace(QRegularExpression::escape(QStringLiteral("<arg>")), QStringLiteral("[^/]+"));
    return QRegularExpression(u'^' + regex + u'$');
}

} // namespace HttpRoute
