#include <QJsonDocument>
#include <QTest>

#include "core/api/apijson.h"
#include "core/report/report.h"

using GroupKey = SummaryQuery::GroupKey;

class tst_Report : public QObject
{
    Q_OBJECT

private slots:
    void csvLineEscapes_data()
    {
        QTest::addColumn<QStringList>("fields");
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("plain") << QStringList{"a", "b"} << QByteArray("a,b\r\n");
        QTest::newRow("empty fields") << QStringList{"", "", ""} << QByteArray(",,\r\n");
        QTest::newRow("comma") << QStringList{"a,b"} << QByteArray("\"a,b\"\r\n");
        QTest::newRow("quotes doubled")
                << QStringList{"say \"hi\""} << QByteArray("\"say \"\"hi\"\"\"\r\n");
        QTest::newRow("newline") << QStringList{"one\ntwo"} << QByteArray("\"one\ntwo\"\r\n");
        QTest::newRow("carriage return")
                << QStringList{"one\rtwo"} << QByteArray("\"one\rtwo\"\r\n");
        QTest::newRow("chinese stays utf-8")
                << QStringList{"双人套餐", "国贸店"}
                << QByteArray("\xe5\x8f\x8c\xe4\xba\xba\xe5\xa5\x97\xe9\xa4\x90,"
                              "\xe5\x9b\xbd\xe8\xb4\xb8\xe5\xba\x97\r\n");
        QTest::newRow("spaces are not quoted") << QStringList{" a "} << QByteArray(" a \r\n");
    }

    void csvLineEscapes()
    {
        QFETCH(QStringList, fields);
        QFETCH(QByteArray, line);
        QCOMPARE(Report::csvLine(fields), line);
    }

    void yuanHasTwoDecimals_data()
    {
        QTest::addColumn<qint64>("fen");
        QTest::addColumn<QString>("yuan");
        QTest::newRow("zero") << qint64(0) << "0.00";
        QTest::newRow("one fen") << qint64(1) << "0.01";
        QTest::newRow("ten fen") << qint64(10) << "0.10";
        QTest::newRow("whole") << qint64(16800) << "168.00";
        QTest::newRow("large") << qint64(123456789) << "1234567.89";
        QTest::newRow("negative") << qint64(-250) << "-2.50";
    }

    void yuanHasTwoDecimals()
    {
        QFETCH(qint64, fen);
        QFETCH(QString, yuan);
        QCOMPARE(Report::yuan(fen), yuan);
        QCOMPARE(Report::yuan(std::nullopt), QString());
    }

    void recordColumnsAreTheApiFields()
    {
        const QStringList columns = Report::recordColumns();
        const QJsonObject view = ApiJson::verificationView(VerificationRecord{});
        QCOMPARE(columns.size(), view.size() + 5);
        for (const QString &field : view.keys())
            QVERIFY2(columns.contains(field), qPrintable(field));
        QCOMPARE(columns.first(), "id");
        QCOMPARE(columns.mid(view.size()),
                 (QStringList{"poi_name", "created_at_local", "pay_amount_yuan",
                              "receipt_amount_yuan", "discount_amount_yuan"}));
    }

