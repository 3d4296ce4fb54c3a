#include <cstdio>

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusVirtualObject>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "core/config/masterkeystore.h"
#include "core/crypto/secretbox.h"

// MasterKeyStore against a real Secret Service: gnome-keyring-daemon on a private session bus.
//
// ctest starts this executable, which starts itself again inside
//
//   HOME=$tmp/home XDG_DATA_HOME=$tmp/home/.local/share XDG_RUNTIME_DIR=$tmp/run (0700)
//   dbus-run-session -- sh -c 'printf %s test | gnome-keyring-daemon --unlock
//       --components=secrets --daemonize >/dev/null && exec "$0" "$@"' tst_masterkeystore
//
// --unlock with a password on stdin creates and unlocks the "login" collection with no prompt
// (gnome-keyring 42, Debian 12, also as root in a container). Each "start of the gateway" is
// a child process of its own (--open-key DIR): GDBus keeps the first session bus it finds for
// the life of a process, so the cases without a keychain need a process with another bus.
namespace {

constexpr auto IN_SESSION = "DYGW_TEST_IN_SECRET_SERVICE";

// --open-key DIR: what a start does, printed as one JSON line.
int openKeyAndPrint(const QString &dir)
{
    const auto box = MasterKeyStore::open(dir);
    QJsonObject line;
    if (box.ok()) {
        line = {{"storage", SecretBox::storageName(box.value().storage())},
                {"key", QString::fromLatin1(box.value().key().toHex())}};
    } else {
        line = {{"error", box.error().message}};
    }
    std::fputs(QJsonDocument(line).toJson(QJsonDocument::Compact).append('\n').constData(), stdout);
    return box.ok() ? 0 : 1;
}

// --mute-secret-service: owns org.freedesktop.secrets on the session bus and never answers,
// like a keyring stuck behind a password prompt nobody sees.
class MuteService final : public QDBusVirtualObject
{
public:
    QString introspect(const QString &) const override { return {}; }
    bool handleMessage(const QDBusMessage &, const QDBusConnection &) override { return true; }
};

int holdMuteSecretService(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    MuteService mute;
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.registerVirtualObject("/", &mute, QDBusConnection::SubPath)
        || !bus.registerService("org.freedesktop.secrets"))
        return 1;
    std::fputs("ready\n", stdout);
    std::fflush(stdout);
    return app.exec();
}

// Re-runs this executable inside a private session bus with an unlocked gnome-keyring.
int runInsideSecretService(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString session = QStandardPaths::findExecutable("dbus-run-session");
    const QString daemon = QStandardPaths::findExecutable("gnome-keyring-daemon");
    if (session.isEmpty() || daemon.isEmpty()) {
        std::fputs("tst_masterkeystore: dbus-run-session or gnome-keyring-daemon missing "
                   "(packaging/install-deps.sh installs them)\n",
                   stderr);
        return 1;
    }
    QTemporaryDir root;
    QDir(root.path()).mkpath("home/.local/share");
    QDir(root.path()).mkpath("run");
    QFile::setPermissions(root.filePath("run"),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("HOME", root.filePath("home"));
    env.insert("XDG_DATA_HOME", root.filePath("home/.local/share"));
    env.insert("XDG_RUNTIME_DIR", root.filePath("run"));
    env.insert(IN_SESSION, "1");
    for (const char *name : {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY",
                             "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION"})
        env.remove(name);
    QProcess child;
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    QStringList arguments{"--", "sh", "-c",
                          "printf %s test | gnome-keyring-daemon --unlock --components=secrets "
                          "--daemonize >/dev/null && exec \"$0\" \"$@\"",
                          QCoreApplication::applicationFilePath()};
    arguments += QCoreApplication::arguments().mid(1);
    child.start(session, arguments);
    if (!child.waitForStarted() || !child.waitForFinished(280000)) {
        child.kill();
        child.waitForFinished();
        return 1;
    }
    return child.exitStatus() == QProcess::NormalExit ? child.exitCode() : 1;
}

struct Opened
{
    QString storage; // empty on an error
    QByteArray key;
    QString error;
    qint64 elapsedMs = 0;
};

} // namespace

