#include <QDir>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "core/config/gatewaysettings.h"

class tst_GatewaySettings : public QObject
{
    Q_OBJECT

private:
    QString writeIni(const QList<QPair<QString, QString>> &values)
    {
        const QString path = m_dir.filePath(QStringLiteral("settings-%1.ini").arg(m_files++));
        QSettings file(path, QSettings::IniFormat);
        for (const auto &[key, value] : values)
            file.setValue(key, value);
        file.sync();
        return path;
    }

    QTemporaryDir m_dir;
    int m_files = 0;

private slots:
    void defaultsWithNothingConfigured()
    {
        const auto loaded = GatewaySettings::load(m_dir.filePath(QStringLiteral("none.ini")),
                                                  QProcessEnvironment());
        QVERIFY(loaded.ok());
        const GatewaySettings &settings = loaded.value();
        QCOMPARE(settings.listen().toString(), QStringLiteral("0.0.0.0:8780"));
        QCOMPARE(settings.douyinBaseUrl(), QUrl(QStringLiteral("https://open.douyin.com")));
        QCOMPARE(settings.shortLinkBase(), QUrl(QStringLiteral("https://v.douyin.com")));
        QCOMPARE(settings.apiRateLimit(), 20);
        QCOMPARE(settings.apiRateBurst(), 40);
        QVERIFY(!settings.hasDouyinCredentials());
        QVERIFY(!settings.dataDir().isEmpty());
        // SQLite in the data dir unless chain mode names a server; the host names the gateway.
        QCOMPARE(settings.databaseLocation(),
                 QDir(settings.dataDir()).filePath(QStringLiteral("dy-gateway.sqlite")));
        QVERIFY(!settings.gatewayName().isEmpty());
    }

    void precedence_data()
    {
        QTest::addColumn<QString>("fileValue");
        QTest::addColumn<QString>("envValue");
        QTest::addColumn<QString>("cliValue");
        QTest::addColumn<QString>("expected");

        const QString file = QStringLiteral("127.0.0.1:1001");
        const QString env = QStringLiteral("127.0.0.1:1002");
        const QString cli = QStringLiteral("127.0.0.1:1003");
        QTest::newRow("default only")
                << QString() << QString() << QString() << QStringLiteral("0.0.0.0:8780");
        QTest::newRow("file beats default") << file << QString() << QString() << file;
        QTest::newRow("env beats file") << file << env << QString() << env;
        QTest::newRow("cli beats env and file") << file << env << cli << cli;
        QTest::newRow("cli beats file") << file << QString() << cli << cli;
        QTest::newRow("env alone") << QString() << env << QString() << env;
    }

    void precedence()
    {
        QFETCH(QString, fileValue);
        QFETCH(QString, envValue);
        QFETCH(QString, cliValue);
        QFETCH(QString, expected);

        QList<QPair<QString, QString>> ini;
        if (!fileValue.isEmpty())
            ini.append({QStringLiteral("api/listen"), fileValue});
        QProcessEnvironment env;
        if (!envValue.isEmpty())
            env.insert(QStringLiteral("DYGW_LISTEN"), envValue);
        GatewaySettings::Overrides cli;
        if (!cliValue.isEmpty())
            cli.insert(Setting::Listen, cliValue);

        const auto loaded = GatewaySettings::load(writeIni(ini), env, cli);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        QCOMPARE(loaded.value().listen().toString(), expected);
        QCOMPARE(loaded.value().isOverridden(Setting::Listen),
                 !envValue.isEmpty() || !cliValue.isEmpty());
    }

    void everyVariableIsRead_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<int>("setting");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");