    void recordFieldsFollowTheApi()
    {
        VerificationRecord record;
        record.id = 42;
        record.appId = 0;
        record.appName = "前台收银";
        record.poiId = "7212541306826811429";
        record.verifyStatus = VerificationRecord::Status::Success;
        record.certificateId = "7300000000000000001"; // above 2^53: must stay exact
        record.productName = "双人套餐, \"周末\"";
        record.payAmount = 16800;
        record.receiptAmount = 15960;
        record.orderStatus = 3;
        record.platformResponse = QJsonObject{{"data", QJsonObject{{"error_code", 0}}}};
        record.extra = QJsonObject{{"operator_id", "王芳"}};
        record.createdAt = QDateTime(QDate(2026, 3, 11), QTime(18, 35, 12)).toMSecsSinceEpoch();
        record.updatedAt = record.createdAt;

        const QStringList columns = Report::recordColumns();
        const QStringList fields = Report::recordFields(record, "国贸店");
        QCOMPARE(fields.size(), columns.size());
        const auto field = [&](const char *name) {
            return fields.at(columns.indexOf(name));
        };
        QCOMPARE(field("id"), "42");
        QCOMPARE(field("app_id"), "0");
        QCOMPARE(field("verify_status"), "success");
        QCOMPARE(field("error_code"), "0");
        QCOMPARE(field("certificate_id"), "7300000000000000001");
        QCOMPARE(field("product_name"), "双人套餐, \"周末\"");
        QCOMPARE(field("sku_id"), QString()); // null
        QCOMPARE(field("order_status"), "3");
        QCOMPARE(field("pay_amount"), "16800");
        QCOMPARE(field("discount_amount"), QString());
        QCOMPARE(field("douyin_response"), "{\"data\":{\"error_code\":0}}");
        QCOMPARE(field("extra"), "{\"operator_id\":\"王芳\"}");
        QCOMPARE(field("created_at"), ApiJson::timestamp(record.createdAt));
        QCOMPARE(field("created_at_local"), "2026-03-11 18:35:12");
        QCOMPARE(field("poi_name"), "国贸店");
        QCOMPARE(field("pay_amount_yuan"), "168.00");
        QCOMPARE(field("receipt_amount_yuan"), "159.60");
        QCOMPARE(field("discount_amount_yuan"), QString());
    }

    void summaryCsvHasKeysRowsAndTotals()
    {
        VerificationSummary summary;
        VerificationSummaryRow first;
        first.date = QDate(2026, 3, 10);
        first.productId = "p1";
        first.productName = "套餐, A";
        first.successCount = 2;
        first.failedCount = 1;
        first.payAmount = 33600;
        first.receiptAmount = 31920;
        first.discountAmount = 1680;
        VerificationSummaryRow second;
        second.date = QDate(2026, 3, 11);
        second.productId = "";
        second.unknownCount = 1;
        summary.rows = {first, second};
        summary.totals.successCount = 2;
        summary.totals.failedCount = 1;
        summary.totals.unknownCount = 1;
        summary.totals.payAmount = 33600;
        summary.totals.receiptAmount = 31920;
        summary.totals.discountAmount = 1680;

        // Keys in the fixed order whatever order they were asked in.
        const QByteArray csv = Report::summaryCsv(summary, {GroupKey::Product, GroupKey::Date}, {});
        QCOMPARE(csv,
                 QByteArray("\xEF\xBB\xBF"
                            "date,product_id,product_name,success_count,failed_count,"
                            "unknown_count,pending_count,cancelled_count,pay_amount,receipt_amount,"
                            "discount_amount,pay_amount_yuan,receipt_amount_yuan,"
                            "discount_amount_yuan\r\n"
                            "2026-03-10,p1,\"套餐, "
                            "A\",2,1,0,0,0,33600,31920,1680,336.00,319.20,16.80\r\n"
                            "2026-03-11,,,0,0,1,0,0,0,0,0,0.00,0.00,0.00\r\n"
                            "total,,,2,1,1,0,0,33600,31920,1680,336.00,319.20,16.80\r\n"));
    }

    void summaryCsvNamesStores()
    {
        VerificationSummary summary;
        VerificationSummaryRow row;
        row.poiId = "7212541306826811429";
        row.successCount = 1;
        summary.rows = {row};
        summary.totals.successCount = 1;
        const QByteArray csv =
                Report::summaryCsv(summary, {GroupKey::Poi}, {{"7212541306826811429", "国贸店"}});
        QVERIFY(csv.contains("\r\n7212541306826811429,国贸店,1,0,0,0,0,0,0,0,0.00,0.00,0.00\r\n"));
        QVERIFY(csv.endsWith("\r\ntotal,,1,0,0,0,0,0,0,0,0.00,0.00,0.00\r\n"));
    }
};

QTEST_GUILESS_MAIN(tst_Report)
#include "tst_report.moc"
