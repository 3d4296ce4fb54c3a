#include <optional>

#include <QHttpServer>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include "tests/common/sandboxcontrol.h"

#include "core/douyin/accesstokencache.h"
#include "core/douyin/douyinapi.h"
#include "core/douyin/douyinclient.h"
#include "core/sandbox/sandboxserver.h"

Q_DECLARE_METATYPE(Douyin::Error::Kind)

namespace {

template <typename T>
using Outcome = std::optional<Result<T, Douyin::Error>>;

// Collects one asynchronous answer; tests wait on it with QTRY_VERIFY.
template <typename T>
auto catcher(Outcome<T> &slot)
{
    return [&slot](const Result<T, Douyin::Error> &result) {
        slot = result;
    };
}

} // namespace

class tst_DouyinClient : public QObject
{
    Q_OBJECT

private:
    // The sandbox's control API, as an integrator would call it.
    template <typename T, typename Start>
    Result<T, Douyin::Error> await(Start start)
    {
        Outcome<T> outcome;
        start(catcher<T>(outcome));
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 30000))
            return Douyin::Error::make(Douyin::Error::Kind::Unknown, "test timed out waiting");
        return *outcome;
    }

    Result<Douyin::PrepareResult, Douyin::Error> prepareCode(const QString &code)
    {
        return await<Douyin::PrepareResult>([&](auto done) {
            m_client->prepare(Douyin::PrepareRequest{{}, code, {}}, this, done);
        });
    }

    Result<Douyin::VerifyResult, Douyin::Error>
    verifyCodes(const QString &token, const QString &poi, const QStringList &encryptedCodes)
    {
        return await<Douyin::VerifyResult>([&](auto done) {
            m_client->verify(Douyin::VerifyRequest{token, poi, encryptedCodes, {}, {}}, this, done);
        });
    }

    QString certificateStatus(const QString &orderId, int index)
    {
        const QJsonObject order = m_control.call("GET", "/sandbox/orders/" + orderId);
        return QString::number(
                order.value("certificates").toArray().at(index).toObject().value("status").toInt());
    }

    DouyinClient::Config sandboxConfig() const
    {
        DouyinClient::Config config;
        config.baseUrl = m_sandbox->baseUrl();
        config.shortLinkBase = m_sandbox->baseUrl();
        config.clientKey = "sandbox_client_key";
        config.clientSecret = "sandbox_client_secret";
        config.accountId = "sandbox_account";
        config.cooldownSeconds = 1;
        config.requestTimeoutMs = 1500;
        return config;
    }

    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<DouyinClient> m_client;
    SandboxControl m_control;

