#include <QCheckBox>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include "tests/ui/demogateway.h"
#include <QTranslator>

#include "app/gatewayhost.h"
#include "core/config/secretstore.h"
#include "core/douyin/douyinclient.h"
#include "core/runtime/gatewayproxy.h"
#include "ui/apptranslator.h"
#include "ui/pages/settingspage.h"
#include "ui/widgets/secretdialog.h"

namespace {

const QString SANDBOX_KEY = "sandbox_client_key";
const QString SANDBOX_SECRET = "sandbox_client_secret";
const QString SANDBOX_ACCOUNT = "sandbox_account";

bool hasHan(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    }
    return false;
}

} // namespace

// The settings page against a real gateway (demo mode, with its sandbox) on its own thread.
// The LAN address comes from the command line, as a service unit would set it, so the page
// must show it locked.
class tst_SettingsPage : public QObject
{
    Q_OBJECT

private:
    template <typename T>
    T *child(const char *name) const
    {
        T *found = m_page->findChild<T *>(QString::fromLatin1(name));
        if (!found)
            qWarning() << "no child" << name;
        return found;
    }

    template <typename T>
    T *waitForVisible()
    {
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()) {
            for (T *found : m_page->findChildren<T *>()) {
                if (found->isVisible())
                    return found;
            }
            QTest::qWait(10);
        }
        return nullptr;
    }

    void setText(const char *name, const QString &text)
    {
        auto *edit = child<QLineEdit>(name);
        QVERIFY(edit);
        edit->clear();
        QTest::keyClicks(edit, text);
    }

    void fillSandboxCredentials(const QString &secret = SANDBOX_SECRET)
    {
        setText("clientKeyEdit", SANDBOX_KEY);
        setText("clientSecretEdit", secret);
        setText("accountIdEdit", SANDBOX_ACCOUNT);
        setText("baseUrlEdit", m_sandboxUrl);
    }

    bool runTest()
    {
        QSignalSpy tested(m_page.get(), &SettingsPage::connectionTested);
        child<QPushButton>("testButton")->click();
        if (tested.isEmpty() && !tested.wait(20000))
            return false;
        return tested.constFirst().constFirst().toBool();
    }

    QString ini() const
    {
        QFile file(m_dir.filePath("dy-gateway.ini"));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    QVariant iniValue(const QString &key) const
    {
        return QSettings(m_dir.filePath("dy-gateway.ini"), QSettings::IniFormat).value(key);
    }

    // Answer status of GET /v1/internal/apps on the running LAN API with this admin token.
    int adminStatus(const QString &token)
    {
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(m_apiUrl + "/v1/internal/apps"));
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        std::unique_ptr<QNetworkReply> reply(network.get(request));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!finished.wait(10000))
            return -1;
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    QString takeTokenFromDialog()
    {
        auto *dialog = waitForVisible<SecretDialog>();
        if (!dialog)
            return {};
        const QString token = dialog->value(0);
        dialog->accept();
        QDeadlineTimer deadline(5000);
        while (!m_page->findChildren<SecretDialog *>().isEmpty() && !deadline.hasExpired())
            QTest::qWait(10);
        return token;
    }

    void screenshot(QWidget *widget, const QString &name, const QString &language)
    {
        QVERIFY(DemoGateway::saveScreenshot(widget, name + "_" + language));
    }

    QTemporaryDir m_dir;
    std::unique_ptr<GatewayHost> m_host;
    std::unique_ptr<SettingsPage> m_page;
    QString m_sandboxUrl;
    QString m_apiUrl;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QProcessEnvironment env; // nothing inherited: no credentials, no stray settings
        env.insert("DYGW_DATA_DIR", m_dir.filePath("data"));
        GatewaySettings::Overrides commandLine;
        commandLine.insert(Setting::Listen, "127.0.0.1:0");
        const auto settings =
                GatewaySettings::load(m_dir.filePath("dy-gateway.ini"), env, commandLine);
        QVERIFY(settings.ok());
        m_host = std::make_unique<GatewayHost>(settings.value());
        QSignalSpy started(m_host.get(), &GatewayHost::started);
        GatewayRuntime::Options options;
        options.demo = true;
        m_host->start(options);
        QVERIFY(started.wait(20000));
        const auto running = started.constFirst().constFirst().value<GatewayRuntime::Started>();
        QVERIFY(running.sandbox && running.api);
        m_sandboxUrl = running.sandbox->toUrl();
        m_apiUrl = running.api->toUrl();

        m_page = std::make_unique<SettingsPage>(m_host->proxy());
        m_page->resize(1200, 900);
        QSignalSpy loaded(m_page.get(), &SettingsPage::settingsLoaded);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QTRY_VERIFY_WITH_TIMEOUT(loaded.size() >= 2, 10000); // at construction and on show
    }

    void cleanupTestCase()
    {
        m_page.reset();
        m_host.reset();
    }

    void showsWhatIsInUseAndWhatIsLocked()
    {
        QVERIFY(child<QLabel>("demoBanner")->isVisible());
        QVERIFY(!child<QLabel>("restartBanner")->isVisible());
        QVERIFY(child<QLabel>("apiState")->text().contains(m_apiUrl));
        QVERIFY(child<QCheckBox>("apiEnabledBox")->isChecked());
        // --listen was given: the address is shown, locked, and the page says why.
        QVERIFY(!child<QComboBox>("hostCombo")->isEnabled());
        QVERIFY(!child<QSpinBox>("portSpin")->isEnabled());
        QCOMPARE(child<QComboBox>("hostCombo")->currentData().toString(), QString("127.0.0.1"));
        bool explained = false;
        for (const QLabel *label : m_page->findChildren<QLabel *>())
            explained = explained || (label->isVisible() && label->text().contains("--listen"));
        QVERIFY(explained);
        QCOMPARE(child<QLineEdit>("baseUrlEdit")->text(), QString("https://open.douyin.com"));
        QVERIFY(child<QLineEdit>("clientSecretEdit")->placeholderText().isEmpty());
        QVERIFY(!child<QPushButton>("saveButton")->isEnabled()); // nothing to save yet
        // Where the master key is: the test environment has DYGW_KEY_STORE=file (the keychain
        // side is tst_masterkeystore's, against a real Secret Service).
        auto *keyStorage = child<QLabel>("keyStorageLabel");
        QVERIFY(keyStorage->isVisible());
        QVERIFY2(keyStorage->text().contains("in a file"), qPrintable(keyStorage->text()));
    }

    void testConnectionAgainstTheSandboxListsThePois()
    {
        fillSandboxCredentials();
        QVERIFY(child<QPushButton>("saveButton")->isEnabled());
        QVERIFY(runTest());
        const QString result = child<QLabel>("testResult")->text();
        QVERIFY2(result.contains("Stores of this account: 3"), qPrintable(result));
        QVERIFY2(result.contains("抖音示例门店（国贸店）"), qPrintable(result));
        QVERIFY2(result.contains("7212541306826811429"), qPrintable(result));
        screenshot(m_page.get(), "settings_connected", "en");
    }

    void wrongCredentialsAreExplainedInPlainWords_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("account");
        QTest::addColumn<QString>("plainWords");
        QTest::addColumn<QString>("douyinSaid");

        QTest::newRow("wrong secret") << SANDBOX_KEY << "not-the-secret" << SANDBOX_ACCOUNT
                                      << "Douyin did not accept the client secret"
                                      << "client_secret错误";
        QTest::newRow("wrong key") << "not-the-key" << SANDBOX_SECRET << SANDBOX_ACCOUNT
                                   << "Douyin does not know this client key"
                                   << "client_key无效";
        QTest::newRow("wrong account") << SANDBOX_KEY << SANDBOX_SECRET << "someone_else"
                                       << "has not authorised this app"
                                       << "应用未获商家授权";
    }

    void wrongCredentialsAreExplainedInPlainWords()
    {
        QFETCH(QString, key);
        QFETCH(QString, secret);
        QFETCH(QString, account);
        QFETCH(QString, plainWords);
        QFETCH(QString, douyinSaid);

        fillSandboxCredentials();
        setText("clientKeyEdit", key);
        setText("clientSecretEdit", secret);
        setText("accountIdEdit", account);
        QVERIFY(!runTest());
        const QString result = child<QLabel>("testResult")->text();
        QVERIFY2(result.contains(plainWords), qPrintable(result));
        QVERIFY2(result.contains("Douyin said: \"" + douyinSaid), qPrintable(result));
        if (QTest::currentDataTag() == QByteArray("wrong secret"))
            screenshot(m_page.get(), "settings_wrongsecret", "en");
    }

    void unreachableServerIsExplained()
    {
        fillSandboxCredentials();
        setText("baseUrlEdit", "http://127.0.0.1:1");
        QVERIFY(!runTest());
        const QString result = child<QLabel>("testResult")->text();
        QVERIFY2(result.contains("could not be reached"), qPrintable(result));
    }

    void saveSealsTheSecretAndNeedsARestart()
    {
        fillSandboxCredentials();
        QSignalSpy saved(m_page.get(), &SettingsPage::settingsSaved);
        child<QPushButton>("saveButton")->click();
        QVERIFY(saved.wait(10000));

        // The file has everything but the secret; the data dir has it sealed.
        const QString text = ini();
        QVERIFY2(!text.contains(SANDBOX_SECRET), qPrintable(text));
        QVERIFY(!text.contains("client_secret"));
        QCOMPARE(iniValue("douyin/client_key").toString(), SANDBOX_KEY);
        QCOMPARE(iniValue("douyin/account_id").toString(), SANDBOX_ACCOUNT);
        QCOMPARE(iniValue("douyin/base_url").toString(), m_sandboxUrl);
        QVERIFY(!text.contains("api/listen") && !text.contains("listen=")); // locked
        auto *secretEdit = child<QLineEdit>("clientSecretEdit");
        QVERIFY(secretEdit->text().isEmpty());
        QCOMPARE(secretEdit->placeholderText(), QString("••••• (saved)"));
        QVERIFY(child<QLabel>("restartBanner")->isVisible());
        QVERIFY(!child<QPushButton>("saveButton")->isEnabled());

        // A page opened later shows the same, and never the secret.
        SettingsPage reloaded(m_host->proxy());
        QSignalSpy loaded(&reloaded, &SettingsPage::settingsLoaded);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(reloaded.findChild<QLineEdit *>("clientKeyEdit")->text(), SANDBOX_KEY);
        QCOMPARE(reloaded.findChild<QLineEdit *>("accountIdEdit")->text(), SANDBOX_ACCOUNT);
        QVERIFY(reloaded.findChild<QLineEdit *>("clientSecretEdit")->text().isEmpty());
        QCOMPARE(reloaded.findChild<QLineEdit *>("clientSecretEdit")->placeholderText(),
                 QString("••••• (saved)"));
        QVERIFY(reloaded.findChild<QLabel *>("restartBanner")->isVisibleTo(&reloaded));
        for (const QLabel *label : reloaded.findChildren<QLabel *>())
            QVERIFY(!label->text().contains(SANDBOX_SECRET));

        // The saved secret is the one a test with an empty field uses.
        QVERIFY(runTest());
    }

    void theNextStartReadsTheSealedSecret()
    {
        // What a restart does: a real (not demo) runtime on the same settings file.
        QProcessEnvironment env;
        env.insert("DYGW_DATA_DIR", m_dir.filePath("data"));
        const auto settings = GatewaySettings::load(m_dir.filePath("dy-gateway.ini"), env);
        QVERIFY(settings.ok());
        QVERIFY(settings.value().douyinClientSecret().isEmpty());
        GatewayRuntime runtime(settings.value());
        GatewayRuntime::Options options;
        options.serveApi = false;
        QVERIFY(runtime.start(options).ok());
        QCOMPARE(runtime.douyin()->config().clientKey, SANDBOX_KEY);
        QCOMPARE(runtime.douyin()->config().clientSecret, SANDBOX_SECRET);
        QCOMPARE(runtime.douyin()->config().baseUrl, QUrl(m_sandboxUrl));
        QVERIFY(runtime.douyin()->isConfigured());
    }

    void lanSwitchIsSaved()
    {
        QSignalSpy saved(m_page.get(), &SettingsPage::settingsSaved);
        child<QCheckBox>("apiEnabledBox")->click();
        child<QPushButton>("saveButton")->click();
        QVERIFY(saved.wait(10000));
        QCOMPARE(iniValue("api/enabled").toString(), QString("false"));
        child<QCheckBox>("apiEnabledBox")->click();
        child<QPushButton>("saveButton")->click();
        QVERIFY(saved.wait(10000));
        QCOMPARE(iniValue("api/enabled").toString(), QString("true"));
    }

    // Real Douyin refuses the order and POI queries without account_id (DOUYIN.md §11): the
    // page says so under the field while a douyin.com address has no account id.
    void missingAccountIdIsPointedOut_data()
    {
        QTest::addColumn<QString>("baseUrl");
        QTest::addColumn<QString>("account");
        QTest::addColumn<bool>("noted");
        QTest::newRow("real Douyin, no account") << "https://open.douyin.com"
                                                 << "" << true;
        QTest::newRow("real Douyin, spaces only") << "https://open.douyin.com"
                                                  << "  " << true;
        QTest::newRow("real Douyin with account") << "https://open.douyin.com"
                                                  << "7001" << false;
        QTest::newRow("the sandbox, no account") << m_sandboxUrl << "" << false;
    }

    void missingAccountIdIsPointedOut()
    {
        QFETCH(QString, baseUrl);
        QFETCH(QString, account);
        QFETCH(bool, noted);
        setText("baseUrlEdit", baseUrl);
        setText("accountIdEdit", account);
        bool shown = false;
        for (const QLabel *label : m_page->findChildren<QLabel *>())
            shown = shown || (label->isVisible() && label->text().contains("account_id"));
        QCOMPARE(shown, noted);
        if (child<QPushButton>("undoButton")->isEnabled()) {
            QSignalSpy loaded(m_page.get(), &SettingsPage::settingsLoaded);
            child<QPushButton>("undoButton")->click();
            QVERIFY(loaded.wait(10000));
        }
    }

    void undoPutsBackWhatIsSaved()
    {
        setText("accountIdEdit", "typo");
        QVERIFY(child<QPushButton>("undoButton")->isEnabled());
        QSignalSpy loaded(m_page.get(), &SettingsPage::settingsLoaded);
        child<QPushButton>("undoButton")->click();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(child<QLineEdit>("accountIdEdit")->text(), SANDBOX_ACCOUNT);
        QVERIFY(!m_page->hasUnsavedChanges());
    }

    void badServerAddressIsNotSaved()
    {
        setText("baseUrlEdit", "open.douyin.com");
        child<QPushButton>("saveButton")->click();
        QVERIFY(child<QLabel>("messageLabel")->text().contains("must start with https://"));
        QCOMPARE(iniValue("douyin/base_url").toString(), m_sandboxUrl);
        child<QPushButton>("undoButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->hasUnsavedChanges(), 10000);
    }

    void adminTokenIsShownOnceThenRegenerated()
    {
        auto *show = child<QPushButton>("showTokenButton");
        QVERIFY(show->isVisible());
        show->click();
        const QString first = takeTokenFromDialog();
        QVERIFY(first.startsWith("adm_"));
        QTRY_VERIFY_WITH_TIMEOUT(!show->isVisible(), 10000); // once only
        QCOMPARE(adminStatus(first), 200);

        child<QPushButton>("regenerateButton")->click();
        auto *box = waitForVisible<QMessageBox>();
        QVERIFY(box);
        box->reject(); // a second thought changes nothing
        QTest::qWait(100);
        QVERIFY(m_page->findChildren<SecretDialog *>().isEmpty());
        QCOMPARE(adminStatus(first), 200);

        child<QPushButton>("regenerateButton")->click();
        box = waitForVisible<QMessageBox>();
        QVERIFY(box);
        screenshot(box, "settings_regenerate", "en");
        box->findChild<QPushButton *>("confirmButton")->click();
        auto *dialog = waitForVisible<SecretDialog>();
        QVERIFY(dialog);
        screenshot(dialog, "settings_admintoken", "en");
        const QString second = takeTokenFromDialog();
        QVERIFY(second.startsWith("adm_"));
        QVERIFY(second != first);
        QCOMPARE(adminStatus(first), 401);
        QCOMPARE(adminStatus(second), 200);
    }

    void soundIsRemembered()
    {
        QSignalSpy changed(m_page.get(), &SettingsPage::soundChanged);
        child<QSlider>("volumeSlider")->setValue(35);
        QVERIFY(changed.wait(5000));
        QCOMPARE(changed.constLast().at(0).toInt(), 35);
        QTRY_COMPARE_WITH_TIMEOUT(iniValue("ui/sound_volume").toInt(), 35, 5000);
        child<QCheckBox>("muteBox")->click();
        QVERIFY(changed.wait(5000));
        QCOMPARE(changed.constLast().at(1).toBool(), true);
        QTRY_COMPARE_WITH_TIMEOUT(iniValue("ui/sound_muted").toBool(), true, 5000);
        QVERIFY(!child<QSlider>("volumeSlider")->isEnabled());
        child<QCheckBox>("muteBox")->click();
        QTRY_COMPARE_WITH_TIMEOUT(iniValue("ui/sound_muted").toBool(), false, 5000);
        QVERIFY(!m_page->hasUnsavedChanges()); // sounds are saved on their own
    }

    void languageSwitchesAtOnceAndIsRemembered()
    {
        auto *combo = child<QComboBox>("languageCombo");
        auto *save = child<QPushButton>("saveButton");
        QCOMPARE(combo->currentData().toString(), QString());
        QSignalSpy switched(m_page.get(), &SettingsPage::languageChanged);
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down); // 中文
        QCOMPARE(switched.size(), 1);
        QCOMPARE(combo->currentData().toString(), QString("zh_CN"));
        QTRY_VERIFY_WITH_TIMEOUT(hasHan(save->text()), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(iniValue("ui/language").toString(), QString("zh_CN"), 5000);
        QCOMPARE(combo->currentData().toString(), QString("zh_CN")); // kept while retranslating

        QTest::keyClick(combo, Qt::Key_Down); // English
        QTRY_COMPARE_WITH_TIMEOUT(save->text(), QString("Save"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(iniValue("ui/language").toString(), QString("en"), 5000);

        QTest::keyClick(combo, Qt::Key_Home); // back to the computer's language
        QTRY_COMPARE_WITH_TIMEOUT(iniValue("ui/language").toString(), QString(), 5000);
        AppTranslator::apply(QString("en"));
    }

    void screenshots()
    {
        fillSandboxCredentials(QString());
        QVERIFY(runTest());
        setText("accountIdEdit", SANDBOX_ACCOUNT); // nothing unsaved: Save greys out
        screenshot(m_page.get(), "settings", "en");

        QTranslator translator;
        QVERIFY(translator.load(":/i18n/dygateway_zh_CN.qm"));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        QTRY_VERIFY_WITH_TIMEOUT(hasHan(child<QPushButton>("saveButton")->text()), 5000);
        QVERIFY(hasHan(child<QLabel>("testResult")->text())); // worded again, not dropped
        screenshot(m_page.get(), "settings", "zh_CN");

        setText("clientSecretEdit", "not-the-secret");
        QVERIFY(!runTest());
        screenshot(m_page.get(), "settings_wrongsecret", "zh_CN");
        child<QPushButton>("undoButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->hasUnsavedChanges(), 10000);

        child<QPushButton>("regenerateButton")->click();
        auto *box = waitForVisible<QMessageBox>();
        QVERIFY(box);
        screenshot(box, "settings_regenerate", "zh_CN");
        box->findChild<QPushButton *>("confirmButton")->click();
        auto *dialog = waitForVisible<SecretDialog>();
        QVERIFY(dialog);
        screenshot(dialog, "settings_admintoken", "zh_CN");
        takeTokenFromDialog();
        QCoreApplication::removeTranslator(&translator);
    }
};

QTEST_MAIN(tst_SettingsPage)
#include "tst_settingspage.moc"
