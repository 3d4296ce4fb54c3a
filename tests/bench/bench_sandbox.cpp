#include <memory>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxserver.h"

// Sandbox prepare+verify round trips over loopback: what a test suite or a load test against
// the sandbox can expect from it.
class bench_Sandbox : public QObject
{
    Q_OBJECT

private:
    QJsonObject call(QNetworkReply *raw)
    {
        std::unique_ptr<QNetworkReply> reply(raw);
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(10000))
            return {};
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

    QNetworkRequest request(const char *path, const QString &query = {})
    {
        QUrl url = m_server->baseUrl();
        url.setPath(QString::fromLatin1(path));
        if (!query.isEmpty())
            url.setQuery(query);
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        request.setRawHeader("access-token", m_token.toLatin1());
        return request;
    }

    // One coupon from mint to verified; false if any step did not succeed.
    bool roundTrip()
    {
        SandboxState::OrderSpec spec;
        const auto minted = m_server->state().mintOrder(spec);
        if (!minted.ok())
            return false;
        const QJsonObject prepared = call(m_network.get(
                request(DouyinApi::PATH_PREPARE, "code=" + minted.value().codes.first())));
        const QString verifyToken =
                prepared.value("data").toObject().value("verify_token").toString();
        const QJsonObject body{
                {"verify_token", verifyToken},
                {"poi_id", minted.value().poiId},
                {"encrypted_codes", QJsonArray::fromStringList(minted.value().encryptedCodes)}};
        const QJsonObject verified =
                call(m_network.post(request(DouyinApi::PATH_VERIFY),
                                    QJsonDocument(body).toJson(QJsonDocument::Compact)));
        return verified.value("data")
                       .toObject()
                       .value("verify_results")
                       .toArray()
                       .first()
                       .toObject()
                       .value("result")
                       .toInteger(-1)
                == 0;
    }

    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_network;
    QString m_token;

private slots:
    void initTestCase()
    {
        SandboxConfig config;
        config.seedDemoData = false;
        m_server = std::make_unique<SandboxServer>(config);
        QVERIFY(m_server->listen({"127.0.0.1", 0}).ok());
        QUrl url = m_server->baseUrl();
        url.setPath(DouyinApi::PATH_CLIENT_TOKEN);
        QNetworkRequest tokenRequest(url);
        tokenRequest.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        const QJsonObject answer = call(m_network.post(tokenRequest,
                                                       R"({"client_key":"sandbox_client_key",)"
                                                       R"("client_secret":"sandbox_client_secret",)"
                                                       R"("grant_type":"client_credential"})"));
        m_token = answer.value("data").toObject().value("access_token").toString();
        QVERIFY(!m_token.isEmpty());
    }

    void roundTripsPerSecond()
    {
        constexpr qint64 RUN_MS = 3000;
        QVERIFY(roundTrip()); // warm up the connection
        QElapsedTimer timer;
        timer.start();
        int done = 0;
        while (timer.elapsed() < RUN_MS) {
            QVERIFY(roundTrip());
            ++done;
        }
        const double perSecond = done * 1000.0 / double(timer.elapsed());
        qInfo("sandbox prepare+verify round trips per second over loopback: %.0f (%d in %lld ms)",
              perSecond, done, timer.elapsed());
    }

    void oneRoundTrip()
    {
        QBENCHMARK {
            QVERIFY(roundTrip());
        }
    }
};

QTEST_GUILESS_MAIN(bench_Sandbox)
#include "bench_sandbox.moc"
