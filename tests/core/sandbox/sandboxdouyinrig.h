#pragma once

#include <memory>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QStringList>
#include <QTest>
#include <QUrl>

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxserver.h"

// The sandbox's Douyin side over real loopback HTTP, as the reconciliation tests
// (tst_sandboxhistory, tst_sandboxledger, tst_sandboxelsewhere, tst_sandboxreconfaults) drive
// it: Douyin calls with a client_token, the control API, and two clocks the test owns. The
// sandbox clock stands still at START, so only POST /sandbox/clock moves it and every boundary
// is exact; the wall clock (the ledger's per-second limit) moves only when the test says.
class SandboxDouyinRig
{
public:
    // 2025-06-15 10:00 Beijing time: the sandbox's "today" began at DAY_START, 10 h before.
    static constexpr qint64 START = 1749952800;
    static constexpr qint64 DAY_START = START - 10 * 3600;
    static constexpr qint64 WALL_START_MS = Q_INT64_C(1750000000000);

    struct Reply
    {
        int status = 0;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QByteArray body;
        QJsonObject json;

        QJsonObject data() const { return json.value(QStringLiteral("data")).toObject(); }
        QJsonObject extra() const { return json.value(QStringLiteral("extra")).toObject(); }
        // As a client reads it: Douyin puts an error in extra or in data.
        qint64 errorCode() const
        {
            const qint64 platform = extra().value(QStringLiteral("error_code")).toInteger(0);
            return platform != 0 ? platform
                                 : data().value(QStringLiteral("error_code")).toInteger(-1);
        }
        QString description() const
        {
            const QString platform = extra().value(QStringLiteral("description")).toString();
            return platform.isEmpty() ? data().value(QStringLiteral("description")).toString()
                                      : platform;
        }
        QJsonArray records() const { return data().value(QStringLiteral("records")).toArray(); }
        QString errorField() const
        {
            return json.value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("field"))
                    .toString();
        }
    };

    struct Order
    {
        QString orderId;
        QString poiId;
        QStringList codes;
        QStringList encryptedCodes;
        QStringList certificateIds;
    };

    SandboxDouyinRig()
    {
        SandboxConfig config;
        config.seedDemoData = false;
        config.clock = [] {
            return START;
        };
        config.wallClockMs = [this] {
            return m_wallMs;
        };
        m_server = std::make_unique<SandboxServer>(config);
        const auto bound = m_server->listen({QStringLiteral("127.0.0.1"), 0});
        if (!bound.ok())
            qFatal("sandbox did not listen: %s", qPrintable(bound.error().message));
        renewToken();
    }

    ~SandboxDouyinRig() { m_network.clearConnectionCache(); }

    SandboxState &state() { return m_server->state(); }
    QUrl baseUrl() const { return m_server->baseUrl(); }
    // A fresh client_token, as a client fetches one when its own has expired.
    void renewToken()
    {
        m_token = send("POST", QString::fromLatin1(DouyinApi::PATH_CLIENT_TOKEN),
                       {{"client_key", "sandbox_client_key"},
                        {"client_secret", "sandbox_client_secret"},
                        {"grant_type", "client_credential"}})
                          .data()
                          .value(QStringLiteral("access_token"))
                          .toString();
        if (m_token.isEmpty())
            qFatal("no client_token from the sandbox");
    }
    void setToken(const QString &token) { m_token = token; }
    void advanceWallMs(qint64 ms) { m_wallMs += ms; }

    Reply send(const QByteArray &verb, const QString &pathAndQuery, const QJsonObject &body = {},
               int timeoutMs = 10000)
    {
        QNetworkRequest request(QUrl(m_server->baseUrl().toString() + pathAndQuery));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        request.setRawHeader("access-token", m_token.toLatin1());
        request.setTransferTimeout(timeoutMs);
        const QByteArray payload =
                body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, verb, payload));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(timeoutMs + 5000);
        Reply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.error = reply->error();
        result.body = reply->isOpen() ? reply->readAll() : QByteArray();
        result.json = QJsonDocument::fromJson(result.body).object();
        return result;
    }

    // GET of the history with the query as given ("size=20&cursor=0").
    Reply history(const QString &query)
    {
        return send("GET", QString::fromLatin1(DouyinApi::PATH_VERIFY_RECORD_QUERY) + u'?' + query);
    }
    Reply ledger(const QStringList &certificateIds)
    {
        return send("GET",
                    QString::fromLatin1(DouyinApi::PATH_LEDGER_QUERY)
                            + QStringLiteral("?certificate_ids=") + certificateIds.join(u','));
    }

    Order mint(QJsonObject spec = {})
    {
        const Reply reply = send("POST", QStringLiteral("/sandbox/orders"), spec);
        if (reply.status != 200)
            qFatal("mint failed: %s", reply.body.constData());
        const auto list = [&reply](const char *key) {
            QStringList values;
            for (const QJsonValue &value : reply.json.value(QLatin1String(key)).toArray())
                values.append(value.toString());
            return values;
        };
        return {reply.json.value(QStringLiteral("order_id")).toString(),
                reply.json.value(QStringLiteral("poi_id")).toString(), list("codes"),
                list("encrypted_codes"), list("certificate_ids")};
    }

    // Prepare by code, then verify it at the order's store, as the product does; the verify_id.
    QString verify(const Order &order, int index = 0)
    {
        const Reply prepared = send("GET",
                                    QString::fromLatin1(DouyinApi::PATH_PREPARE)
                                            + QStringLiteral("?code=") + order.codes.at(index));
        const Reply verified =
                send("POST", QString::fromLatin1(DouyinApi::PATH_VERIFY),
                     {{"verify_token", prepared.data().value(QStringLiteral("verify_token"))},
                      {"poi_id", order.poiId},
                      {"encrypted_codes", QJsonArray{order.encryptedCodes.at(index)}}});
        return verified.data()
                .value(QStringLiteral("verify_results"))
                .toArray()
                .first()
                .toObject()
                .value(QStringLiteral("verify_id"))
                .toString();
    }
    Reply cancel(const QString &verifyId, const QString &certificateId)
    {
        return send("POST", QString::fromLatin1(DouyinApi::PATH_CANCEL),
                    {{"verify_id", verifyId}, {"certificate_id", certificateId}});
    }
    Reply verifyElsewhere(const QString &orderId, const QJsonObject &body = {})
    {
        return send("POST", QStringLiteral("/sandbox/orders/%1/verify_elsewhere").arg(orderId),
                    body);
    }
    Reply cancelElsewhere(const QString &orderId, const QString &certificateId)
    {
        return send("POST", QStringLiteral("/sandbox/orders/%1/cancel_elsewhere").arg(orderId),
                    {{"certificate_id", certificateId}});
    }

    // Moves the sandbox clock; the client_token is renewed, as it may have expired meanwhile.
    qint64 advance(qint64 seconds)
    {
        const qint64 now =
                send("POST", QStringLiteral("/sandbox/clock"), {{"advance_seconds", seconds}})
                        .json.value(QStringLiteral("now"))
                        .toInteger(-1);
        renewToken();
        return now;
    }
    qint64 stat(const QString &endpoint)
    {
        return send("GET", QStringLiteral("/sandbox/stats")).json.value(endpoint).toInteger(-1);
    }
    bool fault(const QJsonObject &fault)
    {
        return send("POST", QStringLiteral("/sandbox/faults"), fault).status == 200;
    }

private:
    qint64 m_wallMs = WALL_START_MS;
    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_network;
    QString m_token;
};
