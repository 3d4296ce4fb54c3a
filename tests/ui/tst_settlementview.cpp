#include <QSignalSpy>
#include <QTest>

#include "core/sandbox/sandboxdemodata.h"
#include "tests/ui/demogateway.h"
#include "tests/ui/silentgateway.h"
#include "tests/ui/uilanguage.h"
#include "ui/pages/summarypage.h"
#include "ui/recordtext.h"
#include "ui/widgets/recorddetaildialog.h"
#include "ui/widgets/summarytotals.h"

using Settlement = VerificationRecord::Settlement;

Q_DECLARE_METATYPE(std::optional<VerificationRecord::Settlement>)

// What the till says about settlement (商家实收): the summary's receipt counts settled
// verifications only and says how many are still pending; a record shows its settlement,
// commission and settled time, and no receipt before it is settled.
class tst_SettlementView : public QObject
{
    Q_OBJECT

private:
    UiLanguage m_language;

private slots:
    void receiptNote_data()
    {
        QTest::addColumn<int>("settled");
        QTest::addColumn<int>("pending");
        QTest::addColumn<QString>("english");
        QTest::addColumn<QString>("chinese");
        QTest::newRow("nothing verified") << 0 << 0 << ""
                                          << "";
        QTest::newRow("all settled") << 5 << 0 << "All settled"
                                     << "已全部结算";
        QTest::newRow("some pending") << 3 << 12 << "12 pending settlement"
                                      << "12 笔待结算";
        QTest::newRow("none settled yet") << 0 << 1 << "1 pending settlement"
                                          << "1 笔待结算";
    }

    void receiptNote()
    {
        QFETCH(int, settled);
        QFETCH(int, pending);
        VerificationSummaryRow totals;
        totals.successCount = settled + pending;
        totals.settledCount = settled;
        totals.settlementPendingCount = pending;
        totals.receiptAmount = settled * 9400;
        SummaryTotals cards;
        cards.showTotals(totals);
        QCOMPARE(cards.text("receipt"), RecordText::money(settled * 9400));
        QTEST(cards.text("receipt_note"), "english");
        QVERIFY(m_language.setChinese(true));
        const QString chinese = cards.text("receipt_note");
        QVERIFY(m_language.setChinese(false));
        QTEST(chinese, "chinese");
    }

    void detailFields_data()
    {
        QTest::addColumn<std::optional<Settlement>>("settlement");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("receipt");
        QTest::addColumn<QString>("commission");
        QTest::addColumn<bool>("settledAt");
        QTest::newRow("pending") << std::optional(Settlement::Pending) << "Pending settlement"
                                 << "—"
                                 << "—" << false;
        QTest::newRow("settled") << std::optional(Settlement::Settled) << "Settled"
                                 << "¥158.00"
                                 << "¥10.00" << true;
        QTest::newRow("no settlement figure") << std::optional<Settlement>() << "—"
                                              << "—"
                                              << "—" << false;
    }

    void detailFields()
    {
        QFETCH(std::optional<Settlement>, settlement);
        const qint64 settledTime = QDateTime(QDate(2026, 3, 11), QTime(13, 5)).toMSecsSinceEpoch();
        VerificationRecord record;
        record.id = 7;
        record.verifyStatus = VerificationRecord::Status::Success;
        record.payAmount = 16800;
        record.settlementStatus = settlement;
        if (settlement == Settlement::Settled) {
            record.receiptAmount = 15800;
            record.commissionAmount = 1000;
            record.settledAt = settledTime;
        }
        SilentGateway gateway;
        RecordDetailDialog dialog(gateway.proxy(), record, {});
        QTEST(dialog.valueText("settlement_status"), "status");
        QTEST(dialog.valueText("receipt_amount"), "receipt");
        QTEST(dialog.valueText("commission_amount"), "commission");
        QFETCH(bool, settledAt);
        QCOMPARE(dialog.valueText("settled_at"),
                 settledAt ? QString("2026-03-11 13:05:00") : QString("—"));
    }

    // The summary page of a demo day in Chinese, its receipt card with what the gateway says is
    // still pending settlement: look at it.
    void summaryScreenshot()
    {
        DemoGateway gateway;
        QVERIFY(gateway.start());
        const QList<SandboxState::Poi> stores = SandboxDemoData::stores();
        for (int i = 0; i < 3; ++i) {
            const QJsonObject minted = gateway.mintOrder({{"poi_id", stores.first().poiId},
                                                          {"product_name", "双人套餐"},
                                                          {"pay_amount", 16800}});
            VerifyCommand command;
            command.poiId = minted.value("poi_id").toString();
            command.count = 1;
            command.shortLink = minted.value("short_link").toString();
            QCOMPARE(int(gateway.verify(command).kind), int(VerifyOutcome::Kind::Answered));
        }
        QVERIFY(gateway.setChinese(true));
        SummaryPage page(gateway.proxy());
        page.resize(1366, 768);
        QSignalSpy refreshed(&page, &SummaryPage::refreshed);
        page.show();
        QVERIFY(refreshed.wait(10000));
        SummaryQuery query = page.query();
        const auto answer =
                gateway.await<Result<VerificationSummary>>([&](QObject *context, auto done) {
                    gateway.proxy()->summary(query, context, done);
                });
        QVERIFY(answer && answer->ok());
        const VerificationSummaryRow totals = answer->value().totals;
        QCOMPARE(totals.successCount, qint64(3));
        if (totals.settlementPendingCount > 0)
            QCOMPARE(page.totalText("receipt_note"),
                     QString("%1 笔待结算").arg(totals.settlementPendingCount));
        QCOMPARE(page.totalText("receipt"), RecordText::money(totals.receiptAmount));
        QVERIFY(DemoGateway::saveScreenshot(&page, "summary-settlement-1366x768"));
        QVERIFY(gateway.setChinese(false));
    }
};

QTEST_MAIN(tst_SettlementView)
#include "tst_settlementview.moc"
