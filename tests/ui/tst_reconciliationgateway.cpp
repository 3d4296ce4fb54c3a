#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "core/sandbox/sandboxdemodata.h"
#include "tests/ui/demogateway.h"
#include "ui/models/reconciliationtablemodel.h"
#include "ui/pages/reconciliationpage.h"
#include "ui/reconciliationtext.h"
#include "ui/widgets/reconciliationtotals.h"

// The 对账 page against a whole demo gateway: 立即对账 runs a real reconciliation of today
// against the sandbox, the button says so while it runs, and the page shows what it found
// once the gateway says the day changed.
class tst_ReconciliationGateway : public QObject
{
    Q_OBJECT

private:
    DemoGateway m_gateway;
    QList<SandboxState::Poi> m_stores = SandboxDemoData::stores();

    // A Douyin coupon minted in the sandbox and verified at this till; its order id.
    QString verifyHere(const QString &poiId)
    {
        const QJsonObject minted = m_gateway.mintOrder({{"poi_id", poiId}});
        VerifyCommand command;
        command.poiId = minted.value("poi_id").toString();
        command.count = 1;
        command.shortLink = minted.value("short_link").toString();
        const VerifyOutcome outcome = m_gateway.verify(command);
        if (outcome.kind != VerifyOutcome::Kind::Answered)
            qWarning() << "the verification was not answered";
        return minted.value("order_id").toString();
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

        const ReconciliationReport &report = page.report();
        QCOMPARE(report.date, QDate::currentDate());
        QCOMPARE(report.poiId, store);
        // Today has not ended: whatever it found, the result is incomplete.
        QCOMPARE(report.state, ReconciliationReport::State::Partial);
        QVERIFY(page.stateText().startsWith(ReconciliationText::state(report.state)));
        QCOMPARE(report.local.count, 2);
        QCOMPARE(page.totals()->text("local_note"), QString("2 verification(s)"));
        // Both were verified here and the sandbox lists both: nothing differs.
        QCOMPARE(report.matched, 2);
        QVERIFY(!report.hasDifferences());
        QCOMPARE(page.differences()->rowCount(), 0);
        QVERIFY(DemoGateway::saveScreenshot(&page, "reconciliation-demo"));
    }
};

QTEST_MAIN(tst_ReconciliationGateway)
#include "tst_reconciliationgateway.moc"
