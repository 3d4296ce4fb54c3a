#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "tests/common/processoutput.h"

#include "core/sandbox/sandboxdemodata.h"

// `dy-gateway meituan-bind POI_ID AUTH_CODE` as a shell user runs it (CLI.md): against a
// sandbox in its own process; then a headless gateway on the same data dir finds the store
// bound.
class tst_MeituanBind : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    QProcessEnvironment environment(bool withCredentials) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("DYGW_DATA_DIR", m_dir.filePath("data"));
        env.insert("XDG_CONFIG_HOME", m_dir.filePath("config"));
        env.remove("DYGW_MEITUAN_DEVELOPER_ID");
        env.remove("DYGW_MEITUAN_SIGN_KEY");
        if (withCredentials) {
            env.insert("DYGW_MEITUAN_DEVELOPER_ID", "100001");
            env.insert("DYGW_MEITUAN_SIGN_KEY", "sandbox_meituan_sign_key");
        }
        return env;
    }

    Run bind(const QStringList &arguments, bool withCredentials = true)
    {
        QProcess process;
        process.setProcessEnvironment(environment(withCredentials));
        process.start(qEnvironmentVariable("DYGW_TEST_APP"),
                      QStringList{"meituan-bind"} + arguments
                              + QStringList{"--meituan-base-url", m_sandboxUrl});
        if (!process.waitForFinished(30000))
            return {};
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    static QString store() { return SandboxDemoData::stores().first().poiId; }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_sandbox.start(qEnvironmentVariable("DYGW_TEST_APP"),
                        {"--sandbox-only", "--listen", "127.0.0.1:0"});
        m_sandboxUrl = waitForUrlLine(m_sandbox, "sandbox listening on ");
        QVERIFY(!m_sandboxUrl.isEmpty());
    }

    void cleanupTestCase()
    {
        m_sandbox.terminate();
        m_sandbox.waitForFinished(10000);
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("credentials");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("printed");
        QTest::newRow("no arguments") << QStringList{} << true << 2 << "usage";
        QTest::newRow("one argument") << QStringList{store()} << true << 2 << "usage";
        QTest::newRow("three arguments") << QStringList{store(), "a", "b"} << true << 2 << "usage";
        QTest::newRow("not set up") << QStringList{store(), "sandbox-auth-" + store()} << false << 2
                                    << "DYGW_MEITUAN_DEVELOPER_ID";
        QTest::newRow("refused code")
                << QStringList{store(), "not-a-code"} << true << 1 << "refused";
    }

    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, credentials);
        QFETCH(int, exitCode);
        QFETCH(QString, printed);
        const Run run = bind(arguments, credentials);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(printed), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }

    void bindsInTheDatabaseTheGatewayUses()
    {
        const Run run = bind({store(), "sandbox-auth-" + store()});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("bound " + store() + " to Meituan store mt-" + store()),
                 qPrintable(run.out));

        QProcess gateway;
        gateway.setProcessEnvironment(environment(true));
        gateway.start(
                qEnvironmentVariable("DYGW_TEST_APP"),
                {"--headless", "--listen", "127.0.0.1:0", "--meituan-base-url", m_sandboxUrl});
        const QString url = waitForUrlLine(gateway, "listening on ");
        QVERIFY(!url.isEmpty());
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(QUrl(url + "/health"))));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        const QJsonObject meituan =
                QJsonDocument::fromJson(reply->readAll()).object().value("meituan").toObject();
        QCOMPARE(meituan.value("configured").toBool(), true);
        QCOMPARE(meituan.value("stores").toInt(), 1);
        gateway.terminate();
        QVERIFY(gateway.waitForFinished(10000));
    }

private:
    QTemporaryDir m_dir;
    QProcess m_sandbox;
    QString m_sandboxUrl;
};

QTEST_GUILESS_MAIN(tst_MeituanBind)
#include "tst_meituanbind.moc"
