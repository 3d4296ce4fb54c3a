#include <memory>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxclock.h"
#include "core/sandbox/sandboxserver.h"

namespace {

constexpr qint64 START = 1750000000;

struct Reply
{
    int status = 0;
    QJsonObject json;

    QJsonObject data() const { return json.value("data").toObject(); }
    qint64 errorCode() const
    {
        const QJsonObject extra = json.value("extra").toObject();
        const qint64 platform = extra.value("error_code").toInteger(0);
        return platform != 0 ? platform : data().value("error_code").toInteger(-1);
    }
    QJsonObject error() const { return json.value("error").toObject(); }
};

} // namespace

// POST /sandbox/clock {"advance_seconds": N} and GET /sandbox/clock, over real HTTP: the
// sandbox's time moves forward for everything that ages.
class tst_SandboxClock : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_network;
    QString m_token;

    void start(const SandboxConfig &config)
    {
        m_server = std::make_unique<SandboxServer>(config);
        QVERIFY(m_server->listen({QStringLiteral("127.0.0.1"), 0}).ok());
        m_token = fetchToken();
        QVERIFY(!m_token.isEmpty());
    }

    Reply send(const QByteArray &verb, const QString &path, const QByteArray &body = {})
    {
        QNetworkRequest request(QUrl(m_server->baseUrl().toString() + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        request.setRawHeader("access-token", m_token.toLatin1());
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, verb, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                QJsonDocument::fromJson(reply->readAll()).object()};
    }

    Reply post(const QString &path, const QJsonObject &body)
    {
        return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    QString fetchToken()
    {
        return post(QString::fromLatin1(DouyinApi::PATH_CLIENT_TOKEN),
                    {{"client_key", "sandbox_client_key"},
                     {"client_secret", "sandbox_client_secret"},
                     {"grant_type", "client_credential"}})
                .data()
                .value("access_token")
                .toString();
    }

    qint64 now() { return send("GET", "/sandbox/clock").json.value("now").toInteger(-1); }

    Reply advance(qint64 seconds) { return post("/sandbox/clock", {{"advance_seconds", seconds}}); }

    Reply prepare(const QString &code)
    {
        return send("GET", QString::fromLatin1(DouyinApi::PATH_PREPARE) + "?code=" + code);
    }

    static SandboxConfig fixedClock()
    {
        SandboxConfig config;
        config.seedDemoData = false;
        config.clock = [] {
            return START;
        };
        return config;
    }

private slots:
    void cleanup()
    {
        m_network.clearConnectionCache();
        m_server.reset();
    }

    // The default clock is the wall clock; the offset goes on top of it.
    void wallClockPlusOffset()
    {
        start({});
        const qint64 wall = QDateTime::currentSecsSinceEpoch();
        QVERIFY(qAbs(now() - wall) <= 2);
        const Reply moved = advance(86400);
        QCOMPARE(moved.status, 200);
        QCOMPARE(moved.json.keys(), QStringList{"now"});
        QVERIFY(qAbs(moved.json.value("now").toInteger() - wall - 86400) <= 2);
        QVERIFY(qAbs(now() - wall - 86400) <= 2);
    }

    // A test's own clock (SandboxConfig::clock) still decides; /sandbox/clock adds to it, and
    // Douyin's envelope tells the same time.
    void configuredClockPlusOffset()
    {
        start(fixedClock());
        QCOMPARE(now(), START);
        QCOMPARE(advance(0).json.value("now").toInteger(), START);
        QCOMPARE(advance(100).json.value("now").toInteger(), START + 100);
        QCOMPARE(advance(20).json.value("now").toInteger(), START + 120);
        QCOMPARE(now(), START + 120);
        const Reply stores = send("GET", QString::fromLatin1(DouyinApi::PATH_POI_QUERY));
        QCOMPARE(stores.json.value("extra").toObject().value("now").toInteger(), START + 120);
        QCOMPARE(m_server->state().now(), START + 120);
    }

    void advanceRejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("negative") << QByteArray("{\"advance_seconds\":-1}") << "advance_seconds";
        QTest::newRow("fraction") << QByteArray("{\"advance_seconds\":1.5}") << "advance_seconds";
        QTest::newRow("as text") << QByteArray("{\"advance_seconds\":\"60\"}") << "advance_seconds";
        QTest::newRow("missing") << QByteArray("{}") << "advance_seconds";
        QTest::newRow("empty body") << QByteArray() << "advance_seconds";
        QTest::newRow("beyond ten years")
                << QByteArray("{\"advance_seconds\":"
                              + QByteArray::number(SandboxClock::MAX_ADVANCE_SECONDS + 1) + "}")
                << "advance_seconds";
        QTest::newRow("huge") << QByteArray("{\"advance_seconds\":1e300}") << "advance_seconds";
        QTest::newRow("unknown field")
                << QByteArray("{\"advance_seconds\":1,\"seconds\":1}") << "seconds";
        QTest::newRow("not json") << QByteArray("{oops") << "body";
    }

    void advanceRejectsBadInput()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        start(fixedClock());
        const Reply refused = send("POST", "/sandbox/clock", body);
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.error().value("code").toString(), QStringLiteral("bad_request"));
        QCOMPARE(refused.error().value("field").toString(), field);
        QVERIFY(refused.error().value("message").toString().startsWith(field + ": "));
        QCOMPARE(now(), START);
    }

    void clockEndpointMethods_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<int>("status");
        QTest::newRow("GET") << QByteArray("GET") << 200;
        QTest::newRow("POST") << QByteArray("POST") << 400; // needs a body
        QTest::newRow("DELETE") << QByteArray("DELETE") << 405;
        QTest::newRow("PUT") << QByteArray("PUT") << 405;
    }

    void clockEndpointMethods()
    {
        QFETCH(QByteArray, verb);
        QFETCH(int, status);
        start(fixedClock());
        QCOMPARE(send(verb, "/sandbox/clock").status, status);
    }

    // Every lifetime reads the moved clock: client tokens, verify tokens, certificates.
    void everythingAges_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<qint64>("justBefore"); // seconds still alive
        QTest::addColumn<qint64>("expected"); // the code once one second more has passed
        QTest::newRow("client_token, 2 h")
                << "client_token" << qint64(DouyinApi::TOKEN_LIFETIME_SECONDS - 1)
                << qint64(DouyinApi::TOKEN_EXPIRED);
        QTest::newRow("verify_token, 30 min")
                << "verify_token" << qint64(DouyinApi::VERIFY_TOKEN_LIFETIME_SECONDS - 1)
                << qint64(DouyinApi::VERIFY_TOKEN_INVALID);
        QTest::newRow("certificate, 1 day")
                << "certificate" << qint64(86400 - 1) << qint64(DouyinApi::CERTIFICATE_EXPIRED);
    }

    void everythingAges()
    {
        QFETCH(QString, what);
        QFETCH(qint64, justBefore);
        QFETCH(qint64, expected);
        start(fixedClock());
        const QJsonObject order = post("/sandbox/orders", {{"expire_in_days", 1}}).json;
        const QString code = order.value("codes").toArray().first().toString();
        const QJsonObject verify{{"verify_token", prepare(code).data().value("verify_token")},
                                 {"poi_id", order.value("poi_id")},
                                 {"encrypted_codes", order.value("encrypted_codes")}};
        const auto probe = [&]() -> qint64 {
            if (what == u"client_token")
                return send("GET", QString::fromLatin1(DouyinApi::PATH_POI_QUERY)).errorCode();
            if (what == u"verify_token")
                return post(QString::fromLatin1(DouyinApi::PATH_VERIFY), verify)
                        .data()
                        .value("verify_results")
                        .toArray()
                        .first()
                        .toObject()
                        .value("result")
                        .toInteger(-1);
            m_token = fetchToken(); // a day outlives the client_token
            return prepare(code).errorCode();
        };
        QCOMPARE(advance(justBefore).status, 200);
        if (what != u"verify_token") // a verify that works would use the token up
            QCOMPARE(probe(), 0);
        QCOMPARE(advance(1).status, 200);
        QCOMPARE(probe(), expected);
    }
};

QTEST_GUILESS_MAIN(tst_SandboxClock)
#include "tst_sandboxclock.moc"
