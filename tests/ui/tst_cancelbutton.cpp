#include <QFont>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "core/sandbox/sandboxdemodata.h"
#include "tests/ui/demogateway.h"
#include "ui/models/summarytablemodel.h"
#include "ui/models/verificationtablemodel.h"
#include "ui/pages/recordspage.h"
#include "ui/pages/summarypage.h"
#include "ui/pages/verifypage.h"
#include "ui/uipreferences.h"
#include "ui/widgets/cancelbutton.h"
#include "ui/widgets/canceldialog.h"
#include "ui/widgets/preparepanel.h"
#include "ui/widgets/recorddetaildialog.h"
#include "ui/widgets/resultpanel.h"

using CancelStatus = VerificationRecord::Cancel::Status;

namespace {

const QString CASHIER = "李娜";

} // namespace

// 撤销核销 from the till against a whole demo gateway: the 撤销 button after a verify, the
// confirmation, the result; the same from the record detail with a reason; cancelled records in
// the list and the summary. Each screen is saved as a PNG (build/tests/screenshots/cancel_*).
class tst_CancelButton : public QObject
{
    Q_OBJECT

private:
    DemoGateway m_gateway;
    QList<SandboxState::Poi> m_stores = SandboxDemoData::stores();
    std::unique_ptr<VerifyPage> m_page;
    QString m_detailProduct = "招牌烤鱼双人餐";
    QTemporaryDir m_prefs;

    QJsonObject mint(const QString &product, qint64 payAmount, int certificates = 1)
    {
        return m_gateway.mintOrder({{"poi_id", m_stores.at(0).poiId},
                                    {"product_name", product},
                                    {"pay_amount", payAmount},
                                    {"certificates", certificates}});
    }

    // Scans like the scanner gun, then verifies `count` coupons of the order with Enter.
    bool verifyOnPage(const QString &text, int count = 1)
    {
        QSignalSpy prepared(m_page.get(), &VerifyPage::prepared);
        QSignalSpy answered(m_page.get(), &VerifyPage::answered);
        m_page->scan(text);
        if (!prepared.wait(10000))
            return false;
        m_page->preparePanel()->setCount(count);
        QTest::keyClick(m_page->input(), Qt::Key_Return);
        return (answered.count() > 0 || answered.wait(10000))
                && m_page->resultPanel()->state() == ResultPanel::State::Success;
    }

    static void shot(QWidget *widget, const QString &name)
    {
        QVERIFY(DemoGateway::saveScreenshot(widget, name));
    }

    VerificationRecord stored(qint64 id)
    {
        const auto record = m_gateway.await<Result<VerificationRecord>>(
                [&](QObject *context, auto done) { m_gateway.proxy()->record(id, context, done); });
        return record && record->ok() ? record->value() : VerificationRecord{};
    }

