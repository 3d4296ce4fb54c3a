#include "core/sandbox/sandboxcut.h"

#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#ifdef Q_OS_WIN
#  include <winsock2.h>
#else
#  include <sys/socket.h>
#endif

namespace {

// Once QHttpServer is done with this request; disconnectFromHost flushes what was written.
void closeSoon(QTcpSocket *socket)
{
    const QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(0, socket, [guard] {
        if (guard)
            guard->disconnectFromHost();
    });
}

} // namespace

namespace SandboxCut {

void headersOnly(QHttpServerResponder &responder)
{
    QTcpSocket *socket = responder.socket();
    if (!socket)
        return;
    responder.writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    responder.writeHeader(QByteArrayLiteral("Content-Type"),
                          QByteArrayLiteral("application/json; charset=utf-8"));
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArrayLiteral("1024"));
    responder.writeBody(QByteArray());
    closeSoon(socket);
}

void finWithoutAnswer(QHttpServerResponder &responder)
{
    if (QTcpSocket *socket = responder.socket())
        closeSoon(socket);
}

void resetWithoutAnswer(QHttpServerResponder &responder)
{
    QTcpSocket *socket = responder.socket();
    if (!socket)
        return;
    // A linger time of zero makes close() send RST instead of FIN.
    struct linger reset = {1, 0};
    setsockopt(socket->socketDescriptor(), SOL_SOCKET, SO_LINGER,
               reinterpret_cast<const char *>(&reset), sizeof reset);
    const QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(0, socket, [guard] {
        if (guard)
            guard->abort();
    });
}

void halfAnswer(QHttpServerResponder &responder, const QByteArray &contentType,
                const QByteArray &body)
{
    QTcpSocket *socket = responder.socket();
    if (!socket)
        return;
    responder.writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    responder.writeHeader(QByteArrayLiteral("Content-Type"), contentType);
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
    responder.writeBody(body.left(body.size() / 2));
    closeSoon(socket);
}

} // namespace SandboxCut
