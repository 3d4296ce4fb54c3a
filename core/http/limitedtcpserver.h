#pragma once

#include <functional>

#include <QTcpServer>

class ApiSocket;

// A QTcpServer that refuses requests whose body would exceed a limit before QHttpServer
// reads them. QHttpServer 6.4 has no body limit and buffers whatever arrives, so the check
// runs on each socket's readyRead ahead of QHttpServer's own handler (connected first):
// it looks at the request head with peek(), and on a refusal answers 413 itself, swallows
// whatever else arrives, and closes the connection.
class LimitedTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LimitedTcpServer)

public:
    static constexpr qint64 DEFAULT_MAX_BODY = 64 * 1024;
    static constexpr qint64 MAX_HEAD = 16 * 1024;

    explicit LimitedTcpServer(qint64 maxBody = DEFAULT_MAX_BODY, QObject *parent = nullptr);

    // The target of the request whose head was inspected last on this socket, as sent.
    static QByteArray requestTarget(const QTcpSocket *socket);

    // Takes a connection whose request head asks for a WebSocket upgrade (any path) away
    // from QHttpServer before QHttpServer sees it: QHttpServer 6.4 upgrades such a request
    // before any route runs, so authentication could not refuse it. The handler gets the
    // socket with the whole request still unread and its complete head; it must answer or
    // upgrade, and delete the socket in the end. Without a handler, QHttpServer drops them.
    using UpgradeHandler = std::function<void(ApiSocket *socket, const QByteArray &head)>;
    void setUpgradeHandler(UpgradeHandler handler) { m_upgradeHandler = std::move(handler); }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void inspect(QTcpSocket *socket);
    void refuse(QTcpSocket *socket, const QByteArray &head, const QByteArray &message);
    void handOver(ApiSocket *socket, const QByteArray &head);

    qint64 m_maxBody;
    UpgradeHandler m_upgradeHandler;
};
