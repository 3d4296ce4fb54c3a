#include "core/api/eventstream.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketServer>

#include <QHttpServerRequest>

#include "core/api/admintoken.h"
#include "core/api/apijson.h"
#include "core/api/apirequest.h"
#include "core/api/asyncreply.h"
#include "core/api/lanapiserver.h"
#include "core/api/requestauthenticator.h"
#include "core/http/apisocket.h"
#include "core/http/jsonreply.h"
#include "core/http/requesthead.h"
#include "core/logging/categories.h"
#include "core/metrics/gatewaymetrics.h"
#include "core/metrics/metricfamily.h"
#include "core/metrics/routemeter.h"

namespace {

// Each reader's kernel send buffer: kept small so that a reader that stopped reading shows
// up as frames queued here after a few hundred kilobytes, not after megabytes.
constexpr int SEND_BUFFER_BYTES = 64 * 1024;
// After the close frame, how long a dropped reader gets before the connection is cut (a
// reader that does not read will never see the close frame behind its backlog).
constexpr int CLOSE_GRACE_MS = 1000;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 429:
        return "Too Many Requests";
    default:
        return "Internal Server Error";
    }
}

QString messageFor(const VerificationRecord &record, bool created)
{
    const QJsonObject message{{QStringLiteral("type"),
                               created ? QStringLiteral("verification.created")
                                       : QStringLiteral("verification.updated")},
                              {QStringLiteral("data"), ApiJson::verificationView(record)}};
    return QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact));
}

} // namespace

EventStream::EventStream(LanApiServer *server, RequestAuthenticator *authenticator,
                         AdminToken *adminToken, QObject *parent)
    : QObject(parent),
      m_authenticator(authenticator),
      m_adminToken(adminToken),
      m_server(std::make_unique<QWebSocketServer>(QStringLiteral("dy-gateway"),
                                                  QWebSocketServer::NonSecureMode))
{
    // A plain GET (no Upgrade header) reaches QHttpServer like any request.
    m_meter = server->addRoute(
            QLatin1String(PATH), QHttpServerRequest::Method::Get,
            [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                AsyncReply(request, std::move(responder))
                        .error(QHttpServerResponder::StatusCode::UpgradeRequired,
                               QStringLiteral("upgrade_required"),
                               QStringLiteral("GET /v1/open/events is a WebSocket: send "
                                              "Upgrade: websocket"),
                               {{QByteArrayLiteral("Upgrade"), QByteArrayLiteral("websocket")}});
            });
    QPointer<EventStream> self(this);
    server->setUpgradeHandler([self](ApiSocket *socket, const QByteArray &head) {
        if (self) {
            self->takeUpgrade(socket, head);
        } else {
            socket->abort();
            socket->deleteLater();
        }
    });
    connect(m_server.get(), &QWebSocketServer::newConnection, this, &EventStream::acceptPending);
    m_heartbeat.setInterval(DEFAULT_HEARTBEAT_MS);
    connect(&m_heartbeat, &QTimer::timeout, this, [this] {
        for (auto it = m_readers.keyBegin(); it != m_readers.keyEnd(); ++it)
            (*it)->ping();
    });
    m_heartbeat.start();
    GatewayMetrics::registerAll();
}

EventStream::~EventStream()
{
    // The TCP sockets belong to the LAN API's server: close the WebSockets while both exist.
    const QList<QWebSocket *> readers = m_readers.keys();
    m_readers.clear();
    for (QWebSocket *reader : readers) {
        reader->abort();
        delete reader;
    }
    updateReaderGauge();
}

void EventStream::takeUpgrade(ApiSocket *socket, const QByteArray &head)
{
    const auto parsed = RequestHead::parse(head);
    socket->setRoute(m_meter);
    if (!parsed) {
        return refuse(socket, nullptr,
                      {400,
                       QStringLiteral("invalid_request"),
                       QStringLiteral("malformed request line"),
                       {}});
    }
    if (const auto refusal = check(*parsed))
        return refuse(socket, &*parsed, *refusal);

    socket->answered(101);
    socket->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, SEND_BUFFER_BYTES);
    // Until a reader adopts it: a handshake that fails leaves nobody else to delete it.
    m_upgrading.append(socket);
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        if (m_upgrading.removeAll(socket) > 0)
            socket->deleteLater();
    });
    // QWebSocketServer answers the handshake from the bytes still unread on the socket.
    m_server->handleConnection(socket);
    QTimer::singleShot(0, socket, [socket] { emit socket->readyRead(); });
}

