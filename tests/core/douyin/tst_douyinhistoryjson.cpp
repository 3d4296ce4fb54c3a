#include <QTest>

#include "core/douyin/douyinhistoryjson.h"
#include "core/douyin/douyinhistorymapping.h"

// Douyin's history (§13) and ledger (§14) answers as the documents write them: IDs as numbers
// beyond 2^53 or strings, the older SDKs' one-level-deeper amounts, an exchange coupon's two
// ledger records, and answers that are not what they should be.
class tst_DouyinHistoryJson : public QObject
{
    Q_OBJECT

private:
    static Result<DouyinJson::Envelope, Douyin::Error> envelope(const QByteArray &body)
    {
        return DouyinJson::envelope(body);
    }

private slots:
    void historyRecordAsDocumented()
    {
        const QByteArray body = R"({"data": {"error_code": 0, "description": "", "total": 2,
            "records": [
              {"cursor": "1733030000_7300000000000000001", "verify_id": 7300000000000000001,
               "certificate_id": "7200000000000000123", "code": "1234567890123",
               "verify_type": 1, "verify_time": 1733030000, "can_cancel": true, "status": 1,
               "amount": {"original_amount": 12800, "pay_amount": 9900,
                          "merchant_ticket_amount": 0, "platform_discount_amount": 2900,
                          "payment_discount_amount": 0, "coupon_pay_amount": 9900},
               "sku": {"sku_id": "1790000000000000001", "title": "双人下午茶",
                       "groupon_type": 1, "product_id": "1780000000000000001"},
               "poi_id": "7000000000000000001"},
              {"cursor": "1733031000_7300000000000000002", "verify_id": "7300000000000000002",
               "certificate_id": 7200000000000000124, "code": "1234567890124",
               "verify_type": 1, "verify_time": "1733031000", "can_cancel": false,
               "status": 2, "cancel_time": 1733032000,
               "amount": {"amount": {"pay_amount": 4500}},
               "sku": {"sku_id": "1", "title": "单人餐"}, "poi_id": "7000000000000000001"}]},
            "extra": {"error_code": 0, "logid": "2024120112000001"}})";
        const auto answer = envelope(body);
        QVERIFY(answer.ok());
        const auto history = DouyinHistoryJson::history(answer.value());
        QVERIFY(history.ok());
        QCOMPARE(history.value().total, 2);
        const auto page = DouyinHistoryMapping::toPage(history.value(), 20);
        QCOMPARE(page.rows.size(), 2);
        QVERIFY(!page.more); // fewer than size: the last page
        const HistoryRow &first = page.rows.at(0);
        QCOMPARE(first.verifyId, QString("7300000000000000001")); // exact beyond 2^53
        QCOMPARE(first.certificateId, QString("7200000000000000123"));
        QCOMPARE(first.status, HistoryRow::Status::Verified);
        QCOMPARE(first.payAmount, 9900);
        QCOMPARE(first.productName, QString("双人下午茶"));
        QCOMPARE(first.verifyTime, 1733030000);
        QCOMPARE(first.poiId, QString("7000000000000000001"));
        const HistoryRow &second = page.rows.at(1);
        QCOMPARE(second.certificateId, QString("7200000000000000124"));
        QCOMPARE(second.status, HistoryRow::Status::Cancelled);
        QCOMPARE(second.cancelTime, 1733032000);
        QCOMPARE(second.payAmount, 4500); // the older SDKs' nesting
    }

    void aFullPageGoesOnFromItsLastCursor()
    {
        Douyin::HistoryResult result;
        for (int i = 0; i < 20; ++i) {
            Douyin::HistoryRecord record;
            record.verifyId = QString::number(i);
            record.certificateId = QString::number(100 + i);
            record.cursor = "c" + QString::number(i);
            result.records.append(record);
        }
        const HistoryPage page = DouyinHistoryMapping::toPage(result, 20);
        QVERIFY(page.more);
        QCOMPARE(page.nextCursor, QString("c19"));
        result.records.last().cursor.clear(); // nothing to go on from: stop, never loop
        QVERIFY(!DouyinHistoryMapping::toPage(result, 20).more);
    }

    void badHistoryAnswers_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("records not a list") << QByteArray(R"({"data": {"records": {}}})");
        QTest::newRow("a record not an object") << QByteArray(R"({"data": {"records": [3]}})");
        QTest::newRow("no verify_id")
                << QByteArray(R"({"data": {"records": [{"certificate_id": "1"}]}})");
    }

    void badHistoryAnswers()
    {
        QFETCH(QByteArray, body);
        const auto answer = envelope(body);
        QVERIFY(answer.ok());
        const auto history = DouyinHistoryJson::history(answer.value());
        QVERIFY(!history.ok());
        QCOMPARE(history.error().kind, Douyin::Error::Kind::BadAnswer);
    }

    void anEmptyDayMayLackTheList()
    {
        const auto answer = envelope(R"({"data": {"error_code": 0}, "extra": {"error_code": 0}})");
        QVERIFY(answer.ok());
        const auto history = DouyinHistoryJson::history(answer.value());
        QVERIFY(history.ok());
        QVERIFY(history.value().records.isEmpty());
    }

    void ledgerAsDocumented()
    {
        // An exchange coupon (通兑券): two records under one verify_id, added up; a voided
        // record counts for nothing; the second certificate's figures one level deeper.
        const QByteArray body = R"({"data": {"records": [
              {"ledger_id": "1", "verify_id": "73001", "certificate_id": "72001",
               "order_id": "1001", "code": "111", "verify_time": 1733030000, "status": 2,
               "amount": {"pay_amount": 9900},
               "fund_amount": {"goods": 6000, "pay_handling": 30, "total_commission": 150,
                               "talent_commission": 0, "total_merchant_platform_service": 150}},
              {"ledger_id": "2", "verify_id": "73001", "certificate_id": "72001",
               "order_id": "1001", "code": "111", "verify_time": 1733030000, "status": 2,
               "fund_amount": {"goods": 3600, "pay_handling": 29, "total_commission": 91}},
              {"ledger_id": "3", "verify_id": "73002", "certificate_id": "72002", "status": 4,
               "fund_amount": {"goods": 5000}},
              {"ledger_id": "4", "verify_id": "73003", "certificate_id": 72003, "status": 0,
               "fund_amount": {"fund_amount": {"goods": 4321, "total_commission": 99}}}]},
            "extra": {"error_code": 0, "logid": "x"}})";
        const auto answer = envelope(body);
        QVERIFY(answer.ok());
        const auto ledger = DouyinHistoryJson::ledger(answer.value());
        QVERIFY(ledger.ok());
        const QList<LedgerEntry> entries = DouyinHistoryMapping::toEntries(ledger.value());
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).certificateId, QString("72001"));
        QCOMPARE(entries.at(0).goods, 9600);
        QCOMPARE(entries.at(0).commission, 241);
        QCOMPARE(entries.at(0).payHandling, 59);
        QCOMPARE(entries.at(1).certificateId, QString("72003"));
        QCOMPARE(entries.at(1).goods, 4321);
        QCOMPARE(entries.at(1).commission, 99);
    }

    void ledgerErrorsAreDouyins()
    {
        const auto answer = envelope(R"({"data": {"error_code": 2119003, "description": "too fast"},
                                         "extra": {"error_code": 2119003}})");
        QVERIFY(!answer.ok());
        QCOMPARE(answer.error().code, 2119003);
    }
};

QTEST_GUILESS_MAIN(tst_DouyinHistoryJson)
#include "tst_douyinhistoryjson.moc"