private slots:
    void initTestCase()
    {
        m_sandbox = std::make_unique<SandboxServer>();
        QVERIFY(m_sandbox->listen({"127.0.0.1", 0}).ok());
        m_control.setBaseUrl(m_sandbox->baseUrl().toString());
    }

    void init()
    {
        m_control.clearFaults();
        m_client = std::make_unique<DouyinClient>();
        m_client->setConfig(sandboxConfig());
    }

    void notConfigured()
    {
        DouyinClient client;
        const auto result = await<Douyin::PrepareResult>([&](auto done) {
            client.prepare(Douyin::PrepareRequest{{}, "123", {}}, this, done);
        });
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, Douyin::Error::Kind::NotConfigured);
    }

    void tokenIsFetchedOnceForManyCallers()
    {
        const int before = m_control.stat("client_token");
        QList<Outcome<QString>> outcomes(100);
        for (auto &outcome : outcomes)
            m_client->clientToken(this, catcher<QString>(outcome));
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(outcomes.cbegin(), outcomes.cend(),
                                             [](const auto &o) { return o.has_value(); }),
                                 10000);
        const QString first = outcomes.first()->value();
        QVERIFY(first.startsWith("clt."));
        for (const auto &outcome : outcomes)
            QCOMPARE(outcome->value(), first);
        QCOMPARE(m_control.stat("client_token") - before, 1);
        QCOMPARE(m_client->tokens()->fetchCount(), 1);
    }

    void wrongCredentialsAreRejected_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<qint64>("code");
        QTest::newRow("wrong key")
                << "nobody"
                << "sandbox_client_secret" << qint64(DouyinApi::CLIENT_KEY_INVALID);
        QTest::newRow("wrong secret") << "sandbox_client_key"
                                      << "guess" << qint64(DouyinApi::CLIENT_SECRET_INVALID);
    }

    void wrongCredentialsAreRejected()
    {
        QFETCH(QString, key);
        QFETCH(QString, secret);
        QFETCH(qint64, code);
        DouyinClient::Config config = sandboxConfig();
        config.clientKey = key;
        config.clientSecret = secret;
        m_client->setConfig(config);
        const auto result = prepareCode("1");
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, Douyin::Error::Kind::Rejected);
        QCOMPARE(result.error().code, code);
    }

    void prepareAndVerifyByCode()
    {
        const QJsonObject order = m_control.mintOrder(1, {{"pay_amount", 9900}});
        const QString code = order.value("codes").toArray().at(0).toString();
        const QString poi = order.value("poi_id").toString();
        QVERIFY(!code.isEmpty());

        const auto prepared = prepareCode(code);
        QVERIFY2(prepared.ok(), qPrintable(prepared.ok() ? "" : prepared.error().message));
        QCOMPARE(prepared.value().certificates.size(), 1);
        const Douyin::PreparedCertificate &certificate = prepared.value().certificates.first();
        QCOMPARE(certificate.certificateId,
                 order.value("certificate_ids").toArray().at(0).toString());
        QCOMPARE(certificate.amount.payAmount, 9900);
        QVERIFY(!prepared.value().verifyToken.isEmpty());
        QCOMPARE(prepared.value().orderId, order.value("order_id").toString());

        const auto verified =
                verifyCodes(prepared.value().verifyToken, poi, {certificate.encryptedCode});
        QVERIFY2(verified.ok(), qPrintable(verified.ok() ? "" : verified.error().message));
        QCOMPARE(verified.value().results.size(), 1);
        const Douyin::VerifyCodeResult &result = verified.value().results.first();
        QCOMPARE(result.result, 0);
        QVERIFY(!result.verifyId.isEmpty());
        QCOMPARE(result.certificateId, certificate.certificateId);
        QVERIFY(verified.value().raw.contains("data"));
        QCOMPARE(certificateStatus(order.value("order_id").toString(), 0),
                 QString::number(int(DouyinApi::CertificateStatus::Verified)));

        // The identical request again (a retry) is answered as already applied.
        const auto retried =
                verifyCodes(prepared.value().verifyToken, poi, {certificate.encryptedCode});
        QVERIFY(retried.ok());
        QCOMPARE(retried.value().results.first().result, qint64(DouyinApi::VERIFY_REPEATED));

        // A used coupon can no longer be prepared.
        const auto again = prepareCode(code);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().kind, Douyin::Error::Kind::Rejected);
    }

    void shortLinkWholeOrder()
    {
        const QJsonObject order = m_control.mintOrder(3);
        const QString link = order.value("short_link").toString();
        QVERIFY(link.startsWith("http"));
        const auto resolved =
                await<QString>([&](auto done) { m_client->resolveShortLink(link, this, done); });
        QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? "" : resolved.error().message));

        const auto prepared = await<Douyin::PrepareResult>([&](auto done) {
            m_client->prepare(Douyin::PrepareRequest{resolved.value(), {}, {}}, this, done);
        });
        QVERIFY(prepared.ok());
        QCOMPARE(prepared.value().certificates.size(), 3);
        const QStringList two{prepared.value().certificates.at(0).encryptedCode,
                              prepared.value().certificates.at(1).encryptedCode};
        const auto verified =
                verifyCodes(prepared.value().verifyToken, order.value("poi_id").toString(), two);
        QVERIFY(verified.ok());
        QCOMPARE(verified.value().results.size(), 2);
        for (const Douyin::VerifyCodeResult &result : verified.value().results)
            QCOMPARE(result.result, 0);
    }

    void badShortLinks_data()
    {
        QTest::addColumn<QString>("link");
        QTest::newRow("foreign host") << "https://example.com/v/abc/";
        QTest::newRow("not a url") << "v.douyin.com/abc";
        QTest::newRow("unknown short link") << "SANDBOX/v/doesnotexist/";
        QTest::newRow("no redirect") << "SANDBOX/sandbox/stats";
    }

    void badShortLinks()
    {
        QFETCH(QString, link);
        link.replace("SANDBOX", m_sandbox->baseUrl().toString());
        const auto resolved =
                await<QString>([&](auto done) { m_client->resolveShortLink(link, this, done); });
        QVERIFY(!resolved.ok());
        QCOMPARE(resolved.error().kind, Douyin::Error::Kind::BadLink);
    }

    void pageUrlWithObjectIdNeedsNoRequest()
    {
        const int before = m_control.stat("short_link");
        const auto resolved = await<QString>([&](auto done) {
            m_client->resolveShortLink(
                    "https://www.douyin.com/life/coupon?object_id=ab%2Bc%3D%3D&x=1", this, done);
        });
        QVERIFY(resolved.ok());
        QCOMPARE(resolved.value(), QString("ab+c=="));
        QCOMPARE(m_control.stat("short_link"), before);
    }

    void deadShortLinkAfterFullUse()
    {
        const QJsonObject order = m_control.mintOrder(1);
        const QString link = order.value("short_link").toString();
        const auto resolved =
                await<QString>([&](auto done) { m_client->resolveShortLink(link, this, done); });
        QVERIFY(resolved.ok());
        const auto prepared = await<Douyin::PrepareResult>([&](auto done) {
            m_client->prepare(Douyin::PrepareRequest{resolved.value(), {}, {}}, this, done);
        });
        QVERIFY(prepared.ok());
        QVERIFY(verifyCodes(prepared.value().verifyToken, order.value("poi_id").toString(),
                            {prepared.value().certificates.first().encryptedCode})
                        .ok());
        const auto dead =
                await<QString>([&](auto done) { m_client->resolveShortLink(link, this, done); });
        QVERIFY(!dead.ok());
        QCOMPARE(dead.error().kind, Douyin::Error::Kind::BadLink);
    }

    void verifyFaults_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("applied");

        QTest::newRow("drop_after_commit")
                << "drop_after_commit" << int(Douyin::Error::Kind::Unknown) << true;
        QTest::newRow("drop_before_commit")
                << "drop_before_commit" << int(Douyin::Error::Kind::Unknown) << false;
        QTest::newRow("http_500") << "http_500" << int(Douyin::Error::Kind::Unknown) << false;
        QTest::newRow("delay past timeout") << "delay" << int(Douyin::Error::Kind::Unknown) << true;
        QTest::newRow("busy error code")
                << "error_code" << int(Douyin::Error::Kind::Rejected) << false;
        QTest::newRow("rate_limit") << "rate_limit" << int(Douyin::Error::Kind::Cooldown) << false;
    }

    void verifyFaults()
    {
        QFETCH(QString, mode);
        QFETCH(int, kind);
        QFETCH(bool, applied);

        const QJsonObject order = m_control.mintOrder(1);
        const auto prepared = prepareCode(order.value("codes").toArray().at(0).toString());
        QVERIFY(prepared.ok());
        m_control.fault("verify", mode, 1,
                        {{"delay_ms", 3000}, {"error_code", qint64(DouyinApi::SYSTEM_BUSY)}});
        const int before = m_control.stat("verify");
        const auto verified =
                verifyCodes(prepared.value().verifyToken, order.value("poi_id").toString(),
                            {prepared.value().certificates.first().encryptedCode});
        QVERIFY(!verified.ok());
        QCOMPARE(int(verified.error().kind), kind);
        // Verify is never retried by the client.
        QCOMPARE(m_control.stat("verify") - before, 1);
        // With "delay" the sandbox applies the verify once its delay has passed.
        QTRY_COMPARE_WITH_TIMEOUT(
                certificateStatus(order.value("order_id").toString(), 0),
                QString::number(int(applied ? DouyinApi::CertificateStatus::Verified
                                            : DouyinApi::CertificateStatus::Usable)),
                10000);
        if (mode == "rate_limit") {
            QVERIFY(m_client->cooldownRemaining() > 0);
            // Nothing is sent during the cooldown.
            const auto blocked = prepareCode(order.value("codes").toArray().at(0).toString());
            QCOMPARE(blocked.error().kind, Douyin::Error::Kind::Cooldown);
            QCOMPARE(m_control.stat("verify") - before, 1);
            QTRY_COMPARE_WITH_TIMEOUT(m_client->cooldownRemaining(), 0, 5000);
        }
    }

    void readsAreRetried()
    {
        const QJsonObject order = m_control.mintOrder(1);
        const QString encrypted = order.value("encrypted_codes").toArray().at(0).toString();
        m_control.fault("certificate_get", "http_500", 2);
        const int before = m_control.stat("certificate_get");
        const auto got = await<Douyin::CertificateGetResult>(
                [&](auto done) { m_client->certificateGet(encrypted, this, done); });
        QVERIFY2(got.ok(), qPrintable(got.ok() ? "" : got.error().message));
        QCOMPARE(m_control.stat("certificate_get") - before, 3);
        QCOMPARE(got.value().certificate.status, int(DouyinApi::CertificateStatus::Usable));
    }

    void readsGiveUpAfterThreeAttempts()
    {
        m_control.fault("poi_query", "http_500", 5);
        const int before = m_control.stat("poi_query");
        const auto pois = await<Douyin::PoiQueryResult>(
                [&](auto done) { m_client->poiQuery(Douyin::PoiQueryRequest{}, this, done); });
        QVERIFY(!pois.ok());
        QCOMPARE(pois.error().kind, Douyin::Error::Kind::BadAnswer);
        QCOMPARE(m_control.stat("poi_query") - before, 3);
    }

    void prepareIsNotRetriedOnceSent()
    {
        m_control.fault("prepare", "http_500", 1);
        const int before = m_control.stat("prepare");
        const auto prepared = prepareCode("123456");
        QVERIFY(!prepared.ok());
        QCOMPARE(prepared.error().kind, Douyin::Error::Kind::BadAnswer);
        QCOMPARE(m_control.stat("prepare") - before, 1);
    }

    void expiredTokenIsReplacedOnce()
    {
        const QJsonObject order = m_control.mintOrder(1);
        QVERIFY(prepareCode(order.value("codes").toArray().at(0).toString()).ok());
        const QString oldToken = m_client->tokens()->currentToken();
        m_control.call("POST", "/sandbox/tokens/expire");
        const int tokensBefore = m_control.stat("client_token");
        const auto prepared = prepareCode(order.value("codes").toArray().at(0).toString());
        QVERIFY2(prepared.ok(), qPrintable(prepared.ok() ? "" : prepared.error().message));
        QCOMPARE(m_control.stat("client_token") - tokensBefore, 1);
        QVERIFY(m_client->tokens()->currentToken() != oldToken);
    }

    void statusQueriesReflectVerification()
    {
        const QJsonObject order = m_control.mintOrder(2);
        const QString orderId = order.value("order_id").toString();
        const auto prepared = prepareCode(order.value("codes").toArray().at(0).toString());
        QVERIFY(prepared.ok());
        QVERIFY(verifyCodes(prepared.value().verifyToken, order.value("poi_id").toString(),
                            {prepared.value().certificates.first().encryptedCode})
                        .ok());

        const auto query = await<Douyin::CertificateQueryResult>([&](auto done) {
            m_client->certificateQuery(Douyin::CertificateQueryRequest{{}, orderId}, this, done);
        });
        QVERIFY2(query.ok(), qPrintable(query.ok() ? "" : query.error().message));
        QCOMPARE(query.value().certificates.size(), 2);
        int verified = 0;
        for (const Douyin::CertificateState &state : query.value().certificates) {
            if (state.status == int(DouyinApi::CertificateStatus::Verified)) {
                ++verified;
                QVERIFY(!state.verifyRecords.isEmpty() || state.hasVerify);
            }
        }
        QCOMPARE(verified, 1);

        const auto orders = await<Douyin::OrderQueryResult>([&](auto done) {
            m_client->orderQuery(Douyin::OrderQueryRequest{{}, orderId, 1, 10}, this, done);
        });
        QVERIFY(orders.ok());
        QCOMPARE(orders.value().orders.size(), 1);
        QCOMPARE(orders.value().orders.first().orderId, orderId);
        QCOMPARE(orders.value().orders.first().orderStatus,
                 int(DouyinApi::OrderStatus::PartlyUsed));

        const auto pois = await<Douyin::PoiQueryResult>(
                [&](auto done) { m_client->poiQuery(Douyin::PoiQueryRequest{}, this, done); });
        QVERIFY(pois.ok());
        QVERIFY(!pois.value().pois.isEmpty());
        QVERIFY(!pois.value().pois.first().poiName.isEmpty());
    }

    void unreachableDouyinIsUnavailable()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        DouyinClient::Config config = sandboxConfig();
        config.baseUrl = QUrl(QString("http://127.0.0.1:%1").arg(port));
        m_client->setConfig(config);
        const auto verified = verifyCodes("t", "p", {"c"});
        QVERIFY(!verified.ok());
        QCOMPARE(verified.error().kind, Douyin::Error::Kind::Unavailable);
    }

    // Answers that are not Douyin's envelope, from a peer that speaks HTTP but not Douyin.
    void malformedAnswers_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("prepareKind");
        QTest::addColumn<int>("verifyKind");

        const int bad = int(Douyin::Error::Kind::BadAnswer);
        const int unknown = int(Douyin::Error::Kind::Unknown);
        QTest::newRow("not json") << QByteArray("<html>busy</html>") << bad << unknown;
        QTest::newRow("json array") << QByteArray("[1,2]") << bad << unknown;
        QTest::newRow("empty object") << QByteArray("{}") << bad << unknown;
        QTest::newRow("data of wrong type")
                << QByteArray("{\"data\":\"x\",\"extra\":{}}") << bad << unknown;
        QTest::newRow("missing fields")
                << QByteArray("{\"data\":{\"error_code\":0},\"extra\":{\"error_code\":0}}") << bad
                << unknown;
        QTest::newRow("wrong types")
                << QByteArray("{\"data\":{\"verify_token\":5,\"certificates\":{},"
                              "\"verify_results\":\"no\"},\"extra\":{}}")
                << bad << unknown;
        QTest::newRow("huge body") << QByteArray(6 * 1024 * 1024, ' ') << bad << unknown;
    }

    void malformedAnswers()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, prepareKind);
        QFETCH(int, verifyKind);

        QHttpServer peer;
        const auto answer = [body](const QHttpServerRequest &, QHttpServerResponder &&responder) {
            responder.write(body, "application/json");
        };
        peer.route(
                "/oauth/client_token/",
                [](const QHttpServerRequest &, QHttpServerResponder &&responder) {
                    responder.write(
                            QByteArray("{\"data\":{\"access_token\":\"clt.x\",\"expires_in\":7200,"
                                       "\"error_code\":0}}"),
                            "application/json");
                });
        peer.route("/goodlife/v1/fulfilment/certificate/prepare/", answer);
        peer.route("/goodlife/v1/fulfilment/certificate/verify/", answer);
        const quint16 port = peer.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port);
        DouyinClient::Config config = sandboxConfig();
        config.baseUrl = QUrl(QString("http://127.0.0.1:%1").arg(port));
        config.maxReadAttempts = 1;
        m_client->setConfig(config);

        const auto prepared = prepareCode("1");
        QVERIFY(!prepared.ok());
        QCOMPARE(int(prepared.error().kind), prepareKind);
        const auto verified = verifyCodes("t", "p", {"c"});
        QVERIFY(!verified.ok());
        QCOMPARE(int(verified.error().kind), verifyKind);
    }
};

QTEST_GUILESS_MAIN(tst_DouyinClient)
#include "tst_douyinclient.moc"