class tst_MasterKeyStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    int m_dirs = 0;

    QString newDataDir()
    {
        const QString dir = m_root.filePath(QString("data%1").arg(++m_dirs));
        QDir().mkpath(dir);
        return dir;
    }
    static QString keyFile(const QString &dir) { return dir + "/master.key"; }

    // The environment of a start: the private session bus unless told otherwise.
    static QProcessEnvironment startEnvironment(const QString &keyStore = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("DYGW_KEY_STORE");
        if (!keyStore.isEmpty())
            env.insert("DYGW_KEY_STORE", keyStore);
        return env;
    }
    static QProcessEnvironment withoutKeychain(const QString &busAddress)
    {
        QProcessEnvironment env = startEnvironment();
        env.remove("DBUS_SESSION_BUS_ADDRESS");
        if (!busAddress.isEmpty())
            env.insert("DBUS_SESSION_BUS_ADDRESS", busAddress);
        return env;
    }

    static Opened openKey(const QString &dir, const QProcessEnvironment &env = startEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(env);
        QElapsedTimer timer;
        timer.start();
        process.start(QCoreApplication::applicationFilePath(), {"--open-key", dir});
        Opened opened;
        if (!process.waitForFinished(20000)) {
            process.kill();
            process.waitForFinished();
            opened.error = "no answer within 20 s";
            return opened;
        }
        opened.elapsedMs = timer.elapsed();
        const QJsonObject line = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
        opened.storage = line.value("storage").toString();
        opened.key = QByteArray::fromHex(line.value("key").toString().toLatin1());
        opened.error = line.value("error").toString();
        if (opened.storage.isEmpty() && opened.error.isEmpty())
            opened.error = QString::fromUtf8(process.readAllStandardError());
        return opened;
    }

    // What the Secret Service itself holds for a data dir, asked with libsecret's own tool.
    // QtKeychain stores binary data base64-encoded, attributes user/server/type.
    static QByteArray secretToolLookup(const QString &dir)
    {
        QProcess tool;
        tool.start("secret-tool",
                   {"lookup", "server", "dy-gateway", "user", MasterKeyStore::keyNameFor(dir),
                    "type", "base64"});
        if (!tool.waitForFinished(10000))
            return "(secret-tool did not answer)";
        return QByteArray::fromBase64(tool.readAllStandardOutput().trimmed());
    }
    static bool isOwnerOnly(const QString &path)
    {
        return QFile::permissions(path)
                == (QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    }

    // The headless gateway's /health "secrets" for a data dir.
    static QString healthSecrets(const QString &dir, const QProcessEnvironment &env)
    {
        QProcess gateway;
        QProcessEnvironment gatewayEnv = env;
        gatewayEnv.insert("DYGW_ADMIN_TOKEN", "adm_masterkeystore_test_token_0123456789");
        gateway.setProcessEnvironment(gatewayEnv);
        gateway.start(qEnvironmentVariable("DYGW_TEST_APP"),
                      {"--headless", "--demo", "--listen", "127.0.0.1:0", "--data-dir", dir,
                       "--config", dir + "/settings.ini"});
        QByteArray out;
        static const QRegularExpression listening(
                "(?:^|\\n)listening on (http://127\\.0\\.0\\.1:\\d+)\\n"); // not the sandbox's
        QRegularExpressionMatch match;
        while (!(match = listening.match(QString::fromUtf8(out))).hasMatch()
               && gateway.waitForReadyRead(20000))
            out += gateway.readAllStandardOutput();
        QString secrets;
        if (match.hasMatch()) {
            QNetworkAccessManager network;
            QNetworkReply *reply =
                    network.get(QNetworkRequest(QUrl(match.captured(1) + "/health")));
            QSignalSpy finished(reply, &QNetworkReply::finished);
            if (finished.wait(10000))
                secrets = QJsonDocument::fromJson(reply->readAll())
                                  .object()
                                  .value("secrets")
                                  .toString();
            delete reply;
        }
        gateway.terminate();
        if (!gateway.waitForFinished(10000))
            gateway.kill();
        return secrets;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        // The Secret Service works at all: a canary through libsecret's tool.
        QProcess store;
        store.start("secret-tool", {"store", "--label=canary", "test", "canary"});
        store.write("sung");
        store.closeWriteChannel();
        QVERIFY2(store.waitForFinished(10000) && store.exitCode() == 0,
                 store.readAllStandardError().constData());
        QProcess lookup;
        lookup.start("secret-tool", {"lookup", "test", "canary"});
        QVERIFY(lookup.waitForFinished(10000));
        QCOMPARE(lookup.readAllStandardOutput(), QByteArray("sung"));
    }

    void freshInstallKeepsTheKeyInTheKeychain()
    {
        const QString dir = newDataDir();
        const Opened first = openKey(dir);
        QCOMPARE(first.error, QString());
        QCOMPARE(first.storage, QString("keychain"));
        QCOMPARE(first.key.size(), SecretBox::KEY_SIZE);
        QVERIFY(!QFile::exists(keyFile(dir)));
        QVERIFY(QFile::exists(dir + "/master.key.keychain"));
        QCOMPARE(secretToolLookup(dir), first.key);

        const Opened again = openKey(dir);
        QCOMPARE(again.storage, QString("keychain"));
        QCOMPARE(again.key, first.key);
    }

    void existingKeyFileIsMovedIn()
    {
        const QString dir = newDataDir();
        const auto before = SecretBox::openOrCreate(dir); // what an older version left
        QVERIFY(before.ok());
        const auto sealed = before.value().seal("sandbox_client_secret", "douyin.client_secret");
        QVERIFY(sealed.ok());

        const Opened moved = openKey(dir);
        QCOMPARE(moved.error, QString());
        QCOMPARE(moved.storage, QString("keychain"));
        QCOMPARE(moved.key, before.value().key());
        QVERIFY2(!QFile::exists(keyFile(dir)), "the key file is removed once the keychain has it");
        QCOMPARE(secretToolLookup(dir), before.value().key());
        const auto opened = SecretBox(moved.key).open(sealed.value(), "douyin.client_secret");
        QVERIFY(opened.ok());
        QCOMPARE(opened.value(), QByteArray("sandbox_client_secret"));
    }

    void forcedFileLeavesTheKeychainAlone()
    {
        const QString dir = newDataDir();
        const Opened opened = openKey(dir, startEnvironment("file"));
        QCOMPARE(opened.error, QString());
        QCOMPARE(opened.storage, QString("file"));
        QVERIFY(isOwnerOnly(keyFile(dir)));
        QCOMPARE(SecretBox::readKeyFile(keyFile(dir)).value(), opened.key);
        QCOMPARE(secretToolLookup(dir), QByteArray());
        QVERIFY(!QFile::exists(dir + "/master.key.keychain"));
    }

    // The rule (masterkeystore.h): a different master.key next to a key in the keychain is
    // refused, both left as they are; the same key is an interrupted move, finished now.
    void keychainKeyAndStaleFile()
    {
        const QString dir = newDataDir();
        const Opened first = openKey(dir);
        QCOMPARE(first.storage, QString("keychain"));

        QByteArray stale = first.key;
        stale[0] = char(stale[0] ^ 0x5a);
        QFile file(keyFile(dir));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(stale);
        file.close();
        const Opened refused = openKey(dir);
        QCOMPARE(refused.storage, QString());
        QVERIFY2(refused.error.contains("two different master keys"), qPrintable(refused.error));
        QCOMPARE(SecretBox::readKeyFile(keyFile(dir)).value(), stale);
        QCOMPARE(secretToolLookup(dir), first.key);

        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(first.key);
        file.close();
        const Opened finished = openKey(dir);
        QCOMPARE(finished.storage, QString("keychain"));
        QCOMPARE(finished.key, first.key);
        QVERIFY(!QFile::exists(keyFile(dir)));
    }

    void noKeychainUsesTheFileQuickly_data()
    {
        QTest::addColumn<QString>("busAddress");
        QTest::newRow("no session bus") << QString();
        QTest::newRow("bogus bus address") << QString("unix:path=/nonexistent/dygw-bus");
    }

    void noKeychainUsesTheFileQuickly()
    {
        QFETCH(QString, busAddress);
        const QString dir = newDataDir();
        const Opened opened = openKey(dir, withoutKeychain(busAddress));
        QCOMPARE(opened.error, QString());
        QCOMPARE(opened.storage, QString("file"));
        QVERIFY(isOwnerOnly(keyFile(dir)));
        QVERIFY2(opened.elapsedMs < 5000, qPrintable(QString::number(opened.elapsedMs)));
        // The keychain is back: the file moves in at this start.
        const Opened later = openKey(dir);
        QCOMPARE(later.storage, QString("keychain"));
        QCOMPARE(later.key, opened.key);
        QVERIFY(!QFile::exists(keyFile(dir)));
    }

    // A private bus of our own (no service activation), on which a Secret Service answers
    // nothing or is missing: the file, within the bounded wait.
    void silentOrMissingSecretServiceUsesTheFile_data()
    {
        QTest::addColumn<bool>("mute");
        QTest::newRow("Secret Service never answers") << true;
        QTest::newRow("bus without a Secret Service") << false;
    }

    void silentOrMissingSecretServiceUsesTheFile()
    {
        QFETCH(bool, mute);
        QFile config(m_root.filePath("bus.conf"));
        QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
        config.write("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration "
                     "1.0//EN\" \"http://www.freedesktop.org/standards/dbus/1.0/"
                     "busconfig.dtd\"><busconfig><type>session</type><listen>unix:tmpdir=/tmp"
                     "</listen><auth>EXTERNAL</auth><policy context=\"default\"><allow "
                     "send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/>"
                     "<allow own=\"*\"/></policy></busconfig>");
        config.close();
        QProcess bus;
        bus.start("dbus-daemon",
                  {"--config-file=" + config.fileName(), "--nofork", "--print-address=1"});
        QVERIFY(bus.waitForReadyRead(10000));
        const QString address = QString::fromUtf8(bus.readLine()).trimmed();
        QProcess holder;
        if (mute) {
            QProcessEnvironment env = withoutKeychain(address);
            holder.setProcessEnvironment(env);
            holder.start(QCoreApplication::applicationFilePath(), {"--mute-secret-service"});
            QVERIFY2(holder.waitForReadyRead(10000), holder.readAllStandardError().constData());
            QCOMPARE(holder.readLine().trimmed(), QByteArray("ready"));
        }
        const QString dir = newDataDir();
        const Opened opened = openKey(dir, withoutKeychain(address));
        holder.kill();
        holder.waitForFinished();
        bus.kill();
        bus.waitForFinished();
        QCOMPARE(opened.error, QString());
        QCOMPARE(opened.storage, QString("file"));
        QVERIFY(isOwnerOnly(keyFile(dir)));
        QVERIFY2(opened.elapsedMs < 5000, qPrintable(QString::number(opened.elapsedMs)));
        if (mute) // it really waited for the keychain, and no longer than its bound
            QVERIFY2(opened.elapsedMs >= 2500, qPrintable(QString::number(opened.elapsedMs)));
    }

    // Once the key is in the keychain, a start without it must not make a new key silently.
    void keyInUnreachableKeychainIsRefused()
    {
        const QString dir = newDataDir();
        QCOMPARE(openKey(dir).storage, QString("keychain"));
        const Opened noBus = openKey(dir, withoutKeychain("unix:path=/nonexistent/dygw-bus"));
        QCOMPARE(noBus.storage, QString());
        QVERIFY2(noBus.error.contains("is in the OS keychain"), qPrintable(noBus.error));
        const Opened forced = openKey(dir, startEnvironment("file"));
        QCOMPARE(forced.storage, QString());
        QVERIFY(!QFile::exists(keyFile(dir)));
    }

    void healthSaysWhere()
    {
        QCOMPARE(healthSecrets(newDataDir(), startEnvironment()), QString("keychain"));
        QCOMPARE(healthSecrets(newDataDir(), withoutKeychain("unix:path=/nonexistent/bus")),
                 QString("file"));
        QCOMPARE(healthSecrets(newDataDir(), startEnvironment("file")), QString("file"));
    }

    void badKeyStoreValueIsAUsageError()
    {
        QProcess gateway;
        gateway.setProcessEnvironment(startEnvironment("vault"));
        const QString dir = newDataDir();
        gateway.start(qEnvironmentVariable("DYGW_TEST_APP"),
                      {"--headless", "--demo", "--listen", "127.0.0.1:0", "--data-dir", dir});
        QVERIFY(gateway.waitForFinished(20000));
        QCOMPARE(gateway.exitCode(), 2);
        QVERIFY(gateway.readAllStandardError().contains("DYGW_KEY_STORE"));
    }
};

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--open-key") == 0) {
        QCoreApplication app(argc, argv);
        return openKeyAndPrint(QString::fromLocal8Bit(argv[2]));
    }
    if (argc == 2 && qstrcmp(argv[1], "--mute-secret-service") == 0)
        return holdMuteSecretService(argc, argv);
    if (!qEnvironmentVariableIsSet(IN_SESSION))
        return runInsideSecretService(argc, argv);
    QCoreApplication app(argc, argv);
    tst_MasterKeyStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_masterkeystore.moc"
