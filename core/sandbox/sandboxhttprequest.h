#pragma once

#include <QByteArray>
#include <QString>
#include <QUrlQuery>

#include <QHttpServerRequest>

// What a sandbox handler needs from a request, copied so an answer can be produced later
// (a delayed fault answers after the QHttpServerRequest is gone).
struct SandboxHttpRequest
{
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Get;
    QString path;
    QUrlQuery query;
    QByteArray body;
    QByteArray accessToken;
    QByteArray contentType;
    QByteArray host;
    QByteArray requestId;

    static SandboxHttpRequest from(const QHttpServerRequest &request);
};
