#pragma once

#include <optional>

#include <QByteArray>
#include <QList>
#include <QPair>

// The head of an HTTP/1.1 request read from the raw bytes, for the requests QHttpServer never
// parses (WebSocket upgrades, LimitedTcpServer). Header names are kept lower case.
struct RequestHead
{
    QByteArray method;
    QByteArray target; // as sent
    QList<QPair<QByteArray, QByteArray>> headers;

    // nullopt when the request line is not "METHOD TARGET HTTP/1.x".
    static std::optional<RequestHead> parse(const QByteArray &head);

    QByteArray path() const; // the target without its query
    QByteArray rawQuery() const; // after '?', empty when none
    QByteArray value(const QByteArray &lowerName) const; // empty when absent
};
