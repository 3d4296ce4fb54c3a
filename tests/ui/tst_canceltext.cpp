#include <QTest>

#include "ui/canceltext.h"

namespace {

constexpr qint64 NOW = 1'800'000'000'000; // Unix ms
constexpr qint64 MINUTE = 60'000;

VerificationRecord success(std::optional<qint64> deadline)
{
    VerificationRecord record;
    record.verifyStatus = VerificationRecord::Status::Success;
    record.cancelDeadline = deadline;
    return record;
}

} // namespace

// The words of a cancel: time left, when the 撤销 button is offered, and a sentence for every
// way a cancel can fail.
class tst_CancelText : public QObject
{
    Q_OBJECT

private slots:
    void timeLeft_data()
    {
        QTest::addColumn<qint64>("left");
        QTest::addColumn<QString>("text");
        QTest::newRow("a whole hour") << 60 * MINUTE << "60 minutes";
        QTest::newRow("58 and a half minutes") << 58 * MINUTE + 30'000 << "58 minutes";
        QTest::newRow("two minutes") << 2 * MINUTE << "2 minutes";
        QTest::newRow("one and a half minutes") << MINUTE + 30'000 << "1 minute";
        QTest::newRow("the last minute") << MINUTE - 1 << "less than a minute";
        QTest::newRow("past the deadline") << -5 * MINUTE << "less than a minute";
    }

    void timeLeft()
    {
        QFETCH(qint64, left);
        QFETCH(QString, text);
        QCOMPARE(CancelText::timeLeft(NOW + left, NOW), text);
    }

    void isCancellable_data()
    {
        using Status = VerificationRecord::Cancel::Status;
        QTest::addColumn<VerificationRecord>("record");
        QTest::addColumn<bool>("cancellable");
        QTest::newRow("a success inside its window") << success(NOW + MINUTE) << true;
        QTest::newRow("a success past its window") << success(NOW - 1) << false;
        QTest::newRow("a success without a deadline") << success(std::nullopt) << false;
        VerificationRecord failed = success(NOW + MINUTE);
        failed.verifyStatus = VerificationRecord::Status::Failed;
        QTest::newRow("a failed verify") << failed << false;
        for (const Status status : {Status::Pending, Status::Unknown, Status::Cancelled}) {
            VerificationRecord record = success(NOW + MINUTE);
            record.cancel.status = status;
            QTest::newRow(qPrintable("cancel " + VerificationRecord::toString(status)))
                    << record << false;
        }
    }

    void isCancellable()
    {
        QFETCH(VerificationRecord, record);
        QFETCH(bool, cancellable);
        QCOMPARE(CancelText::isCancellable(record, NOW), cancellable);
    }

    void everyRefusalHasWords_data()
    {
        using Kind = CancelOutcome::Kind;
        QTest::addColumn<CancelOutcome>("outcome");
        QTest::addColumn<QString>("start");
        const auto make = [](Kind kind) {
            CancelOutcome outcome;
            outcome.kind = kind;
            outcome.error.message = "developer detail";
            return outcome;
        };
        QTest::newRow("not found") << make(Kind::NotFound) << "There is no such";
        QTest::newRow("not yours") << make(Kind::NotYours) << "Another device";
        QTest::newRow("not a success") << make(Kind::NotCancellable) << "Only a successful";
        CancelOutcome cancelled = make(Kind::NotCancellable);
        cancelled.record = success(NOW);
        cancelled.record->cancel.status = VerificationRecord::Cancel::Status::Cancelled;
        QTest::newRow("cancelled already") << cancelled << "This verification has been cancelled";
        QTest::newRow("window closed here") << make(Kind::WindowClosed) << "Too late to cancel";
        CancelOutcome tooLate = make(Kind::WindowClosed);
        tooLate.platformError = PlatformError{};
        tooLate.platformError->reason = RejectReason::TooLateToCancel;
        QTest::newRow("window closed at Douyin") << tooLate << "Too late to cancel";
        CancelOutcome rejected = make(Kind::Rejected);
        rejected.platformError = PlatformError{};
        rejected.platformError->description = "券状态异常";
        QTest::newRow("refused with Douyin's text") << rejected << "Douyin refused it: 券状态异常";
        QTest::newRow("answer lost") << make(Kind::Unknown) << "The network dropped";
        QTest::newRow("unreachable") << make(Kind::Unavailable) << "Could not reach Douyin";
        QTest::newRow("not configured") << make(Kind::NotConfigured) << "The Douyin account";
        QTest::newRow("reason too long") << make(Kind::BadInput) << "The reason is too long";
        QTest::newRow("disk failed") << make(Kind::StorageFailed) << "The cancel could not";
    }

    void everyRefusalHasWords()
    {
        QFETCH(CancelOutcome, outcome);
        QFETCH(QString, start);
        const QString text = CancelText::forOutcome(outcome);
        QVERIFY2(text.startsWith(start), qPrintable(text));
        QVERIFY(!text.contains("developer detail"));
    }
};

QTEST_MAIN(tst_CancelText)
#include "tst_canceltext.moc"