    // Presses the 撤销 button like the cashier; the confirmation it opened, if any.
    CancelDialog *openConfirmation(CancelButton *button)
    {
        if (!button->isVisible() || !button->isEnabled())
            return nullptr;
        button->click();
        return button->dialog();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_gateway.start());
        // The cashier's name as the till saved it: the verify page and the detail read it.
        qApp->setProperty("dygwConfigFile", m_prefs.filePath("ui.ini"));
        UiPreferences::setValue("operator", CASHIER);
        m_page = std::make_unique<VerifyPage>(m_gateway.proxy());
        m_page->setDemoMode(true);
        m_page->resize(1280, 720);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    }

    void cancelButtonAppearsAfterASuccess()
    {
        const QJsonObject order = mint("酸菜鱼单人餐", 3990);
        QVERIFY(verifyOnPage(order["codes"].toArray().at(0).toString()));
        CancelButton *button = m_page->cancelButton();
        QTRY_VERIFY(button->isVisible());
        // Douyin allows an hour; a few seconds went by.
        QVERIFY2(button->text() == "Cancel (59 minutes left)", qPrintable(button->text()));
        shot(m_page.get(), "cancel_verify_button_en");

        // The next scan takes it away: 撤销 is for the last verification only.
        const QJsonObject next = mint("酸菜鱼单人餐", 3990);
        m_page->scan(next["codes"].toArray().at(0).toString());
        QVERIFY(!button->isVisible());
        QTRY_VERIFY(m_page->preparePanel()->isVisible());
        QTest::keyClick(m_page->input(), Qt::Key_Escape);
    }

    void confirmationNamesProductAmountAndTimeLeft()
    {
        const QJsonObject order = mint("酸菜鱼单人餐", 3990);
        QVERIFY(verifyOnPage(order["codes"].toArray().at(0).toString()));
        CancelDialog *dialog = openConfirmation(m_page->cancelButton());
        QVERIFY(dialog);
        QCOMPARE(dialog->question(), "Cancel this verification?");
        QVERIFY2(dialog->details().contains("酸菜鱼单人餐 · ¥39.90"),
                 qPrintable(dialog->details()));
        QVERIFY2(dialog->details().contains("Time left to cancel: 59 minutes"),
                 qPrintable(dialog->details()));
        QVERIFY(!dialog->reasonField()->isVisible()); // the till asks no reason
        QVERIFY(dialog->keepButton()->isDefault()); // a stray Enter cancels nothing
        shot(dialog, "cancel_verify_confirm_en");
        QVERIFY(m_gateway.setChinese(true));
        CancelDialog *chinese = openConfirmation(m_page->cancelButton());
        QVERIFY(!chinese || chinese == dialog); // already open: the same one
        dialog->reject();
        QTRY_VERIFY(!m_page->cancelButton()->dialog());
        dialog = openConfirmation(m_page->cancelButton());
        QVERIFY(dialog);
        QVERIFY2(dialog->question().contains("撤销"), qPrintable(dialog->question()));
        QVERIFY2(dialog->details().contains("59 分钟"), qPrintable(dialog->details()));
        shot(dialog, "cancel_verify_confirm_zh_CN");
        QVERIFY2(m_page->cancelButton()->text() == "撤销 (还剩 59 分钟)",
                 qPrintable(m_page->cancelButton()->text()));
        dialog->reject();
        shot(m_page.get(), "cancel_verify_button_zh_CN");
        QVERIFY(m_gateway.setChinese(false));
        QCOMPARE(m_page->resultPanel()->state(), ResultPanel::State::Success); // nothing sent
    }

    void verifyThenCancelFromTheVerifyPage()
    {
        const QJsonObject order = mint("双人火锅套餐", 19800, 2);
        QVERIFY(verifyOnPage(order["short_link"].toString(), 2));
        CancelButton *button = m_page->cancelButton();
        QTRY_VERIFY(button->isVisible());
        const QList<VerificationRecord> batch = button->records();
        QCOMPARE(batch.size(), 2);
        CancelDialog *dialog = openConfirmation(button);
        QVERIFY(dialog);
        QCOMPARE(dialog->question(), "Cancel these 2 verifications?");
        QSignalSpy answered(m_page.get(), &VerifyPage::cancelAnswered);
        dialog->confirmButton()->click();
        QVERIFY(answered.wait(15000));
        ResultPanel *result = m_page->resultPanel();
        QCOMPARE(result->state(), ResultPanel::State::Cancelled);
        QCOMPARE(result->title(), "↩ Cancelled: 2 coupons");
        QVERIFY(result->detail().contains("双人火锅套餐  ¥198.00"));
        QVERIFY(!button->isVisible());
        // Every record of the batch is cancelled, by the cashier named on the till.
        for (const VerificationRecord &record : batch) {
            const VerificationRecord now = stored(record.id);
            QCOMPARE(now.cancel.status, std::optional(CancelStatus::Cancelled));
            QCOMPARE(now.cancel.requestedBy, CASHIER);
            QVERIFY(now.cancel.reason.isEmpty());
        }
        const QJsonObject certificates =
                m_gateway.control("GET", "/sandbox/orders/" + order["order_id"].toString());
        for (const QJsonValue &certificate : certificates["certificates"].toArray())
            QCOMPARE(certificate["status"].toInt(), 1); // usable again
        shot(m_page.get(), "cancel_verify_cancelled_en");
        QVERIFY(m_gateway.setChinese(true));
        QCOMPARE(result->title(), "↩ 已撤销：2 张券");
        shot(m_page.get(), "cancel_verify_cancelled_zh_CN");
        QVERIFY(m_gateway.setChinese(false));
    }

    void cancelledElsewhereTakesTheButtonAway()
    {
        const QJsonObject order = mint("酸菜鱼单人餐", 3990);
        QVERIFY(verifyOnPage(order["codes"].toArray().at(0).toString()));
        CancelButton *button = m_page->cancelButton();
        QTRY_VERIFY(button->isVisible());
        CancelCommand command; // the manager, from the records page or the admin API
        command.recordId = button->records().first().id;
        command.requestedBy = "admin";
        const auto outcome = m_gateway.await<CancelOutcome>([&](QObject *context, auto done) {
            m_gateway.proxy()->cancel(command, context, done);
        });
        QVERIFY(outcome);
        QCOMPARE(outcome->kind, CancelOutcome::Kind::Cancelled);
        QTRY_VERIFY(!button->isVisible()); // recordsChanged told the till
    }

    void lostCancelAnswerShowsAmber()
    {
        const QJsonObject order = mint("单人午市套餐", 2900);
        QVERIFY(verifyOnPage(order["codes"].toArray().at(0).toString()));
        m_gateway.fault("cancel", "drop_after_commit");
        CancelDialog *dialog = openConfirmation(m_page->cancelButton());
        QVERIFY(dialog);
        QSignalSpy answered(m_page.get(), &VerifyPage::cancelAnswered);
        dialog->confirmButton()->click();
        QVERIFY(answered.wait(30000));
        QCOMPARE(m_page->resultPanel()->state(), ResultPanel::State::Checking);
        QCOMPARE(m_page->resultPanel()->title(), "Confirming the cancel…");
        QVERIFY(!m_page->cancelButton()->isVisible()); // never two cancels
        QVERIFY(m_gateway.setChinese(true));
        QCOMPARE(m_page->resultPanel()->title(), "正在确认撤销结果…");
        shot(m_page.get(), "cancel_verify_checking_zh_CN");
        QVERIFY(m_gateway.setChinese(false));
    }

    void cancelFromTheRecordDetail()
    {
        const QJsonObject order = mint(m_detailProduct, 12800);
        VerifyCommand command;
        command.poiId = m_stores.at(0).poiId;
        command.code = order["codes"].toArray().at(0).toString();
        const VerifyOutcome outcome = m_gateway.verify(command);
        QCOMPARE(outcome.kind, VerifyOutcome::Kind::Answered);
        const qint64 id = outcome.records.first().id;
        QVERIFY(m_gateway.waitForEnrichment());

        RecordsPage records(m_gateway.proxy());
        records.resize(1500, 700);
        records.show();
        QTRY_VERIFY(records.model()->rowOf(id) >= 0);
        RecordDetailDialog *detail = records.showDetails(records.model()->rowOf(id));
        QVERIFY(detail);
        QSignalSpy loaded(detail, &RecordDetailDialog::recordLoaded);
        QVERIFY(loaded.count() > 0 || loaded.wait(10000));
        QCOMPARE(detail->valueText("cancel_status"), "Not cancelled");
        CancelButton *button = detail->cancelButton();
        QTRY_VERIFY(button->isVisible());
        QCOMPARE(button->text(), "Cancel verification (59 minutes left)");
        shot(detail, "cancel_detail_button_en");

        CancelDialog *dialog = openConfirmation(button);
        QVERIFY(dialog);
        QVERIFY(dialog->details().contains(m_detailProduct + " · ¥128.00"));
        QVERIFY(dialog->reasonField()->isVisible());
        QCOMPARE(dialog->reasonField()->maxLength(), CancelCommand::MAX_REASON_LENGTH);
        QVERIFY(m_gateway.setChinese(true));
        dialog->reject();
        dialog = openConfirmation(button);
        QVERIFY(dialog);
        dialog->reasonField()->setText("扫错了券"); // keyClicks types Latin-1 only
        shot(dialog, "cancel_detail_confirm_zh_CN");
        QSignalSpy answered(detail, &RecordDetailDialog::cancelAnswered);
        dialog->confirmButton()->click();
        QVERIFY(answered.wait(15000));
        QCOMPARE(detail->resultPanel()->state(), ResultPanel::State::Cancelled);
        QTRY_COMPARE(detail->valueText("cancel_status"), "已撤销");
        QCOMPARE(detail->valueText("cancel_reason"), "扫错了券");
        QCOMPARE(detail->valueText("cancel_requested_by"), CASHIER);
        QVERIFY(detail->valueText("cancelled_at") != "—");
        QVERIFY(!button->isVisible());
        shot(detail, "cancel_detail_cancelled_zh_CN");
        QVERIFY(m_gateway.setChinese(false));
        QCOMPARE(stored(id).cancel.reason, "扫错了券");

        // The list: struck through, with the 已撤销 status word.
        QTRY_COMPARE(records.model()->record(records.model()->rowOf(id)).cancel.status,
                     std::optional(CancelStatus::Cancelled));
        const int row = records.model()->rowOf(id);
        const QModelIndex status =
                records.model()->index(row, VerificationTableModel::StatusColumn);
        const QModelIndex product =
                records.model()->index(row, VerificationTableModel::ProductColumn);
        QCOMPARE(status.data().toString(), "Cancelled");
        QVERIFY(product.data(Qt::FontRole).value<QFont>().strikeOut());
        QCOMPARE(
                records.model()->index(row, VerificationTableModel::ReasonColumn).data().toString(),
                "扫错了券");
        detail->close();
        QVERIFY(m_gateway.setChinese(true));
        QCOMPARE(status.data().toString(), "已撤销");
        shot(&records, "cancel_records_list_zh_CN");
        QVERIFY(m_gateway.setChinese(false));
    }

    void summaryCountsCancelledOnesApart()
    {
        SummaryPage summary(m_gateway.proxy());
        summary.resize(1400, 800);
        summary.show();
        const VerificationSummary *shown = &summary.model()->summary();
        QTRY_VERIFY(shown->totals.cancelledCount >= 3);
        const int totalsRow = summary.model()->rowCount() - 1;
        const QModelIndex cancelled =
                summary.model()->index(totalsRow, SummaryTableModel::CancelledColumn);
        QCOMPARE(cancelled.data().toString(), QLocale().toString(shown->totals.cancelledCount));
        QCOMPARE(summary.model()
                         ->headerData(SummaryTableModel::CancelledColumn, Qt::Horizontal)
                         .toString(),
                 "Cancelled");
        QVERIFY(m_gateway.setChinese(true));
        QCOMPARE(summary.model()
                         ->headerData(SummaryTableModel::CancelledColumn, Qt::Horizontal)
                         .toString(),
                 "已撤销");
        shot(&summary, "cancel_summary_zh_CN");
        QVERIFY(m_gateway.setChinese(false));
    }

    // Last: it moves the sandbox's clock past every window.
    void tooLateIsRedWithThePlainReason()
    {
        const QJsonObject order = mint("单人午市套餐", 2900);
        QVERIFY(verifyOnPage(order["codes"].toArray().at(0).toString()));
        m_gateway.control("POST", "/sandbox/clock", {{"advance_seconds", 2 * 3600}});
        CancelDialog *dialog = openConfirmation(m_page->cancelButton());
        QVERIFY(dialog);
        QSignalSpy answered(m_page.get(), &VerifyPage::cancelAnswered);
        dialog->confirmButton()->click();
        QVERIFY(answered.wait(15000));
        ResultPanel *result = m_page->resultPanel();
        QCOMPARE(result->state(), ResultPanel::State::Failure);
        QCOMPARE(result->title(), "✘ Not cancelled");
        QVERIFY2(result->detail().startsWith("Too late to cancel"), qPrintable(result->detail()));
        QVERIFY(!m_page->cancelButton()->isVisible()); // pressing again would be refused again
        QVERIFY(m_gateway.setChinese(true));
        shot(m_page.get(), "cancel_verify_too_late_zh_CN");
        QVERIFY(m_gateway.setChinese(false));
    }
};

QTEST_MAIN(tst_CancelButton)
#include "tst_cancelbutton.moc"
