#pragma once

#include <QElapsedTimer>
#include <QTcpSocket>

class QHttpServerResponder;
class RouteMeter;

// A LAN API connection that remembers, for the request it is serving, when its head arrived
// and which route took it, so that the answer can be counted under the route's pattern with
// its latency (GET /metrics) without any allocation per request.
class ApiSocket final : public QTcpSocket
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiSocket)

public:
    using QTcpSocket::QTcpSocket;

    // The head of a new request was seen (LimitedTcpServer).
    void startRequest()
    {
        m_started.start();
        m_route = nullptr;
    }
    void setRoute(RouteMeter *route) { m_route = route; }
    // The status line of the answer is being written: counted once, under the route.
    void answered(int status);

    // The responder's socket when it is one of ours (every socket of LimitedTcpServer).
    static ApiSocket *of(QHttpServerResponder &responder);

private:
    QElapsedTimer m_started;
    RouteMeter *m_route = nullptr;
};
