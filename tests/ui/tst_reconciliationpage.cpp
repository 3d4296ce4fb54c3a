#include <QFile>
#include <QHeaderView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "core/report/reconciliationexport.h"
#include "tests/ui/demogateway.h"
#include "tests/ui/reconciliationsamples.h"
#include "tests/ui/silentgateway.h"
#include "tests/ui/uilanguage.h"
#include "ui/mainwindow.h"
#include "ui/models/reconciliationtablemodel.h"
#include "ui/pages/reconciliationpage.h"
#include "ui/reconciliationbadge.h"
#include "ui/reconciliationtext.h"
#include "ui/style.h"
#include "ui/widgets/reconciliationtotals.h"

using Kind = ReconciliationEntry::Kind;
using State = ReconciliationReport::State;
using Model = ReconciliationTableModel;
using S = HistoryRow::Status;

Q_DECLARE_METATYPE(ReconciliationEntry)
Q_DECLARE_METATYPE(ReconciliationReport)

namespace {

const QDate DAY(2026, 3, 11);

ReconciliationEntry entry(Kind kind, std::optional<VerificationRecord> local,
                          std::optional<HistoryRow> platform)
{
    ReconciliationEntry e;
    e.kind = kind;
    e.local = std::move(local);
    e.platform = std::move(platform);
    return e;
}

HistoryRow row(PlatformId platform, S status, qint64 pay = 16800)
{
    return ReconciliationSamples::row(platform, "7301000000000009", status, pay, "双人套餐",
                                      ReconciliationSamples::at(DAY, 12, 0));
}

VerificationRecord local(qint64 pay = 16800)
{
    return ReconciliationSamples::record(1, row(PlatformId::Douyin, S::Verified), pay);
}

VerificationRecord localWith(VerificationRecord::Status status, bool cancelled = false)
{
    VerificationRecord record = local();
    record.verifyStatus = status;
    if (cancelled)
        record.cancel.status = VerificationRecord::Cancel::Status::Cancelled;
    return record;
}

} // namespace

// The 对账 page from hand-built reports (a gateway that never answers leaves them on screen):
// each kind of difference with its explanation in both languages, the totals, the state, the
// CSV, the tab's badge, and screenshots in Chinese.
class tst_ReconciliationPage : public QObject
{
    Q_OBJECT

private:
    SilentGateway m_gateway;
    UiLanguage m_language;

private slots:
    void explanations_data()
    {
        QTest::addColumn<ReconciliationEntry>("entry");
        QTest::addColumn<QString>("english");
        QTest::addColumn<QString>("chinese");
        const PlatformId dy = PlatformId::Douyin;
        const PlatformId mt = PlatformId::Meituan;
        using VS = VerificationRecord::Status;
        QTest::newRow("verified in Douyin Laike")
                << entry(Kind::OnlyPlatform, {}, row(dy, S::Verified))
                << "Verified in Douyin Laike, not through this till"
                << "在抖音来客核销，未经本机";
        QTest::newRow("verified in Meituan Kaidianbao")
                << entry(Kind::OnlyPlatform, {}, row(mt, S::Verified))
                << "Verified in Meituan Kaidianbao, not through this till"
                << "在美团开店宝核销，未经本机";
        QTest::newRow("verified and cancelled elsewhere")
                << entry(Kind::OnlyPlatform, {}, row(dy, S::Cancelled))
                << "Verified and cancelled in Douyin Laike, not through this till"
                << "在抖音来客核销后已撤销，未经本机";
        QTest::newRow("verified elsewhere, refunded")
                << entry(Kind::OnlyPlatform, {}, row(mt, S::Refunded))
                << "Verified in Meituan Kaidianbao, not through this till, then refunded"
                << "在美团开店宝核销后已退款，未经本机";
        QTest::newRow("only here") << entry(Kind::OnlyLocal, local(), {})
                                   << "Recorded as a success here, but the platform has no such "
                                      "verification"
                                   << "本机记录成功，平台没有这笔核销";
        QTest::newRow("cancelled on the platform")
                << entry(Kind::StatusMismatch, local(), row(dy, S::Cancelled))
                << "Cancelled on the platform, still a success here"
                << "已在平台撤销，本机仍记为成功";
        QTest::newRow("refunded on the platform")
                << entry(Kind::StatusMismatch, local(), row(dy, S::Refunded))
                << "Refunded on the platform, still a success here"
                << "已在平台退款，本机仍记为成功";
        QTest::newRow("cancelled here")
                << entry(Kind::StatusMismatch, localWith(VS::Success, true), row(dy, S::Verified))
                << "Cancelled here, still verified on the platform"
                << "本机已撤销，平台仍为已核销";
        QTest::newRow("failed here")
                << entry(Kind::StatusMismatch, localWith(VS::Failed), row(dy, S::Verified))
                << "Failed here, but verified on the platform"
                << "本机记为失败，平台却已核销";
        QTest::newRow("other status pair")
                << entry(Kind::StatusMismatch, localWith(VS::Failed), row(dy, S::Cancelled))
                << "Status differs: Failed here, Cancelled on the platform"
                << "状态不一致：本机为失败，平台为已撤销";
        QTest::newRow("amounts differ")
                << entry(Kind::AmountMismatch, local(16800), row(dy, S::Verified, 19900))
                << "Amounts differ: ¥168.00 here, ¥199.00 on the platform"
                << "金额不一致：本机 ¥168.00，平台 ¥199.00";
        QTest::newRow("being confirmed")
                << entry(Kind::Unresolved, localWith(VS::Unknown), {})
                << "Outcome being confirmed; reconcile again once it is confirmed"
                << "结果待确认，确认后再对账";
    }

