#include <QTest>

#include "core/reconcile/reconciliationmatcher.h"

using Status = VerificationRecord::Status;
using RowStatus = HistoryRow::Status;

Q_DECLARE_METATYPE(Status)
Q_DECLARE_METATYPE(RowStatus)

// Setting a day's records against the platform's rows (API.md, Reconciliation): one record and
// one row at a time, every way they can agree or differ, then a day of many.
class tst_ReconciliationMatcher : public QObject
{
    Q_OBJECT

private:
    static VerificationRecord record(Status status, const QString &certificate,
                                     const QString &verifyId, qint64 pay, bool cancelled = false)
    {
        VerificationRecord r;
        r.id = certificate.toLongLong();
        r.verifyStatus = status;
        r.certificateId = certificate;
        r.verifyId = verifyId;
        r.payAmount = pay;
        if (cancelled)
            r.cancel.status = VerificationRecord::Cancel::Status::Cancelled;
        return r;
    }

    static HistoryRow row(RowStatus status, const QString &certificate, const QString &verifyId,
                          qint64 pay)
    {
        HistoryRow r;
        r.status = status;
        r.certificateId = certificate;
        r.verifyId = verifyId;
        r.payAmount = pay;
        return r;
    }

private slots:
    void oneRecordOneRow_data()
    {
        QTest::addColumn<Status>("local");
        QTest::addColumn<bool>("cancelledHere");
        QTest::addColumn<QString>("localVerifyId");
        QTest::addColumn<qint64>("localPay");
        QTest::addColumn<bool>("hasRow");
        QTest::addColumn<RowStatus>("remote");
        QTest::addColumn<QString>("rowVerifyId");
        QTest::addColumn<qint64>("rowPay");
        QTest::addColumn<QString>("expected");

        const auto V = RowStatus::Verified;
        const auto C = RowStatus::Cancelled;
        QTest::newRow("same verification") << Status::Success << false << "v1" << 990ll << true << V
                                           << "v1" << 990ll << "matched";
        QTest::newRow("no verify id here: the code decides")
                << Status::Success << false << "" << 990ll << true << V << "v1" << 990ll
                << "matched";
        QTest::newRow("cancelled on both sides") << Status::Success << true << "v1" << 990ll << true
                                                 << C << "v1" << 990ll << "matched";
        QTest::newRow("cancelled on the platform only")
                << Status::Success << false << "v1" << 990ll << true << C << "v1" << 990ll
                << "status_mismatch";
        QTest::newRow("cancelled here only") << Status::Success << true << "v1" << 990ll << true
                                             << V << "v1" << 990ll << "status_mismatch";
        QTest::newRow("refunded after use on the platform")
                << Status::Success << false << "v1" << 990ll << true << RowStatus::Refunded << "v1"
                << 990ll << "status_mismatch";
        QTest::newRow("another amount") << Status::Success << false << "v1" << 990ll << true << V
                                        << "v1" << 890ll << "amount_mismatch";
        QTest::newRow("an amount only one side states") << Status::Success << false << "v1" << 990ll
                                                        << true << V << "v1" << 0ll << "matched";
        QTest::newRow("the platform does not list it") << Status::Success << false << "v1" << 990ll
                                                       << false << V << "" << 0ll << "only_local";
        QTest::newRow("cancelled here, not listed")
                << Status::Success << true << "v1" << 990ll << false << V << "" << 0ll << "nothing";
        QTest::newRow("another verification of the coupon")
                << Status::Success << false << "v1" << 990ll << true << V << "v2" << 990ll
                << "only_local+only_platform";
        QTest::newRow("a failure here, verified elsewhere")
                << Status::Failed << false << "" << 990ll << true << V << "v9" << 990ll
                << "only_platform";
        QTest::newRow("unknown here: set aside") << Status::Unknown << false << "" << 990ll << true
                                                 << V << "v9" << 990ll << "unresolved";
        QTest::newRow("pending here: set aside") << Status::Pending << false << "" << 990ll << true
                                                 << V << "v9" << 990ll << "unresolved";
    }

    void oneRecordOneRow()
    {
        QFETCH(Status, local);
        QFETCH(bool, cancelledHere);
        QFETCH(QString, localVerifyId);
        QFETCH(qint64, localPay);
        QFETCH(bool, hasRow);
        QFETCH(RowStatus, remote);
        QFETCH(QString, rowVerifyId);
        QFETCH(qint64, rowPay);
        QFETCH(QString, expected);

        QList<HistoryRow> rows;
        if (hasRow)
            rows.append(row(remote, "7001", rowVerifyId, rowPay));
        ReconciliationReport report;
        ReconciliationMatcher::match(
                {record(local, "7001", localVerifyId, localPay, cancelledHere)}, rows, report);
        QStringList found;
        if (report.matched)
            found << "matched";
        if (!report.onlyLocal.isEmpty())
            found << "only_local";
        if (!report.onlyPlatform.isEmpty())
            found << "only_platform";
        if (!report.statusMismatch.isEmpty())
            found << "status_mismatch";
        if (!report.amountMismatch.isEmpty())
            found << "amount_mismatch";
        if (!report.unresolved.isEmpty())
            found << "unresolved";
        QCOMPARE(found.isEmpty() ? QString("nothing") : found.join('+'), expected);
        QCOMPARE(report.hasDifferences(),
                 expected != "matched" && expected != "nothing" && expected != "unresolved");
    }

    void aDayOfManyCountsBothSides()
    {
        QList<VerificationRecord> local;
        QList<HistoryRow> remote;
        for (int i = 0; i < 100; ++i) {
            const QString certificate = QString::number(1000 + i);
            local.append(record(Status::Success, certificate, "v" + certificate, 1000));
            remote.append(row(RowStatus::Verified, certificate, "v" + certificate, 1000));
        }
        remote.append(row(RowStatus::Verified, "5000", "v5000", 2500)); // elsewhere
        remote.append(row(RowStatus::Cancelled, "5001", "v5001", 2500)); // and taken back
        local.append(record(Status::Failed, "6000", "", 1000));
        ReconciliationReport report;
        ReconciliationMatcher::match(local, remote, report);
        QCOMPARE(report.matched, 100);
        QCOMPARE(report.onlyPlatform.size(), 2);
        QCOMPARE(report.local.count, 100);
        QCOMPARE(report.local.payAmount, 100000);
        QCOMPARE(report.remote.count, 101); // cancelled rows are not counted
        QCOMPARE(report.remote.payAmount, 102500);
    }
};

QTEST_GUILESS_MAIN(tst_ReconciliationMatcher)
#include "tst_reconciliationmatcher.moc"
