#pragma once

#include <memory>

#include <QPointer>
#include <QTcpSocket>

#include <QHttpServerRequest>
#include <QHttpServerResponder>

#include "core/http/jsonreply.h"

// An answer given later, after the engine or Douyin has replied. QHttpServer 6.4 crashes
// when a late answer is written to a client that has left, so the socket is watched and the
// write skipped when it is gone. Copyable: lambdas capture it by value.
class AsyncReply
{
public:
    AsyncReply(const QHttpServerRequest &request, QHttpServerResponder &&responder)
        : m_responder(std::make_shared<QHttpServerResponder>(std::move(responder))),
          m_socket(m_responder->socket()),
          m_requestId(JsonReply::requestId(request))
    {
    }

    bool isConnected() const
    {
        return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
    }
    const QByteArray &requestId() const { return m_requestId; }
    const QTcpSocket *socket() const { return m_socket.data(); }

    void json(QHttpServerResponder::StatusCode status, const QJsonObject &body,
              const JsonReply::Headers &headers = {}) const
    {
        if (isConnected())
            JsonReply::write(*m_responder, status, body, m_requestId, headers);
    }

    // A body that is not JSON (GET /metrics).
    void bytes(QHttpServerResponder::StatusCode status, const QByteArray &contentType,
               const QByteArray &body) const
    {
        if (isConnected())
            JsonReply::writeBytes(*m_responder, status, contentType, body, m_requestId);
    }

    void error(QHttpServerResponder::StatusCode status, const QString &code, const QString &message,
               const JsonReply::Headers &headers = {}) const
    {
        json(status, JsonReply::errorBody(code, message, m_requestId), headers);
    }

private:
    std::shared_ptr<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
    QByteArray m_requestId;
};
