#pragma once

#include <QByteArray>
#include <QRegularExpression>

#include <QHttpServerRequest>

// What the LAN API and the sandbox share about routes on QHttpServer.
namespace HttpRoute {

QByteArray methodName(QHttpServerRequest::Method method);
// A QHttpServer path ("/v1/apps/<arg>/x") as an anchored regular expression, so a request
// for a known path with another method can be answered 405 rather than 404.
QRegularExpression patternFor(const QString &path);

} // namespace HttpRoute
