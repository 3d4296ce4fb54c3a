#include <memory>

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
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include "app/gatewayhost.h"
#include "ui/mainwindow.h"
#include "ui/pages/verifypage.h"
#include "ui/widgets/democouponpanel.h"
#include "ui/widgets/platformbadge.h"
#include "ui/widgets/platformchoicepanel.h"
#include "ui/widgets/platformtoggle.h"
#include "ui/widgets/preparepanel.h"
#include "ui/widgets/resultpanel.h"

// The till's side of "which platform" (MEITUAN.md §8): the toggle beside the code input, the
// two big buttons of an ambiguous code, and the platform badge on prepared coupons and
// results. The widgets on their own, then the verify page against the demo gateway, driven
// like a cashier would, with screenshots in build/tests/screenshots/platform_*.png.
class tst_PlatformChoice : public QObject
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

    void scannerBurst(const QString &text)
    {
        QTest::keyClicks(m_page->input(), text);
        QTest::keyClick(m_page->input(), Qt::Key_Return);
    }

    void screenshot(const QString &name)
    {
        QDir().mkpath(m_shots);
        for (int i = 0; i < 3; ++i) {
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents();
        }
        QVERIFY(m_window->grab().save(m_shots + "/platform_" + name + '_' + m_language + ".png"));
    }

    QTemporaryDir m_dir;
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
        m_window->resize(1366, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_VERIFY_WITH_TIMEOUT(m_page->storeSelector()->count() > 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->platformToggle()->platforms().isEmpty(), 10000);
    }

    void init() { control("DELETE", "/sandbox/faults"); }

    void toggleOffersTheStoresPlatforms_data()
    {
        QTest::addColumn<QList<PlatformId>>("platforms");
        QTest::addColumn<bool>("shown");
        QTest::newRow("Douyin only") << QList<PlatformId>{PlatformId::Douyin} << false;
        QTest::newRow("Meituan only") << QList<PlatformId>{PlatformId::Meituan} << false;
        QTest::newRow("both") << QList<PlatformId>{PlatformId::Douyin, PlatformId::Meituan} << true;
        QTest::newRow("none") << QList<PlatformId>{} << false;
    }

    void toggleOffersTheStoresPlatforms()
    {
        QFETCH(QList<PlatformId>, platforms);
        QFETCH(bool, shown);
        QWidget window;
        auto *toggle = new PlatformToggle(&window);
        window.show();
        toggle->setPlatforms({PlatformId::Douyin, PlatformId::Meituan});
        toggle->button(PlatformId::Meituan)->click();
        QCOMPARE(toggle->forced(), std::optional(PlatformId::Meituan));

        toggle->setPlatforms(platforms); // another store: the choice goes back to automatic
        QCOMPARE(toggle->isVisible(), shown);
        QVERIFY(!toggle->forced());
        QVERIFY(toggle->button(std::nullopt)->isChecked());
        for (const PlatformId platform : {PlatformId::Douyin, PlatformId::Meituan}) {
            QPushButton *button = toggle->button(platform);
            QCOMPARE(button != nullptr, platforms.contains(platform));
            if (!button)
                continue;
            QCOMPARE(button->text(), PlatformBadge::shortName(platform));
            button->click();
            QCOMPARE(toggle->forced(), std::optional(platform));
        }
    }

    void choicePanelAnswersWithThePlatform_data()
    {
        QTest::addColumn<int>("pressed");
        QTest::newRow("Douyin") << int(PlatformId::Douyin);
        QTest::newRow("Meituan") << int(PlatformId::Meituan);
    }

    void choicePanelAnswersWithThePlatform()
    {
        QFETCH(int, pressed);
        PlatformChoicePanel panel;
        // Shown twice: the second time must not add buttons to the first ones.
        panel.showChoice({PlatformId::Douyin, PlatformId::Meituan});
        panel.showChoice({PlatformId::Douyin, PlatformId::Meituan});
        panel.show();
        QCOMPARE(panel.findChildren<QPushButton *>().size(), 2);
        QSignalSpy chosen(&panel, &PlatformChoicePanel::chosen);
        QPushButton *button = panel.button(PlatformId(pressed));
        QVERIFY(button);
        QCOMPARE(button->objectName(), "choose_" + Platforms::toString(PlatformId(pressed)));
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.first().first().value<PlatformId>(), PlatformId(pressed));
    }

    // A Douyin-only store: no toggle, and the coupon and its result carry the 抖音 badge.
    void douyinOnlyStoreShowsTheBadge()
    {
        QCOMPARE(m_page->platformToggle()->platforms(), QList<PlatformId>{PlatformId::Douyin});
        QVERIFY(!m_page->platformToggle()->isVisible());
        const QJsonObject order =
                control("POST", "/sandbox/orders",
                        {{"certificates", 1},
                         {"poi_id", m_page->storeSelector()->currentData().toString()},
                         {"product_name", "双人套餐"}});
        QSignalSpy prepared(m_page, &VerifyPage::prepared);
        QSignalSpy answered(m_page, &VerifyPage::answered);
        scannerBurst(order["codes"][0].toString());
        QVERIFY(prepared.wait(10000));
        const auto *prepareBadge = m_page->preparePanel()->findChild<PlatformBadge *>();
        QVERIFY(prepareBadge && prepareBadge->isVisible());
        QCOMPARE(prepareBadge->platform(), std::optional(PlatformId::Douyin));
        screenshot("douyin_prepared");
        QTest::keyClick(m_page->input(), Qt::Key_Return);
        QVERIFY(answered.wait(10000));
        QCOMPARE(m_page->resultPanel()->state(), ResultPanel::State::Success);
        QCOMPARE(m_page->resultPanel()->platform(), std::optional(PlatformId::Douyin));
        screenshot("douyin_success");

        // Idle again: no badge.
        m_page->resultPanel()->showIdle();
        QVERIFY(!m_page->resultPanel()->platform());
    }

    // The toggle's choice goes with the command, for that one code: forcing a platform the
    // store lacks is refused naming it, and the next scan is automatic again.
    void forcedPlatformGoesWithTheScan()
    {
        PlatformToggle *toggle = m_page->platformToggle();
        toggle->setPlatforms({PlatformId::Douyin, PlatformId::Meituan}); // as if it had both
        QVERIFY(toggle->isVisible());
        toggle->button(PlatformId::Meituan)->click();
        screenshot("forced_meituan");
        const QJsonObject order =
                control("POST", "/sandbox/orders",
                        {{"certificates", 1},
                         {"poi_id", m_page->storeSelector()->currentData().toString()}});
        QSignalSpy answered(m_page, &VerifyPage::answered);
        scannerBurst(order["codes"][0].toString());
        QVERIFY(answered.wait(10000));
        QCOMPARE(m_page->resultPanel()->state(), ResultPanel::State::Failure);
        QVERIFY2(m_page->resultPanel()->detail().contains(
                         m_language == "en" ? "Meituan / Dianping account is not set up" : "美团"),
                 qPrintable(m_page->resultPanel()->detail()));
        QVERIFY(!toggle->forced()); // for the next code only
        screenshot("forced_meituan_refused");

        QSignalSpy prepared(m_page, &VerifyPage::prepared);
        scannerBurst(order["codes"][0].toString()); // automatic: Douyin's
        QVERIFY(prepared.wait(10000));
        QCOMPARE(m_page->preparePanel()->prepared().prepared.platform, PlatformId::Douyin);
        QTest::keyClick(m_page->input(), Qt::Key_Escape);
        toggle->setPlatforms({PlatformId::Douyin});
    }

    void chineseScreens()
    {
        QVERIFY(m_translator.load(":/i18n/dygateway_zh_CN.qm"));
        QCoreApplication::installTranslator(&m_translator);
        m_language = "zh_CN";
        douyinOnlyStoreShowsTheBadge();
        forcedPlatformGoesWithTheScan();
        QCoreApplication::removeTranslator(&m_translator);
        m_language = "en";
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_host.reset();
    }
};

QTEST_MAIN(tst_PlatformChoice)
#include "tst_platformchoice.moc"
