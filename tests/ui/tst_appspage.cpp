#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDeadlineTimer>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "tests/ui/demogateway.h"
#include <QTranslator>

#include "app/gatewayhost.h"
#include "core/runtime/gatewayproxy.h"
#include "ui/models/verifierapptablemodel.h"
#include "ui/pages/appspage.h"
#include "ui/widgets/createappdialog.h"
#include "ui/widgets/secretdialog.h"

// The verifier apps page against a real gateway (demo mode) on its own thread: what the page
// shows is checked against what GatewayProxy::listApps answers afterwards.
class tst_AppsPage : public QObject
{
    Q_OBJECT

private:
    QList<VerifierApp> engineApps()
    {
        std::optional<Result<QList<VerifierApp>>> answer;
        m_host->proxy()->listApps(
                this, [&answer](const Result<QList<VerifierApp>> &apps) { answer = apps; });
        QDeadlineTimer deadline(10000);
        while (!answer && !deadline.hasExpired())
            QTest::qWait(10);
        if (!answer || !answer->ok())
            return {};
        return answer->value();
    }

    std::optional<VerifierApp> engineApp(const QString &name)
    {
        for (const VerifierApp &app : engineApps()) {
            if (app.name == name)
                return app;
        }
        return std::nullopt;
    }

    template <typename T>
    T *waitForChild()
    {
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()) {
            for (T *child : m_page->findChildren<T *>()) {
                if (child->isVisible())
                    return child;
            }
            QTest::qWait(10);
        }
        return nullptr;
    }

    // Creates an app through the page's own dialogs; returns the secret it showed.
    QString createThroughDialogs(const QString &name, bool allowTokenRead)
    {
        m_page->findChild<QPushButton *>("createButton")->click();
        auto *dialog = waitForChild<CreateAppDialog>();
        if (!dialog)
            return {};
        QTest::keyClicks(dialog->nameEdit(), name);
        dialog->tokenReadBox()->setChecked(allowTokenRead);
        dialog->accept();
        auto *secret = waitForChild<SecretDialog>();
        if (!secret)
            return {};
        const QString value = secret->value(1);
        secret->accept();
        QDeadlineTimer deadline(5000);
        while (!m_page->findChildren<SecretDialog *>().isEmpty() && !deadline.hasExpired())
            QTest::qWait(10);
        return value;
    }

    int rowOf(const QString &name) const
    {
        for (int row = 0; row < m_page->model()->rowCount(); ++row) {
            if (m_page->model()->app(row)->name == name)
                return row;
        }
        return -1;
    }

    void select(const QString &name)
    {
        const int row = rowOf(name);
        QVERIFY(row >= 0);
        m_page->table()->selectRow(row);
        QCOMPARE(m_page->table()->currentIndex().row(), row);
    }

    void screenshot(QWidget *widget, const QString &name, const QString &language)
    {
        QVERIFY(DemoGateway::saveScreenshot(widget, name + "_" + language));
    }

    QTemporaryDir m_dir;
    std::unique_ptr<GatewayHost> m_host;
    std::unique_ptr<AppsPage> m_page;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QProcessEnvironment env; // nothing inherited: no credentials, no stray settings
        env.insert("DYGW_DATA_DIR", m_dir.filePath("data"));
        env.insert("DYGW_LISTEN", "127.0.0.1:0");
        const auto settings = GatewaySettings::load(m_dir.filePath("dy-gateway.ini"), env);
        QVERIFY(settings.ok());
        m_host = std::make_unique<GatewayHost>(settings.value());
        QSignalSpy started(m_host.get(), &GatewayHost::started);
        GatewayRuntime::Options options;
        options.demo = true;
        m_host->start(options);
        QVERIFY(started.wait(20000));

        m_page = std::make_unique<AppsPage>(m_host->proxy());
        m_page->resize(1200, 720);
        QSignalSpy loaded(m_page.get(), &AppsPage::appsLoaded);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 10000); // may have come while exposing
    }

    void cleanupTestCase()
    {
        m_page.reset();
        m_host.reset();
    }

    void emptyListSaysWhatToDo()
    {
        auto *stack = m_page->findChild<QStackedWidget *>();
        QVERIFY(stack);
        auto *empty = m_page->findChild<QLabel *>("emptyLabel");
        QCOMPARE(stack->currentWidget(), empty);
        QVERIFY(empty->text().contains("New app"));
        screenshot(m_page.get(), "apps_empty", "en");
    }

    void creatingAnAppShowsTheSecretOnce()
    {
        m_page->findChild<QPushButton *>("createButton")->click();
        auto *dialog = waitForChild<CreateAppDialog>();
        QVERIFY(dialog);
        QTest::keyClicks(dialog->nameEdit(), "Till 2");
        QVERIFY(!dialog->tokenReadBox()->isChecked()); // off unless asked for
        screenshot(dialog, "appcreate", "en");
        dialog->accept();

        auto *secretDialog = waitForChild<SecretDialog>();
        QVERIFY(secretDialog);
        QCOMPARE(secretDialog->valueCount(), 2);
        const QString key = secretDialog->value(0);
        const QString secret = secretDialog->value(1);
        QVERIFY(key.startsWith("ak_"));
        QVERIFY(secret.size() >= 32);
        screenshot(secretDialog, "appsecret", "en");

        secretDialog->findChild<QPushButton *>("copyButton1")->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), secret);
        QVERIFY(secretDialog->findChild<QPushButton *>("copyButton1")->text().contains("Copied"));

        // The gateway has it, without a secret; the list shows it, without a secret.
        const auto app = engineApp("Till 2");
        QVERIFY(app);
        QCOMPARE(app->clientKey, key);
        QCOMPARE(app->status, VerifierApp::Status::Active);
        QVERIFY(!app->allowTokenRead);
        const int row = rowOf("Till 2");
        QVERIFY(row >= 0);
        QCOMPARE(m_page->table()->currentIndex().row(), row); // the new app is selected
        for (int r = 0; r < m_page->model()->rowCount(); ++r) {
            for (int c = 0; c < m_page->model()->columnCount(); ++c) {
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::EditRole),
                                 int(Qt::StatusTipRole), int(Qt::WhatsThisRole)}) {
                    const QString text = m_page->model()->index(r, c).data(role).toString();
                    QVERIFY2(!text.contains(secret), qPrintable(text));
                }
            }
        }

        secretDialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(m_page->findChildren<SecretDialog *>().isEmpty(), 5000);
        // Once closed, nothing on the page holds the secret any more.
        for (const QLabel *label : m_page->findChildren<QLabel *>())
            QVERIFY2(!label->text().contains(secret), qPrintable(label->text()));
        for (const QLineEdit *edit : m_page->findChildren<QLineEdit *>())
            QVERIFY(!edit->text().contains(secret));
        // And showing the page again does not bring it back.
        QSignalSpy loaded(m_page.get(), &AppsPage::appsLoaded);
        m_page->refresh();
        QVERIFY(loaded.wait(10000));
        QVERIFY(m_page->findChildren<SecretDialog *>().isEmpty());
    }

    void aTakenNameIsRefusedInPlainWords()
    {
        const int before = m_page->model()->rowCount();
        m_page->createApp("Till 2", false);
        auto *message = m_page->findChild<QLabel *>("messageLabel");
        QTRY_VERIFY_WITH_TIMEOUT(message->isVisible(), 10000);
        QVERIFY2(message->text().contains("already an app called \"Till 2\""),
                 qPrintable(message->text()));
        QVERIFY(m_page->findChildren<SecretDialog *>().isEmpty());
        QCOMPARE(m_page->model()->rowCount(), before);
        QCOMPARE(engineApps().size(), before);
    }

    void tokenAccessRoundTripsThroughTheEngine()
    {
        select("Till 2");
        auto *box = m_page->findChild<QCheckBox *>("tokenReadBox");
        QVERIFY(box->isVisible());
        QVERIFY(!box->isChecked());
        QSignalSpy changed(m_page.get(), &AppsPage::appChanged);

        box->click();
        QVERIFY(changed.wait(10000));
        QVERIFY(engineApp("Till 2")->allowTokenRead);
        QVERIFY(box->isChecked());
        const int row = rowOf("Till 2");
        QCOMPARE(m_page->model()->index(row, VerifierAppTableModel::TokenRead).data().toString(),
                 QString("Yes"));

        box->click();
        QVERIFY(changed.wait(10000));
        QVERIFY(!engineApp("Till 2")->allowTokenRead);
        QVERIFY(!box->isChecked());
    }

    void disablingAsksFirstEnablingDoesNot()
    {
        select("Till 2");
        auto *statusButton = m_page->findChild<QPushButton *>("statusButton");
        QVERIFY(statusButton->text().contains("Disable"));

        // Changing one's mind leaves the app alone.
        statusButton->click();
        auto *box = waitForChild<QMessageBox>();
        QVERIFY(box);
        QVERIFY(box->text().contains("Till 2"));
        box->reject();
        QTest::qWait(100);
        QCOMPARE(engineApp("Till 2")->status, VerifierApp::Status::Active);

        QSignalSpy changed(m_page.get(), &AppsPage::appChanged);
        statusButton->click();
        box = waitForChild<QMessageBox>();
        QVERIFY(box);
        box->findChild<QPushButton *>("confirmButton")->click();
        QVERIFY(changed.wait(10000));
        QCOMPARE(engineApp("Till 2")->status, VerifierApp::Status::Disabled);
        const int row = rowOf("Till 2");
        QCOMPARE(m_page->model()->index(row, VerifierAppTableModel::Status).data().toString(),
                 QString("Disabled"));
        QCOMPARE(statusButton->text(), QString("Enable app"));

        statusButton->click();
        QVERIFY(changed.wait(10000));
        QVERIFY(m_page->findChildren<QMessageBox *>().isEmpty());
        QCOMPARE(engineApp("Till 2")->status, VerifierApp::Status::Active);
        QCOMPARE(m_page->model()->index(row, VerifierAppTableModel::Status).data().toString(),
                 QString("Active"));
    }

    void lastUseIsShown()
    {
        const int row = rowOf("Till 2");
        QCOMPARE(m_page->model()->index(row, VerifierAppTableModel::LastUsed).data().toString(),
                 QString("Never"));
        VerifierApp used = *m_page->model()->app(row);
        used.lastUsedAt = QDateTime(QDate(2026, 3, 11), QTime(10, 35)).toMSecsSinceEpoch();
        m_page->model()->updateApp(used);
        QCOMPARE(m_page->model()->index(row, VerifierAppTableModel::LastUsed).data().toString(),
                 QString("2026-03-11 10:35"));
    }

    void screenshots()
    {
        QVERIFY(!createThroughDialogs("Self-service kiosk", true).isEmpty());
        QVERIFY(!createThroughDialogs("Mini-program server", false).isEmpty());
        select("Mini-program server");
        QSignalSpy changed(m_page.get(), &AppsPage::appChanged);
        m_page->findChild<QPushButton *>("statusButton")->click();
        auto *box = waitForChild<QMessageBox>();
        QVERIFY(box);
        screenshot(box, "appdisable", "en");
        box->findChild<QPushButton *>("confirmButton")->click();
        QVERIFY(changed.wait(10000));
        select("Till 2");
        QTest::qWait(50);
        screenshot(m_page.get(), "apps", "en");

        QTranslator translator;
        QVERIFY(translator.load(":/i18n/dygateway_zh_CN.qm"));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        QTest::qWait(50);
        QVERIFY2(m_page->findChild<QPushButton *>("createButton")->text() != "+ New app…",
                 "the page did not retranslate");
        screenshot(m_page.get(), "apps", "zh_CN");

        m_page->findChild<QPushButton *>("createButton")->click();
        auto *dialog = waitForChild<CreateAppDialog>();
        QVERIFY(dialog);
        dialog->nameEdit()->setText("2号收银台"); // keyClicks() types ASCII only
        screenshot(dialog, "appcreate", "zh_CN");
        dialog->accept();
        auto *secret = waitForChild<SecretDialog>();
        QVERIFY(secret);
        screenshot(secret, "appsecret", "zh_CN");
        secret->accept();
        QTRY_VERIFY_WITH_TIMEOUT(m_page->findChildren<SecretDialog *>().isEmpty(), 5000);

        select("Till 2");
        m_page->findChild<QPushButton *>("statusButton")->click();
        box = waitForChild<QMessageBox>();
        QVERIFY(box);
        screenshot(box, "appdisable", "zh_CN");
        box->reject();

        QCoreApplication::removeTranslator(&translator);
        QTest::qWait(50);
        QCOMPARE(m_page->findChild<QPushButton *>("createButton")->text(), QString("+ New app…"));
    }
};

QTEST_MAIN(tst_AppsPage)
#include "tst_appspage.moc"
