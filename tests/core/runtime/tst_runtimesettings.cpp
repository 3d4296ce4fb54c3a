#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "core/config/secretstore.h"
#include "core/runtime/runtimesettings.h"

Q_DECLARE_METATYPE(Setting)

namespace {

QString sealedName(Setting setting)
{
    return QString::fromLatin1(setting == Setting::MeituanSignKey
                                       ? SecretStore::MEITUAN_SIGN_KEY
                                       : SecretStore::DOUYIN_CLIENT_SECRET);
}

} // namespace

// The settings page's side of the gateway without a running gateway: the secrets it is given
// (Douyin's client secret, Meituan's sign key) are sealed in the real installation's database,
// never in the file, and the snapshot says where the one in use comes from.
class tst_RuntimeSettings : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString iniPath() const { return m_dir.filePath("dy-gateway.ini"); }

    GatewaySettings load(const QList<QPair<QString, QString>> &ini = {},
                         const QList<QPair<QString, QString>> &environment = {}) const
    {
        {
            QSettings file(iniPath(), QSettings::IniFormat);
            file.clear();
            for (const auto &[key, value] : ini)
                file.setValue(key, value);
        }
        QProcessEnvironment env; // nothing inherited
        env.insert("DYGW_DATA_DIR", m_dir.filePath("data"));
        for (const auto &[name, value] : environment)
            env.insert(name, value);
        return GatewaySettings::load(iniPath(), env).value();
    }

    static void addSecretColumns()
    {
        QTest::addColumn<Setting>("setting");
        QTest::newRow("Douyin client secret") << Setting::DouyinClientSecret;
        QTest::newRow("Meituan sign key") << Setting::MeituanSignKey;
    }

    // Neither secret sealed: each row starts from nothing.
    void removeSealed()
    {
        auto store = SecretStore::openInDir(m_dir.filePath("data"));
        QVERIFY(store.ok());
        for (const Setting setting : {Setting::DouyinClientSecret, Setting::MeituanSignKey})
            QVERIFY(store.value()->remove(sealedName(setting)).ok());
    }

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void secretSourceIsReported_data()
    {
        QTest::addColumn<Setting>("setting");
        QTest::addColumn<bool>("sealed");
        QTest::addColumn<bool>("inFile");
        QTest::addColumn<bool>("inEnvironment");
        QTest::addColumn<int>("source");
        using Source = SettingsSnapshot::SecretSource;
        for (const Setting setting : {Setting::DouyinClientSecret, Setting::MeituanSignKey}) {
            const QByteArray name = setting == Setting::MeituanSignKey ? "sign key" : "secret";
            QTest::newRow(QByteArray(name + ", nowhere").constData())
                    << setting << false << false << false << int(Source::None);
            QTest::newRow(QByteArray(name + ", sealed").constData())
                    << setting << true << false << false << int(Source::Sealed);
            QTest::newRow(QByteArray(name + ", file beats sealed").constData())
                    << setting << true << true << false << int(Source::File);
            QTest::newRow(QByteArray(name + ", environment beats both").constData())
                    << setting << true << true << true << int(Source::Environment);
        }
    }

    void secretSourceIsReported()
    {
        QFETCH(Setting, setting);
        QFETCH(bool, sealed);
        QFETCH(bool, inFile);
        QFETCH(bool, inEnvironment);
        QFETCH(int, source);
        removeSealed();
        if (sealed) {
            auto store = SecretStore::openInDir(m_dir.filePath("data"));
            QVERIFY(store.ok());
            QVERIFY(store.value()->setValue(sealedName(setting), "sealed-value").ok());
        }
        QList<QPair<QString, QString>> ini;
        if (inFile)
            ini.append({GatewaySettings::iniKey(setting), "file-value"});
        QList<QPair<QString, QString>> env;
        if (inEnvironment)
            env.append({GatewaySettings::environmentName(setting), "env-value"});
        GatewaySettings settings = load(ini, env);
        RuntimeSettings runtime(&settings);

        const SettingsSnapshot snapshot = runtime.snapshot();
        const auto reported = setting == Setting::MeituanSignKey ? snapshot.meituanSignKey
                                                                 : snapshot.clientSecret;
        QCOMPARE(int(reported), source);
        // The other secret is nowhere: it is not mixed up with this one.
        const auto other = setting == Setting::MeituanSignKey ? snapshot.clientSecret
                                                              : snapshot.meituanSignKey;
        QCOMPARE(int(other), int(SettingsSnapshot::SecretSource::None));
        QVERIFY(snapshot.values.contains(setting));
        QVERIFY(snapshot.values.value(setting).value.isEmpty()); // never the secret itself
        const QString expected = inEnvironment ? "env-value"
                : inFile                       ? "file-value"
                : sealed                       ? "sealed-value"
                                               : "";
        QCOMPARE(runtime.savedSecret(setting), expected);
    }

    void savingSealsAndDropsTheClearCopy_data() { addSecretColumns(); }

    void savingSealsAndDropsTheClearCopy()
    {
        QFETCH(Setting, setting);
        removeSealed();
        GatewaySettings settings = load({{GatewaySettings::iniKey(setting), "old-clear-text"}});
        RuntimeSettings runtime(&settings);
        QVERIFY(!runtime.restartNeeded());

        SettingsUpdate update;
        const QString typed = "typed-0123456789";
        if (setting == Setting::MeituanSignKey)
            update.meituanSignKey = typed;
        else
            update.douyinClientSecret = typed;
        QVERIFY(runtime.apply(update).ok());
        QVERIFY(runtime.restartNeeded());

        QFile file(iniPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray ini = file.readAll();
        QVERIFY2(!ini.contains("old-clear-text"), ini.constData());
        QVERIFY(!ini.contains(typed.toLatin1()));
        auto store = SecretStore::openInDir(m_dir.filePath("data"));
        QVERIFY(store.ok());
        QCOMPARE(store.value()->value(sealedName(setting)).value().value_or(QString()), typed);
        QCOMPARE(runtime.savedSecret(setting), typed);

        // An empty one removes the sealed copy.
        SettingsUpdate removal;
        if (setting == Setting::MeituanSignKey)
            removal.meituanSignKey = QString();
        else
            removal.douyinClientSecret = QString();
        QVERIFY(runtime.apply(removal).ok());
        QVERIFY(!store.value()->value(sealedName(setting)).value());
        QCOMPARE(int(setting == Setting::MeituanSignKey ? runtime.snapshot().meituanSignKey
                                                        : runtime.snapshot().clientSecret),
                 int(SettingsSnapshot::SecretSource::None));
    }

    void aSecretIsNeverWrittenInClear_data() { addSecretColumns(); }

    void aSecretIsNeverWrittenInClear()
    {
        QFETCH(Setting, setting);
        GatewaySettings settings = load();
        RuntimeSettings runtime(&settings);
        SettingsUpdate update;
        update.values.insert(Setting::MeituanDeveloperId, "100001"); // not written either
        update.values.insert(setting, "clear");
        const auto applied = runtime.apply(update);
        QVERIFY(!applied.ok());
        QCOMPARE(applied.error().code, ErrorCode::BadInput);
        QVERIFY(!runtime.restartNeeded());
        QVERIFY(!QSettings(iniPath(), QSettings::IniFormat).contains("meituan/developer_id"));
    }

    void meituanSettingsNeedARestart_data()
    {
        QTest::addColumn<Setting>("setting");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("restart");
        QTest::newRow("developer id") << Setting::MeituanDeveloperId << "100001" << true;
        QTest::newRow("server") << Setting::MeituanBaseUrl << "http://127.0.0.1:9" << true;
        QTest::newRow("language") << Setting::Language << "zh_CN" << false;
    }

    void meituanSettingsNeedARestart()
    {
        QFETCH(Setting, setting);
        QFETCH(QString, value);
        QFETCH(bool, restart);
        GatewaySettings settings = load();
        RuntimeSettings runtime(&settings);
        SettingsUpdate update;
        update.values.insert(setting, value);
        QVERIFY(runtime.apply(update).ok());
        QCOMPARE(runtime.restartNeeded(), restart);
        QCOMPARE(runtime.snapshot().values.value(setting).value, value);
        QCOMPARE(QSettings(iniPath(), QSettings::IniFormat)
                         .value(GatewaySettings::iniKey(setting))
                         .toString(),
                 value);
    }
};

QTEST_GUILESS_MAIN(tst_RuntimeSettings)
#include "tst_runtimesettings.moc"
