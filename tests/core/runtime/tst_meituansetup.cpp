#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "core/config/secretstore.h"
#include "core/meituan/meituanplatform.h"
#include "core/meituan/meituantokenkeeper.h"
#include "core/runtime/gatewayruntime.h"
#include "core/runtime/meituansetup.h"
#include "core/sandbox/sandboxserver.h"

// Meituan in a running gateway: where the credentials come from, demo mode binding every
// store, and /health's meituan object over real HTTP.
class tst_MeituanSetup : public QObject
{
    Q_OBJECT

private:
    static GatewaySettings settingsIn(const QString &dir,
                                      const QList<QPair<QString, QString>> &environment = {})
    {
        QProcessEnvironment env; // nothing inherited
        env.insert("DYGW_DATA_DIR", dir + "/data");
        env.insert("DYGW_LISTEN", "127.0.0.1:0");
        for (const auto &[name, value] : environment)
            env.insert(name, value);
        return GatewaySettings::load(dir + "/dy-gateway.ini", env).value();
    }

    static std::unique_ptr<GatewayRuntime> started(GatewaySettings settings, bool demo,
                                                   bool serveApi = false)
    {
        auto runtime = std::make_unique<GatewayRuntime>(std::move(settings));
        GatewayRuntime::Options options;
        options.demo = demo;
        options.serveApi = serveApi;
        const auto start = runtime->start(options);
        if (!start.ok()) {
            qWarning() << start.error().message;
            return nullptr;
        }
        return runtime;
    }

    QJsonObject health(const GatewayRuntime &runtime)
    {
        QNetworkAccessManager network;
        const QUrl url(runtime.status().api->toUrl() + "/health");
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(url)));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

private slots:
    void signKeyComesFromTheFirstPlaceThatHasOne_data()
    {
        QTest::addColumn<QString>("sealed");
        QTest::addColumn<QString>("inEnvironment");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << ""
                              << ""
                              << "";
        QTest::newRow("sealed") << "s-key"
                                << ""
                                << "s-key";
        QTest::newRow("environment wins") << "s-key"
                                          << "e-key"
                                          << "e-key";
    }

    void signKeyComesFromTheFirstPlaceThatHasOne()
    {
        QFETCH(QString, sealed);
        QFETCH(QString, inEnvironment);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        if (!sealed.isEmpty()) {
            auto store = SecretStore::openInDir(dir.path() + "/data");
            QVERIFY(store.ok());
            QVERIFY(store.value()
                            ->setValue(QString::fromLatin1(SecretStore::MEITUAN_SIGN_KEY), sealed)
                            .ok());
        }
        QList<QPair<QString, QString>> env{{"DYGW_MEITUAN_DEVELOPER_ID", "4242"}};
        if (!inEnvironment.isEmpty())
            env.append({"DYGW_MEITUAN_SIGN_KEY", inEnvironment});

        auto runtime = started(settingsIn(dir.path(), env), false);
        QVERIFY(runtime);
        QCOMPARE(runtime->meituan()->client()->config().signKey, expected);
        QCOMPARE(runtime->meituan()->client()->config().developerId, 4242);
        QCOMPARE(runtime->meituan()->isConfigured(), !expected.isEmpty());
        QCOMPARE(runtime->status().meituan.configured, !expected.isEmpty());
    }

    void demoModeBindsEveryDemoStore()
    {
        QTemporaryDir dir;
        auto runtime = started(settingsIn(dir.path()), true);
        QVERIFY(runtime);
        const QList<SandboxState::Poi> pois = runtime->sandbox()->state().pois();
        QVERIFY(!pois.isEmpty());
        QTRY_COMPARE(runtime->meituan()->status().stores.size(), pois.size());
        for (const SandboxState::Poi &poi : pois) {
            QVERIFY(runtime->meituan()->platform()->servesStore(poi.poiId));
            QVERIFY(runtime->meituan()->status().tokenValidUntil()
                    > QDateTime::currentSecsSinceEpoch() + 29 * 24 * 3600);
        }
        // The signed authorization page names the developer and carries the POI as state.
        const QUrl page = runtime->meituan()->authorizationUrl(pois.first().poiId);
        QCOMPARE(page.host(), QString("open-erp.meituan.com"));
        QVERIFY(page.query().contains("state=" + pois.first().poiId));
        QVERIFY(page.query().contains("sign="));
        QVERIFY(page.query().contains("businessId=58"));
    }

    void healthShowsMeituan()
    {
        QTemporaryDir dir;
        auto runtime = started(settingsIn(dir.path()), true, true);
        QVERIFY(runtime);
        const int stores = int(runtime->sandbox()->state().pois().size());
        QTRY_COMPARE(runtime->meituan()->status().stores.size(), stores);

        const QJsonObject meituan = health(*runtime).value("meituan").toObject();
        QCOMPARE(meituan.value("configured").toBool(), true);
        QCOMPARE(meituan.value("stores").toInt(), stores);
        const QDateTime validUntil =
                QDateTime::fromString(meituan.value("token_valid_until").toString(), Qt::ISODate);
        QVERIFY(validUntil > QDateTime::currentDateTimeUtc().addDays(29));
        QCOMPARE(meituan.value("refresh_failures").toArray().size(), 0);
    }

    void healthWithoutMeituan()
    {
        QTemporaryDir dir;
        auto runtime = started(settingsIn(dir.path()), false, true);
        QVERIFY(runtime);
        const QJsonObject meituan = health(*runtime).value("meituan").toObject();
        QCOMPARE(meituan.value("configured").toBool(), false);
        QCOMPARE(meituan.value("stores").toInt(), 0);
        QVERIFY(meituan.value("token_valid_until").isNull());
    }
};

QTEST_GUILESS_MAIN(tst_MeituanSetup)
#include "tst_meituansetup.moc"
