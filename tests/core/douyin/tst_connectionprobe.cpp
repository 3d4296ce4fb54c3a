#include <QDeadlineTimer>
#include <QTcpServer>
#include <QTest>

#include "core/douyin/connectionprobe.h"
#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxserver.h"

class tst_ConnectionProbe : public QObject
{
    Q_OBJECT

private:
    DouyinClient::Config sandboxConfig() const
    {
        DouyinClient::Config config;
        config.baseUrl = m_sandbox->baseUrl();
        config.clientKey = "sandbox_client_key";
        config.clientSecret = "sandbox_client_secret";
        config.accountId = "sandbox_account";
        return config;
    }

    // Runs one probe; nullopt unless it reported exactly once.
    static std::optional<ConnectionProbe::Outcome> probe(const DouyinClient::Config &config)
    {
        ConnectionProbe probe(config);
        std::optional<ConnectionProbe::Outcome> outcome;
        int reports = 0;
        probe.run([&](const ConnectionProbe::Outcome &o) {
            outcome = o;
            ++reports;
        });
        QDeadlineTimer deadline(20000);
        while (!outcome && !deadline.hasExpired())
            QTest::qWait(10);
        QTest::qWait(50); // a second report would have arrived by now
        return reports == 1 ? outcome : std::nullopt;
    }

    std::unique_ptr<SandboxServer> m_sandbox;

private slots:
    void initTestCase()
    {
        m_sandbox = std::make_unique<SandboxServer>();
        QVERIFY(m_sandbox->listen(HostPort{"127.0.0.1", 0}).ok());
    }

    void goodCredentialsListThePois()
    {
        const auto outcome = probe(sandboxConfig());
        QVERIFY(outcome);
        QVERIFY(outcome->ok());
        QVERIFY(outcome->tokenFetched);
        QCOMPARE(outcome->poiTotal, 3);
        QCOMPARE(outcome->pois.size(), 3);
        QCOMPARE(outcome->pois.first().poiId, QString("7212541306826811429"));
    }

    void wrongCredentialsFailBeforeTheToken_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<qint64>("code");
        QTest::newRow("wrong key")
                << "nope"
                << "sandbox_client_secret" << qint64(DouyinApi::CLIENT_KEY_INVALID);
        QTest::newRow("wrong secret") << "sandbox_client_key"
                                      << "nope" << qint64(DouyinApi::CLIENT_SECRET_INVALID);
    }

    void wrongCredentialsFailBeforeTheToken()
    {
        QFETCH(QString, key);
        QFETCH(QString, secret);
        QFETCH(qint64, code);
        DouyinClient::Config config = sandboxConfig();
        config.clientKey = key;
        config.clientSecret = secret;
        const auto outcome = probe(config);
        QVERIFY(outcome);
        QVERIFY(!outcome->ok());
        QVERIFY(!outcome->tokenFetched);
        QCOMPARE(outcome->error->kind, Douyin::Error::Kind::Rejected);
        QCOMPARE(outcome->error->code, code);
        QVERIFY(!outcome->error->description.isEmpty());
    }

    void wrongAccountFailsAfterTheToken()
    {
        DouyinClient::Config config = sandboxConfig();
        config.accountId = "someone_else";
        const auto outcome = probe(config);
        QVERIFY(outcome);
        QVERIFY(!outcome->ok());
        QVERIFY(outcome->tokenFetched);
        QCOMPARE(outcome->error->code, qint64(DouyinApi::MERCHANT_NOT_AUTHORISED));
    }

    void missingCredentialsAreNotConfigured()
    {
        DouyinClient::Config config = sandboxConfig();
        config.clientSecret.clear();
        const auto outcome = probe(config);
        QVERIFY(outcome);
        QVERIFY(!outcome->ok());
        QCOMPARE(outcome->error->kind, Douyin::Error::Kind::NotConfigured);
    }

    void nobodyListeningIsUnavailable()
    {
        QTcpServer reserve; // a port that was free a moment ago and now refuses
        QVERIFY(reserve.listen(QHostAddress::LocalHost));
        const quint16 port = reserve.serverPort();
        reserve.close();
        DouyinClient::Config config = sandboxConfig();
        config.baseUrl = QUrl(QString("http://127.0.0.1:%1").arg(port));
        const auto outcome = probe(config);
        QVERIFY(outcome);
        QVERIFY(!outcome->ok());
        QVERIFY(!outcome->tokenFetched);
        QCOMPARE(outcome->error->kind, Douyin::Error::Kind::Unavailable);
    }
};

QTEST_GUILESS_MAIN(tst_ConnectionProbe)
#include "tst_connectionprobe.moc"
