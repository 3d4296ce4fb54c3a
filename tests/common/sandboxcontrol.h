#pragma once

#include <memory>

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QUrl>

// The sandbox's control API (DOUYIN.md §11) as tests call it: over real HTTP, waiting for the
// answer without blocking the event loop the code under test runs on.
class SandboxControl
{
public:
    void setBaseUrl(const QString &baseUrl) { m_baseUrl = baseUrl; }

    QJsonObject call(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        QNetworkRequest request(QUrl(m_baseUrl + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(
                request, method, QJsonDocument(body).toJson(QJsonDocument::Compact)));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

    QJsonObject mintOrder(int certificates, QJsonObject extra = {})
    {
        extra.insert("certificates", certificates);
        return call("POST", "/sandbox/orders", extra);
    }

    void fault(const QString &endpoint, const QString &mode, int count = 1, QJsonObject extra = {})
    {
        extra.insert("endpoint", endpoint);
        extra.insert("mode", mode);
        extra.insert("count", count);
        call("POST", "/sandbox/faults", extra);
    }

    void clearFaults() { call("DELETE", "/sandbox/faults"); }

    int stat(const QString &endpoint)
    {
        return call("GET", "/sandbox/stats").value(endpoint).toInt(-1);
    }

    // The sandbox's time (Unix seconds), and moving it forward: cancel windows, client and
    // verify tokens and certificates all age by it. -1 when the sandbox refused.
    qint64 now() { return call("GET", "/sandbox/clock").value("now").toInteger(-1); }
    qint64 advanceClock(qint64 seconds)
    {
        return call("POST", "/sandbox/clock", {{"advance_seconds", seconds}})
                .value("now")
                .toInteger(-1);
    }

private:
    QString m_baseUrl;
    QNetworkAccessManager m_network;
};
