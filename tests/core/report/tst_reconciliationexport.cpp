#include <QTest>

#include "core/report/reconciliationentry.h"
#include "core/report/reconciliationexport.h"
#include "core/report/report.h"

Q_DECLARE_METATYPE(ReconciliationEntry::Kind)

namespace {

// 2026-03-11 10:00:00 UTC
constexpr qint64 VERIFY_TIME = 1773223200;

HistoryRow platformRow(const QString &certificate, HistoryRow::Status status, qint64 pay)
{
    HistoryRow row;
    row.platform = PlatformId::Douyin;
    row.poiId = "poi_1";
    row.certificateId = certificate;
    row.verifyId = "v_" + certificate;
    row.code = "code_" + certificate;
    row.verifyTime = VERIFY_TIME;
    row.status = status;
    if (status != HistoryRow::Status::Verified)
        row.cancelTime = VERIFY_TIME + 60;
    row.productName = "双人套餐, 周末";
    row.payAmount = pay;
    return row;
}

VerificationRecord localRecord(qint64 id, const QString &certificate, qint64 pay)
{
    VerificationRecord record;
    record.id = id;
    record.poiId = "poi_1";
    record.certificateId = certificate;
    record.originCode = "code_" + certificate;
    record.verifyId = "v_" + certificate;
    record.verifyStatus = VerificationRecord::Status::Success;
    record.productName = "双人套餐, 周末";
    record.payAmount = pay;
    record.createdAt = VERIFY_TIME * 1000 - 5000;
    return record;
}

// One of each kind, and totals that differ.
ReconciliationReport sampleReport()
{
    ReconciliationReport report;
    report.date = QDate(2026, 3, 11);
    report.poiId = "poi_1";
    report.platform = PlatformId::Douyin;
    report.state = ReconciliationReport::State::Complete;
    report.fetchedAt = (VERIFY_TIME + 86400) * 1000;
    report.matched = 7;
    report.onlyPlatform = {platformRow("c1", HistoryRow::Status::Verified, 9900)};
    report.onlyLocal = {localRecord(2, "c2", 4900)};
    report.statusMismatch = {
            {localRecord(3, "c3", 1000), platformRow("c3", HistoryRow::Status::Cancelled, 1000)}};
    report.amountMismatch = {
            {localRecord(4, "c4", 1000), platformRow("c4", HistoryRow::Status::Verified, 1200)}};
    VerificationRecord checking = localRecord(5, "c5", 3000);
    checking.verifyStatus = VerificationRecord::Status::Unknown;
    report.unresolved = {checking};
    report.local = {10, 12345};
    report.remote = {11, 23456};
    return report;
}

// The file split into lines of fields. No field of the sample has a line break, so lines
// split at CRLF; quoted fields are unquoted.
QList<QStringList> parse(const QByteArray &csv)
{
    QList<QStringList> lines;
    QString text = QString::fromUtf8(csv);
    for (const QString &line : text.split("\r\n", Qt::SkipEmptyParts)) {
        QStringList fields;
        QString field;
        bool quoted = false;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const QChar c = line.at(i);
            if (quoted && c == '"' && i + 1 < line.size() && line.at(i + 1) == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields << field;
                field.clear();
            } else {
                field += c;
            }
        }
        fields << field;
        lines << fields;
    }
    return lines;
}

} // namespace

// The reconciliation CSV: one line per difference in the till's order, the unresolved after
// them, the day's totals last, every value in the API's terms and the caller's note in words.
class tst_ReconciliationExport : public QObject
{
    Q_OBJECT

private slots:
    void entriesKeepTheReportsOrder()
    {
        const QList<ReconciliationEntry> entries = ReconciliationEntry::listOf(sampleReport());
        QCOMPARE(entries.size(), 5);
        QCOMPARE(entries.at(0).kind, ReconciliationEntry::Kind::OnlyPlatform);
        QCOMPARE(entries.at(1).kind, ReconciliationEntry::Kind::OnlyLocal);
        QCOMPARE(entries.at(2).kind, ReconciliationEntry::Kind::StatusMismatch);
        QCOMPARE(entries.at(3).kind, ReconciliationEntry::Kind::AmountMismatch);
        QCOMPARE(entries.at(4).kind, ReconciliationEntry::Kind::Unresolved);
        QVERIFY(!entries.at(4).isDifference());
        QVERIFY(entries.at(0).local == std::nullopt);
        QVERIFY(entries.at(1).platform == std::nullopt);
        QVERIFY(entries.at(2).local && entries.at(2).platform);
    }

