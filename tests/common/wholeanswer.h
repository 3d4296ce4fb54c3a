#pragma once

#include <QByteArray>

// True once `received` holds a whole HTTP answer: its head and Content-Length bytes of body.
// QHttpServer 6.4 keeps a connection open after its answer even when the request said
// Connection: close, so a raw-socket test cannot wait for the close.
inline bool isWholeHttpAnswer(const QByteArray &received)
{
    const qsizetype end = received.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QByteArray head = received.left(end).toLower();
    const qsizetype at = head.indexOf("content-length:");
    if (at < 0)
        return true;
    const qsizetype lineEnd = head.indexOf('\r', at);
    const qint64 length = head.mid(at + 15, (lineEnd < 0 ? head.size() : lineEnd) - at - 15)
                                  .trimmed()
                                  .toLongLong();
    return received.size() >= end + 4 + length;
}