        QTest::newRow("DYGW_LISTEN") << "DYGW_LISTEN" << int(Setting::Listen) << "[::1]:0"
                                     << "[::1]:0";
        QTest::newRow("DYGW_DATA_DIR") << "DYGW_DATA_DIR" << int(Setting::DataDir) << "/tmp/x/../y"
                                       << "/tmp/y";
        QTest::newRow("DYGW_DOUYIN_BASE_URL")
                << "DYGW_DOUYIN_BASE_URL" << int(Setting::DouyinBaseUrl) << "http://127.0.0.1:9000/"
                << "http://127.0.0.1:9000";
        QTest::newRow("DYGW_SHORT_LINK_BASE")
                << "DYGW_SHORT_LINK_BASE" << int(Setting::ShortLinkBase) << "http://127.0.0.1:9001"
                << "http://127.0.0.1:9001";
        QTest::newRow("DYGW_DOUYIN_CLIENT_KEY")
                << "DYGW_DOUYIN_CLIENT_KEY" << int(Setting::DouyinClientKey) << "ak"
                << "ak";
        QTest::newRow("DYGW_DOUYIN_CLIENT_SECRET")
                << "DYGW_DOUYIN_CLIENT_SECRET" << int(Setting::DouyinClientSecret) << "sk"
                << "sk";
        QTest::newRow("DYGW_DOUYIN_ACCOUNT_ID")
                << "DYGW_DOUYIN_ACCOUNT_ID" << int(Setting::DouyinAccountId) << "acc"
                << "acc";
        QTest::newRow("DYGW_API_RATE_LIMIT")
                << "DYGW_API_RATE_LIMIT" << int(Setting::ApiRateLimit) << "0"
                << "0";
        QTest::newRow("DYGW_API_RATE_BURST")
                << "DYGW_API_RATE_BURST" << int(Setting::ApiRateBurst) << " 7 "
                << "7";
        QTest::newRow("DYGW_API_ENABLED off")
                << "DYGW_API_ENABLED" << int(Setting::ApiEnabled) << "off"
                << "false";
        QTest::newRow("DYGW_API_ENABLED 1") << "DYGW_API_ENABLED" << int(Setting::ApiEnabled) << "1"
                                            << "true";
        QTest::newRow("DYGW_DATABASE url") << "DYGW_DATABASE" << int(Setting::Database)
                                           << "postgresql://gw:pw@db.lan:5432/chain"
                                           << "postgresql://gw:pw@db.lan:5432/chain";
        QTest::newRow("DYGW_DATABASE socket")
                << "DYGW_DATABASE" << int(Setting::Database) << "postgresql:///chain?host=/run/pg"
                << "postgresql:///chain?host=/run/pg";
        QTest::newRow("DYGW_DATABASE file")
                << "DYGW_DATABASE" << int(Setting::Database) << "/tmp/a/../b.sqlite"
                << "/tmp/b.sqlite";
        QTest::newRow("DYGW_GATEWAY_NAME")
                << "DYGW_GATEWAY_NAME" << int(Setting::GatewayName) << "朝阳店-till-2"
                << "朝阳店-till-2";
    }

    void everyVariableIsRead()
    {
        QFETCH(QString, variable);
        QFETCH(int, setting);
        QFETCH(QString, value);
        QFETCH(QString, expected);

        QCOMPARE(GatewaySettings::environmentName(Setting(setting)), variable);
        QProcessEnvironment env;
        env.insert(variable, value);
        const auto loaded = GatewaySettings::load(writeIni({}), env);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().value(Setting(setting)), expected);
    }

    void badValues_data()
    {
        QTest::addColumn<QString>("layer");
        QTest::addColumn<int>("setting");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("named"); // where the message says the value came from

        QTest::newRow("cli listen without port") << "cli" << int(Setting::Listen) << "127.0.0.1"
                                                 << "--listen";
        QTest::newRow("cli listen port too big")
                << "cli" << int(Setting::Listen) << "127.0.0.1:65536"
                << "--listen";
        QTest::newRow("cli listen port negative") << "cli" << int(Setting::Listen) << "127.0.0.1:-1"
                                                  << "--listen";
        QTest::newRow("cli listen host name") << "cli" << int(Setting::Listen) << "example.com:80"
                                              << "--listen";
        QTest::newRow("cli listen bare ipv6") << "cli" << int(Setting::Listen) << "::1:80"
                                              << "--listen";
        QTest::newRow("cli base url ftp") << "cli" << int(Setting::DouyinBaseUrl) << "ftp://x"
                                          << "--douyin-base-url";
        QTest::newRow("cli short link base not url")
                << "cli" << int(Setting::ShortLinkBase) << "v.douyin.com"
                << "--short-link-base";
        QTest::newRow("env listen letters") << "env" << int(Setting::Listen) << "abc"
                                            << "DYGW_LISTEN";
        QTest::newRow("env rate negative") << "env" << int(Setting::ApiRateLimit) << "-5"
                                           << "DYGW_API_RATE_LIMIT";
        QTest::newRow("env burst word") << "env" << int(Setting::ApiRateBurst) << "many"
                                        << "DYGW_API_RATE_BURST";
        QTest::newRow("env base url with query")
                << "env" << int(Setting::DouyinBaseUrl) << "https://x/?a=1"
                << "DYGW_DOUYIN_BASE_URL";
        QTest::newRow("file listen port word") << "file" << int(Setting::Listen) << "127.0.0.1:http"
                                               << "[api/listen]";
        QTest::newRow("file rate float") << "file" << int(Setting::ApiRateLimit) << "2.5"
                                         << "[api/rate_limit]";
        QTest::newRow("file api switch word") << "file" << int(Setting::ApiEnabled) << "maybe"
                                              << "[api/enabled]";
        QTest::newRow("cli database without name")
                << "cli" << int(Setting::Database) << "postgresql://db.lan:5432/"
                << "--database";
        QTest::newRow("env database with a spaced option")
                << "env" << int(Setting::Database) << "postgresql:///chain?sslmode=a%20b"
                << "DYGW_DATABASE";
    }

    void badValues()
    {
        QFETCH(QString, layer);
        QFETCH(int, setting);
        QFETCH(QString, value);
        QFETCH(QString, named);

        QList<QPair<QString, QString>> ini;
        QProcessEnvironment env;
        GatewaySettings::Overrides cli;
        if (layer == u"file")
            ini.append({GatewaySettings::iniKey(Setting(setting)), value});
        else if (layer == u"env")
            env.insert(GatewaySettings::environmentName(Setting(setting)), value);
        else
            cli.insert(Setting(setting), value);

        const auto loaded = GatewaySettings::load(writeIni(ini), env, cli);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, ErrorCode::BadConfig);
        QVERIFY2(loaded.error().message.contains(named), qPrintable(loaded.error().message));
        QVERIFY(!loaded.error().message.contains(u'\n'));
    }

    void setValueWritesTheFile()
    {
        const QString path = writeIni({});
        auto loaded = GatewaySettings::load(path, QProcessEnvironment());
        QVERIFY(loaded.ok());
        GatewaySettings settings = loaded.value();

        QVERIFY(settings.setValue(Setting::DouyinAccountId, QStringLiteral("acc-1")).ok());
        const auto bad = settings.setValue(Setting::Listen, QStringLiteral("nope"));
        QVERIFY(!bad.ok());

        const auto reloaded = GatewaySettings::load(path, QProcessEnvironment());
        QVERIFY(reloaded.ok());
        QCOMPARE(reloaded.value().douyinAccountId(), QStringLiteral("acc-1"));
        QCOMPARE(reloaded.value().listen().toString(), QStringLiteral("0.0.0.0:8780"));
    }

    void apiIsOnByDefault()
    {
        const auto loaded = GatewaySettings::load(writeIni({}), QProcessEnvironment());
        QVERIFY(loaded.ok());
        QVERIFY(loaded.value().apiEnabled());
        const auto off =
                GatewaySettings::load(writeIni({{"api/enabled", "false"}}), QProcessEnvironment());
        QVERIFY(off.ok());
        QVERIFY(!off.value().apiEnabled());
    }

    void layerSaysWhereAValueComesFrom()
    {
        QProcessEnvironment env;
        env.insert("DYGW_DOUYIN_ACCOUNT_ID", "from-env");
        GatewaySettings::Overrides cli;
        cli.insert(Setting::Listen, "127.0.0.1:0");
        const auto loaded = GatewaySettings::load(
                writeIni({{"douyin/client_key", "ak"}, {"douyin/account_id", "from-file"}}), env,
                cli);
        QVERIFY(loaded.ok());
        const GatewaySettings &settings = loaded.value();
        QCOMPARE(settings.layer(Setting::DouyinBaseUrl), GatewaySettings::Layer::Default);
        QCOMPARE(settings.layer(Setting::DouyinClientKey), GatewaySettings::Layer::File);
        QCOMPARE(settings.layer(Setting::DouyinAccountId), GatewaySettings::Layer::Environment);
        QCOMPARE(settings.layer(Setting::Listen), GatewaySettings::Layer::CommandLine);
    }

    void removeFallsBackToTheDefault()
    {
        const QString path = writeIni({{"douyin/client_secret", "clear"}});
        auto loaded = GatewaySettings::load(path, QProcessEnvironment());
        QVERIFY(loaded.ok());
        GatewaySettings settings = loaded.value();
        QCOMPARE(settings.douyinClientSecret(), QStringLiteral("clear"));
        QVERIFY(settings.remove(Setting::DouyinClientSecret).ok());
        QVERIFY(settings.douyinClientSecret().isEmpty());
        QCOMPARE(settings.layer(Setting::DouyinClientSecret), GatewaySettings::Layer::Default);
        QSettings file(path, QSettings::IniFormat);
        QVERIFY(!file.contains("douyin/client_secret"));
    }

    void uiPreferencesLiveBesideTheSettings()
    {
        const QString path = writeIni({{"ui/language", "en"}});
        auto loaded = GatewaySettings::load(path, QProcessEnvironment());
        QVERIFY(loaded.ok());
        GatewaySettings settings = loaded.value();
        QVERIFY(settings.uiPreferences().isEmpty()); // ui/language is a setting

        QVERIFY(settings.setUiPreference("sound_volume", 35).ok());
        QVERIFY(settings.setUiPreference("sound_muted", true).ok());
        QVERIFY(!settings.setUiPreference("language", "zh_CN").ok());
        QVERIFY(!settings.setUiPreference("a/b", 1).ok());

        const auto reloaded = GatewaySettings::load(path, QProcessEnvironment());
        QVERIFY(reloaded.ok());
        const QVariantMap preferences = reloaded.value().uiPreferences();
        QCOMPARE(preferences.size(), 2);
        QCOMPARE(preferences.value("sound_volume").toInt(), 35);
        QCOMPARE(preferences.value("sound_muted").toBool(), true);
        QCOMPARE(reloaded.value().language(), QStringLiteral("en"));
    }
};

QTEST_GUILESS_MAIN(tst_GatewaySettings)
#include "tst_gatewaysettings.moc"
