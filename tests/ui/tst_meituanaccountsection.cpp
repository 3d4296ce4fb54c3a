#include <QDateTime>
#include <QDeadlineTimer>
#include <QDesktopServices>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include "core/config/secretstore.h"
#include "core/meituan/meituanclient.h"
#include "core/meituan/meituantokenkeeper.h"
#include "core/runtime/meituansetup.h"
#include "core/sandbox/sandboxdemodata.h"
#include "tests/ui/demogateway.h"
#include "ui/pages/meituanaccountsection.h"
#include "ui/pages/meituanstorelist.h"
#include "ui/pages/settingspage.h"
#include "ui/recordtext.h"
#include "ui/style.h"
#include "ui/widgets/meituanbinddialog.h"

namespace {

const QString SANDBOX_DEVELOPER_ID = "100001";
constexpr qint64 DAY = 24 * 3600;

} // namespace

// Stands in for the browser: QDesktopServices hands it the addresses it would open.
class BrowserStandIn : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> opened;

public slots:
    void open(const QUrl &url) { opened.append(url); }
};

// The settings page's 美团/点评 section against a whole demo gateway: the demo stores are bound
// at start, a store is bound with the code the sandbox (as Meituan) gives back, a refusal shows
// Meituan's words, a refused token refresh shows in red, and the sign key is sealed.
class tst_MeituanAccountSection : public QObject
{
    Q_OBJECT

private:
    DemoGateway m_gateway;
    QList<SandboxState::Poi> m_stores = SandboxDemoData::stores();
    std::unique_ptr<SettingsPage> m_page;
    BrowserStandIn m_browser;

    MeituanStoreList *list() const { return m_page->findChild<MeituanStoreList *>(); }

    template <typename T>
    T *child(const QString &name) const
    {
        T *found = m_page->findChild<T *>(name);
        if (!found)
            qWarning() << "no child" << name;
        return found;
    }

    QString stateOf(const QString &poiId) const
    {
        return child<QLabel>("meituanState_" + poiId)->text();
    }

    bool refreshed()
    {
        QSignalSpy spy(list(), &MeituanStoreList::refreshed);
        list()->refresh();
        return spy.wait(10000);
    }

