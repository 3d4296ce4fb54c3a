#include <csignal>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "core/store/database.h"
#include "core/store/schema.h"
#include "core/version.h"

// The real executable as a child process: what a service manager or an integrator sees.
class tst_Headless : public QObject
{
    Q_OBJECT

private:
    QString program() const { return qEnvironmentVariable("DYGW_TEST_APP"); }

    QProcessEnvironment cleanEnvironment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : env.keys()) {
            // DYGW_KEY_STORE=file (tests/CMakeLists.txt): never the developer's own keychain.
            if (name.startsWith("DYGW_") && name != "DYGW_TEST_APP" && name != "DYGW_KEY_STORE")
                env.remove(name);
        }
        return env;
    }

    // Starts the gateway and waits for its one stdout line; returns the URL it printed.
    QString startGateway(QProcess &process, const QString &dataDir, const QStringList &extra = {})
    {
        process.setProcessEnvironment(cleanEnvironment());
        process.start(program(),
                      QStringList{"--headless", "--listen", "127.0.0.1:0", "--data-dir", dataDir,
                                  "--config", dataDir + "/settings.ini"}
                              + extra);
        if (!process.waitForStarted(10000))
            return {};
        QByteArray out;
        while (!out.contains('\n') && process.waitForReadyRead(20000))
            out += process.readAllStandardOutput();
        const qsizetype newline = out.indexOf('\n');
        m_pendingOutput = out.mid(newline + 1);
        const QString line = QString::fromUtf8(out.left(newline)).trimmed();
        static const QRegularExpression pattern(
                "^listening on (http://127\\.0\\.0\\.1:([1-9][0-9]*))$");
        const auto match = pattern.match(line);
        return match.hasMatch() ? match.captured(1) : QString();
    }

    struct Finished
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    Finished runToEnd(const QStringList &arguments, const QProcessEnvironment &env)
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(program(), arguments);
        Finished result;
        if (!process.waitForFinished(30000)) {
            process.kill();
            process.waitForFinished();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    QByteArray m_pendingOutput; // stdout read past the listening line

private slots:
    void initTestCase() { QVERIFY2(QFile::exists(program()), qPrintable(program())); }

    void servesHealthAndStopsCleanly_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void servesHealthAndStopsCleanly()
    {
        QFETCH(int, signalNumber);
        QTemporaryDir dir;
        QProcess process;
        const QString url = startGateway(process, dir.path());
        QVERIFY2(!url.isEmpty(), process.readAllStandardError().constData());

        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(QUrl(url + "/health"))));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonObject health = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(health.value("status").toString(), QString("ok"));
        QCOMPARE(health.value("version").toString(), QString(DYGW_VERSION));

        ::kill(pid_t(process.processId()), signalNumber);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        // After the listening line, only the admin token of a first start, once.
        const QByteArray rest = m_pendingOutput + process.readAllStandardOutput();
        QVERIFY2(QRegularExpression("^admin token: adm_[A-Za-z0-9_-]{32}\n$")
                         .match(QString::fromUtf8(rest))
                         .hasMatch(),
                 rest.constData());

        // A second start on the same data dir prints no token again.
        QProcess again;
        QVERIFY(!startGateway(again, dir.path()).isEmpty());
        ::kill(pid_t(again.processId()), SIGTERM);
        QVERIFY(again.waitForFinished(10000));
        QCOMPARE(again.exitCode(), 0);
        QCOMPARE(m_pendingOutput + again.readAllStandardOutput(), QByteArray());

        QVERIFY(QFile::exists(dir.filePath("dy-gateway.sqlite")));
        QVERIFY(QFile::exists(dir.filePath("logs/dy-gateway.log")));
        QFile key(dir.filePath("master.key"));
        QVERIFY(key.exists());
        QCOMPARE(key.permissions()
                         & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup
                            | QFile::WriteOther),
                 QFile::Permissions());
    }

    void portInUseExitsWithOne()
    {
        QTcpServer occupier;
        QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        const QString listen = "127.0.0.1:" + QString::number(occupier.serverPort());
        const Finished result = runToEnd({"--headless", "--listen", listen, "--data-dir",
                                          dir.path(), "--config", dir.filePath("s.ini")},
                                         cleanEnvironment());
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.out.isEmpty());
        const QList<QByteArray> lines = result.err.trimmed().split('\n');
        QVERIFY2(lines.last().contains(QByteArray::number(occupier.serverPort())),
                 result.err.constData());
    }

    void newerDatabaseExitsWithOne()
    {
        QTemporaryDir dir;
        {
            auto db = Database::openInDir(dir.path());
            QVERIFY(db.ok());
            QSqlQuery query(db.value()->connection());
            QVERIFY(query.exec(QString("INSERT INTO schema_migrations VALUES (%1, 'x', 1)")
                                       .arg(Schema::latestVersion() + 1)));
        }
        const Finished result = runToEnd({"--headless", "--listen", "127.0.0.1:0", "--data-dir",
                                          dir.path(), "--config", dir.filePath("s.ini")},
                                         cleanEnvironment());
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("newer"), result.err.constData());
    }

    void badCommandLineExitsWithTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("mentions");

        QTest::newRow("unknown option") << QStringList{"--headless", "--bogus"} << QString()
                                        << QString() << QByteArray("bogus");
        QTest::newRow("listen without port") << QStringList{"--headless", "--listen", "127.0.0.1"}
                                             << QString() << QString() << QByteArray("--listen");
        QTest::newRow("listen port out of range")
                << QStringList{"--headless", "--listen", "127.0.0.1:70000"} << QString()
                << QString() << QByteArray("--listen");
        QTest::newRow("missing option value") << QStringList{"--headless", "--data-dir"}
                                              << QString() << QString() << QByteArray("data-dir");
        QTest::newRow("bad DYGW_LISTEN") << QStringList{"--headless"} << "DYGW_LISTEN"
                                         << "nope" << QByteArray("DYGW_LISTEN");
        QTest::newRow("bad DYGW_API_RATE_LIMIT")
                << QStringList{"--headless"} << "DYGW_API_RATE_LIMIT"
                << "-1" << QByteArray("DYGW_API_RATE_LIMIT");
        QTest::newRow("bad base url") << QStringList{"--headless", "--douyin-base-url", "nope"}
                                      << QString() << QString() << QByteArray("--douyin-base-url");
    }

    void badCommandLineExitsWithTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(QByteArray, mentions);

        QTemporaryDir dir;
        QProcessEnvironment env = cleanEnvironment();
        if (!variable.isEmpty())
            env.insert(variable, value);
        const Finished result =
                runToEnd(arguments + QStringList{"--config", dir.filePath("s.ini")}, env);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        QCOMPARE(result.err.count('\n'), 1); // one clear line
        QVERIFY2(result.err.contains(mentions), result.err.constData());
    }

    void badSettingsFileValueExitsWithTwo()
    {
        QTemporaryDir dir;
        QFile ini(dir.filePath("s.ini"));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[api]\nlisten=here\n");
        ini.close();
        const Finished result =
                runToEnd({"--headless", "--config", ini.fileName()}, cleanEnvironment());
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("api/listen"), result.err.constData());
    }

    void versionAndHelp()
    {
        const Finished version = runToEnd({"--version"}, cleanEnvironment());
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out, QByteArray("dy-gateway " DYGW_VERSION "\n"));
        const Finished help = runToEnd({"--help"}, cleanEnvironment());
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--headless"));
        QVERIFY(help.out.contains("--listen"));
    }
};

QTEST_GUILESS_MAIN(tst_Headless)
#include "tst_headless.moc"