    void explanations()
    {
        QFETCH(ReconciliationEntry, entry);
        QFETCH(QString, english);
        QFETCH(QString, chinese);
        QCOMPARE(ReconciliationText::explanation(entry), english);
        QVERIFY(m_language.setChinese(true));
        const QString translated = ReconciliationText::explanation(entry);
        QVERIFY(m_language.setChinese(false));
        QCOMPARE(translated, chinese);
    }

    // Each line of the report lands in the right list, with its kind and its explanation.
    void pageListsEveryDifference()
    {
        ReconciliationPage page(m_gateway.proxy());
        const ReconciliationReport report = ReconciliationSamples::fullDay(DAY);
        page.showReport(report);
        Model *differences = page.differences();
        QCOMPARE(differences->rowCount(), 7);
        const QList<ReconciliationEntry> entries = ReconciliationEntry::listOf(report);
        for (int i = 0; i < differences->rowCount(); ++i) {
            const ReconciliationEntry &expected = entries.at(i);
            const auto cell = [&](int column) {
                return differences->index(i, column).data().toString();
            };
            QCOMPARE(cell(Model::KindColumn), ReconciliationText::kind(expected.kind));
            QCOMPARE(cell(Model::ExplanationColumn), ReconciliationText::explanation(expected));
            QCOMPARE(cell(Model::CodeColumn), expected.code());
            QCOMPARE(differences->index(i, Model::PlatformColumn).data(Model::PlatformRole).toInt(),
                     int(expected.platformId()));
        }
        QCOMPARE(differences->index(0, Model::LocalColumn).data().toString(), QString("—"));
        QCOMPARE(differences->index(0, Model::RemoteColumn).data().toString(),
                 QString("Verified · ¥168.00"));
        QCOMPARE(differences->index(5, Model::LocalColumn).data().toString(),
                 QString("Cancelled · ¥68.00"));
        // Being confirmed is apart, and no difference.
        QCOMPARE(page.unresolved()->rowCount(), 1);
        QCOMPARE(page.unresolved()->index(0, Model::KindColumn).data().toString(),
                 QString("Being confirmed"));
        QVERIFY(!page.unresolvedView()->parentWidget()->isHidden());
        page.showReport({});
        QVERIFY(page.unresolvedView()->parentWidget()->isHidden());
        QCOMPARE(differences->rowCount(), 0);
    }

