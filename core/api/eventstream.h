#pragma once

#include <deque>
#include <memory>
#include <optional>

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include "core/api/recordchangetracker.h"
#include "core/store/verificationrecord.h"

class AdminToken;
class ApiSocket;
class LanApiServer;
class QWebSocket;
class QWebSocketServer;
class RequestAuthenticator;
class RouteMeter;
struct RequestHead;

// GET /v1/open/events (API.md, Extensions → Operations): a WebSocket that carries one JSON
// text message {"type": "verification.created" | "verification.updated", "data":
// VerificationView} per record change of this gateway (RecordChangeTracker says which).
//
// QHttpServer 6.4 upgrades a WebSocket request before any route runs, so the upgrade is
// taken from it (LimitedTcpServer's upgrade handler) and decided here from the raw head:
// signed like an open GET (nonce spent) or the admin token, else the HTTP error JSON every
// route answers, and no 101. Accepted sockets go to a QWebSocketServer of our own.
//
// A reader whose frames are not leaving (more than maxBehind() still queued in the process)
// is closed with 1008 and a reason; a heartbeat ping goes to every reader.
class EventStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventStream)

public:
    static constexpr int DEFAULT_MAX_BEHIND = 1000;
    static constexpr int DEFAULT_HEARTBEAT_MS = 30000;
    static constexpr char PATH[] = "/v1/open/events";

    // Registers the route and the upgrade handler on server (before it listens).
    EventStream(LanApiServer *server, RequestAuthenticator *authenticator, AdminToken *adminToken,
                QObject *parent = nullptr);
    ~EventStream() override;

    void setMaxBehind(int messages) { m_maxBehind = messages; }
    int maxBehind() const { return m_maxBehind; }
    void setHeartbeatInterval(int ms) { m_heartbeat.setInterval(ms); }
    int readerCount() const { return int(m_readers.size()); }

    // The engine's records changed: one message per record to every reader, and the
    // verification and cancel counters of /metrics.
    void publish(const QList<VerificationRecord> &records);

signals:
    void readerDropped(const QString &reason);

private:
    struct Reader
    {
        qint64 queuedTotal = 0; // bytes of every frame queued so far
        std::deque<qint64> frameEnds; // queuedTotal after each frame not yet handed to TCP
    };
    struct Refusal
    {
        int status = 401;
        QString code;
        QString message;
        QList<QPair<QByteArray, QByteArray>> headers;
    };

    void takeUpgrade(ApiSocket *socket, const QByteArray &head);
    std::optional<Refusal> check(const RequestHead &head);
    void refuse(ApiSocket *socket, const RequestHead *head, const Refusal &refusal);
    void acceptPending();
    // The upgraded TCP socket becomes the reader's child, so it goes when the reader goes.
    void adoptSocketOf(QWebSocket *reader);
    void send(QWebSocket *socket, Reader &reader, const QString &message);
    void drop(QWebSocket *socket, const QString &reason);
    void updateReaderGauge() const;

    RequestAuthenticator *m_authenticator;
    AdminToken *m_adminToken;
    RouteMeter *m_meter = nullptr;
    std::unique_ptr<QWebSocketServer> m_server;
    QHash<QWebSocket *, Reader> m_readers;
    // Handed to m_server, handshake not finished yet.
    QList<QPointer<ApiSocket>> m_upgrading;
    RecordChangeTracker m_changes;
    QTimer m_heartbeat;
    int m_maxBehind = DEFAULT_MAX_BEHIND;
};
