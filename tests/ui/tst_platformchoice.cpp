#include <memory>

#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

#include "tests/ui/twoplatformgateway.h"

#include "ui/mainwindow.h"
#include "ui/pages/verifypage.h"
#include "ui/widgets/democouponpanel.h"
#include "ui/widgets/platformbadge.h"
#include "ui/widgets/platformchoicepanel.h"
#include "ui/widgets/platformtoggle.h"
#include "ui/widgets/preparepanel.h"
#include "ui/widgets/resultpanel.h"

// The till's side of "which platform" (MEITUAN.md §8): the toggle beside the code input, the
// two big buttons of a code both platforms know, and the platform badge on prepared coupons
// and results. The widgets on their own, then the verify page against a gateway with Douyin
// (the sandbox) and Meituan (literal answers), driven like a cashier would, with screenshots
// in build/tests/screenshots/platform_*.png.
class tst_PlatformChoice : public QObject
{
    Q_OBJECT

private:
    void scannerBurst(const QString &text)
    {
        QTest::keyClicks(m_page->input(), text);
        QTest::keyClick(m_page->input(), Qt::Key_Return);
    }

    void screenshot(QWidget *widget, const QString &name)
    {
        QDir().mkpath(m_shots);
        for (int i = 0; i < 3; ++i) {
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents();
        }
        QVERIFY(widget->grab().save(m_shots + "/platform_" + name + '_' + m_language + ".png"));
    }
    void screenshot(const QString &name) { screenshot(m_window.get(), name); }

    void selectStore(const QString &poiId)
    {
        QComboBox *selector = m_page->storeSelector();
        selector->setCurrentIndex(selector->findData(poiId));
        QTRY_COMPARE_WITH_TIMEOUT(m_page->platformToggle()->platforms().size(),
                                  poiId == m_gateway.storeA ? 2 : 1, 10000);
    }

    // Enter on the prepared coupon; true when it was verified.
    bool confirm()
    {
        QSignalSpy answered(m_page, &VerifyPage::answered);
        QTest::keyClick(m_page->input(), Qt::Key_Return);
        return answered.wait(10000)
                && m_page->resultPanel()->state() == ResultPanel::State::Success;
    }

