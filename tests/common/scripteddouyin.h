#pragma once

#include <QHash>
#include <QList>
#include <QPointer>
#include <QQueue>
#include <QTcpServer>
#include <QTcpSocket>

#ifdef Q_OS_WIN
#  include <winsock2.h>
#else
#  include <sys/socket.h>
#endif

// A stand-in Douyin that this project's sandbox has no part in: raw HTTP/1.1 over loopback,
// answering each request with the next scripted action for its path — literal bodies taken
// from Douyin's documents, or one of the ways an answer gets lost (FIN, RST, half an answer,
// silence). Requests are recorded, so a test sees what the client really sent.
class ScriptedDouyin : public QObject
{
public:
    struct Action
    {
        enum class Kind { Answer, Fin, Reset, Half, Silence };
        Kind kind = Kind::Answer;
        QByteArray body;
        int status = 200;

        static Action answer(QByteArray body) { return {Kind::Answer, std::move(body)}; }
        static Action fin() { return {Kind::Fin, {}}; }
        static Action reset() { return {Kind::Reset, {}}; }
        static Action half(QByteArray body) { return {Kind::Half, std::move(body)}; }
        static Action silence() { return {Kind::Silence, {}}; }
    };

    struct Received
    {
        QByteArray method;
        QByteArray path; // without the query
        QByteArray query;
        QByteArray body;
        QByteArray head; // request line and headers, as sent
    };

    ScriptedDouyin()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            }
        });
    }

    QString baseUrl() const
    {
        return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort());
    }

    // The next request for `path` gets `action`; once a path's script is used up, its default.
    void script(const QByteArray &path, const Action &action) { m_scripts[path].enqueue(action); }
    void setDefault(const QByteArray &path, const Action &action) { m_defaults[path] = action; }

    const QList<Received> &received() const { return m_received; }
    int count(const QByteArray &path) const
    {
        return int(std::count_if(m_received.cbegin(), m_received.cend(),
                                 [&](const Received &r) { return r.path == path; }));
    }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            const QByteArray head = buffer.left(headEnd);
            qsizetype length = 0;
            for (const QByteArray &line : head.split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (buffer.size() < headEnd + 4 + length)
                return;
            Received request;
            const QList<QByteArray> first = head.left(head.indexOf("\r\n")).split(' ');
            request.method = first.value(0);
            const QByteArray target = first.value(1);
            request.path =
                    target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
            request.query =
                    target.indexOf('?') < 0 ? QByteArray() : target.mid(target.indexOf('?') + 1);
            request.body = buffer.mid(headEnd + 4, length);
            request.head = head;
            buffer.remove(0, headEnd + 4 + length);
            m_received.append(request);
            if (!perform(socket, next(request.path)))
                return;
        }
    }

    Action next(const QByteArray &path)
    {
        QQueue<Action> &queue = m_scripts[path];
        if (!queue.isEmpty())
            return queue.dequeue();
        return m_defaults.value(path, Action{Action::Kind::Answer, "not scripted", 500});
    }

    // False when the connection is gone.
    bool perform(QTcpSocket *socket, const Action &action)
    {
        const QByteArray head = "HTTP/1.1 " + QByteArray::number(action.status)
                + " OK\r\nContent-Type: application/json\r\nContent-Length: "
                + QByteArray::number(action.body.size()) + "\r\n\r\n";
        switch (action.kind) {
        case Action::Kind::Answer:
            socket->write(head + action.body);
            return true;
        case Action::Kind::Fin:
            socket->disconnectFromHost();
            return false;
        case Action::Kind::Reset: {
            struct linger reset = {1, 0};
            setsockopt(socket->socketDescriptor(), SOL_SOCKET, SO_LINGER,
                       reinterpret_cast<const char *>(&reset), sizeof reset);
            socket->abort();
            return false;
        }
        case Action::Kind::Half:
            socket->write(head + action.body.left(action.body.size() / 2));
            socket->disconnectFromHost();
            return false;
        case Action::Kind::Silence:
            return true;
        }
        return true;
    }

    QTcpServer m_server;
    QHash<QByteArray, QQueue<Action>> m_scripts;
    QHash<QByteArray, Action> m_defaults;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Received> m_received;
};
