#include <QAbstractButton>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include "app/gatewayhost.h"
#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxdemodata.h"
#include "ui/mainwindow.h"
#include "ui/pages/verifypage.h"
#include "ui/uipreferences.h"
#include "ui/widgets/democouponpanel.h"
#include "ui/widgets/platformtoggle.h"
#include "ui/widgets/preparepanel.h"
#include "ui/widgets/resultpanel.h"
#include "ui/widgets/slipprintbar.h"

// The till screen against the demo sandbox, driven like a cashier would: a scanner-gun burst
// ending in Enter, then Enter again to verify.
class tst_VerifyPage : public QObject
{
    Q_OBJECT

private:
    QJsonObject control(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        QNetworkRequest request(QUrl(m_sandboxUrl + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(
                request, method, QJsonDocument(body).toJson(QJsonDocument::Compact)));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

    // The scanner gun types fast and ends with Enter.
    void scannerBurst(const QString &text)
    {
        QTest::keyClicks(m_page->input(), text);
        QTest::keyClick(m_page->input(), Qt::Key_Return);
    }

    void screenshot(const QString &name)
    {
        QDir().mkpath(m_shots);
        QCoreApplication::processEvents();
        QVERIFY(m_window->grab().save(m_shots + u'/' + name + u'_' + m_language + ".png"));
    }

    QString storeName(const QString &poiId) const
    {
        for (const SandboxState::Poi &store : m_stores) {
            if (store.poiId == poiId)
                return store.name;
        }
        return {};
    }

    // Empty when the panel serves poiId: its coupons first, at least MIN_OWN_STORE of them,
    // each still usable at the sandbox (Douyin's or Meituan's paths), and every card naming
    // its store. Else what is wrong.
    QString panelProblem(const QString &poiId)
    {
        const DemoCouponPanel *panel = m_page->demoPanel();
        if (panel->poiId() != poiId)
            return "sorted for " + panel->poiId();
        const QList<DemoCoupon> shown = panel->shownCoupons();
        int own = 0;
        for (qsizetype i = 0; i < shown.size(); ++i) {
            const DemoCoupon &coupon = shown.at(i);
            if (coupon.poiId == poiId && own++ != i)
                return QString("coupon %1 of the store comes after another store's").arg(i);
            const auto *card = panel->findChild<QAbstractButton *>(QString("demoCoupon%1").arg(i));
            const QString name = storeName(coupon.poiId);
            if (!card || name.isEmpty() || !card->text().contains(name))
                return QString("card %1 does not name its store %2").arg(i).arg(name);
        }
        if (own < DemoCouponPanel::MIN_OWN_STORE)
            return QString("only %1 coupons of the store").arg(own);
        for (int i = 0; i < own; ++i) {
            if (shown.at(i).platform == PlatformId::Meituan) { // its receipts, on Meituan's paths
                const QString code = shown.at(i).codes.value(0);
                const QJsonObject receipt = control("GET", "/sandbox/meituan/receipts/" + code);
                if (receipt["status"].toString() != "unused")
                    return QString("Meituan coupon %1 is not usable").arg(i);
                continue;
            }
            const QJsonObject order = control("GET", "/sandbox/orders/" + shown.at(i).orderId);
            int usable = 0;
            for (const QJsonValue &certificate : order["certificates"].toArray())
                usable +=
                        certificate["status"].toInt() == int(DouyinApi::CertificateStatus::Usable);
            if (order["poi_id"].toString() != poiId || usable == 0)
                return QString("coupon %1 is not usable at the store").arg(i);
        }
        return {};
    }

    QTemporaryDir m_dir;
    QList<SandboxState::Poi> m_stores = SandboxDemoData::stores();
    std::unique_ptr<GatewayHost> m_host;
    std::unique_ptr<MainWindow> m_window;
    VerifyPage *m_page = nullptr;
    QString m_sandboxUrl;
    QString m_shots;
    QString m_language = "en";
    QNetworkAccessManager m_network;
    QTranslator m_translator;

private slots:
    void initTestCase()
    {
        m_shots = QCoreApplication::applicationDirPath() + "/screenshots";
        QProcessEnvironment env;
        env.insert("DYGW_DATA_DIR", m_dir.path());
        env.insert("DYGW_LISTEN", "127.0.0.1:0");
        auto settings = GatewaySettings::load(m_dir.filePath("s.ini"), env);
        QVERIFY(settings.ok());
        qApp->setProperty("dygwConfigFile", m_dir.filePath("s.ini"));
        m_host = std::make_unique<GatewayHost>(settings.value());
        QSignalSpy started(m_host.get(), &GatewayHost::started);
        GatewayRuntime::Options options;
        options.demo = true;
        options.adminTokenFromEnvironment = "ui-test";
        m_window = std::make_unique<MainWindow>(m_host->proxy());
        m_page = m_window->verifyPage();
        m_host->start(options);
        QVERIFY(started.wait(20000));
        m_sandboxUrl = started.first().first().value<GatewayRuntime::Started>().sandbox->toUrl();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_VERIFY_WITH_TIMEOUT(m_page->demoPanel()->isVisible(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->demoPanel()->shownCount() > 0, 10000);
    }

    void init() { control("DELETE", "/sandbox/faults"); }

    // First in the file: the panel is checked as a newcomer meets it, before other tests mint
    // coupons of the first store that would hide the old newest-first order.
    void demoPanelServesTheSelectedStore_data()
    {
        QTest::addColumn<int>("store"); // index in SandboxDemoData::stores(); -1: leave it
        QTest::addColumn<int>("uses"); // coupons clicked and verified one after the other
        QTest::addColumn<QString>("shot");
        QTest::newRow("first run, the store as selected at start") << -1 << 4 << "first_run";
        QTest::newRow("switch to the second store") << 1 << 3 << "second_store";
        QTest::newRow("switch to the third store") << 2 << 2 << "third_store";
        QTest::newRow("back to the first store") << 0 << 1 << "first_store_again";
    }

    void demoPanelServesTheSelectedStore()
    {
        QFETCH(int, store);
        QFETCH(int, uses);
        QFETCH(QString, shot);
        DemoCouponPanel *panel = m_page->demoPanel();
        QComboBox *selector = m_page->storeSelector();
        QTRY_VERIFY_WITH_TIMEOUT(selector->count() == m_stores.size(), 10000);
        if (store >= 0) {
            const int index = selector->findData(m_stores.at(store).poiId);
            QVERIFY(index >= 0);
            QVERIFY(index != selector->currentIndex()); // the panel must follow a real change
            selector->setCurrentIndex(index);
        }
        const QString poiId = selector->currentData().toString();
        QVERIFY(!storeName(poiId).isEmpty());
        QTRY_VERIFY2_WITH_TIMEOUT(panelProblem(poiId).isEmpty(), qPrintable(panelProblem(poiId)),
                                  10000);
        screenshot("verify_demo_" + shot);

        for (int use = 0; use < uses; ++use) {
            QSignalSpy prepared(m_page, &VerifyPage::prepared);
            QSignalSpy answered(m_page, &VerifyPage::answered);
            QSignalSpy shown(panel, &DemoCouponPanel::couponsShown);
            const DemoCoupon used = panel->shownCoupons().value(0);
            auto *card = panel->findChild<QAbstractButton *>("demoCoupon0");
            QVERIFY(card);
            card->click();
            QVERIFY(prepared.wait(10000));
            QTest::keyClick(m_page->input(), Qt::Key_Return);
            QVERIFY(answered.count() == 1 || answered.wait(10000));
            QVERIFY2(m_page->resultPanel()->state() == ResultPanel::State::Success,
                     qPrintable(m_page->resultPanel()->detail()));
            // The list after this verify, not the one from before it.
            QTRY_VERIFY_WITH_TIMEOUT(shown.count() > 0, 10000);
            for (const DemoCoupon &coupon : panel->shownCoupons()) {
                if (coupon.orderId == used.orderId)
                    QCOMPARE(coupon.codes.size(), used.codes.size() - 1);
            }
            const QString problem = panelProblem(poiId);
            QVERIFY2(problem.isEmpty(),
                     qPrintable(QString("after %1 use(s): ").arg(use + 1) + problem));
        }
    }

    void idleScreen() { screenshot("verify_idle"); }

    void scannerBurstPreparesThenVerifies()
    {
        const QJsonObject order =
                control("POST", "/sandbox/orders",
                        {{"certificates", 1}, {"product_name", "双人套餐"}, {"pay_amount", 12800}});
        QSignalSpy prepared(m_page, &VerifyPage::prepared);
        QSignalSpy answered(m_page, &VerifyPage::answered);
        scannerBurst(order["codes"][0].toString());
        QVERIFY(prepared.wait(10000));
        QVERIFY(m_page->preparePanel()->isVisible());
        QCOMPARE(m_page->preparePanel()->prepared().prepared.certificates.size(), 1);
        screenshot("verify_prepared");

        QTest::keyClick(m_page->input(), Qt::Key_Return); // confirm
        QVERIFY(answered.wait(10000));
        QCOMPARE(m_page->resultPanel()->state(), ResultPanel::State::Success);
        screenshot("verify_success");

        // The same coupon again: refused as already used.
        scannerBurst(order["codes"][0].toString());
        QVERIFY(answered.wait(10000));
        QCOMPARE(m_page->resultPanel()->state(), ResultPanel::State::Failure);
        QVERIFY2(m_page->resultPanel()->detail().contains(m_language == "en" ? "already been used"
                                                                             : "已被使用"),
                 qPrintable(m_page->resultPanel()->detail()));
        screenshot("verify_used");
    }

    void multiCertificateOrderWithCountTwo()
    {
        const QJsonObject order = control("POST", "/sandbox/orders", {{"certificates", 3}});
        QSignalSpy prepared(m_page, &VerifyPage::prepared);
        QSignalSpy answered(m_page, &VerifyPage::answered);
        scannerBurst(order["short_link"].toString());
        QVERIFY(prepared.wait(10000));
        QCOMPARE(m_page->preparePanel()->prepared().prepared.certificates.size(), 3);
        QTest::keyClick(m_page->input(), Qt::Key_Up); // one more
        QCOMPARE(m_page->preparePanel()->count(), 2);
        screenshot("verify_count");
        QTest::keyClick(m_page->input(), Qt::Key_Return);
        QVERIFY(answered.wait(10000));
        QCOMPARE(m_page->resultPanel()->state(), ResultPanel::State::Success);
        const QJsonObject after = control("GET", "/sandbox/orders/" + order["order_id"].toString());
        int used = 0;
        for (const QJsonValue &certificate : after["certificates"].toArray())
            used += certificate["status"].toInt() == int(DouyinApi::CertificateStatus::Verified);
        QCOMPARE(used, 2);
    }

    void unknownResultResolvesItself()
    {
        const QJsonObject order = control("POST", "/sandbox/orders", {{"certificates", 1}});
        QSignalSpy prepared(m_page, &VerifyPage::prepared);
        QSignalSpy answered(m_page, &VerifyPage::answered);
        scannerBurst(order["codes"][0].toString());
        QVERIFY(prepared.wait(10000));
        control("POST", "/sandbox/faults", {{"endpoint", "verify"}, {"mode", "drop_after_commit"}});
        QTest::keyClick(m_page->input(), Qt::Key_Return);
        QVERIFY(answered.wait(15000));
        QCOMPARE(m_page->resultPanel()->state(), ResultPanel::State::Checking);
        screenshot("verify_checking");
        // Resolution runs on Douyin's schedule (first check after 5 s) and updates the panel.
        QVERIFY(answered.wait(30000));
        QCOMPARE(m_page->resultPanel()->state(), ResultPanel::State::Success);
    }

    // Demo mode binds every demo store to the sandbox's Meituan: a plain Meituan code is
    // prepared and verified there, with its badge, and the toggle offers both platforms.
    void meituanCodeAtADemoStore()
    {
        const QString poiId = m_page->storeSelector()->currentData().toString();
        QTRY_VERIFY_WITH_TIMEOUT(m_page->platformToggle()->isVisible(), 10000);
        const QString code = control("POST", "/sandbox/meituan/orders",
                                     {{"poi_id", poiId},
                                      {"receipts", 1},
                                      {"deal_title", "美团双人套餐"}})["receipt_codes"][0]
                                     .toString();
        QSignalSpy prepared(m_page, &VerifyPage::prepared);
        QSignalSpy answered(m_page, &VerifyPage::answered);
        scannerBurst(code);
        QVERIFY(prepared.wait(10000));
        QCOMPARE(m_page->preparePanel()->prepared().prepared.platform, PlatformId::Meituan);
        QTest::keyClick(m_page->input(), Qt::Key_Return);
        QVERIFY(answered.wait(10000));
        QVERIFY2(m_page->resultPanel()->state() == ResultPanel::State::Success,
                 qPrintable(m_page->resultPanel()->detail()));
        QCOMPARE(m_page->resultPanel()->platform(), std::optional(PlatformId::Meituan));
        QCOMPARE(control("GET", "/sandbox/meituan/receipts/" + code)["status"].toString(), "used");
        screenshot("verify_meituan_demo");
    }

    void notACouponIsRefusedAtOnce()
    {
        QSignalSpy answered(m_page, &VerifyPage::answered);
        scannerBurst("hello");
        QVERIFY(answered.count() == 1 || answered.wait(5000));
        QCOMPARE(m_page->resultPanel()->state(), ResultPanel::State::Failure);
    }

    void clickingADemoCouponVerifiesIt()
    {
        QSignalSpy prepared(m_page, &VerifyPage::prepared);
        auto *card = m_page->demoPanel()->findChild<QAbstractButton *>("demoCoupon0");
        QVERIFY(card);
        card->click();
        QVERIFY(prepared.wait(10000));
        QSignalSpy answered(m_page, &VerifyPage::answered);
        QTest::keyClick(m_page->input(), Qt::Key_Return);
        QVERIFY(answered.wait(10000));
        QCOMPARE(m_page->resultPanel()->state(), ResultPanel::State::Success);
    }

    // "Print automatically": after the success the slip goes to a network ESC/POS printer (a
    // listener answering DLE EOT like one); with the printer gone, the success still shows
    // and the note under it offers 重试.
    void autoPrintsTheSlip()
    {
        QTcpServer printer;
        QVERIFY(printer.listen(QHostAddress::LocalHost));
        QByteArray received;
        connect(&printer, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *socket = printer.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, this, [&received, socket] {
                received += socket->readAll();
                if (received.endsWith(QByteArray("\x10\x04\x01", 3)))
                    socket->write(QByteArray(1, 0x12));
            });
        });
        UiPreferences::setValue("slip_output", "network");
        UiPreferences::setValue("slip_address",
                                QString("127.0.0.1:" + QString::number(printer.serverPort())));
        UiPreferences::setValue("slip_auto", true);
        const auto verifyOrder = [this] {
            const QJsonObject order = control("POST", "/sandbox/orders", {{"certificates", 1}});
            QSignalSpy prepared(m_page, &VerifyPage::prepared);
            QSignalSpy answered(m_page, &VerifyPage::answered);
            scannerBurst(order["codes"][0].toString());
            QVERIFY(prepared.wait(10000));
            QTest::keyClick(m_page->input(), Qt::Key_Return);
            QVERIFY(answered.wait(10000));
            QCOMPARE(m_page->resultPanel()->state(), ResultPanel::State::Success);
        };
        verifyOrder();
        QTRY_VERIFY(received.endsWith(QByteArray("\x1d\x56\x42\x00\x10\x04\x01", 7)));
        QVERIFY(received.startsWith(QByteArray("\x1b\x40", 2)));
        QVERIFY(received.contains("****"));
        QVERIFY(!m_page->slipBar()->isVisible());

        const quint16 port = printer.serverPort();
        printer.close(); // nothing listens on the port now: refused at once
        UiPreferences::setValue("slip_address", QString("127.0.0.1:" + QString::number(port)));
        verifyOrder();
        QTRY_VERIFY(m_page->slipBar()->isVisible());
        QVERIFY2(m_page->slipBar()->message().contains("cannot be reached"),
                 qPrintable(m_page->slipBar()->message()));
        QVERIFY(m_page->slipBar()->retryButton()->isVisible());
        QCOMPARE(m_page->resultPanel()->state(), ResultPanel::State::Success);
        screenshot("verify_slip_failed");
        UiPreferences::setValue("slip_output", "off");
        m_page->slipBar()->hide();
    }

    void chineseScreens()
    {
        QVERIFY(m_translator.load(":/i18n/dygateway_zh_CN.qm"));
        QCoreApplication::installTranslator(&m_translator);
        m_language = "zh_CN";
        m_page->resultPanel()->showIdle();
        screenshot("verify_idle");
        // The demo panel's store labels and the other stores' heading, in Chinese.
        QComboBox *selector = m_page->storeSelector();
        const int first = selector->currentIndex();
        selector->setCurrentIndex((first + 1) % selector->count());
        const QString poiId = selector->currentData().toString();
        QTRY_VERIFY2_WITH_TIMEOUT(panelProblem(poiId).isEmpty(), qPrintable(panelProblem(poiId)),
                                  10000);
        screenshot("verify_demo_other_store");
        selector->setCurrentIndex(first);
        QTRY_COMPARE_WITH_TIMEOUT(m_page->demoPanel()->poiId(), selector->currentData().toString(),
                                  10000);
        scannerBurstPreparesThenVerifies();
        QCoreApplication::removeTranslator(&m_translator);
        m_language = "en";
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_host.reset();
    }
};

QTEST_MAIN(tst_VerifyPage)
#include "tst_verifypage.moc"
