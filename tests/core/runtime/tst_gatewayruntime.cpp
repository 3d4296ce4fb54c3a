#include <QDeadlineTimer>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "core/config/secretstore.h"
#include "core/douyin/douyinclient.h"
#include "core/runtime/gatewayruntime.h"
#include "core/sandbox/sandboxserver.h"

// What the desktop app's settings page asks of the runtime: where the Douyin secret comes
// from, saving settings, the connection probe and the one-time admin token.
class tst_GatewayRuntime : public QObject
{
    Q_OBJECT

private:
    static GatewaySettings settingsIn(const QString &dir,
                                      const QList<QPair<QString, QString>> &ini = {},
                                      const QList<QPair<QString, QString>> &environment = {})
    {
        const QString path = dir + "/dy-gateway.ini";
        {
            QSettings file(path, QSettings::IniFormat);
            for (const auto &[key, value] : ini)
                file.setValue(key, value);
        }
        QProcessEnvironment env; // nothing inherited
        env.insert("DYGW_DATA_DIR", dir + "/data");
        env.insert("DYGW_LISTEN", "127.0.0.1:0");
        for (const auto &[name, value] : environment)
            env.insert(name, value);
        return GatewaySettings::load(path, env).value();
    }

    static std::unique_ptr<GatewayRuntime> started(GatewaySettings settings, bool demo)
    {
        auto runtime = std::make_unique<GatewayRuntime>(std::move(settings));
        GatewayRuntime::Options options;
        options.demo = demo;
        options.serveApi = false;
        const auto start = runtime->start(options);
        if (!start.ok()) {
            qWarning() << start.error().message;
            return nullptr;
        }
        return runtime;
    }

    static void seal(const QString &dataDir, const QString &secret)
    {
        auto store = SecretStore::openInDir(dataDir);
        QVERIFY(store.ok());
        QVERIFY(store.value()
                        ->setValue(QString::fromLatin1(SecretStore::DOUYIN_CLIENT_SECRET), secret)
                        .ok());
    }

private slots:
    void douyinSecretComesFromTheFirstPlaceThatHasOne_data()
    {
        QTest::addColumn<QString>("sealed");
        QTest::addColumn<QString>("inFile");
        QTest::addColumn<QString>("inEnvironment");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("source");

        using Source = SettingsSnapshot::SecretSource;
        QTest::newRow("nothing") << ""
                                 << ""
                                 << ""
                                 << "" << int(Source::None);
        QTest::newRow("sealed only") << "sealed"
                                     << ""
                                     << ""
                                     << "sealed" << int(Source::Sealed);
        QTest::newRow("file beats sealed") << "sealed"
                                           << "file"
                                           << ""
                                           << "file" << int(Source::File);
        QTest::newRow("environment beats both") << "sealed"
                                                << "file"
                                                << "env"
                                                << "env" << int(Source::Environment);
    }

    void douyinSecretComesFromTheFirstPlaceThatHasOne()
    {
        QFETCH(QString, sealed);
        QFETCH(QString, inFile);
        QFETCH(QString, inEnvironment);
        QFETCH(QString, expected);
        QFETCH(int, source);

        QTemporaryDir dir;
        if (!sealed.isEmpty())
            seal(dir.path() + "/data", sealed);
        QList<QPair<QString, QString>> ini{{"douyin/client_key", "ak"}};
        if (!inFile.isEmpty())
            ini.append({"douyin/client_secret", inFile});
        QList<QPair<QString, QString>> env;
        if (!inEnvironment.isEmpty())
            env.append({"DYGW_DOUYIN_CLIENT_SECRET", inEnvironment});

        auto runtime = started(settingsIn(dir.path(), ini, env), false);
        QVERIFY(runtime);
        QCOMPARE(runtime->douyin()->config().clientSecret, expected);
        QCOMPARE(runtime->douyin()->isConfigured(), !expected.isEmpty());
        const SettingsSnapshot snapshot = runtime->settingsSnapshot();
        QCOMPARE(int(snapshot.clientSecret), source);
        QVERIFY(snapshot.values.value(Setting::DouyinClientSecret).value.isEmpty());
    }