    void totals_data()
    {
        QTest::addColumn<ReconciliationReport>("report");
        QTest::addColumn<QString>("local");
        QTest::addColumn<QString>("localNote");
        QTest::addColumn<QString>("remote");
        QTest::addColumn<QString>("difference");
        QTest::addColumn<QString>("differenceNote");
        QTest::addColumn<bool>("alerting");
        QTest::newRow("not fetched") << ReconciliationReport{} << "—"
                                     << ""
                                     << "—"
                                     << "—"
                                     << "" << false;
        ReconciliationReport agree;
        agree.state = State::Complete;
        agree.matched = 3;
        agree.local = {3, 30000};
        agree.remote = {3, 30000};
        QTest::newRow("sides agree") << agree << "¥300.00"
                                     << "3 verification(s)"
                                     << "¥300.00"
                                     << "None"
                                     << "Both sides agree" << false;
        QTest::newRow("platform has more") << ReconciliationSamples::fullDay(DAY) << "¥12,345.00"
                                           << "45 verification(s)"
                                           << "¥12,617.00"
                                           << "+¥272.00"
                                           << "+1 verification(s) · 7 difference(s)" << true;
        ReconciliationReport less = agree;
        less.remote = {2, 20000};
        less.onlyLocal = {local(10000)};
        QTest::newRow("platform has less") << less << "¥300.00"
                                           << "3 verification(s)"
                                           << "¥200.00"
                                           << "-¥100.00"
                                           << "-1 verification(s) · 1 difference(s)" << true;
    }

    void totals()
    {
        QFETCH(ReconciliationReport, report);
        ReconciliationPage page(m_gateway.proxy());
        page.showReport(report);
        const ReconciliationTotals *totals = page.totals();
        QTEST(totals->text("local"), "local");
        QTEST(totals->text("local_note"), "localNote");
        QTEST(totals->text("remote"), "remote");
        QTEST(totals->text("difference"), "difference");
        QTEST(totals->text("difference_note"), "differenceNote");
        QTEST(totals->isAlerting(), "alerting");
    }

