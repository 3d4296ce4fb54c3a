#include <QTest>

#include "app/commandline.h"

class tst_CommandLine : public QObject
{
    Q_OBJECT

private slots:
    void accepted_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("headless");
        QTest::addColumn<bool>("verbose");
        QTest::addColumn<QString>("listen");
        QTest::addColumn<QString>("dataDir");
        QTest::addColumn<QString>("configFile");

        QTest::newRow("nothing") << QStringList{} << false << false << QString() << QString()
                                 << QString();
        QTest::newRow("headless listen")
                << QStringList{"--headless", "--listen", "127.0.0.1:0"} << true << false
                << "127.0.0.1:0" << QString() << QString();
        QTest::newRow("equals form")
                << QStringList{"--headless", "--listen=127.0.0.1:9", "--data-dir=/tmp/d"} << true
                << false << "127.0.0.1:9"
                << "/tmp/d" << QString();
        QTest::newRow("config and verbose")
                << QStringList{"--config", "/tmp/c.ini", "--verbose"} << false << true << QString()
                << QString() << "/tmp/c.ini";
    }

    void accepted()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, headless);
        QFETCH(bool, verbose);
        QFETCH(QString, listen);
        QFETCH(QString, dataDir);
        QFETCH(QString, configFile);

        CommandLine commandLine;
        const auto parsed = commandLine.parse(QStringList{"dy-gateway"} + arguments);
        QVERIFY(parsed.ok());
        const CommandLineOptions &options = parsed.value();
        QCOMPARE(options.action, CommandLineOptions::Action::Run);
        QCOMPARE(options.headless, headless);
        QCOMPARE(options.verbose, verbose);
        QCOMPARE(options.overrides.value(Setting::Listen), listen);
        QCOMPARE(options.overrides.value(Setting::DataDir), dataDir);
        QCOMPARE(options.configFile, configFile);
    }

    void passesUrlsToSettings()
    {
        CommandLine commandLine;
        const auto parsed =
                commandLine.parse({"dy-gateway", "--douyin-base-url", "http://127.0.0.1:5",
                                   "--short-link-base", "http://127.0.0.1:6"});
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value().overrides.value(Setting::DouyinBaseUrl), "http://127.0.0.1:5");
        QCOMPARE(parsed.value().overrides.value(Setting::ShortLinkBase), "http://127.0.0.1:6");
    }

    void helpAndVersion_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<int>("action");
        QTest::newRow("--help") << "--help" << int(CommandLineOptions::Action::ShowHelp);
        QTest::newRow("--version") << "--version" << int(CommandLineOptions::Action::ShowVersion);
    }

    void helpAndVersion()
    {
        QFETCH(QString, option);
        QFETCH(int, action);
        CommandLine commandLine;
        const auto parsed = commandLine.parse({"dy-gateway", option});
        QVERIFY(parsed.ok());
        QCOMPARE(int(parsed.value().action), action);
        QVERIFY(commandLine.helpText().contains("--listen"));
        QVERIFY(CommandLine::versionText().startsWith("dy-gateway "));
    }

    void refused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");

        QTest::newRow("unknown option") << QStringList{"--frobnicate"} << "frobnicate";
        QTest::newRow("missing value") << QStringList{"--listen"} << "listen";
        QTest::newRow("listen twice")
                << QStringList{"--listen", "a:1", "--listen", "b:2"} << "listen";
        QTest::newRow("positional") << QStringList{"extra"} << "extra";
        QTest::newRow("empty config") << QStringList{"--config", ""} << "config";
    }

    void refused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        CommandLine commandLine;
        const auto parsed = commandLine.parse(QStringList{"dy-gateway"} + arguments);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, ErrorCode::BadInput);
        QVERIFY2(parsed.error().message.contains(mentions), qPrintable(parsed.error().message));
        QVERIFY(!parsed.error().message.trimmed().contains(u'\n'));
    }
};

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