    void startsWithBomAndHeader()
    {
        const QByteArray csv = ReconciliationExport::csv(sampleReport(), {}, {});
        QVERIFY(csv.startsWith(Report::UTF8_BOM));
        const QList<QStringList> lines = parse(csv.mid(3));
        QCOMPARE(lines.first(), ReconciliationExport::columns());
        QVERIFY(csv.endsWith("\r\n"));
        // header, five entries, matched, local_total, platform_total
        QCOMPARE(lines.size(), 9);
        for (const QStringList &line : lines)
            QCOMPARE(line.size(), ReconciliationExport::columns().size());
    }

    void entryLines_data()
    {
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("certificate");
        QTest::addColumn<QString>("localId");
        QTest::addColumn<QString>("localStatus");
        QTest::addColumn<QString>("localPay");
        QTest::addColumn<QString>("platformStatus");
        QTest::addColumn<QString>("platformPay");
        QTest::addColumn<QString>("platformYuan");
        QTest::newRow("verified elsewhere") << 1 << "only_platform"
                                            << "c1"
                                            << ""
                                            << ""
                                            << ""
                                            << "verified"
                                            << "9900"
                                            << "99.00";
        QTest::newRow("only here") << 2 << "only_local"
                                   << "c2"
                                   << "2"
                                   << "success"
                                   << "4900"
                                   << ""
                                   << ""
                                   << "";
        QTest::newRow("cancelled on the platform") << 3 << "status_mismatch"
                                                   << "c3"
                                                   << "3"
                                                   << "success"
                                                   << "1000"
                                                   << "cancelled"
                                                   << "1000"
                                                   << "10.00";
        QTest::newRow("amounts differ") << 4 << "amount_mismatch"
                                        << "c4"
                                        << "4"
                                        << "success"
                                        << "1000"
                                        << "verified"
                                        << "1200"
                                        << "12.00";
        QTest::newRow("being resolved") << 5 << "unresolved"
                                        << "c5"
                                        << "5"
                                        << "unknown"
                                        << "3000"
                                        << ""
                                        << ""
                                        << "";
    }