    void savingInDemoModeSealsForTheRealInstallation()
    {
        QTemporaryDir dir;
        const QString secret = "typed-in-demo-mode-0123456789";
        {
            auto runtime = started(settingsIn(dir.path(), {{"douyin/client_secret", "old"}}), true);
            QVERIFY(runtime);
            QVERIFY(!runtime->settingsSnapshot().restartNeeded);
            SettingsUpdate update;
            update.values.insert(Setting::DouyinClientKey, "real_key");
            update.values.insert(Setting::DouyinAccountId, "real_account");
            update.douyinClientSecret = secret;
            QVERIFY(runtime->applySettings(update).ok());
            const SettingsSnapshot snapshot = runtime->settingsSnapshot();
            QVERIFY(snapshot.restartNeeded);
            QVERIFY(snapshot.demo);
            QCOMPARE(int(snapshot.clientSecret), int(SettingsSnapshot::SecretSource::Sealed));
            QCOMPARE(snapshot.values.value(Setting::DouyinClientKey).value, QString("real_key"));
            // Demo mode keeps talking to the sandbox until the next start.
            QCOMPARE(runtime->douyin()->config().clientKey, QString("sandbox_client_key"));
        }
        QFile ini(dir.path() + "/dy-gateway.ini");
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray text = ini.readAll();
        QVERIFY(!text.contains(secret.toLatin1()));
        QVERIFY(!text.contains("client_secret"));
        QVERIFY(text.contains("real_key"));

        // The next, real start reads it back.
        auto real = started(settingsIn(dir.path()), false);
        QVERIFY(real);
        QCOMPARE(real->douyin()->config().clientKey, QString("real_key"));
        QCOMPARE(real->douyin()->config().clientSecret, secret);
        QCOMPARE(real->douyin()->config().accountId, QString("real_account"));
    }

    void languageAndPreferencesNeedNoRestart()
    {
        QTemporaryDir dir;
        auto runtime = started(settingsIn(dir.path()), true);
        QVERIFY(runtime);
        SettingsUpdate update;
        update.values.insert(Setting::Language, "zh_CN");
        update.uiPreferences.insert("sound_volume", 30);
        QVERIFY(runtime->applySettings(update).ok());
        const SettingsSnapshot snapshot = runtime->settingsSnapshot();
        QVERIFY(!snapshot.restartNeeded);
        QCOMPARE(snapshot.values.value(Setting::Language).value, QString("zh_CN"));
        QCOMPARE(snapshot.uiPreferences.value("sound_volume").toInt(), 30);

        SettingsUpdate unchanged; // the value it already has
        unchanged.values.insert(Setting::Listen, "127.0.0.1:0");
        QVERIFY(runtime->applySettings(unchanged).ok());
        QVERIFY(!runtime->settingsSnapshot().restartNeeded);
    }

    void theSecretIsNeverWrittenInClear()
    {
        QTemporaryDir dir;
        auto runtime = started(settingsIn(dir.path()), true);
        QVERIFY(runtime);
        SettingsUpdate update;
        update.values.insert(Setting::DouyinClientSecret, "clear");
        const auto applied = runtime->applySettings(update);
        QVERIFY(!applied.ok());
        QCOMPARE(applied.error().code, ErrorCode::BadInput);
        QVERIFY(runtime->settingsSnapshot()
                        .values.value(Setting::DouyinClientSecret)
                        .value.isEmpty());
    }

    void theFirstAdminTokenIsHandedOutOnce()
    {
        QTemporaryDir dir;
        auto runtime = started(settingsIn(dir.path()), true);
        QVERIFY(runtime);
        QVERIFY(runtime->settingsSnapshot().hasUnshownAdminToken);
        const auto token = runtime->takeUnshownAdminToken();
        QVERIFY(token);
        QVERIFY(token->startsWith("adm_"));
        QVERIFY(!runtime->takeUnshownAdminToken());
        QVERIFY(!runtime->settingsSnapshot().hasUnshownAdminToken);
    }

    void probeWithoutASecretUsesTheSavedOne()
    {
        SandboxServer sandbox;
        QVERIFY(sandbox.listen(HostPort{"127.0.0.1", 0}).ok());
        QTemporaryDir dir;
        seal(dir.path() + "/data", "sandbox_client_secret");
        auto runtime = started(settingsIn(dir.path()), true);
        QVERIFY(runtime);

        DouyinClient::Config config;
        config.baseUrl = sandbox.baseUrl();
        config.clientKey = "sandbox_client_key";
        config.accountId = "sandbox_account";
        std::optional<ConnectionProbe::Outcome> outcome;
        runtime->probeDouyin(config, this,
                             [&outcome](const ConnectionProbe::Outcome &o) { outcome = o; });
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 20000);
        QVERIFY(outcome->ok());
        QCOMPARE(outcome->pois.size(), 3);
    }
};

QTEST_GUILESS_MAIN(tst_GatewayRuntime)
#include "tst_gatewayruntime.moc"
