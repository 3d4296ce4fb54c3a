#include "core/http/limitedtcpserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpSocket>

#include "core/http/apisocket.h"
#include "core/http/jsonreply.h"
#include "core/logging/categories.h"

namespace {

constexpr char REFUSED_PROPERTY[] = "dygwRefused";
constexpr char HEAD_SEEN_PROPERTY[] = "dygwHeadChecked";
constexpr char PARTIAL_HEAD_PROPERTY[] = "dygwPartialHead";
constexpr char TARGET_PROPERTY[] = "dygwRequestTarget";

QByteArray headerValue(const QByteArray &head, const QByteArray &lowerName)
{
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == lowerName)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

// Upgrade: websocket, whatever Connection says: QHttpServer must never see one.
bool asksForWebSocket(const QByteArray &head)
{
    return headerValue(head, QByteArrayLiteral("upgrade")).toLower().contains("websocket");
}

// Content-Length of a request head, -1 when absent, -2 when chunked.
qint64 declaredLength(const QByteArray &head)
{
    qint64 length = -1;
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qint64 parsed = value.toLongLong(&ok);
            length = ok ? parsed : std::numeric_limits<qint64>::max();
        } else if (name == "transfer-encoding" && value.toLower().contains("chunked")) {
            return -2;
        }
    }
    return length;
}

} // namespace

LimitedTcpServer::LimitedTcpServer(qint64 maxBody, QObject *parent)
    : QTcpServer(parent),
      m_maxBody(maxBody)
{
}

void LimitedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new ApiSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    // QHttpServer writes an answer in several small pieces: without TCP_NODELAY, Nagle holds
    // them back for the client's delayed ACK (~20-40 ms per request on keep-alive).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // Connected before QHttpServer takes the socket, so this runs first on every readyRead.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
    // A request head was inspected; the next request on a kept-alive connection gets its own
    // check once the answer to this one has gone out.
    connect(socket, &QTcpSocket::bytesWritten, socket,
            [socket] { socket->setProperty(HEAD_SEEN_PROPERTY, false); });
    addPendingConnection(socket);
}

void LimitedTcpServer::inspect(QTcpSocket *socket)
{
    if (socket->property(REFUSED_PROPERTY).toBool()) {
        socket->readAll(); // drained here so QHttpServer never buffers it
        return;
    }
    if (socket->property(HEAD_SEEN_PROPERTY).toBool())
        return;
    // QHttpServer reads everything after this slot returns, so a head split over several
    // segments is collected here piece by piece, each piece seen before QHttpServer takes it.
    QByteArray head =
            socket->property(PARTIAL_HEAD_PROPERTY).toByteArray() + socket->peek(MAX_HEAD + 4);
    const qsizetype headEnd = head.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (head.size() > MAX_HEAD)
            refuse(socket, head, QByteArrayLiteral("request head larger than 16 KiB"));
        else
            socket->setProperty(PARTIAL_HEAD_PROPERTY, head);
        return;
    }
    head.truncate(headEnd);
    socket->setProperty(PARTIAL_HEAD_PROPERTY, QByteArray());
    socket->setProperty(HEAD_SEEN_PROPERTY, true);
    auto *apiSocket = static_cast<ApiSocket *>(socket); // incomingConnection() made it
    apiSocket->startRequest();
    if (m_upgradeHandler && asksForWebSocket(head))
        return handOver(apiSocket, head + "\r\n\r\n");
    // The request target exactly as sent: the signature covers the path before QUrl
    // normalises its escapes.
    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
    socket->setProperty(TARGET_PROPERTY,
                        requestLine.size() == 3 ? requestLine.at(1) : QByteArray());

    const qint64 length = declaredLength(head);
    if (length == -2)
        refuse(socket, head,
               QByteArrayLiteral("chunked request bodies are not accepted; send "
                                 "Content-Length (at most 64 KiB)"));
    else if (length > m_maxBody)
        refuse(socket, head, QByteArrayLiteral("request body larger than 64 KiB"));
}

QByteArray LimitedTcpServer::requestTarget(const QTcpSocket *socket)
{
    return socket ? socket->property(TARGET_PROPERTY).toByteArray() : QByteArray();
}

void LimitedTcpServer::handOver(ApiSocket *socket, const QByteArray &head)
{
    // Neither this server's checks nor QHttpServer see this connection again: every
    // connection from the socket goes (QHttpServer's readyRead slot and its delete on
    // disconnect among them), as QHttpServer itself does before an upgrade. The handler owns
    // the socket from here on.
    socket->disconnect();
    // A head that came in pieces was partly read by QHttpServer inside a transaction: put it
    // back, so the handler (and QWebSocketServer after it) reads the request from its start.
    if (socket->isTransactionStarted())
        socket->rollbackTransaction();
    m_upgradeHandler(socket, head);
}

void LimitedTcpServer::refuse(QTcpSocket *socket, const QByteArray &head, const QByteArray &message)
{
    socket->setProperty(REFUSED_PROPERTY, true);
    socket->readAll();
    // The caller's X-Request-Id when it sent a sane one, as on every other answer.
    QByteArray requestId = headerValue(head, QByteArrayLiteral("x-request-id"));
    if (!JsonReply::isSaneRequestId(requestId)) {
        quint32 words[4];
        QRandomGenerator::global()->fillRange(words);
        requestId = QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex();
    }
    const QByteArray body =
            QJsonDocument(JsonReply::errorBody(QStringLiteral("payload_too_large"),
                                               QString::fromLatin1(message), requestId))
                    .toJson(QJsonDocument::Compact);
    socket->write("HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\n"
                  "Connection: close\r\nX-Request-Id: "
                  + requestId + "\r\nContent-Length: " + QByteArray::number(body.size())
                  + "\r\n\r\n" + body);
    socket->disconnectFromHost();
    qCInfo(lcApi) << "refused a request:" << message;
}