    void entryLines()
    {
        QFETCH(int, line);
        const QByteArray csv = ReconciliationExport::csv(
                sampleReport(), {{"poi_1", "国贸店"}},
                [](const ReconciliationEntry &entry) -> QString {
                    return "note " + ReconciliationEntry::toString(entry.kind);
                });
        const QList<QStringList> lines = parse(csv.mid(3));
        const QStringList columns = lines.first();
        const QStringList fields = lines.at(line);
        const auto value = [&](const char *name) {
            return fields.at(columns.indexOf(name));
        };
        QFETCH(QString, kind);
        QCOMPARE(value("kind"), kind);
        QCOMPARE(value("date"), QString("2026-03-11"));
        QCOMPARE(value("state"), QString("complete"));
        QCOMPARE(value("fetched_at"), QString("2026-03-12T10:00:00Z"));
        QCOMPARE(value("platform"), QString("douyin"));
        QCOMPARE(value("poi_id"), QString("poi_1"));
        QCOMPARE(value("poi_name"), QString("国贸店"));
        QFETCH(QString, certificate);
        QCOMPARE(value("certificate_id"), certificate);
        QCOMPARE(value("verify_id"), "v_" + certificate);
        QCOMPARE(value("code"), "code_" + certificate);
        QCOMPARE(value("product_name"), QString("双人套餐, 周末"));
        QFETCH(QString, localId);
        QCOMPARE(value("local_id"), localId);
        QFETCH(QString, localStatus);
        QCOMPARE(value("local_verify_status"), localStatus);
        QFETCH(QString, localPay);
        QCOMPARE(value("local_pay_amount"), localPay);
        QCOMPARE(value("local_created_at"),
                 localId.isEmpty() ? QString() : QString("2026-03-11T09:59:55Z"));
        QFETCH(QString, platformStatus);
        QCOMPARE(value("platform_status"), platformStatus);
        QFETCH(QString, platformPay);
        QCOMPARE(value("platform_pay_amount"), platformPay);
        QCOMPARE(value("platform_verify_time"),
                 platformStatus.isEmpty() ? QString() : QString("2026-03-11T10:00:00Z"));
        QCOMPARE(value("platform_cancel_time"),
                 platformStatus == "cancelled" ? QString("2026-03-11T10:01:00Z") : QString());
        QFETCH(QString, platformYuan);
        QCOMPARE(value("platform_pay_amount_yuan"), platformYuan);
        QCOMPARE(value("count"), QString());
        QCOMPARE(value("note"), "note " + kind);
    }

    void totalLines_data()
    {
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("count");
        QTest::addColumn<QString>("localPay");
        QTest::addColumn<QString>("platformPay");
        QTest::newRow("matched") << 6 << "matched"
                                 << "7"
                                 << ""
                                 << "";
        QTest::newRow("this till") << 7 << "local_total"
                                   << "10"
                                   << "12345"
                                   << "";
        QTest::newRow("platform") << 8 << "platform_total"
                                  << "11"
                                  << ""
                                  << "23456";
    }

    void totalLines()
    {
        QFETCH(int, line);
        const QList<QStringList> lines =
                parse(ReconciliationExport::csv(sampleReport(), {}, {}).mid(3));
        const QStringList columns = lines.first();
        const QStringList fields = lines.at(line);
        const auto value = [&](const char *name) {
            return fields.at(columns.indexOf(name));
        };
        QFETCH(QString, kind);
        QCOMPARE(value("kind"), kind);
        QFETCH(QString, count);
        QCOMPARE(value("count"), count);
        QFETCH(QString, localPay);
        QCOMPARE(value("local_pay_amount"), localPay);
        QFETCH(QString, platformPay);
        QCOMPARE(value("platform_pay_amount"), platformPay);
        QCOMPARE(value("certificate_id"), QString());
    }

    void emptyDayHasOnlyTotals()
    {
        ReconciliationReport report;
        report.date = QDate(2026, 3, 11);
        const QList<QStringList> lines = parse(ReconciliationExport::csv(report, {}, {}).mid(3));
        QCOMPARE(lines.size(), 4);
        const int state = lines.first().indexOf("state");
        QCOMPARE(lines.at(1).at(state), QString("not_fetched"));
        QCOMPARE(lines.at(1).at(lines.first().indexOf("platform")), QString());
        QCOMPARE(lines.at(1).at(lines.first().indexOf("fetched_at")), QString());
    }

    void codeFallsBackToThePlatforms()
    {
        ReconciliationEntry entry;
        entry.platform = platformRow("c9", HistoryRow::Status::Verified, 100);
        QCOMPARE(entry.code(), QString("code_c9"));
        entry.platform->code.clear();
        QCOMPARE(entry.code(), QString("c9"));
        VerificationRecord shortLink = localRecord(1, "c9", 100);
        shortLink.originCode.clear();
        shortLink.mode = VerificationRecord::Mode::ShortLink;
        shortLink.sourceInput = "https://v.douyin.com/abc";
        entry.local = shortLink;
        QCOMPARE(entry.code(), QString("c9"));
    }
};

QTEST_GUILESS_MAIN(tst_ReconciliationExport)
#include "tst_reconciliationexport.moc"