std::optional<EventStream::Refusal> EventStream::check(const RequestHead &head)
{
    const auto refusal = [](int status, const char *code, const QString &message) {
        return Refusal{status, QString::fromLatin1(code), message, {}};
    };
    if (QUrl::fromEncoded(head.path()).path() != QLatin1String(PATH))
        return refusal(
                404, "not_found",
                QStringLiteral("no WebSocket at %1").arg(QString::fromUtf8(head.path().left(200))));
    if (head.method != "GET") {
        Refusal wrongMethod =
                refusal(405, "method_not_allowed", QStringLiteral("a WebSocket upgrade is a GET"));
        wrongMethod.headers.append({QByteArrayLiteral("Allow"), QByteArrayLiteral("GET")});
        return wrongMethod;
    }
    if (head.value("sec-websocket-key").isEmpty() || head.value("sec-websocket-version") != "13"
        || !head.value("connection").toLower().contains("upgrade"))
        return refusal(400, "invalid_request",
                       QStringLiteral("a WebSocket handshake needs Connection: Upgrade, "
                                      "Sec-WebSocket-Key and Sec-WebSocket-Version: 13"));

    const QByteArray authorization = head.value("authorization");
    if (!authorization.isEmpty()) {
        const qsizetype space = authorization.indexOf(' ');
        if (space > 0 && authorization.left(space).toLower() == "bearer"
            && m_adminToken->check(authorization.mid(space + 1).trimmed()))
            return std::nullopt;
        Refusal wrongToken = refusal(401, "invalid_admin_token",
                                     QStringLiteral("Authorization: Bearer <admin token> is "
                                                    "wrong"));
        wrongToken.headers.append({QByteArrayLiteral("WWW-Authenticate"), "Bearer"});
        return wrongToken;
    }

    RequestAuthenticator::Request signedRequest;
    signedRequest.method = head.method;
    signedRequest.path = head.path();
    signedRequest.rawQuery = head.rawQuery();
    signedRequest.clientKey = head.value("x-client-key");
    signedRequest.timestamp = head.value("x-timestamp");
    signedRequest.nonce = head.value("x-nonce");
    signedRequest.signature = head.value("x-signature");
    const auto app = m_authenticator->authenticate(signedRequest, ApiRequest::nowMs());
    if (app.ok())
        return std::nullopt;
    const auto &failure = app.error();
    Refusal refused{failure.httpStatus, failure.code, failure.message, {}};
    if (failure.retryAfterSeconds > 0)
        refused.headers.append(
                {QByteArrayLiteral("Retry-After"), QByteArray::number(failure.retryAfterSeconds)});
    return refused;
}

void EventStream::refuse(ApiSocket *socket, const RequestHead *head, const Refusal &refusal)
{
    const QByteArray requestId = JsonReply::requestIdFrom(head ? head->value("x-request-id") : "");
    const QByteArray body =
            QJsonDocument(JsonReply::errorBody(refusal.code, refusal.message, requestId))
                    .toJson(QJsonDocument::Compact);
    QByteArray answer = "HTTP/1.1 " + QByteArray::number(refusal.status) + ' '
            + reasonPhrase(refusal.status)
            + "\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n"
              "X-Request-Id: "
            + requestId + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &header : refusal.headers)
        answer += header.first + ": " + header.second + "\r\n";
    socket->answered(refusal.status);
    socket->readAll(); // the request is answered; nothing more is read from this connection
    connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->write(answer + "\r\n" + body);
    socket->disconnectFromHost();
    qCInfo(lcApi) << "refused an events upgrade:" << refusal.code;
}

void EventStream::acceptPending()
{
    while (QWebSocket *reader = m_server->nextPendingConnection()) {
        reader->setParent(this);
        adoptSocketOf(reader);
        m_readers.insert(reader, Reader{});
        connect(reader, &QWebSocket::disconnected, this, [this, reader] {
            m_readers.remove(reader);
            updateReaderGauge();
            reader->deleteLater();
        });
        qCInfo(lcApi) << "events reader connected from" << reader->peerAddress().toString();
    }
    updateReaderGauge();
}

void EventStream::adoptSocketOf(QWebSocket *reader)
{
    for (qsizetype i = m_upgrading.size() - 1; i >= 0; --i) {
        ApiSocket *socket = m_upgrading.at(i);
        if (!socket) {
            m_upgrading.removeAt(i);
        } else if (socket->peerPort() == reader->peerPort()
                   && socket->peerAddress() == reader->peerAddress()) {
            m_upgrading.removeAt(i);
            disconnect(socket, &QTcpSocket::disconnected, this, nullptr);
            socket->setParent(reader);
        }
    }
}

void EventStream::publish(const QList<VerificationRecord> &records)
{
    for (const VerificationRecord &record : records) {
        const RecordChangeTracker::Change change = m_changes.note(record);
        if (change.verifyStatusChanged)
            GatewayMetrics::countVerification(record);
        if (change.cancelStatusChanged)
            GatewayMetrics::countCancel(record);
        if (m_readers.isEmpty())
            continue;
        const QString message = messageFor(record, change.created);
        // A copy of the keys: send() may drop a reader.
        const QList<QWebSocket *> readers = m_readers.keys();
        for (QWebSocket *reader : readers) {
            const auto it = m_readers.find(reader);
            if (it != m_readers.end())
                send(reader, *it, message);
        }
    }
}

void EventStream::send(QWebSocket *socket, Reader &reader, const QString &message)
{
    const qint64 before = socket->bytesToWrite();
    socket->sendTextMessage(message);
    reader.queuedTotal += socket->bytesToWrite() - before;
    reader.frameEnds.push_back(reader.queuedTotal);
    socket->flush(); // hands to the kernel what it takes now, so bytesToWrite() is the backlog
    const qint64 handedOver = reader.queuedTotal - socket->bytesToWrite();
    while (!reader.frameEnds.empty() && reader.frameEnds.front() <= handedOver)
        reader.frameEnds.pop_front();
    if (qsizetype(reader.frameEnds.size()) > m_maxBehind)
        drop(socket, QStringLiteral("more than %1 messages behind").arg(m_maxBehind));
}

void EventStream::drop(QWebSocket *socket, const QString &reason)
{
    m_readers.remove(socket);
    updateReaderGauge();
    GatewayMetrics::eventReadersDropped()->series({})->add(1);
    qCWarning(lcApi) << "dropping events reader" << socket->peerAddress().toString() << ":"
                     << reason;
    socket->close(QWebSocketProtocol::CloseCodePolicyViolated, reason);
    QTimer::singleShot(CLOSE_GRACE_MS, socket, [socket] { socket->abort(); });
    emit readerDropped(reason);
}

void EventStream::updateReaderGauge() const
{
    GatewayMetrics::eventReaders()->series({})->set(double(m_readers.size()));
}
