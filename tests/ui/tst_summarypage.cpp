#include <QCheckBox>
#include <QFile>
#include <QImage>
#include <QLocale>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxdemodata.h"
#include "core/store/verificationrepository.h"
#include "tests/ui/demogateway.h"
#include "ui/models/summarytablemodel.h"
#include "ui/pages/summarypage.h"
#include "ui/recordtext.h"
#include "ui/style.h"
#include "ui/widgets/summarychart.h"

using GroupKey = SummaryQuery::GroupKey;
using Status = VerificationRecord::Status;

Q_DECLARE_METATYPE(SummaryQuery::GroupKey)

namespace {

bool hasHan(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    }
    return false;
}

QString yuan(qint64 fen)
{
    return QString("%1.%2").arg(fen / 100).arg(fen % 100, 2, 10, QChar('0'));
}

} // namespace

// The summary page against a whole demo gateway: its numbers are the gateway's, its chart has
// one bar per day with the gateway's daily numbers, its CSV is exact.
class tst_SummaryPage : public QObject
{
    Q_OBJECT

private:
    DemoGateway m_gateway;
    QList<SandboxState::Poi> m_stores = SandboxDemoData::stores();
    qint64 m_appId = 0;
    std::unique_ptr<SummaryPage> m_page;
    QTemporaryDir m_out;
    VerificationSummaryRow m_douyinToday; // today's numbers before the Meituan records

    void verifyNew(const QJsonObject &spec, qint64 appId = 0, int count = 1)
    {
        const QJsonObject minted = m_gateway.mintOrder(spec);
        VerifyCommand command;
        command.appId = appId;
        command.poiId = minted.value("poi_id").toString();
        command.count = count;
        command.shortLink = minted.value("short_link").toString();
        const VerifyOutcome outcome = m_gateway.verify(command);
        QVERIFY(outcome.kind == VerifyOutcome::Kind::Answered
                || outcome.kind == VerifyOutcome::Kind::Unknown);
    }

    bool refreshed()
    {
        QSignalSpy spy(m_page.get(), &SummaryPage::refreshed);
        m_page->refresh();
        return spy.wait(10000);
    }

    VerificationSummary engineSummary(const SummaryQuery &query)
    {
        const auto answer =
                m_gateway.await<Result<VerificationSummary>>([&](QObject *context, auto done) {
                    m_gateway.proxy()->summary(query, context, done);
                });
        if (!answer || !answer->ok()) {
            qWarning() << "summary did not answer";
            return {};
        }
        return answer->value();
    }

