#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "tests/common/sandboxcontrol.h"
#include "tests/common/testdatabase.h"

#include "core/crypto/secretbox.h"
#include "core/meituan/meituanclient.h"
#include "core/meituan/meituantokenkeeper.h"
#include "core/sandbox/sandboxdemodata.h"
#include "core/sandbox/sandboxserver.h"
#include "core/store/database.h"
#include "core/store/meituanstorerepository.h"

// The one owner of each bound store's Meituan token pair, against the sandbox's oauth paths:
// binding, refreshing ahead of expiry, replacing a refused token once, and in chain mode
// (gateways on one PostgreSQL database) one refresh for all of them.
class tst_MeituanTokenKeeper : public QObject
{
    Q_OBJECT

private:
    // One gateway's parts: its own connection, client and keeper on the shared database.
    struct Gateway
    {
        std::unique_ptr<Database> database;
        std::unique_ptr<MeituanClient> client;
        std::unique_ptr<MeituanStoreRepository> repository;
        std::unique_ptr<MeituanTokenKeeper> keeper;
    };

    std::unique_ptr<Gateway> gateway(const QString &dir)
    {
        auto opened = TestDatabase::openInDir(dir);
        if (!opened.ok())
            return nullptr;
        auto g = std::make_unique<Gateway>();
        g->database = std::move(opened).value();
        g->client = std::make_unique<MeituanClient>();
        MeituanClient::Config config;
        config.baseUrl = m_sandbox->baseUrl();
        config.developerId = 100001;
        config.signKey = "sandbox_meituan_sign_key";
        g->client->setConfig(config);
        g->repository = std::make_unique<MeituanStoreRepository>(g->database.get(), &m_box);
        g->keeper = std::make_unique<MeituanTokenKeeper>(g->client.get(), g->repository.get());
        g->keeper->start();
        return g;
    }

    static QString store() { return SandboxDemoData::stores().first().poiId; }

    static std::optional<MeituanStore> bind(MeituanTokenKeeper &keeper, const QString &code)
    {
        std::optional<Result<MeituanStore, Meituan::Error>> bound;
        keeper.bind(store(), code, &keeper, [&](const auto &result) { bound = result; });
        if (!QTest::qWaitFor([&] { return bound.has_value(); }, 20000) || !bound->ok())
            return std::nullopt;
        return bound->value();
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        SandboxConfig config;
        config.seedDemoData = false;
        m_sandbox = std::make_unique<SandboxServer>(config);
        QVERIFY(m_sandbox->listen({"127.0.0.1", 0}).ok());
        m_control.setBaseUrl(m_sandbox->baseUrl().toString());
        ++m_run;
    }

    void cleanup() { m_sandbox.reset(); }

    void bindingIsStoredSealedAndReadByAnotherGateway()
    {
        const QString dir = m_dir.filePath(QString("bind-%1").arg(m_run));
        auto first = gateway(dir);
        QVERIFY(first);
        QVERIFY(!bind(*first->keeper, "not-a-code"));
        QVERIFY(!first->keeper->hasStore(store()));
        const auto bound = bind(*first->keeper, "sandbox-auth-" + store());
        QVERIFY(bound);
        QCOMPARE(bound->opBizCode, "mt-" + store());
        QVERIFY(bound->expiresAt > QDateTime::currentSecsSinceEpoch() + 29 * 24 * 3600);

        // Sealed at rest: the token's text is nowhere in the row.
        QSqlQuery raw(first->database->connection());
        QVERIFY(raw.exec("SELECT access_token_sealed FROM meituan_stores"));
        QVERIFY(raw.next());
        QVERIFY(!raw.value(0).toByteArray().contains(bound->accessToken.toUtf8()));

        auto second = gateway(dir);
        QVERIFY(second);
        QVERIFY(second->keeper->hasStore(store()));
        std::optional<QString> token;
        second->keeper->token(store(), this, [&](const auto &result) {
            token = result.ok() ? result.value() : QString();
        });
        QTRY_VERIFY(token.has_value());
        QCOMPARE(*token, bound->accessToken);
        QCOMPARE(second->keeper->refreshCount(), 0);
    }

    void refreshesAheadOfExpiryOnce()
    {
        auto g = gateway(m_dir.filePath(QString("ahead-%1").arg(m_run)));
        QVERIFY(g);
        const auto bound = bind(*g->keeper, "sandbox-auth-" + store());
        QVERIFY(bound);
        g->keeper->setClock([bound] {
            return bound->expiresAt - MeituanTokenKeeper::REFRESH_MARGIN_SECONDS + 1;
        });
        g->keeper->refreshDue();
        g->keeper->refreshDue(); // the second finds the refresh running or done
        QTRY_COMPARE(m_control.stat("meituan.oauth_refresh"), 1);
        QTRY_VERIFY(g->repository->load(store())->accessToken != bound->accessToken);
        QCOMPARE(g->keeper->refreshCount(), 1);
    }

    // Three gateways whose calls Meituan refused with OP_TOKEN_EXPIRED at once: one refresh.
    void chainRefreshesARefusedTokenOnce()
    {
        if (!TestDatabase::usesPostgresql())
            QSKIP("one database shared by several gateways is chain mode: PostgreSQL");
        const QString dir = m_dir.filePath(QString("chain-%1").arg(m_run));
        std::vector<std::unique_ptr<Gateway>> gateways;
        for (int i = 0; i < 3; ++i) {
            gateways.push_back(gateway(dir));
            QVERIFY(gateways.back());
        }
        const auto bound = bind(*gateways.front()->keeper, "sandbox-auth-" + store());
        QVERIFY(bound);
        for (auto &g : gateways) {
            g->keeper->refreshDue(); // reads the row the first one stored
            QVERIFY(g->keeper->hasStore(store()));
        }
        m_control.call("POST", "/sandbox/meituan/tokens/expire", {{"poi_id", store()}});

        QStringList fresh;
        for (auto &g : gateways) {
            g->keeper->replaceRejected(store(), bound->accessToken, this, [&](const auto &result) {
                fresh.append(result.ok() ? result.value() : QString());
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(fresh.size(), 3, 20000);
        QCOMPARE(m_control.stat("meituan.oauth_refresh"), 1);
        QVERIFY(!fresh.first().isEmpty());
        QCOMPARE(fresh.count(fresh.first()), 3);
        QVERIFY(fresh.first() != bound->accessToken);
    }

private:
    QTemporaryDir m_dir;
    SecretBox m_box{QByteArray(32, 'm')};
    std::unique_ptr<SandboxServer> m_sandbox;
    SandboxControl m_control;
    int m_run = 0;
};

QTEST_GUILESS_MAIN(tst_MeituanTokenKeeper)
#include "tst_meituantokenkeeper.moc"