    // Asks again until every demo store shows as bound: the runtime binds them as it starts.
    bool allBound()
    {
        QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired()) {
            if (!refreshed())
                return false;
            bool all = true;
            for (const SandboxState::Poi &store : m_stores)
                all = all && stateOf(store.poiId).contains("mt-" + store.poiId);
            if (all)
                return true;
            QTest::qWait(50);
        }
        return false;
    }

    bool unbind(const QString &poiId)
    {
        return m_gateway.onEngine([poiId](GatewayRuntime *runtime) {
            return runtime->meituan()->tokens()->unbind(poiId).ok();
        });
    }

    bool bindThroughTheGateway(const QString &poiId, const QString &code)
    {
        const auto bound = m_gateway.await<Result<MeituanStatus::Store, Meituan::Error>>(
                [&](QObject *context, auto done) {
                    m_gateway.proxy()->bindMeituan(poiId, code, context, done);
                });
        return bound && bound->ok();
    }

    // Clicks the store's bind button; the dialog that opens.
    MeituanBindDialog *openBindDialog(const QString &poiId)
    {
        QSignalSpy opened(list(), &MeituanStoreList::bindDialogOpened);
        child<QPushButton>("meituanBindButton_" + poiId)->click();
        if (!opened.wait(10000))
            return nullptr;
        return opened.constFirst().constFirst().value<MeituanBindDialog *>();
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<MeituanBindDialog *>();
        QDesktopServices::setUrlHandler("https", &m_browser, "open");
        QVERIFY(m_gateway.start());
        m_page = std::make_unique<SettingsPage>(m_gateway.proxy());
        m_page->resize(1200, 1500);
        QSignalSpy loaded(m_page.get(), &SettingsPage::settingsLoaded);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QTRY_VERIFY_WITH_TIMEOUT(loaded.size() >= 2, 10000); // at construction and on show
        QVERIFY(list());
    }

    void cleanupTestCase()
    {
        QDesktopServices::unsetUrlHandler("https");
        m_page.reset();
    }

    void showsTheBoundDemoStores()
    {
        QVERIFY(allBound());
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QCOMPARE(list()->status().stores.size(), m_stores.size());
        for (const SandboxState::Poi &store : m_stores) {
            const MeituanStatus::Store *bound = nullptr;
            for (const MeituanStatus::Store &candidate : list()->status().stores)
                bound = candidate.poiId == store.poiId ? &candidate : bound;
            QVERIFY(bound);
            QCOMPARE(bound->opBizCode, "mt-" + store.poiId);
            // Meituan's access tokens live 30 days.
            QVERIFY2(bound->tokenValidUntil > now + 29 * DAY, qPrintable(store.poiId));
            const QString state = stateOf(store.poiId);
            QVERIFY2(state.contains(RecordText::dateTime(bound->tokenValidUntil * 1000)),
                     qPrintable(state));
            QVERIFY(child<QLabel>("meituanState_" + store.poiId)->isVisible());
            QVERIFY(child<QLabel>("meituanRefreshError_" + store.poiId)->isHidden());
            auto *button = child<QPushButton>("meituanBindButton_" + store.poiId);
            QVERIFY(button->isEnabled());
            QCOMPARE(button->text(), QString("Bind again"));
        }
        // The store list names the stores as the Douyin account does.
        bool named = false;
        for (const QLabel *label : list()->findChildren<QLabel *>())
            named = named || label->text().contains(m_stores.at(0).name);
        QVERIFY(named);
        QVERIFY(child<QLabel>("meituanStoresNote")->isHidden()); // set up: nothing to point out
    }

    void bindingTakesTheCodeMeituanGaveBack_data()
    {
        QTest::addColumn<QString>("code"); // %1 is the POI id
        QTest::addColumn<bool>("bound");
        QTest::addColumn<QString>("meituanSaid");

        QTest::newRow("the sandbox's standing code") << "sandbox-auth-%1" << true << "";
        QTest::newRow("spaces around the code") << "  sandbox-auth-%1 " << true << "";
        QTest::newRow("a one-time code") << "one-time" << true << "";
        QTest::newRow("a one-time code used twice")
                << "one-time, used" << false << "already exchanged";
        QTest::newRow("a code Meituan never gave")
                << "not-a-code" << false << "unknown authorization code";
    }

    void bindingTakesTheCodeMeituanGaveBack()
    {
        QFETCH(QString, code);
        QFETCH(bool, bound);
        QFETCH(QString, meituanSaid);
        const QString poiId = m_stores.at(1).poiId;
        if (code.startsWith("one-time")) {
            const bool used = code.contains("used");
            code = m_gateway.control("POST", "/sandbox/meituan/auth_codes", {{"poi_id", poiId}})
                           .value("code")
                           .toString();
            QVERIFY(!code.isEmpty());
            if (used)
                QVERIFY(bindThroughTheGateway(poiId, code));
        } else if (code.contains("%1")) {
            code = code.arg(poiId);
        }
        QVERIFY(unbind(poiId));
        QVERIFY(refreshed());
        QCOMPARE(stateOf(poiId), QString("Not bound to Meituan yet."));
        QCOMPARE(child<QPushButton>("meituanBindButton_" + poiId)->text(),
                 QString("Bind Meituan store"));

        m_browser.opened.clear();
        MeituanBindDialog *dialog = openBindDialog(poiId);
        QVERIFY(dialog);
        // Meituan's signed page for this store was opened, its state the POI.
        QCOMPARE(m_browser.opened.size(), 1);
        const QUrl page = m_browser.opened.constFirst();
        QCOMPARE(page.host(), QString("open-erp.meituan.com"));
        const QUrlQuery query(page);
        QCOMPARE(query.queryItemValue("state"), poiId);
        QCOMPARE(query.queryItemValue("developerId"), SANDBOX_DEVELOPER_ID);
        QCOMPARE(query.queryItemValue("businessId"), QString("58"));
        QCOMPARE(query.queryItemValue("sign").size(), 40); // SHA-1, hex
        QCOMPARE(dialog->findChild<QLineEdit *>("addressEdit")->text(),
                 page.toString(QUrl::FullyEncoded));
        QVERIFY(!dialog->bindButton()->isEnabled()); // nothing to send yet

        QSignalSpy done(dialog, &MeituanBindDialog::bound);
        QSignalSpy failed(dialog, &MeituanBindDialog::bindFailed);
        QSignalSpy listed(list(), &MeituanStoreList::refreshed);
        QTest::keyClicks(dialog->codeEdit(), code);
        dialog->bindButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty() || !failed.isEmpty(), 15000);
        if (bound) {
            QCOMPARE(done.size(), 1);
            QCOMPARE(done.constFirst().constFirst().value<MeituanStatus::Store>().opBizCode,
                     "mt-" + poiId);
            QTRY_VERIFY_WITH_TIMEOUT(!listed.isEmpty(), 10000); // the row follows by itself
            QVERIFY2(stateOf(poiId).contains("Bound to Meituan store mt-" + poiId),
                     qPrintable(stateOf(poiId)));
            QTRY_VERIFY(m_page->findChildren<MeituanBindDialog *>().isEmpty());
            return;
        }
        QCOMPARE(failed.size(), 1);
        const QString shown = dialog->findChild<QLabel *>("bindError")->text();
        QVERIFY2(shown.contains("Meituan did not accept the authorization code"),
                 qPrintable(shown));
        QVERIFY2(shown.contains("Meituan said: \"参数错误"), qPrintable(shown));
        QVERIFY2(shown.contains(meituanSaid), qPrintable(shown));
        QVERIFY2(shown.contains("OP_PARAM_ERROR"), qPrintable(shown));
        QVERIFY(dialog->isVisible()); // to paste a new code
        if (QTest::currentDataTag() == QByteArray("a code Meituan never gave"))
            QVERIFY(DemoGateway::saveScreenshot(dialog, "meituan_bind_refused_en"));
        dialog->reject();
        QVERIFY(listed.wait(10000));
        QCOMPARE(stateOf(poiId), QString("Not bound to Meituan yet."));
        QVERIFY(bindThroughTheGateway(poiId, "sandbox-auth-" + poiId)); // as it was
    }

    void aRefusedRefreshIsShownInRed()
    {
        const QString poiId = m_stores.at(2).poiId;
        // Meituan no longer takes the store's refresh token; the keeper finds it due.
        m_gateway.control("POST", "/sandbox/meituan/tokens/expire",
                          {{"poi_id", poiId}, {"refresh_tokens", true}});
        m_gateway.onEngine([](GatewayRuntime *runtime) {
            const qint64 later = QDateTime::currentSecsSinceEpoch() + 28 * DAY;
            runtime->meituan()->tokens()->setClock([later] { return later; });
            runtime->meituan()->tokens()->refreshDue();
            return true;
        });
        QString error;
        QDeadlineTimer deadline(15000);
        while (error.isEmpty() && !deadline.hasExpired()) {
            QVERIFY(refreshed());
            for (const MeituanStatus::Store &store : list()->status().stores)
                error = store.poiId == poiId ? store.refreshError : error;
        }
        QVERIFY(!error.isEmpty());
        auto *label = child<QLabel>("meituanRefreshError_" + poiId);
        QVERIFY(label->isVisible());
        QVERIFY2(label->text().contains(error), qPrintable(label->text()));
        QVERIFY(label->styleSheet().contains(Style::colour(Style::Colour::Failure).name()));
        QVERIFY(DemoGateway::saveScreenshot(m_page.get(), "settings_meituan_refreshfailed_en"));

        m_gateway.onEngine([](GatewayRuntime *runtime) {
            runtime->meituan()->tokens()->setClock(
                    [] { return QDateTime::currentSecsSinceEpoch(); });
            return true;
        });
        QVERIFY(bindThroughTheGateway(poiId, "sandbox-auth-" + poiId));
        QVERIFY(refreshed());
        QVERIFY(label->isHidden()); // a new pair: nothing failed since
    }

    void badServerAddressIsNotSaved()
    {
        auto *url = child<QLineEdit>("meituanBaseUrlEdit");
        QCOMPARE(url->text(), QString("https://api-open-cater.meituan.com"));
        url->clear();
        QTest::keyClicks(url, "api-open-cater.meituan.com");
        child<QPushButton>("saveButton")->click();
        const QString message = child<QLabel>("messageLabel")->text();
        QVERIFY2(message.contains("Meituan server address must start with https://"),
                 qPrintable(message));
        QVERIFY(!QFile::exists(m_gateway.settingsFile())
                || !QSettings(m_gateway.settingsFile(), QSettings::IniFormat)
                            .contains("meituan/base_url"));
        QSignalSpy loaded(m_page.get(), &SettingsPage::settingsLoaded);
        child<QPushButton>("undoButton")->click();
        QVERIFY(loaded.wait(10000));
        QVERIFY(!m_page->hasUnsavedChanges());
    }

    void savingTheSignKeySealsIt()
    {
        const QString key = "typed-meituan-sign-key-0123";
        auto *keyEdit = child<QLineEdit>("meituanSignKeyEdit");
        QCOMPARE(keyEdit->echoMode(), QLineEdit::Password);
        QVERIFY(keyEdit->placeholderText().isEmpty()); // nothing saved yet
        QTest::keyClicks(child<QLineEdit>("meituanDeveloperIdEdit"), "20x0002");
        QCOMPARE(child<QLineEdit>("meituanDeveloperIdEdit")->text(), QString("200002"));
        QTest::keyClicks(keyEdit, key);
        QSignalSpy saved(m_page.get(), &SettingsPage::settingsSaved);
        child<QPushButton>("saveButton")->click();
        QVERIFY(saved.wait(10000));

        // The file has the developer id and nothing of the key; the database has it sealed.
        QFile file(m_gateway.settingsFile());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray ini = file.readAll();
        QVERIFY2(!ini.contains(key.toUtf8()), ini.constData());
        QVERIFY(!ini.contains("sign_key"));
        QCOMPARE(QSettings(m_gateway.settingsFile(), QSettings::IniFormat)
                         .value("meituan/developer_id")
                         .toString(),
                 QString("200002"));
        {
            auto secrets = SecretStore::openInDir(m_gateway.dir());
            QVERIFY(secrets.ok());
            const auto sealed =
                    secrets.value()->value(QString::fromLatin1(SecretStore::MEITUAN_SIGN_KEY));
            QVERIFY(sealed.ok() && sealed.value());
            QCOMPARE(*sealed.value(), key);
        }
        QVERIFY(keyEdit->text().isEmpty());
        QCOMPARE(keyEdit->placeholderText(), QString("••••• (saved)"));
        bool noted = false;
        for (const QLabel *label : m_page->findChildren<QLabel *>())
            noted = noted || (label->isVisible() && label->text().startsWith("Saved encrypted"));
        QVERIFY(noted);
        QVERIFY(child<QLabel>("restartBanner")->isVisible());
        QVERIFY(!m_page->hasUnsavedChanges());

        // What a restart does: a real (not demo) runtime reads the sealed key.
        QProcessEnvironment env;
        env.insert("DYGW_DATA_DIR", m_gateway.dir());
        env.insert("DYGW_LISTEN", "127.0.0.1:0");
        const auto settings = GatewaySettings::load(m_gateway.settingsFile(), env);
        QVERIFY(settings.ok());
        QVERIFY(settings.value().meituanSignKey().isEmpty());
        GatewayRuntime runtime(settings.value());
        GatewayRuntime::Options options;
        options.serveApi = false;
        QVERIFY(runtime.start(options).ok());
        QCOMPARE(runtime.meituan()->client()->config().signKey, key);
        QCOMPARE(runtime.meituan()->client()->config().developerId, qint64(200002));
        QVERIFY(runtime.meituan()->isConfigured());
    }

    void screenshots()
    {
        QVERIFY(allBound());
        auto *section = m_page->findChild<MeituanAccountSection *>();
        QVERIFY(section);
        QVERIFY(DemoGateway::saveScreenshot(m_page.get(), "settings_meituan_en"));
        QVERIFY(DemoGateway::saveScreenshot(section, "settings_meituan_section_en"));

        QVERIFY(m_gateway.setChinese(true));
        QCOMPARE(section->title(), QString("美团/点评"));
        QCOMPARE(child<QPushButton>("meituanBindButton_" + m_stores.at(0).poiId)->text(),
                 QString("重新绑定"));
        QVERIFY(DemoGateway::saveScreenshot(section, "settings_meituan_section_zh_CN"));

        const QString poiId = m_stores.at(0).poiId;
        QVERIFY(unbind(poiId));
        QVERIFY(refreshed());
        QCOMPARE(child<QPushButton>("meituanBindButton_" + poiId)->text(), QString("绑定美团门店"));
        MeituanBindDialog *dialog = openBindDialog(poiId);
        QVERIFY(dialog);
        QSignalSpy failed(dialog, &MeituanBindDialog::bindFailed);
        QTest::keyClicks(dialog->codeEdit(), "wrong-code");
        dialog->bindButton()->click();
        QVERIFY(failed.wait(15000));
        QVERIFY(DemoGateway::saveScreenshot(dialog, "meituan_bind_refused_zh_CN"));
        dialog->reject();
        QVERIFY(bindThroughTheGateway(poiId, "sandbox-auth-" + poiId));
        QVERIFY(m_gateway.setChinese(false));
    }
};

QTEST_MAIN(tst_MeituanAccountSection)
#include "tst_meituanaccountsection.moc"