    // Meituan verifications of today as the engine writes them, straight to the repository:
    // two successes at the first store, one at the second, and one refusal.
    bool insertMeituanRecords()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QList<VerificationRecord> records;
        const struct
        {
            int store;
            Status status;
            qint64 pay;
            qint64 receipt;
        } specs[] = {
                {0, Status::Success, 19900, 18900},
                {0, Status::Success, 9900, 9400},
                {1, Status::Success, 4900, 4600},
                {1, Status::Failed, 0, 0},
        };
        for (const auto &spec : specs) {
            VerificationRecord record;
            record.platform = PlatformId::Meituan;
            record.mode = VerificationRecord::Mode::Code;
            record.poiId = m_stores.at(spec.store).poiId;
            record.sourceInput = QString::number(3081624950 + records.size());
            record.originCode = record.sourceInput;
            record.productName = "美团双人火锅套餐";
            record.verifyStatus = spec.status;
            if (spec.status == Status::Success) {
                record.payAmount = spec.pay;
                record.receiptAmount = spec.receipt;
                // Meituan states its merchantAmount with the answer: settled at once, and only
                // settled amounts make 商家实收.
                record.settlementStatus = VerificationRecord::Settlement::Settled;
            }
            record.createdAt = now + records.size();
            records << record;
        }
        return m_gateway.onEngine([&records](GatewayRuntime *runtime) {
            return runtime->engine()->repository()->insertPending(records).ok();
        });
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_gateway.start());
        QVERIFY(m_out.isValid());
        const auto app = m_gateway.await<Result<AppRepository::Created>>(
                [this](QObject *context, auto done) {
                    m_gateway.proxy()->createApp("自助机 1号", false, context, done);
                });
        QVERIFY(app && app->ok());
        m_appId = app->value().app.id;

        verifyNew({{"poi_id", m_stores.at(0).poiId},
                   {"product_name", "双人套餐"},
                   {"pay_amount", 16800},
                   {"original_amount", 25800},
                   {"certificates", 2}},
                  0, 2);
        verifyNew({{"poi_id", m_stores.at(1).poiId},
                   {"product_name", "100元代金券, 全场"},
                   {"pay_amount", 8800},
                   {"original_amount", 10000}});
        verifyNew({{"poi_id", m_stores.at(1).poiId},
                   {"product_name", "单人午市套餐"},
                   {"pay_amount", 5900}},
                  m_appId);
        verifyNew({{"poi_id", m_stores.at(2).poiId},
                   {"product_name", "10次卡"},
                   {"pay_amount", 29900}},
                  m_appId);
        m_gateway.fault("verify", "error_code", {{"error_code", qint64(DouyinApi::SYSTEM_BUSY)}});
        verifyNew({{"poi_id", m_stores.at(2).poiId},
                   {"product_name", "10次卡"},
                   {"pay_amount", 29900}});
        m_gateway.fault("verify", "drop_before_commit");
        verifyNew({{"poi_id", m_stores.at(0).poiId},
                   {"product_name", "50元代金券"},
                   {"pay_amount", 4500}});
        QVERIFY(m_gateway.waitForEnrichment());

        m_page = std::make_unique<SummaryPage>(m_gateway.proxy());
        m_page->resize(1400, 900);
        QSignalSpy first(m_page.get(), &SummaryPage::refreshed);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QVERIFY(first.wait(10000));
    }

    void numbersEqualTheEngine_data()
    {
        QTest::addColumn<GroupKey>("key");
        QTest::addColumn<int>("rows");
        QTest::newRow("by day") << GroupKey::Date << 1;
        QTest::newRow("by store") << GroupKey::Poi << 3;
        QTest::newRow("by app") << GroupKey::App << 2;
        QTest::newRow("by product") << GroupKey::Product << 5;
    }

    void numbersEqualTheEngine()
    {
        QFETCH(GroupKey, key);
        QFETCH(int, rows);
        m_page->setPeriod(SummaryPage::Period::Today);
        m_page->setGroupKey(key);
        QVERIFY(refreshed());

        const VerificationSummary gateway = engineSummary(m_page->query());
        QCOMPARE(m_page->query().groupBy, QList<GroupKey>{key});
        QCOMPARE(gateway.rows.size(), rows);
        const QAbstractItemModel *model = m_page->table()->model();
        QCOMPARE(model->rowCount(), rows + 1); // and the totals
        const QLocale locale;
        for (int i = 0; i <= rows; ++i) {
            const VerificationSummaryRow &row = i < rows ? gateway.rows.at(i) : gateway.totals;
            const auto cell = [&](int column) {
                return model->index(i, column).data().toString();
            };
            QCOMPARE(cell(SummaryTableModel::SuccessColumn), locale.toString(row.successCount));
            QCOMPARE(cell(SummaryTableModel::FailedColumn), locale.toString(row.failedCount));
            QCOMPARE(cell(SummaryTableModel::CheckingColumn),
                     locale.toString(row.unknownCount + row.pendingCount));
            QCOMPARE(cell(SummaryTableModel::PayAmountColumn), "¥" + yuan(row.payAmount));
            QCOMPARE(cell(SummaryTableModel::ReceiptAmountColumn), "¥" + yuan(row.receiptAmount));
            QCOMPARE(cell(SummaryTableModel::DiscountAmountColumn), "¥" + yuan(row.discountAmount));
        }
        QCOMPARE(model->index(rows, SummaryTableModel::KeyColumn).data().toString(), "Total");
        if (key == GroupKey::Poi)
            QCOMPARE(model->index(0, SummaryTableModel::KeyColumn).data().toString(),
                     m_stores.at(0).name);
        if (key == GroupKey::App) {
            QCOMPARE(model->index(0, SummaryTableModel::KeyColumn).data().toString(), "This till");
            QCOMPARE(model->index(1, SummaryTableModel::KeyColumn).data().toString(), "自助机 1号");
        }

        // The cards are the gateway's totals: 5 certificates verified, 1 failed, 1 checking.
        const VerificationSummaryRow &totals = gateway.totals;
        QCOMPARE(totals.successCount, qint64(5));
        QCOMPARE(totals.failedCount, qint64(1));
        QCOMPARE(totals.unknownCount, qint64(1));
        QCOMPARE(totals.payAmount, qint64(2 * 16800 + 8800 + 5900 + 29900));
        QCOMPARE(m_page->totalText("success"), "5");
        QCOMPARE(m_page->totalText("failed"), "1");
        QCOMPARE(m_page->totalText("checking"), "1");
        QCOMPARE(m_page->totalText("pay"), "¥782.00");
        QCOMPARE(m_page->totalText("receipt"), RecordText::money(totals.receiptAmount));
        QCOMPARE(m_page->totalText("discount"), RecordText::money(totals.discountAmount));
    }

    void periodsCoverTheRightDays_data()
    {
        QTest::addColumn<int>("period");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        const QDate today = QDate::currentDate();
        QTest::newRow("today") << int(SummaryPage::Period::Today) << today << today;
        QTest::newRow("yesterday")
                << int(SummaryPage::Period::Yesterday) << today.addDays(-1) << today.addDays(-1);
        QTest::newRow("this week, from Monday") << int(SummaryPage::Period::ThisWeek)
                                                << today.addDays(1 - today.dayOfWeek()) << today;
        QTest::newRow("this month") << int(SummaryPage::Period::ThisMonth)
                                    << QDate(today.year(), today.month(), 1) << today;
    }

    void periodsCoverTheRightDays()
    {
        QFETCH(int, period);
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        m_page->setPeriod(SummaryPage::Period(period));
        QCOMPARE(m_page->query().from, from);
        QCOMPARE(m_page->query().to, to);
        QVERIFY(refreshed());
        const VerificationSummary gateway = engineSummary(m_page->query());
        QCOMPARE(m_page->totalText("success"), QLocale().toString(gateway.totals.successCount));
        m_page->setPeriod(SummaryPage::Period::Today);
    }

    void chartHasOneBarPerDay()
    {
        m_page->setPeriod(SummaryPage::Period::Today);
        m_page->setGroupKey(GroupKey::Poi); // the chart is per day whatever the table groups by
        QVERIFY(refreshed());
        const QDate today = QDate::currentDate();
        QList<SummaryChart::Day> days = m_page->chart()->days();
        // Today, and the six days before it for comparison, drawn muted.
        QCOMPARE(days.size(), SummaryPage::MIN_CHART_DAYS);
        QCOMPARE(days.last().date, today);
        QCOMPARE(days.first().date, today.addDays(1 - SummaryPage::MIN_CHART_DAYS));
        const VerificationSummary daily = engineSummary(m_page->chartQuery());
        QCOMPARE(daily.rows.size(), 1);
        for (const SummaryChart::Day &day : days) {
            const bool isToday = day.date == today;
            QCOMPARE(day.selected, isToday);
            QCOMPARE(day.count, isToday ? daily.rows.first().successCount : 0);
            QCOMPARE(day.payAmount, isToday ? daily.rows.first().payAmount : 0);
            QCOMPARE(day.receiptAmount, isToday ? daily.rows.first().receiptAmount : 0);
        }
        QCOMPARE(days.last().count, qint64(5));

        // A longer custom period gets a bar for each of its days, gaps included.
        m_page->setCustomPeriod(today.addDays(-13), today);
        QVERIFY(refreshed());
        days = m_page->chart()->days();
        QCOMPARE(days.size(), 14);
        for (int i = 0; i < days.size(); ++i) {
            QCOMPARE(days.at(i).date, today.addDays(i - 13));
            QVERIFY(days.at(i).selected);
        }
        QCOMPARE(days.last().count, qint64(5));
        m_page->setPeriod(SummaryPage::Period::Today);
    }

    void csvExportIsExact()
    {
        m_page->setPeriod(SummaryPage::Period::Today);
        m_page->setGroupKey(GroupKey::Poi);
        QVERIFY(refreshed());
        const VerificationSummary gateway = engineSummary(m_page->query());
        const QString path = m_out.filePath("summary.csv");
        QSignalSpy exported(m_page.get(), &SummaryPage::exported);
        m_page->exportCsv(path);
        QVERIFY(exported.wait(10000));

        QByteArray expected = "\xEF\xBB\xBF"
                              "poi_id,poi_name,success_count,failed_count,unknown_count,"
                              "pending_count,cancelled_count,pay_amount,receipt_amount,"
                              "discount_amount,"
                              "pay_amount_yuan,receipt_amount_yuan,discount_amount_yuan\r\n";
        const auto line = [](const QString &key, const QString &name,
                             const VerificationSummaryRow &row) {
            return QString("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10,%11,%12,%13\r\n")
                    .arg(key, name)
                    .arg(row.successCount)
                    .arg(row.failedCount)
                    .arg(row.unknownCount)
                    .arg(row.pendingCount)
                    .arg(row.cancelledCount)
                    .arg(row.payAmount)
                    .arg(row.receiptAmount)
                    .arg(row.discountAmount)
                    .arg(yuan(row.payAmount), yuan(row.receiptAmount), yuan(row.discountAmount))
                    .toUtf8();
        };
        QCOMPARE(gateway.rows.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(*gateway.rows.at(i).poiId, m_stores.at(i).poiId);
            expected += line(m_stores.at(i).poiId, m_stores.at(i).name, gateway.rows.at(i));
        }
        expected += line("total", "", gateway.totals);

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), expected);

        // A product name with a comma is quoted.
        m_page->setGroupKey(GroupKey::Product);
        QVERIFY(refreshed());
        QSignalSpy again(m_page.get(), &SummaryPage::exported);
        m_page->exportCsv(path);
        QVERIFY(again.wait(10000));
        QFile products(path);
        QVERIFY(products.open(QIODevice::ReadOnly));
        QVERIFY(products.readAll().contains(",\"100元代金券, 全场\",1,0,0,0,0,8800,"));
    }

    void groupByPlatformSeparatesThePlatforms()
    {
        m_page->setPeriod(SummaryPage::Period::Today);
        m_page->setGroupKey(GroupKey::Date);
        QVERIFY(refreshed());
        m_douyinToday = engineSummary(m_page->query()).totals;
        QVERIFY(insertMeituanRecords());

        m_page->setGroupKey(GroupKey::Platform);
        QVERIFY(refreshed());
        QCOMPARE(m_page->query().groupBy, QList<GroupKey>{GroupKey::Platform});
        const VerificationSummary gateway = engineSummary(m_page->query());
        QCOMPARE(gateway.rows.size(), 2);
        const QAbstractItemModel *model = m_page->table()->model();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->headerData(SummaryTableModel::KeyColumn, Qt::Horizontal).toString(),
                 "Platform");
        QCOMPARE(model->index(0, SummaryTableModel::KeyColumn).data().toString(), "Douyin");
        QCOMPARE(model->index(1, SummaryTableModel::KeyColumn).data().toString(),
                 "Meituan / Dianping");
        const VerificationSummaryRow &douyin = gateway.rows.at(0);
        const VerificationSummaryRow &meituan = gateway.rows.at(1);
        QCOMPARE(douyin.platform, PlatformId::Douyin);
        QCOMPARE(meituan.platform, PlatformId::Meituan);
        // Douyin's numbers are what the day had before; Meituan's are the records added.
        QCOMPARE(douyin.successCount, m_douyinToday.successCount);
        QCOMPARE(douyin.payAmount, m_douyinToday.payAmount);
        QCOMPARE(meituan.successCount, qint64(3));
        QCOMPARE(meituan.failedCount, qint64(1));
        QCOMPARE(meituan.payAmount, qint64(19900 + 9900 + 4900));
        QCOMPARE(meituan.receiptAmount, qint64(18900 + 9400 + 4600));
        for (int i = 0; i < 2; ++i) {
            const VerificationSummaryRow &row = gateway.rows.at(i);
            QCOMPARE(model->index(i, SummaryTableModel::SuccessColumn).data().toString(),
                     QLocale().toString(row.successCount));
            QCOMPARE(model->index(i, SummaryTableModel::PayAmountColumn).data().toString(),
                     "¥" + yuan(row.payAmount));
        }
        // The cards count both platforms.
        QCOMPARE(m_page->totalText("success"), QLocale().toString(m_douyinToday.successCount + 3));
        QCOMPARE(m_page->totalText("pay"),
                 RecordText::money(m_douyinToday.payAmount + 19900 + 9900 + 4900));
    }

    void chartSplitsByPlatform()
    {
        m_page->setPeriod(SummaryPage::Period::Today);
        m_page->setGroupKey(GroupKey::Poi); // the chart's split does not follow the table's
        auto *box = m_page->findChild<QCheckBox *>("splitByPlatformBox");
        QVERIFY(box);
        QVERIFY(!box->isChecked());
        QVERIFY(refreshed());
        QVERIFY(!m_page->chart()->isSplitByPlatform());
        for (const SummaryChart::Day &day : m_page->chart()->days())
            QVERIFY(day.shares.isEmpty());
        const SummaryChart::Day unsplit = m_page->chart()->days().last();

        QSignalSpy spy(m_page.get(), &SummaryPage::refreshed);
        box->click(); // applies at once
        QVERIFY(spy.wait(10000));
        QCOMPARE(m_page->chartQuery().groupBy,
                 (QList<GroupKey>{GroupKey::Date, GroupKey::Platform}));
        QCOMPARE(m_page->query().groupBy, QList<GroupKey>{GroupKey::Poi});
        QVERIFY(m_page->chart()->isSplitByPlatform());
        const QList<SummaryChart::Day> days = m_page->chart()->days();
        QCOMPARE(days.size(), SummaryPage::MIN_CHART_DAYS);
        const SummaryChart::Day &today = days.last();
        // The same day, its bars now in two parts that add up.
        QCOMPARE(today.count, unsplit.count);
        QCOMPARE(today.payAmount, unsplit.payAmount);
        QCOMPARE(today.receiptAmount, unsplit.receiptAmount);
        QCOMPARE(today.shares.size(), 2);
        QCOMPARE(today.shares.at(0).platform, PlatformId::Douyin);
        QCOMPARE(today.shares.at(0).count, m_douyinToday.successCount);
        QCOMPARE(today.shares.at(0).payAmount, m_douyinToday.payAmount);
        QCOMPARE(today.shares.at(1).platform, PlatformId::Meituan);
        QCOMPARE(today.shares.at(1).count, qint64(3));
        QCOMPARE(today.shares.at(1).receiptAmount, qint64(18900 + 9400 + 4600));
        for (int i = 0; i + 1 < days.size(); ++i)
            QVERIFY(days.at(i).shares.isEmpty() && days.at(i).count == 0);

        // Both platforms' colours are painted.
        const QImage image = m_page->chart()->grab().toImage();
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                colours.insert(image.pixel(x, y) & 0xffffff);
        }
        QVERIFY(colours.contains(Style::colour(Style::Colour::MeituanBackground).rgb() & 0xffffff));
        QVERIFY(colours.contains(Style::colour(Style::Colour::DouyinBackground).rgb() & 0xffffff));
        QVERIFY(!colours.contains(Style::colour(Style::Colour::ChartCount).rgb() & 0xffffff));
    }

    void csvByPlatform()
    {
        m_page->setPeriod(SummaryPage::Period::Today);
        m_page->setGroupKey(GroupKey::Platform);
        QVERIFY(refreshed());
        const VerificationSummary gateway = engineSummary(m_page->query());
        const QString path = m_out.filePath("platforms.csv");
        QSignalSpy exported(m_page.get(), &SummaryPage::exported);
        m_page->exportCsv(path);
        QVERIFY(exported.wait(10000));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().mid(3).split('\n');
        QVERIFY(lines.at(0).startsWith("platform,success_count,failed_count,"));
        QVERIFY(lines.at(1).startsWith(
                QString("douyin,%1,").arg(gateway.rows.at(0).successCount).toUtf8()));
        QVERIFY(lines.at(2).startsWith("meituan,3,1,0,0,0,34700,32900,"));
        QVERIFY(lines.at(3).startsWith("total,"));
    }

    void screenshots()
    {
        m_page->setPeriod(SummaryPage::Period::Today);
        m_page->setGroupKey(GroupKey::Product);
        QVERIFY(refreshed());
        QVERIFY(DemoGateway::saveScreenshot(m_page.get(), "summary_en"));
        QVERIFY(m_gateway.setChinese(true));
        QCOMPARE(m_page->model()
                         ->headerData(SummaryTableModel::KeyColumn, Qt::Horizontal)
                         .toString(),
                 "商品");
        QVERIFY(hasHan(
                m_page->model()
                        ->index(m_page->model()->rowCount() - 1, SummaryTableModel::KeyColumn)
                        .data()
                        .toString()));
        QVERIFY(DemoGateway::saveScreenshot(m_page.get(), "summary_zh_CN"));
        m_page->setGroupKey(GroupKey::Date);
        m_page->setCustomPeriod(QDate::currentDate().addDays(-13), QDate::currentDate());
        QVERIFY(refreshed());
        QVERIFY(DemoGateway::saveScreenshot(m_page.get(), "summary_14days_zh_CN"));
        m_page->setGroupKey(GroupKey::Platform);
        m_page->setChartSplitByPlatform(true);
        QVERIFY(refreshed());
        QVERIFY(DemoGateway::saveScreenshot(m_page.get(), "summary_platform_14days_zh_CN"));
        QVERIFY(m_gateway.setChinese(false));
        QVERIFY(DemoGateway::saveScreenshot(m_page.get(), "summary_platform_14days_en"));
        m_page->setChartSplitByPlatform(false);
    }
};

QTEST_MAIN(tst_SummaryPage)
#include "tst_summarypage.moc"