    void states_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<bool>("running");
        QTest::addColumn<QString>("english");
        QTest::addColumn<QString>("chinese");
        QTest::addColumn<bool>("canRun");
        QTest::newRow("not fetched") << int(State::NotFetched) << false << "Not fetched"
                                     << "未获取" << true;
        QTest::newRow("partial") << int(State::Partial) << false
                                 << "The day has not ended, the result is incomplete · fetched at "
                                    "2026-03-11 15:00:00"
                                 << "当天未结束，结果不完整 · 获取于 2026-03-11 15:00:00" << true;
        QTest::newRow("complete") << int(State::Complete) << false
                                  << "Complete · fetched at 2026-03-11 15:00:00"
                                  << "已完成 · 获取于 2026-03-11 15:00:00" << true;
        QTest::newRow("running") << int(State::Partial) << true
                                 << "Fetching the platforms' records…"
                                 << "正在获取平台记录…" << false;
    }

    void states()
    {
        QFETCH(int, state);
        QFETCH(bool, running);
        ReconciliationReport report;
        report.date = DAY;
        report.state = State(state);
        if (report.state != State::NotFetched)
            report.fetchedAt = QDateTime(DAY, QTime(15, 0)).toMSecsSinceEpoch();
        report.running = running;
        ReconciliationPage page(m_gateway.proxy());
        page.showReport(report);
        QTEST(page.stateText(), "english");
        QTEST(page.runButton()->isEnabled(), "canRun");
        QCOMPARE(page.runButton()->text(), running ? QString("Reconciling…") : "Reconcile now");
        QVERIFY(m_language.setChinese(true));
        const QString chinese = page.stateText();
        const QString button = page.runButton()->text();
        QVERIFY(m_language.setChinese(false));
        QTEST(chinese, "chinese");
        QCOMPARE(button, running ? QString("正在对账…") : "立即对账");
    }

    // 立即对账 is disabled from the click until the gateway has answered: never asked twice.
    void runDisablesTheButtonAtOnce()
    {
        ReconciliationPage page(m_gateway.proxy());
        page.showReport(ReconciliationSamples::fullDay(DAY));
        QVERIFY(page.runButton()->isEnabled());
        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        QVERIFY(!page.runButton()->isEnabled());
        QCOMPARE(page.runButton()->text(), QString("Reconciling…"));
        // A report that arrives meanwhile (not running yet) keeps it disabled.
        page.showReport(ReconciliationSamples::fullDay(DAY));
        QVERIFY(!page.runButton()->isEnabled());
    }

    // The file is the export's CSV with the page's explanations in its note column.
    void exportWritesTheShownReport()
    {
        ReconciliationPage page(m_gateway.proxy());
        const ReconciliationReport report = ReconciliationSamples::fullDay(DAY);
        page.showReport(report);
        QTemporaryDir dir;
        const QString path = dir.filePath("recon.csv");
        QSignalSpy exported(&page, &ReconciliationPage::exported);
        page.exportCsv(path);
        QVERIFY(exported.wait(5000));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QCOMPARE(bytes, ReconciliationExport::csv(report, {}, &ReconciliationText::explanation));
        QVERIFY(bytes.contains("Verified in Douyin Laike, not through this till"));
        QVERIFY(bytes.contains(",only_platform,"));
        QVERIFY(page.messageText().contains("recon.csv"));
    }

    void badge_data()
    {
        QTest::addColumn<ReconciliationReport>("report");
        QTest::addColumn<int>("count");
        const QDate yesterday = QDate::currentDate().addDays(-1);
        QTest::newRow("yesterday differs") << ReconciliationSamples::fullDay(yesterday) << 7;
        ReconciliationReport clean;
        clean.date = yesterday;
        clean.state = State::Complete;
        QTest::newRow("yesterday agrees") << clean << 0;
        QTest::newRow("another day") << ReconciliationSamples::fullDay(yesterday.addDays(-1)) << 0;
        ReconciliationReport oneStore = ReconciliationSamples::fullDay(yesterday);
        oneStore.poiId = "7152398601";
        QTest::newRow("one store only") << oneStore << 0;
    }

    // The tab reads 对账 (n) in red while yesterday has differences, plain 对账 once it has none.
    void badge()
    {
        QFETCH(ReconciliationReport, report);
        QFETCH(int, count);
        MainWindow window(m_gateway.proxy());
        const int tab = window.tabs()->indexOf(window.reconciliationPage());
        QCOMPARE(tab, 3);
        QCOMPARE(window.tabs()->tabText(tab), QString("Reconciliation"));
        window.reconciliationBadge()->showReport(report);
        QCOMPARE(window.reconciliationBadge()->count(), count);
        const QString text = window.tabs()->tabText(tab);
        const QColor colour = window.tabs()->tabBar()->tabTextColor(tab);
        if (count > 0) {
            QCOMPARE(text, QString("Reconciliation (%1)").arg(count));
            QCOMPARE(colour, Style::colour(Style::Colour::Failure));
            ReconciliationReport clean;
            clean.date = report.date;
            window.reconciliationBadge()->showReport(clean);
            QCOMPARE(window.tabs()->tabText(tab), QString("Reconciliation"));
            QVERIFY(window.tabs()->tabBar()->tabTextColor(tab) != colour);
        } else {
            QCOMPARE(text, QString("Reconciliation"));
        }
        QVERIFY(window.reconciliationBadge()->msecsToMidnight() > 0);
        QVERIFY(window.reconciliationBadge()->msecsToMidnight() <= 24 * 3600 * 1000 + 5000);
    }

    void screenshots_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1366x768") << QSize(1366, 768);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }

    // The whole window on the 对账 tab, in Chinese, with every kind of difference: look at them.
    void screenshots()
    {
        QFETCH(QSize, size);
        QVERIFY(m_language.setChinese(true));
        MainWindow window(m_gateway.proxy());
        window.resize(size);
        window.tabs()->setCurrentWidget(window.reconciliationPage());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QDate yesterday = QDate::currentDate().addDays(-1);
        window.reconciliationPage()->showReport(ReconciliationSamples::fullDay(yesterday));
        window.reconciliationBadge()->showReport(ReconciliationSamples::fullDay(yesterday));
        QCOMPARE(window.tabs()->tabText(3), QString("对账 (7)"));
        const QString name = QString("reconciliation-%1x%2").arg(size.width()).arg(size.height());
        QVERIFY(DemoGateway::saveScreenshot(&window, name));
        // Nothing of the explanation column is cut at 1366: its text fits or scrolls.
        const QTableView *table = window.reconciliationPage()->differencesView();
        QVERIFY(table->horizontalHeader()->sectionSize(Model::ExplanationColumn) > 150);
        QVERIFY(m_language.setChinese(false));
    }
};

QTEST_MAIN(tst_ReconciliationPage)
#include "tst_reconciliationpage.moc"
