#pragma once

#include <memory>
#include <vector>

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTcpSocket>
#include <QTest>
#include <QUuid>

// The LAN API as a device on the network meets it: raw HTTP/1.1 over loopback, signed with a
// verifier app's HMAC headers or the admin bearer token. Many requests at once each get their
// own connection, so the gateway really sees them together (QNetworkAccessManager would queue
// all but six).
class LanClient
{
public:
    struct Reply
    {
        int status = 0;
        QJsonObject json;
    };

    quint16 port = 0;
    QByteArray key; // the app's client_key
    QByteArray secret; // its client_secret
    QByteArray adminToken;

    QByteArray signedPost(const QByteArray &path, const QJsonObject &body,
                          const QByteArray &idempotencyKey = {}) const
    {
        const QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
        const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
        const QByteArray nonce = QUuid::createUuid().toByteArray(QUuid::Id128);
        const QByteArray toSign = "POST\n" + path + "\n\n" + timestamp + "\n" + nonce + "\n"
                + QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
        const QByteArray signature =
                QMessageAuthenticationCode::hash(toSign, secret, QCryptographicHash::Sha256)
                        .toHex();
        QByteArray request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: "
                + QByteArray::number(bytes.size()) + "\r\nX-Client-Key: " + key
                + "\r\nX-Timestamp: " + timestamp + "\r\nX-Nonce: " + nonce
                + "\r\nX-Signature: " + signature + "\r\n";
        if (!idempotencyKey.isEmpty())
            request += "Idempotency-Key: " + idempotencyKey + "\r\n";
        return request + "\r\n" + bytes;
    }

    QByteArray adminRequest(const QByteArray &method, const QByteArray &pathAndQuery,
                            const QJsonObject &body = {}) const
    {
        const QByteArray bytes =
                method == "GET" ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        return method + " " + pathAndQuery
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + adminToken
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + QByteArray::number(bytes.size()) + "\r\n\r\n" + bytes;
    }

    Reply post(const QByteArray &path, const QJsonObject &body) const
    {
        return sendAll({signedPost(path, body)}).first();
    }
    Reply adminPost(const QByteArray &path, const QJsonObject &body) const
    {
        return sendAll({adminRequest("POST", path, body)}).first();
    }
    // Creates a verifier app with the admin token and signs as it from now on.
    bool createApp(const QString &name)
    {
        const Reply created = adminPost("/v1/internal/apps", {{"name", name}});
        const QJsonObject data = created.json.value("data").toObject();
        key = data.value("app").toObject().value("client_key").toString().toLatin1();
        secret = data.value("client_secret").toString().toLatin1();
        return !key.isEmpty() && !secret.isEmpty();
    }
    Reply adminGet(const QByteArray &pathAndQuery) const
    {
        return sendAll({adminRequest("GET", pathAndQuery)}).first();
    }

    QList<Reply> sendAll(const QList<QByteArray> &requests) const
    {
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        QList<QByteArray> buffers(requests.size());
        QList<Reply> replies(requests.size());
        QList<bool> done(requests.size(), false);
        for (qsizetype i = 0; i < requests.size(); ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, port);
            QObject::connect(socket.get(), &QTcpSocket::connected, socket.get(),
                             [s = socket.get(), bytes = requests.at(i)] { s->write(bytes); });
            QObject::connect(socket.get(), &QTcpSocket::readyRead, socket.get(),
                             [&, i, s = socket.get()] {
                                 buffers[i] += s->readAll();
                                 done[i] = parse(buffers.at(i), replies[i]);
                             });
            sockets.push_back(std::move(socket));
        }
        if (!QTest::qWaitFor([&] { return !done.contains(false); }, 60000))
            qWarning("some replies did not arrive within 60 s");
        return replies;
    }

private:
    // True once `buffer` holds a whole answer (head and Content-Length bytes of body).
    static bool parse(const QByteArray &buffer, Reply &reply)
    {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QByteArray head = buffer.left(end).toLower();
        const qsizetype at = head.indexOf("content-length:");
        const qsizetype length = at < 0
                ? 0
                : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
        if (buffer.size() < end + 4 + length)
            return false;
        reply.status = buffer.mid(9, 3).toInt();
        reply.json = QJsonDocument::fromJson(buffer.mid(end + 4, length)).object();
        return true;
    }
};