    TwoPlatformGateway m_gateway;
    std::unique_ptr<MainWindow> m_window;
    VerifyPage *m_page = nullptr;
    QString m_shots;
    QString m_language = "en";
    QTranslator m_translator;

private slots:
    void initTestCase()
    {
        m_shots = QCoreApplication::applicationDirPath() + "/screenshots";
        QVERIFY(m_gateway.start());
        m_window = std::make_unique<MainWindow>(m_gateway.proxy());
        m_page = m_window->verifyPage();
        m_window->resize(1366, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_VERIFY_WITH_TIMEOUT(m_page->storeSelector()->count() >= 2, 10000);
    }

    void init()
    {
        m_gateway.control.clearFaults();
        m_gateway.meituan.reset();
        selectStore(m_gateway.storeA);
    }

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

    // A Meituan demo coupon is labelled 美团, and clicking it scans its plain code.
    void demoPanelLabelsMeituanCoupons()
    {
        DemoCouponPanel panel;
        DemoCoupon douyin{PlatformId::Douyin,
                          "o-1",
                          "poi-1",
                          "门店",
                          "抖音双人餐",
                          "http://127.0.0.1/v/abc/",
                          {"104215899012345"},
                          9900};
        DemoCoupon meituan{PlatformId::Meituan, "o-2", "poi-1",        "门店",
                           "美团双人餐",        {},    {"5200000099"}, 8800};
        panel.showCoupons({meituan, douyin}, "poi-1");
        panel.show();
        const auto *card = panel.findChild<QPushButton *>("demoCoupon0");
        QVERIFY(card);
        QVERIFY2(card->text().startsWith(PlatformBadge::shortName(PlatformId::Meituan)),
                 qPrintable(card->text()));
        QVERIFY(panel.findChild<QPushButton *>("demoCoupon1")
                        ->text()
                        .startsWith(PlatformBadge::shortName(PlatformId::Douyin)));
        QSignalSpy chosen(&panel, &DemoCouponPanel::couponChosen);
        QTest::mouseClick(panel.findChild<QPushButton *>("demoCoupon0"), Qt::LeftButton);
        QTest::mouseClick(panel.findChild<QPushButton *>("demoCoupon1"), Qt::LeftButton);
        QCOMPARE(chosen.count(), 2);
        QCOMPARE(chosen.at(0).first().toString(), "5200000099");
        QCOMPARE(chosen.at(1).first().toString(), douyin.shortLink);
        screenshot(&panel, "demo_panel");
    }

    // Store B has Douyin only: no toggle; the coupon and its result carry the 抖音 badge.
    void douyinOnlyStoreShowsTheBadge()
    {
        selectStore(m_gateway.storeB);
        QVERIFY(!m_page->platformToggle()->isVisible());
        QSignalSpy prepared(m_page, &VerifyPage::prepared);
        scannerBurst(m_gateway.mint(m_gateway.storeB)["codes"][0].toString());
        QVERIFY(prepared.wait(10000));
        const auto *badge = m_page->preparePanel()->findChild<PlatformBadge *>();
        QVERIFY(badge && badge->isVisible());
        QCOMPARE(badge->platform(), std::optional(PlatformId::Douyin));
        QVERIFY(confirm());
        QCOMPARE(m_page->resultPanel()->platform(), std::optional(PlatformId::Douyin));
        QCOMPARE(m_gateway.meituan.prepares(), 0); // never asked about store B's codes
        screenshot("douyin_success");
        m_page->resultPanel()->showIdle();
        QVERIFY(!m_page->resultPanel()->platform());
    }

    // A plain Meituan code at a store with both: prepared on Meituan (its badge), verified there.
    void scanAMeituanCode()
    {
        QVERIFY(m_page->platformToggle()->isVisible());
        screenshot("toggle");
        const QString code = m_gateway.meituanCode();
        m_gateway.meituan.knows(code, "美团双人午餐");
        const int consumes = m_gateway.meituan.consumes();
        QSignalSpy prepared(m_page, &VerifyPage::prepared);
        scannerBurst(code);
        QVERIFY(prepared.wait(10000));
        QCOMPARE(m_page->preparePanel()->prepared().prepared.platform, PlatformId::Meituan);
        screenshot("meituan_prepared");
        QVERIFY(confirm());
        QCOMPARE(m_page->resultPanel()->platform(), std::optional(PlatformId::Meituan));
        QVERIFY(m_page->resultPanel()->detail().contains("美团双人午餐"));
        QCOMPARE(m_gateway.meituan.consumes() - consumes, 1);
        screenshot("meituan_success");
    }

    // A code both know: nothing is verified until the cashier presses a platform's button.
    void ambiguousCodeAsksTheCashier_data()
    {
        QTest::addColumn<int>("chosen");
        QTest::newRow("the customer shows Douyin") << int(PlatformId::Douyin);
        QTest::newRow("the customer shows Meituan") << int(PlatformId::Meituan);
    }

    void ambiguousCodeAsksTheCashier()
    {
        QFETCH(int, chosen);
        const QString code = m_gateway.mint(m_gateway.storeA)["codes"][0].toString();
        m_gateway.meituan.knows(code);
        const int verifies = m_gateway.control.stat("verify");
        const int consumes = m_gateway.meituan.consumes();
        QSignalSpy asked(m_page, &VerifyPage::platformAsked);
        scannerBurst(code);
        QVERIFY(asked.wait(10000));
        PlatformChoicePanel *choice = m_page->platformChoice();
        QVERIFY(choice->isVisible());
        QCOMPARE(choice->platforms(), (QList<PlatformId>{PlatformId::Douyin, PlatformId::Meituan}));
        QVERIFY(!m_page->preparePanel()->isVisible());
        screenshot("ambiguous");

        QSignalSpy prepared(m_page, &VerifyPage::prepared);
        QTest::mouseClick(choice->button(PlatformId(chosen)), Qt::LeftButton);
        QVERIFY(prepared.wait(10000));
        QVERIFY(!choice->isVisible());
        QCOMPARE(m_page->preparePanel()->prepared().prepared.platform, PlatformId(chosen));
        QVERIFY(confirm());
        QCOMPARE(m_page->resultPanel()->platform(), std::optional(PlatformId(chosen)));
        QCOMPARE(m_gateway.control.stat("verify") - verifies,
                 int(chosen == int(PlatformId::Douyin)));
        QCOMPARE(m_gateway.meituan.consumes() - consumes, int(chosen == int(PlatformId::Meituan)));
    }

    // The toggle sends the next code to one platform only: no question, and then automatic.
    void forcedPlatformGoesWithTheScan()
    {
        const QString code = m_gateway.mint(m_gateway.storeA)["codes"][0].toString();
        m_gateway.meituan.knows(code);
        PlatformToggle *toggle = m_page->platformToggle();
        toggle->button(PlatformId::Meituan)->click();
        screenshot("forced_meituan");
        const int douyinPrepares = m_gateway.control.stat("prepare");
        QSignalSpy prepared(m_page, &VerifyPage::prepared);
        scannerBurst(code);
        QVERIFY(prepared.wait(10000));
        QCOMPARE(m_page->preparePanel()->prepared().prepared.platform, PlatformId::Meituan);
        QCOMPARE(m_gateway.control.stat("prepare"), douyinPrepares); // Douyin never asked
        QVERIFY(!toggle->forced()); // for that code only
        QVERIFY(confirm());
        QCOMPARE(m_page->resultPanel()->platform(), std::optional(PlatformId::Meituan));
        screenshot("forced_meituan_success");
    }

    void chineseScreens()
    {
        QVERIFY(m_translator.load(":/i18n/dygateway_zh_CN.qm"));
        QCoreApplication::installTranslator(&m_translator);
        m_language = "zh_CN";
        scanAMeituanCode();
        forcedPlatformGoesWithTheScan();
        // The question, in Chinese, then answered.
        const QString code = m_gateway.mint(m_gateway.storeA)["codes"][0].toString();
        m_gateway.meituan.knows(code);
        QSignalSpy asked(m_page, &VerifyPage::platformAsked);
        scannerBurst(code);
        QVERIFY(asked.wait(10000));
        QVERIFY(m_page->platformChoice()->button(PlatformId::Meituan)->text() == "美团");
        screenshot("ambiguous");
        QTest::keyClick(m_page->input(), Qt::Key_Escape);
        QVERIFY(!m_page->platformChoice()->isVisible());
        QCoreApplication::removeTranslator(&m_translator);
        m_language = "en";
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(tst_PlatformChoice)
#include "tst_platformchoice.moc"
