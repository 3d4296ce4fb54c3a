#include <time.h>

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "core/sandbox/sandboxdemodata.h"
#include "tests/ui/demogateway.h"
#include "ui/models/reconciliationtablemodel.h"
#include "ui/pages/reconciliationpage.h"
#include "ui/reconciliationtext.h"
#include "ui/recordtext.h"
#include "ui/widgets/reconciliationtotals.h"

namespace {

// Stores, Meituan and the sandbox count days in Beijing time; a test machine on UTC would ask
// for a day whose evening the sandbox files under the next one.
const bool BEIJING_TIME = [] {
    qputenv("TZ", "Asia/Shanghai");
    tzset();
    return true;
}();

} // namespace

// The 对账 page against a whole demo gateway: 立即对账 runs a real reconciliation of today
// against the sandbox (its Meituan), the button says so while it runs, and the page shows what it found
// once the gateway says the day changed.
class tst_ReconciliationGateway : public QObject
{
    Q_OBJECT

private:
    DemoGateway m_gateway;
    QList<SandboxState::Poi> m_stores = SandboxDemoData::stores();

    // A Meituan coupon of the sandbox verified at this till. Meituan, because the sandbox
    // lists Meituan's consumptions by day (MEITUAN.md §6) and is the one history it serves.
    void verifyHere(const QString &poiId)
    {
        const QJsonObject order = m_gateway.control(
                "POST", "/sandbox/meituan/orders",
                {{"poi_id", poiId}, {"receipts", 1}, {"deal_title", "美团双人套餐"}});
        VerifyCommand command;
        command.platform = PlatformId::Meituan;
        command.poiId = poiId;
        command.code = order.value("receipt_codes").toArray().first().toString();
        const VerifyOutcome outcome = m_gateway.verify(command);
        if (outcome.kind != VerifyOutcome::Kind::Answered)
            qWarning() << "the verification was not answered";
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_gateway.start());
        QVERIFY(!m_stores.isEmpty());
    }

    void runsAndShowsToday()
    {
        const QString store = m_stores.first().poiId;
        verifyHere(store);
        verifyHere(store);

        ReconciliationPage page(m_gateway.proxy());
        page.resize(1366, 700);
        page.setDate(QDate::currentDate());
        page.setPoiId(store);
        page.setPlatform(PlatformId::Meituan);
        QSignalSpy refreshed(&page, &ReconciliationPage::refreshed);
        page.show();
        QVERIFY(refreshed.wait(10000));
        QVERIFY(page.runButton()->isEnabled());

        QSignalSpy changed(m_gateway.proxy(), &GatewayProxy::reconciliationChanged);
        refreshed.clear();
        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        QVERIFY(!page.runButton()->isEnabled()); // at once, before the gateway answers
        QVERIFY(changed.wait(30000));
        QCOMPARE(changed.last().at(0).toDate(), QDate::currentDate());
        // The page asks again when the day changed, and the run is over by then.
        QTRY_VERIFY_WITH_TIMEOUT(!page.report().running && page.report().fetchedAt, 10000);
        QTRY_VERIFY(page.runButton()->isEnabled());

        // The page shows the gateway's own report of the day, word for word.
        const auto asked =
                m_gateway.await<Result<ReconciliationReport>>([&](QObject *context, auto done) {
                    m_gateway.proxy()->reconciliation(page.query(), context, done);
                });
        QVERIFY(asked && asked->ok());
        const ReconciliationReport &report = asked->value();
        QCOMPARE(page.report().date, QDate::currentDate());
        QCOMPARE(report.poiId, store);
        QCOMPARE(report.platform, std::optional(PlatformId::Meituan));
        QCOMPARE(page.stateText(), ReconciliationText::stateLine(report));
        QCOMPARE(page.totals()->text("local"), RecordText::money(report.local.payAmount));
        QCOMPARE(page.totals()->text("remote"), RecordText::money(report.remote.payAmount));
        QCOMPARE(page.differences()->rowCount(),
                 int(ReconciliationEntry::listOf(report).size() - report.unresolved.size()));
        QCOMPARE(report.local.count, 2);
        QCOMPARE(page.totals()->text("local_note"), QString("2 verification(s)"));
        // Today has not ended: once fetched, the result is incomplete; both coupons were
        // verified here and the sandbox lists both, so nothing differs.
        QCOMPARE(report.state, ReconciliationReport::State::Partial);
        QCOMPARE(report.remote.count, 2);
        QCOMPARE(report.matched, 2);
        QVERIFY(!report.hasDifferences());
        QVERIFY(DemoGateway::saveScreenshot(&page, "reconciliation-demo"));
    }
};

QTEST_MAIN(tst_ReconciliationGateway)
#include "tst_reconciliationgateway.moc"
