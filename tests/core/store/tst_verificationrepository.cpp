#include <algorithm>
#include <functional>
#include <map>
#include <tuple>

#include <time.h>

#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "core/store/database.h"
#include "core/store/schema.h"
#include "core/store/verificationrepository.h"
#include "tests/common/testdatabase.h"

using Status = VerificationRecord::Status;
using Enrichment = VerificationRecord::Enrichment;
using Mode = VerificationRecord::Mode;
using GroupKey = SummaryQuery::GroupKey;

Q_DECLARE_METATYPE(VerificationRecord)
Q_DECLARE_METATYPE(VerificationFilter)
Q_DECLARE_METATYPE(SummaryQuery)

namespace {

constexpr qint64 DAY_MS = 24 * 60 * 60 * 1000;
constexpr qint64 KIOSK_APP = 1;
const QStringList POIS{QStringLiteral("poi-a"), QStringLiteral("poi-b"), QStringLiteral("poi-c")};
const QList<Status> ALL_STATUSES{Status::Pending, Status::Success, Status::Failed, Status::Unknown};
const QList<Enrichment> ALL_ENRICHMENTS{Enrichment::Pending, Enrichment::Success,
                                        Enrichment::Failed, Enrichment::Skipped};

// 2026-03-01 00:00 in the test's zone (UTC+8, set in initTestCase).
qint64 baseMs()
{
    return QDateTime(QDate(2026, 3, 1), QTime(0, 0)).toMSecsSinceEpoch();
}

qint64 utcMs(int year, int month, int day, int hour, int minute, int second, int ms)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, ms), Qt::UTC)
            .toMSecsSinceEpoch();
}

QVariant scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

bool exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        qWarning() << sql << query.lastError().text();
        return false;
    }
    return true;
}

VerificationRecord minimalRecord(const QString &poiId = QStringLiteral("poi-a"))
{
    VerificationRecord r;
    r.poiId = poiId;
    return r;
}

VerificationRecord fullRecord()
{
    VerificationRecord r;
    r.appId = KIOSK_APP;
    r.poiId = QStringLiteral("poi-full");
    r.mode = Mode::ShortLink;
    r.sourceInput = QStringLiteral("https://v.douyin.com/abc/");
    r.batchId = QStringLiteral("batch-full");
    // One verification per token and code (a unique index): every record its own token.
    static int serial = 0;
    r.verifyToken = QStringLiteral("token-full-%1").arg(++serial);
    r.verifyStatus = Status::Success;
    r.errorCode = 0;
    r.errorDescription = QStringLiteral("成功");
    r.logid = QStringLiteral("2026031110351201");
    r.certificateId = QStringLiteral("7123456789012345678");
    r.encryptedCode = QStringLiteral("CgYIASAHKAESLgos");
    r.originCode = QStringLiteral("102938475610");
    r.couponStatus = 1;
    r.productId = QStringLiteral("1770000000000000001");
    r.productName = QStringLiteral("双人套餐");
    r.skuId = QStringLiteral("sku-1");
    r.skuName = QStringLiteral("双人套餐 A");
    r.verifyRecordsCount = 1;
    r.verifyId = QStringLiteral("vid-full");
    r.orderId = QStringLiteral("order-full");
    r.sourceOrderId = QStringLiteral("source-order");
    r.extOrderId = QStringLiteral("ext-order");
    r.orderStatus = 3;
    r.payAmount = 9900;
    r.receiptAmount = 9500;
    r.discountAmount = 400;
    r.expireTime = 1775000000;
    r.enrichmentStatus = Enrichment::Success;
    r.enrichmentRetryCount = 2;
    r.resolveAttempts = 3;
    r.nextResolveAt = 1773000000000;
    r.platformResponse =
            QJsonObject{{QStringLiteral("data"),
                         QJsonObject{{QStringLiteral("error_code"), 0},
                                     {QStringLiteral("verify_results"), QJsonArray{}}}}};
    r.extra = QJsonObject{{QStringLiteral("operator_id"), QStringLiteral("op-7")},
                          {QStringLiteral("device_id"), QStringLiteral("till-2")},
                          {QStringLiteral("note"), QStringLiteral("窗口")}};
    r.verifyTime = 1773225312;
    r.createOrderTime = 1773200000;
    r.payTime = 1773200100;
    return r;
}

// Names of the fields that differ; empty when the records are equal.
QStringList differences(const VerificationRecord &a, const VerificationRecord &b)
{
    QStringList out;
#define DYGW_DIFF(field)     \
  if (!(a.field == b.field)) \
    out << QStringLiteral(#field);
    DYGW_DIFF(id)
    DYGW_DIFF(appId)
    DYGW_DIFF(appName)
    DYGW_DIFF(poiId)
    DYGW_DIFF(mode)
    DYGW_DIFF(sourceInput)
    DYGW_DIFF(batchId)
    DYGW_DIFF(verifyToken)
    DYGW_DIFF(verifyStatus)
    DYGW_DIFF(errorCode)
    DYGW_DIFF(errorDescription)
    DYGW_DIFF(logid)
    DYGW_DIFF(certificateId)
    DYGW_DIFF(encryptedCode)
    DYGW_DIFF(originCode)
    DYGW_DIFF(couponStatus)
    DYGW_DIFF(productId)
    DYGW_DIFF(productName)
    DYGW_DIFF(skuId)
    DYGW_DIFF(skuName)
    DYGW_DIFF(verifyRecordsCount)
    DYGW_DIFF(verifyId)
    DYGW_DIFF(orderId)
    DYGW_DIFF(sourceOrderId)
    DYGW_DIFF(extOrderId)
    DYGW_DIFF(orderStatus)
    DYGW_DIFF(payAmount)
    DYGW_DIFF(receiptAmount)
    DYGW_DIFF(discountAmount)
    DYGW_DIFF(expireTime)
    DYGW_DIFF(enrichmentStatus)
    DYGW_DIFF(enrichmentRetryCount)
    DYGW_DIFF(resolveAttempts)
    DYGW_DIFF(nextResolveAt)
    DYGW_DIFF(platformResponse)
    DYGW_DIFF(extra)
    DYGW_DIFF(verifyTime)
    DYGW_DIFF(createOrderTime)
    DYGW_DIFF(payTime)
    DYGW_DIFF(businessDate)
    DYGW_DIFF(createdAt)
    DYGW_DIFF(updatedAt)
    DYGW_DIFF(gatewayName)
#undef DYGW_DIFF
    return out;
}

// Random records over `days` days from baseMs(): three POIs, two apps, a few products (one of
// them under two names), every status, amounts sometimes missing, identifiers the search box
// can find (order ids shared by pairs), and some records created in the same millisecond.
QList<VerificationRecord> randomRecords(QRandomGenerator &rng, int count, int days)
{
    QList<VerificationRecord> records;
    for (int i = 0; i < count; ++i) {
        VerificationRecord r;
        r.appId = rng.bounded(2);
        r.poiId = POIS.at(rng.bounded(int(POIS.size())));
        r.mode = Mode(rng.bounded(3));
        r.sourceInput = QStringLiteral("src-%1").arg(i);
        r.batchId = QStringLiteral("batch-%1").arg(i / 3);
        r.verifyToken = QStringLiteral("token-%1").arg(i / 3);
        r.verifyStatus = ALL_STATUSES.at(rng.bounded(4));
        const int product = rng.bounded(5);
        if (product > 0) {
            r.productId = QStringLiteral("prod-%1").arg(product);
            r.productName = product == 4 && rng.bounded(2) ? QStringLiteral("套餐4 (新)")
                                                           : QStringLiteral("套餐%1").arg(product);
        }
        if (rng.bounded(10) > 0)
            r.payAmount = 100 * rng.bounded(1, 200);
        if (rng.bounded(10) > 0)
            r.receiptAmount = 90 * rng.bounded(1, 200);
        // Some successes are settled (their receipt counts), some still wait for the ledger.
        r.settlementStatus = rng.bounded(3) > 0 ? VerificationRecord::Settlement::Settled
                                                : VerificationRecord::Settlement::Pending;
        if (rng.bounded(10) > 0)
            r.discountAmount = 10 * rng.bounded(0, 50);
        r.enrichmentStatus = ALL_ENRICHMENTS.at(rng.bounded(4));
        r.certificateId = QStringLiteral("cert-%1").arg(i);
        r.originCode = QStringLiteral("code-%1").arg(i);
        r.orderId = QStringLiteral("order-%1").arg(i / 2);
        if (rng.bounded(3) > 0)
            r.verifyId = QStringLiteral("vid-%1").arg(i);
        r.createdAt = (i % 10 == 9 && !records.isEmpty())
                ? records.constLast().createdAt
                : baseMs() + qint64(rng.bounded(days * 24 * 60)) * 60 * 1000 + rng.bounded(60000);
        records.append(r);
    }
    return records;
}

bool matches(const VerificationRecord &r, const VerificationFilter &f)
{
    if (f.from && r.businessDate < f.from->toString(Qt::ISODate))
        return false;
    if (f.to && r.businessDate > f.to->toString(Qt::ISODate))
        return false;
    if (!f.poiId.isEmpty() && r.poiId != f.poiId)
        return false;
    if (f.appId && r.appId != *f.appId)
        return false;
    if (f.verifyStatus && r.verifyStatus != *f.verifyStatus)
        return false;
    if (f.enrichmentStatus && r.enrichmentStatus != *f.enrichmentStatus)
        return false;
    if (!f.q.isEmpty()
        && !QStringList{r.sourceInput, r.originCode, r.certificateId, r.orderId, r.verifyId}
                    .contains(f.q))
        return false;
    return true;
}

VerificationFilter filterOf(const SummaryQuery &q)
{
    VerificationFilter f;
    f.from = q.from;
    f.to = q.to;
    f.poiId = q.poiId;
    f.appId = q.appId;
    f.verifyStatus = q.verifyStatus;
    f.enrichmentStatus = q.enrichmentStatus;
    f.q = q.q;
    return f;
}

QString appNameOf(qint64 appId)
{
    return appId == 0 ? QStringLiteral("前台收银") : QStringLiteral("kiosk");
}

// The summary worked out record by record, the way API.md defines it.
VerificationSummary expectedSummary(const QList<VerificationRecord> &records,
                                    const SummaryQuery &query)
{
    using Key = std::tuple<QString, QString, qint64, QString, QString>;
    std::map<Key, VerificationSummaryRow> groups;
    const VerificationFilter filter = filterOf(query);
    for (const VerificationRecord &r : records) {
        if (!matches(r, filter))
            continue;
        VerificationSummaryRow row;
        Key key;
        if (query.groupBy.contains(GroupKey::Date)) {
            row.date = QDate::fromString(r.businessDate, Qt::ISODate);
            std::get<0>(key) = r.businessDate;
        }
        if (query.groupBy.contains(GroupKey::Poi)) {
            row.poiId = r.poiId;
            std::get<1>(key) = r.poiId;
        }
        if (query.groupBy.contains(GroupKey::App)) {
            row.appId = r.appId;
            row.appName = appNameOf(r.appId);
            std::get<2>(key) = r.appId;
        }
        if (query.groupBy.contains(GroupKey::Product)) {
            row.productId = r.productId.isNull() ? QStringLiteral("") : r.productId;
            row.productName = r.productName;
            std::get<3>(key) = r.productId;
            std::get<4>(key) = r.productName;
        }
        VerificationSummaryRow &group = groups.emplace(key, row).first->second;
        switch (r.verifyStatus) {
        case Status::Pending:
            ++group.pendingCount;
            break;
        case Status::Success:
            ++group.successCount;
            group.payAmount += r.payAmount.value_or(0);
            if (r.settlementStatus == VerificationRecord::Settlement::Settled)
                group.receiptAmount += r.receiptAmount.value_or(0);
            group.discountAmount += r.discountAmount.value_or(0);
            break;
        case Status::Failed:
            ++group.failedCount;
            break;
        case Status::Unknown:
            ++group.unknownCount;
            break;
        }
    }
    VerificationSummary summary;
    for (const auto &[key, row] : groups) {
        summary.rows.append(row);
        summary.totals.pendingCount += row.pendingCount;
        summary.totals.successCount += row.successCount;
        summary.totals.failedCount += row.failedCount;
        summary.totals.unknownCount += row.unknownCount;
        summary.totals.payAmount += row.payAmount;
        summary.totals.receiptAmount += row.receiptAmount;
        summary.totals.discountAmount += row.discountAmount;
    }
    return summary;
}

QString describe(const VerificationSummaryRow &row)
{
    QStringList parts;
    if (row.date)
        parts << row.date->toString(Qt::ISODate);
    if (row.poiId)
        parts << *row.poiId;
    if (row.appId)
        parts << QString::number(*row.appId) + u'/' + row.appName;
    if (row.productId)
        parts << u'[' + *row.productId + u'/' + row.productName + u']';
    parts << QStringLiteral("p%1 s%2 f%3 u%4 pay%5 rec%6 disc%7")
                     .arg(row.pendingCount)
                     .arg(row.successCount)
                     .arg(row.failedCount)
                     .arg(row.unknownCount)
                     .arg(row.payAmount)
                     .arg(row.receiptAmount)
                     .arg(row.discountAmount);
    return parts.join(u' ');
}

QStringList describe(const VerificationSummary &summary)
{
    QStringList lines;
    for (const VerificationSummaryRow &row : summary.rows)
        lines << describe(row);
    lines << QStringLiteral("totals ") + describe(summary.totals);
    return lines;
}

QList<QList<GroupKey>> everyGrouping()
{
    QList<QList<GroupKey>> groupings;
    const QList<GroupKey> keys{GroupKey::Date, GroupKey::Poi, GroupKey::App, GroupKey::Product};
    for (int mask = 0; mask < 16; ++mask) {
        QList<GroupKey> grouping;
        for (int bit = 0; bit < 4; ++bit) {
            if (mask & (1 << bit))
                grouping << keys.at(bit);
        }
        groupings << grouping;
    }
    return groupings;
}

QString groupingName(const QList<GroupKey> &grouping)
{
    static const QStringList names{QStringLiteral("date"), QStringLiteral("poi"),
                                   QStringLiteral("app"), QStringLiteral("product")};
    QStringList parts;
    for (const GroupKey key : grouping)
        parts << names.at(int(key));
    return parts.isEmpty() ? QStringLiteral("no grouping") : parts.join(u'+');
}

} // namespace

class tst_VerificationRepository : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void roundTripsEveryField_data();
    void roundTripsEveryField();
    void insertSetsIdsAndTimes();
    void businessDate_data();
    void businessDate();
    void badInputIsRefused_data();
    void badInputIsRefused();
    void batchInsertIsAtomic();
    void batchUpdateIsAtomic();
    void insertsAndUpdatesShareOneTransaction();
    void updateKeepsCreationDay();
    void getUnknownIsNotFound();
    void findsByTokenBatchAndStatus();

    void list_data();
    void list();
    void listRefusesBadParameters_data();
    void listRefusesBadParameters();
    void listPagesComeOffAnIndex_data();
    void listPagesComeOffAnIndex();

    void summaryPathsAgree_data();
    void summaryPathsAgree();
    void summaryFollowsUpdates_data();
    void summaryFollowsUpdates();
    void summaryPathsAgreeAfterRandomUpdates();
    void summaryRefusesBadQueries_data();
    void summaryRefusesBadQueries();

    void enrichmentJobs();
    void enrichmentJobQueuedWithUpdate();
    void idempotency();
    void idempotencyPurge();

    void gatewayNameIsKeptAndFilters();
    void claimedJobsAreLeased();

    void migrationBackfillsDailyTotals();

private:
    // A fresh database with the kiosk app (id 1) next to the built-in till (id 0).
    std::unique_ptr<Database> openDatabase(const QString &name, int version = -1);
    // All stored records, read back through get().
    QList<VerificationRecord> storedRecords(VerificationRepository &repository,
                                            const QList<qint64> &ids);

    QTemporaryDir m_dir;
    int m_databases = 0;
    // Shared by the list and summary tables: built once in initTestCase.
    std::unique_ptr<Database> m_reportDb;
    std::unique_ptr<VerificationRepository> m_reports;
    QList<VerificationRecord> m_reportRecords; // as stored (ids, business dates, app names)
};

void tst_VerificationRepository::initTestCase()
{
    // Business dates are local days: a zone far from UTC makes a wrong day show. POSIX
    // spelling, so no zoneinfo is needed.
    qputenv("TZ", "CST-8");
    tzset();
    QVERIFY(m_dir.isValid());

    m_reportDb = openDatabase(QStringLiteral("reports"));
    QVERIFY(m_reportDb);
    m_reports = std::make_unique<VerificationRepository>(m_reportDb.get());
    QRandomGenerator rng(20260311);
    m_reportRecords = randomRecords(rng, 600, 20);
    const auto ids = m_reports->insertPending(m_reportRecords);
    QVERIFY2(ids.ok(), qPrintable(ids.ok() ? QString() : ids.error().message));
    for (VerificationRecord &r : m_reportRecords)
        r.appName = appNameOf(r.appId);
}

std::unique_ptr<Database> tst_VerificationRepository::openDatabase(const QString &name, int version)
{
    const QString path = TestDatabase::location(
            m_dir.path(), QStringLiteral("%1-%2.sqlite").arg(name).arg(++m_databases));
    auto opened = Database::open(path, version);
    if (!opened.ok()) {
        qWarning() << opened.error().message;
        return nullptr;
    }
    std::unique_ptr<Database> db = std::move(opened).value();
    if (version < 0 || version >= 1) {
        if (!exec(db->connection(),
                  QStringLiteral("INSERT INTO verifier_apps (id, name, client_key, created_at, "
                                 "updated_at) VALUES (1, 'kiosk', 'ck-kiosk', 1, 1)")))
            return nullptr;
    }
    return db;
}

QList<VerificationRecord>
tst_VerificationRepository::storedRecords(VerificationRepository &repository,
                                          const QList<qint64> &ids)
{
    QList<VerificationRecord> records;
    for (const qint64 id : ids) {
        const auto got = repository.get(id);
        if (got.ok())
            records << got.value();
    }
    return records;
}

void tst_VerificationRepository::roundTripsEveryField_data()
{
    QTest::addColumn<VerificationRecord>("inserted");
    QTest::addColumn<VerificationRecord>("updated");

    VerificationRecord empty = minimalRecord(QStringLiteral("poi-full"));
    VerificationRecord full = fullRecord();
    VerificationRecord zeros = full;
    // Zero is a value, not "unknown": it must come back as 0, not as null.
    zeros.errorCode = 0;
    zeros.couponStatus = 0;
    zeros.payAmount = 0;
    zeros.receiptAmount = 0;
    zeros.discountAmount = 0;
    zeros.orderStatus = 0;
    zeros.verifyTime = 0;

    QTest::newRow("nulls, then every field") << empty << full;
    QTest::newRow("every field, then nulls") << full << empty;
    QTest::newRow("zeros stay zeros") << zeros << zeros;
    // An update writes only the columns that change: NULL and 0 must count as different.
    QTest::newRow("nulls, then zeros") << empty << zeros;
    QTest::newRow("zeros, then nulls") << zeros << empty;
    QTest::newRow("nothing changes") << full << full;
}

void tst_VerificationRepository::roundTripsEveryField()
{
    QFETCH(VerificationRecord, inserted);
    QFETCH(VerificationRecord, updated);
    auto db = openDatabase(QStringLiteral("roundtrip"));
    QVERIFY(db);
    VerificationRepository repository(db.get());

    QList<VerificationRecord> batch{inserted};
    const auto ids = repository.insertPending(batch);
    QVERIFY(ids.ok());
    VerificationRecord expected = batch.constFirst();
    expected.appName = appNameOf(expected.appId);
    const auto read = repository.get(ids.value().constFirst());
    QVERIFY(read.ok());
    QCOMPARE(differences(read.value(), expected), QStringList());

    updated.id = expected.id;
    updated.createdAt = expected.createdAt;
    updated.businessDate = expected.businessDate;
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(repository.update({updated}).ok());
    const auto reread = repository.get(expected.id);
    QVERIFY(reread.ok());
    QVERIFY(reread.value().updatedAt >= before);
    updated.updatedAt = reread.value().updatedAt;
    updated.appName = appNameOf(updated.appId);
    QCOMPARE(differences(reread.value(), updated), QStringList());
}

void tst_VerificationRepository::insertSetsIdsAndTimes()
{
    auto db = openDatabase(QStringLiteral("ids"));
    QVERIFY(db);
    VerificationRepository repository(db.get());
    QList<VerificationRecord> batch{minimalRecord(), minimalRecord(), minimalRecord()};
    batch[2].createdAt = baseMs();
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const auto ids = repository.insertPending(batch);
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(ids.ok());
    QCOMPARE(ids.value().size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(batch.at(i).id, ids.value().at(i));
        QVERIFY(batch.at(i).updatedAt >= before && batch.at(i).updatedAt <= after);
        if (i > 0)
            QVERIFY(ids.value().at(i) > ids.value().at(i - 1));
    }
    QCOMPARE(batch.at(0).createdAt, batch.at(0).updatedAt);
    QCOMPARE(batch.at(2).createdAt, baseMs()); // a given creation time is kept
    QCOMPARE(batch.at(2).businessDate, QStringLiteral("2026-03-01"));
    QVERIFY(repository.insertPending(batch).error().code == ErrorCode::BadInput); // ids set now
}

void tst_VerificationRepository::businessDate_data()
{
    QTest::addColumn<qint64>("createdAt");
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("expected"); // empty: refused

    // The test runs at UTC+8: local midnight of 2026-03-11 is 2026-03-10T16:00:00Z.
    QTest::newRow("last millisecond of the local day")
            << utcMs(2026, 3, 10, 15, 59, 59, 999) << QString() << QStringLiteral("2026-03-10");
    QTest::newRow("local midnight starts the next day")
            << utcMs(2026, 3, 10, 16, 0, 0, 0) << QString() << QStringLiteral("2026-03-11");
    QTest::newRow("UTC midnight is mid-morning locally")
            << utcMs(2026, 3, 11, 0, 0, 0, 0) << QString() << QStringLiteral("2026-03-11");
    QTest::newRow("year boundary")
            << utcMs(2025, 12, 31, 16, 30, 0, 0) << QString() << QStringLiteral("2026-01-01");
    QTest::newRow("given date is kept")
            << utcMs(2026, 3, 10, 16, 0, 0, 0) << QStringLiteral("2026-03-10")
            << QStringLiteral("2026-03-10");
    QTest::newRow("given date two days off is refused")
            << utcMs(2026, 3, 10, 16, 0, 0, 0) << QStringLiteral("2026-03-09") << QString();
    QTest::newRow("given date that is not a date is refused")
            << utcMs(2026, 3, 10, 16, 0, 0, 0) << QStringLiteral("11/03/2026") << QString();
}

void tst_VerificationRepository::businessDate()
{
    QFETCH(qint64, createdAt);
    QFETCH(QString, given);
    QFETCH(QString, expected);
    auto db = openDatabase(QStringLiteral("date"));
    QVERIFY(db);
    VerificationRepository repository(db.get());
    QList<VerificationRecord> batch{minimalRecord()};
    batch[0].createdAt = createdAt;
    batch[0].businessDate = given;
    const auto ids = repository.insertPending(batch);
    if (expected.isEmpty()) {
        QVERIFY(!ids.ok());
        QCOMPARE(ids.error().code, ErrorCode::BadInput);
        QVERIFY2(ids.error().message.startsWith(QStringLiteral("business_date")),
                 qPrintable(ids.error().message));
        return;
    }
    QVERIFY(ids.ok());
    QCOMPARE(batch.at(0).businessDate, expected);
    QCOMPARE(repository.get(batch.at(0).id).value().businessDate, expected);
}

void tst_VerificationRepository::badInputIsRefused_data()
{
    QTest::addColumn<VerificationRecord>("record");
    QTest::addColumn<QString>("field");

    VerificationRecord withId = minimalRecord();
    withId.id = 5;
    QTest::newRow("new record with an id") << withId << QStringLiteral("id");
    QTest::newRow("no poi") << minimalRecord(QString()) << QStringLiteral("poi_id");
}

void tst_VerificationRepository::badInputIsRefused()
{
    QFETCH(VerificationRecord, record);
    QFETCH(QString, field);
    auto db = openDatabase(QStringLiteral("bad"));
    QVERIFY(db);
    VerificationRepository repository(db.get());
    QList<VerificationRecord> batch{record};
    const auto ids = repository.insertPending(batch);
    QVERIFY(!ids.ok());
    QCOMPARE(ids.error().code, ErrorCode::BadInput);
    QVERIFY2(ids.error().message.startsWith(field), qPrintable(ids.error().message));
    QCOMPARE(scalar(db->connection(), QStringLiteral("SELECT COUNT(*) FROM verifications")).toInt(),
             0);
}

void tst_VerificationRepository::batchInsertIsAtomic()
{
    auto db = openDatabase(QStringLiteral("atomic-insert"));
    QVERIFY(db);
    VerificationRepository repository(db.get());
    QList<VerificationRecord> batch{fullRecord(), fullRecord(), fullRecord()};
    batch[2].appId = 999; // no such app: the foreign key fails the third insert
    const QList<VerificationRecord> original = batch;

    const auto ids = repository.insertPending(batch);
    QVERIFY(!ids.ok());
    QCOMPARE(ids.error().code, ErrorCode::Storage);
    QSqlDatabase &sql = db->connection();
    QCOMPARE(scalar(sql, QStringLiteral("SELECT COUNT(*) FROM verifications")).toInt(), 0);
    QCOMPARE(scalar(sql, QStringLiteral("SELECT COUNT(*) FROM verification_daily_totals")).toInt(),
             0);
    for (int i = 0; i < batch.size(); ++i)
        QCOMPARE(differences(batch.at(i), original.at(i)), QStringList());

    // The connection is usable again, and a good batch goes in whole.
    batch[2].appId = 0;
    QVERIFY(repository.insertPending(batch).ok());
    QCOMPARE(scalar(sql, QStringLiteral("SELECT COUNT(*) FROM verifications")).toInt(), 3);
}

void tst_VerificationRepository::batchUpdateIsAtomic()
{
    auto db = openDatabase(QStringLiteral("atomic-update"));
    QVERIFY(db);
    VerificationRepository repository(db.get());
    QList<VerificationRecord> batch{minimalRecord(), minimalRecord()};
    QVERIFY(repository.insertPending(batch).ok());

    QList<VerificationRecord> changed = batch;
    changed[0].verifyStatus = Status::Success;
    changed[0].payAmount = 500;
    changed[1].id = 424242; // unknown
    const auto updated = repository.update(changed);
    QVERIFY(!updated.ok());
    QCOMPARE(updated.error().code, ErrorCode::NotFound);
    QCOMPARE(repository.get(batch.at(0).id).value().verifyStatus, Status::Pending);

    changed[1].appId = 999; // a known id, but the foreign key fails
    changed[1].id = batch.at(1).id;
    QCOMPARE(repository.update(changed).error().code, ErrorCode::Storage);
    QCOMPARE(repository.get(batch.at(0).id).value().verifyStatus, Status::Pending);

    SummaryQuery query;
    query.from = query.to = QDate::fromString(batch.at(0).businessDate, Qt::ISODate);
    const auto summary = repository.summary(query);
    QVERIFY(summary.ok());
    QCOMPARE(summary.value().totals.pendingCount, 2);
    QCOMPARE(summary.value().totals.successCount, 0);
    QCOMPARE(summary.value().totals.payAmount, 0);
}

void tst_VerificationRepository::insertsAndUpdatesShareOneTransaction()
{
    auto db = openDatabase(QStringLiteral("write"));
    QVERIFY(db);
    VerificationRepository repository(db.get());
    QList<VerificationRecord> earlier{minimalRecord()};
    QVERIFY(repository.insertPending(earlier).ok());
    QSqlDatabase &sql = db->connection();

    QList<VerificationRecord> settled = earlier;
    settled[0].verifyStatus = Status::Success;
    settled[0].orderId = QStringLiteral("order-w");
    EnrichmentJob job;
    job.verificationId = earlier.at(0).id;
    job.nextAttemptAt = 1;
    QList<VerificationRecord> fresh{minimalRecord(), minimalRecord()};
    fresh[1].appId = 999; // the foreign key fails the second insert: nothing is written
    const QList<VerificationRecord> original = fresh;
    QCOMPARE(repository.write(fresh, settled, {job}).error().code, ErrorCode::Storage);
    QCOMPARE(scalar(sql, QStringLiteral("SELECT COUNT(*) FROM verifications")).toInt(), 1);
    QCOMPARE(scalar(sql, QStringLiteral("SELECT COUNT(*) FROM enrichment_jobs")).toInt(), 0);
    QCOMPARE(repository.get(earlier.at(0).id).value().verifyStatus, Status::Pending);
    QCOMPARE(differences(fresh.at(1), original.at(1)), QStringList());

    fresh[1].appId = 0;
    const auto ids = repository.write(fresh, settled, {job});
    QVERIFY(ids.ok());
    QCOMPARE(ids.value().size(), 2);
    QCOMPARE(fresh.at(0).id, ids.value().at(0));
    QCOMPARE(fresh.at(1).id, ids.value().at(1));
    QCOMPARE(repository.get(earlier.at(0).id).value().verifyStatus, Status::Success);
    QCOMPARE(scalar(sql, QStringLiteral("SELECT COUNT(*) FROM enrichment_jobs")).toInt(), 1);

    SummaryQuery query;
    query.from = query.to = QDate::fromString(earlier.at(0).businessDate, Qt::ISODate);
    const auto summary = repository.summary(query);
    QVERIFY(summary.ok());
    QCOMPARE(summary.value().totals.pendingCount, 2);
    QCOMPARE(summary.value().totals.successCount, 1);

    // Idempotency entries go in the same transaction; a Conflict undoes all of it.
    IdempotencyEntry first;
    first.fingerprint = QStringLiteral("fp-a");
    QVERIFY(repository.storeIdempotency(KIOSK_APP, QStringLiteral("k"), first).ok());
    IdempotencyEntry other = first;
    other.fingerprint = QStringLiteral("fp-b");
    QList<VerificationRecord> more{minimalRecord()};
    const auto conflict = repository.write(
            more, {}, {},
            {{KIOSK_APP, QStringLiteral("k2"), first}, {KIOSK_APP, QStringLiteral("k"), other}});
    QCOMPARE(conflict.error().code, ErrorCode::Conflict);
    QCOMPARE(scalar(sql, QStringLiteral("SELECT COUNT(*) FROM verifications")).toInt(), 3);
    QVERIFY(!repository.findIdempotency(KIOSK_APP, QStringLiteral("k2")).value().has_value());
    QVERIFY(repository.write(more, {}, {}, {{KIOSK_APP, QStringLiteral("k2"), first}}).ok());
    QCOMPARE(scalar(sql, QStringLiteral("SELECT COUNT(*) FROM verifications")).toInt(), 4);
    QCOMPARE(repository.findIdempotency(KIOSK_APP, QStringLiteral("k2")).value()->fingerprint,
             QStringLiteral("fp-a"));
}

void tst_VerificationRepository::updateKeepsCreationDay()
{
    auto db = openDatabase(QStringLiteral("creation"));
    QVERIFY(db);
    VerificationRepository repository(db.get());
    QList<VerificationRecord> batch{minimalRecord()};
    batch[0].createdAt = baseMs() + 3600000;
    QVERIFY(repository.insertPending(batch).ok());
    VerificationRecord moved = batch.at(0);
    moved.createdAt = baseMs() + 40 * DAY_MS;
    moved.businessDate = QStringLiteral("2026-04-10");
    QVERIFY(repository.update({moved}).ok());
    const VerificationRecord read = repository.get(moved.id).value();
    QCOMPARE(read.createdAt, batch.at(0).createdAt);
    QCOMPARE(read.businessDate, QStringLiteral("2026-03-01"));
}

void tst_VerificationRepository::getUnknownIsNotFound()
{
    auto db = openDatabase(QStringLiteral("notfound"));
    QVERIFY(db);
    VerificationRepository repository(db.get());
    const auto got = repository.get(77);
    QVERIFY(!got.ok());
    QCOMPARE(got.error().code, ErrorCode::NotFound);
}

void tst_VerificationRepository::findsByTokenBatchAndStatus()
{
    auto db = openDatabase(QStringLiteral("find"));
    QVERIFY(db);
    VerificationRepository repository(db.get());
    QList<VerificationRecord> batch;
    for (int i = 0; i < 6; ++i) {
        VerificationRecord r = minimalRecord();
        r.appId = i % 2;
        r.verifyToken = i < 4 ? QStringLiteral("tok-1") : QStringLiteral("tok-2");
        r.batchId = i < 3 ? QStringLiteral("b-1") : QStringLiteral("b-2");
        r.verifyStatus = ALL_STATUSES.at(i % 4);
        batch << r;
    }
    QVERIFY(repository.insertPending(batch).ok());
    const auto idsOf = [](const QList<VerificationRecord> &records) {
        QList<qint64> ids;
        for (const VerificationRecord &r : records)
            ids << r.id;
        return ids;
    };

    QCOMPARE(idsOf(repository.findByVerifyToken(0, QStringLiteral("tok-1")).value()),
             (QList<qint64>{batch[0].id, batch[2].id}));
    QCOMPARE(idsOf(repository.findByVerifyToken(1, QStringLiteral("tok-2")).value()),
             (QList<qint64>{batch[5].id}));
    QVERIFY(repository.findByVerifyToken(0, QStringLiteral("tok-3")).value().isEmpty());
    QCOMPARE(idsOf(repository.findByBatch(QStringLiteral("b-2")).value()),
             (QList<qint64>{batch[3].id, batch[4].id, batch[5].id}));
    QCOMPARE(repository.findByBatch(QStringLiteral("b-1")).value().constFirst().appName,
             QStringLiteral("前台收银"));
    // Statuses cycle pending, success, failed, unknown.
    QCOMPARE(idsOf(repository.findByStatus({Status::Pending, Status::Unknown}).value()),
             (QList<qint64>{batch[0].id, batch[3].id, batch[4].id}));
    QVERIFY(repository.findByStatus({}).value().isEmpty());
}

void tst_VerificationRepository::list_data()
{
    QTest::addColumn<VerificationFilter>("filter");
    QTest::addColumn<int>("page");
    QTest::addColumn<int>("pageSize");

    const auto row = [](const char *name, const VerificationFilter &filter, int page = 1,
                        int pageSize = 20) {
        QTest::newRow(name) << filter << page << pageSize;
    };
    const auto with = [](const std::function<void(VerificationFilter &)> &set) {
        VerificationFilter f;
        set(f);
        return f;
    };

    row("no filter, first page", {});
    row("no filter, page 7 of 5", {}, 7, 5);
    row("no filter, last partial page", {}, 3, 250);
    row("no filter, past the end", {}, 40, 20);
    row("one record per page", {}, 123, 1);
    row("from only", with([](auto &f) { f.from = QDate(2026, 3, 15); }), 2, 50);
    row("to only", with([](auto &f) { f.to = QDate(2026, 3, 4); }), 1, 10);
    row("from and to", with([](auto &f) {
            f.from = QDate(2026, 3, 5);
            f.to = QDate(2026, 3, 9);
        }),
        3, 20);
    row("one day", with([](auto &f) { f.from = f.to = QDate(2026, 3, 12); }));
    row("a range with no records", with([](auto &f) { f.from = f.to = QDate(2025, 1, 1); }));
    row("poi", with([](auto &f) { f.poiId = QStringLiteral("poi-b"); }), 2, 30);
    row("unknown poi", with([](auto &f) { f.poiId = QStringLiteral("poi-x"); }));
    row("built-in app", with([](auto &f) { f.appId = 0; }), 4, 25);
    row("kiosk app", with([](auto &f) { f.appId = KIOSK_APP; }));
    for (const Status status : ALL_STATUSES) {
        const QByteArray name = "verify_status " + VerificationRecord::toString(status).toLatin1();
        row(name.constData(), with([status](auto &f) { f.verifyStatus = status; }), 2, 15);
    }
    for (const Enrichment status : ALL_ENRICHMENTS) {
        const QByteArray name =
                "enrichment_status " + VerificationRecord::toString(status).toLatin1();
        row(name.constData(), with([status](auto &f) { f.enrichmentStatus = status; }), 2, 15);
    }
    row("q matches source_input", with([](auto &f) { f.q = QStringLiteral("src-17"); }));
    row("q matches origin_code", with([](auto &f) { f.q = QStringLiteral("code-230"); }));
    row("q matches certificate_id", with([](auto &f) { f.q = QStringLiteral("cert-5"); }));
    row("q matches an order of two", with([](auto &f) { f.q = QStringLiteral("order-44"); }));
    row("q matches verify_id", with([](auto &f) { f.q = QStringLiteral("vid-300"); }));
    row("q is exact, not a prefix", with([](auto &f) { f.q = QStringLiteral("cert-1"); }));
    row("q matches nothing", with([](auto &f) { f.q = QStringLiteral("nothing"); }));
    row("q paged", with([](auto &f) { f.q = QStringLiteral("order-44"); }), 2, 1);
    row("poi, status and dates", with([](auto &f) {
            f.poiId = QStringLiteral("poi-a");
            f.verifyStatus = Status::Success;
            f.from = QDate(2026, 3, 3);
            f.to = QDate(2026, 3, 16);
        }),
        2, 5);
    row("app, enrichment and from", with([](auto &f) {
            f.appId = 0;
            f.enrichmentStatus = Enrichment::Pending;
            f.from = QDate(2026, 3, 10);
        }),
        2, 5);
    row("every filter", with([](auto &f) {
            f.from = QDate(2026, 3, 1);
            f.to = QDate(2026, 3, 20);
            f.poiId = QStringLiteral("poi-c");
            f.appId = 1;
            f.verifyStatus = Status::Failed;
            f.enrichmentStatus = Enrichment::Skipped;
        }),
        1, 2);
}

void tst_VerificationRepository::list()
{
    QFETCH(VerificationFilter, filter);
    QFETCH(int, page);
    QFETCH(int, pageSize);

    QList<VerificationRecord> expected;
    for (const VerificationRecord &r : m_reportRecords) {
        if (matches(r, filter))
            expected << r;
    }
    std::sort(expected.begin(), expected.end(), [](const auto &a, const auto &b) {
        return std::tie(a.createdAt, a.id) > std::tie(b.createdAt, b.id);
    });
    QList<qint64> expectedIds;
    for (qsizetype i = qsizetype(page - 1) * pageSize;
         i < qMin<qsizetype>(expected.size(), qsizetype(page) * pageSize); ++i)
        expectedIds << expected.at(i).id;

    const auto listed = m_reports->list(filter, page, pageSize);
    QVERIFY2(listed.ok(), qPrintable(listed.ok() ? QString() : listed.error().message));
    QList<qint64> ids;
    for (const VerificationRecord &r : listed.value().items)
        ids << r.id;
    QCOMPARE(ids, expectedIds);
    QCOMPARE(listed.value().total, qint64(expected.size()));
    QCOMPARE(listed.value().page, page);
    QCOMPARE(listed.value().pageSize, pageSize);
    if (!ids.isEmpty()) {
        const VerificationRecord &first = listed.value().items.constFirst();
        const auto it = std::find_if(expected.cbegin(), expected.cend(),
                                     [&first](const auto &r) { return r.id == first.id; });
        QCOMPARE(differences(first, *it), QStringList());
    }
}

void tst_VerificationRepository::listRefusesBadParameters_data()
{
    QTest::addColumn<VerificationFilter>("filter");
    QTest::addColumn<int>("page");
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<QString>("field");

    VerificationFilter backwards;
    backwards.from = QDate(2026, 3, 5);
    backwards.to = QDate(2026, 3, 4);
    VerificationFilter invalid;
    invalid.from = QDate();
    QTest::newRow("page 0") << VerificationFilter() << 0 << 20 << QStringLiteral("page");
    QTest::newRow("page size 0") << VerificationFilter() << 1 << 0 << QStringLiteral("page_size");
    QTest::newRow("page size too large")
            << VerificationFilter() << 1 << VerificationRepository::MAX_PAGE_SIZE + 1
            << QStringLiteral("page_size");
    QTest::newRow("to before from") << backwards << 1 << 20 << QStringLiteral("to");
    QTest::newRow("invalid from") << invalid << 1 << 20 << QStringLiteral("from");
}

void tst_VerificationRepository::listRefusesBadParameters()
{
    QFETCH(VerificationFilter, filter);
    QFETCH(int, page);
    QFETCH(int, pageSize);
    QFETCH(QString, field);
    const auto listed = m_reports->list(filter, page, pageSize);
    QVERIFY(!listed.ok());
    QCOMPARE(listed.error().code, ErrorCode::BadInput);
    QVERIFY2(listed.error().message.startsWith(field + u':'), qPrintable(listed.error().message));
}

void tst_VerificationRepository::listPagesComeOffAnIndex_data()
{
    QTest::addColumn<QString>("where");

    const QString dates = QStringLiteral(" AND v.business_date >= '2026-03-02' AND "
                                         "v.business_date <= '2026-03-08' AND v.created_at >= 1 "
                                         "AND v.created_at < 2");
    QTest::newRow("no filter") << QString();
    QTest::newRow("dates") << QStringLiteral(" WHERE 1 = 1") + dates;
    QTest::newRow("poi") << QStringLiteral(" WHERE v.poi_id = 'poi-a'");
    QTest::newRow("poi and dates") << QStringLiteral(" WHERE v.poi_id = 'poi-a'") + dates;
    QTest::newRow("app and dates") << QStringLiteral(" WHERE v.app_id = 1") + dates;
    QTest::newRow("status and dates")
            << QStringLiteral(" WHERE v.verify_status = 'failed'") + dates;
    QTest::newRow("enrichment and dates")
            << QStringLiteral(" WHERE v.enrichment_status = 'failed'") + dates;
}

// The ids of a page, deep or not, are read off one index in (created_at, id) order, the date
// condition included: no sort, no table row for the rows OFFSET skips. The same shape as the
// inner query of list().
void tst_VerificationRepository::listPagesComeOffAnIndex()
{
    QFETCH(QString, where);
    if (TestDatabase::usesPostgresql())
        QSKIP("SQLite's query plans");
    QSqlQuery plan(m_reportDb->connection());
    QVERIFY(plan.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT v.id FROM verifications v") + where
                      + QStringLiteral(" ORDER BY v.created_at DESC, v.id DESC LIMIT 20 OFFSET "
                                       "100000")));
    QString details;
    while (plan.next())
        details += plan.value(3).toString() + u'\n';
    QVERIFY2(details.contains(QStringLiteral("COVERING INDEX")), qPrintable(details));
    QVERIFY2(!details.contains(QStringLiteral("TEMP B-TREE")), qPrintable(details));
}

void tst_VerificationRepository::summaryPathsAgree_data()
{
    QTest::addColumn<SummaryQuery>("query");
    QTest::addColumn<bool>("totalsCanAnswer");

    SummaryQuery all;
    all.from = QDate(2026, 2, 20);
    all.to = QDate(2026, 3, 31);
    for (const QList<GroupKey> &grouping : everyGrouping()) {
        SummaryQuery query = all;
        query.groupBy = grouping;
        QTest::addRow("%s, every record", qPrintable(groupingName(grouping))) << query << true;
        // Keys in another order and repeated change nothing.
        QList<GroupKey> reversed(grouping.crbegin(), grouping.crend());
        query.groupBy = reversed + reversed;
        QTest::addRow("%s, keys reversed and repeated", qPrintable(groupingName(grouping)))
                << query << true;
    }

    const auto add = [&all](const char *name, QList<GroupKey> grouping, bool totals,
                            const std::function<void(SummaryQuery &)> &set) {
        SummaryQuery query = all;
        query.groupBy = grouping;
        set(query);
        QTest::newRow(name) << query << totals;
    };
    add("date, a week", {GroupKey::Date}, true, [](auto &q) {
        q.from = QDate(2026, 3, 8);
        q.to = QDate(2026, 3, 14);
    });
    add("date, one day", {GroupKey::Date, GroupKey::Poi}, true,
        [](auto &q) { q.from = q.to = QDate(2026, 3, 2); });
    add("date, no records in range", {GroupKey::Date}, true,
        [](auto &q) { q.from = q.to = QDate(2026, 5, 1); });
    add("poi filter", {GroupKey::Date, GroupKey::Product}, true,
        [](auto &q) { q.poiId = QStringLiteral("poi-b"); });
    add("app filter", {GroupKey::Poi, GroupKey::App}, true, [](auto &q) { q.appId = 0; });
    for (const Status status : ALL_STATUSES) {
        const QByteArray name = "verify_status " + VerificationRecord::toString(status).toLatin1();
        add(name.constData(), {GroupKey::Date, GroupKey::App}, true,
            [status](auto &q) { q.verifyStatus = status; });
    }
    add("poi, app and status", {GroupKey::Product}, true, [](auto &q) {
        q.poiId = QStringLiteral("poi-c");
        q.appId = KIOSK_APP;
        q.verifyStatus = Status::Success;
    });
    add("unknown poi", {GroupKey::Date}, true, [](auto &q) { q.poiId = QStringLiteral("poi-x"); });
    for (const Enrichment status : ALL_ENRICHMENTS) {
        const QByteArray name =
                "enrichment_status " + VerificationRecord::toString(status).toLatin1();
        add(name.constData(), {GroupKey::Date, GroupKey::Poi}, false,
            [status](auto &q) { q.enrichmentStatus = status; });
    }
    add("q on an order", {GroupKey::Date, GroupKey::Product}, false,
        [](auto &q) { q.q = QStringLiteral("order-10"); });
    add("q with no match", {GroupKey::Date}, false, [](auto &q) { q.q = QStringLiteral("zzz"); });
    add("q and status", {}, false, [](auto &q) {
        q.q = QStringLiteral("order-11");
        q.verifyStatus = Status::Success;
    });
}

void tst_VerificationRepository::summaryPathsAgree()
{
    QFETCH(SummaryQuery, query);
    QFETCH(bool, totalsCanAnswer);

    const QStringList expected = describe(expectedSummary(m_reportRecords, query));

    const auto automatic = m_reports->summary(query);
    QVERIFY2(automatic.ok(), qPrintable(automatic.ok() ? QString() : automatic.error().message));
    QCOMPARE(automatic.value().source,
             totalsCanAnswer ? SummaryQuery::Source::DailyTotals : SummaryQuery::Source::Records);
    QCOMPARE(describe(automatic.value()), expected);

    query.source = SummaryQuery::Source::Records;
    const auto records = m_reports->summary(query);
    QVERIFY(records.ok());
    QCOMPARE(records.value().source, SummaryQuery::Source::Records);
    QCOMPARE(describe(records.value()), expected);

    query.source = SummaryQuery::Source::DailyTotals;
    const auto totals = m_reports->summary(query);
    QCOMPARE(totals.ok(), totalsCanAnswer);
    if (totalsCanAnswer)
        QCOMPARE(describe(totals.value()), expected);
}

void tst_VerificationRepository::summaryFollowsUpdates_data()
{
    QTest::addColumn<VerificationRecord>("before");
    QTest::addColumn<VerificationRecord>("after");

    VerificationRecord pending = minimalRecord();
    pending.productId = QStringLiteral("p-1");
    pending.productName = QStringLiteral("套餐");
    pending.payAmount = 1000;
    pending.receiptAmount = 900;
    pending.createdAt = baseMs() + 1000;

    VerificationRecord success = pending;
    success.verifyStatus = Status::Success;
    QTest::newRow("pending to success") << pending << success;

    VerificationRecord failed = pending;
    failed.verifyStatus = Status::Failed;
    failed.errorCode = 1208;
    QTest::newRow("pending to failed") << pending << failed;

    VerificationRecord unknown = pending;
    unknown.verifyStatus = Status::Unknown;
    QTest::newRow("pending to unknown") << pending << unknown;
    QTest::newRow("unknown resolved to success") << unknown << success;
    QTest::newRow("success to failed") << success << failed;

    VerificationRecord enriched = success;
    enriched.payAmount = 1200;
    enriched.receiptAmount = 1100;
    enriched.discountAmount = 100;
    enriched.enrichmentStatus = Enrichment::Success;
    QTest::newRow("enrichment changes the amounts") << success << enriched;

    VerificationRecord noAmounts = success;
    noAmounts.payAmount.reset();
    noAmounts.receiptAmount.reset();
    QTest::newRow("enrichment fills missing amounts") << noAmounts << enriched;
    QTest::newRow("amounts become unknown") << enriched << noAmounts;

    VerificationRecord awaiting = success;
    awaiting.settlementStatus = VerificationRecord::Settlement::Pending;
    awaiting.receiptAmount.reset();
    VerificationRecord settled = awaiting;
    settled.settlementStatus = VerificationRecord::Settlement::Settled;
    settled.receiptAmount = 870;
    settled.commissionAmount = 30;
    QTest::newRow("the ledger settles it") << awaiting << settled;
    QTest::newRow("a cancel takes back a settled one") << settled << [&settled] {
        VerificationRecord cancelled = settled;
        cancelled.cancel.status = VerificationRecord::Cancel::Status::Cancelled;
        return cancelled;
    }();

    VerificationRecord noProduct = success;
    noProduct.productId.clear();
    noProduct.productName.clear();
    QTest::newRow("product learned later") << noProduct << success;

    VerificationRecord renamed = success;
    renamed.productName = QStringLiteral("套餐 (新)");
    QTest::newRow("product renamed") << success << renamed;

    VerificationRecord otherPoi = success;
    otherPoi.poiId = QStringLiteral("poi-b");
    otherPoi.appId = KIOSK_APP;
    QTest::newRow("poi and app change") << success << otherPoi;

    VerificationRecord retried = pending;
    retried.resolveAttempts = 4;
    retried.nextResolveAt = baseMs() + 5000;
    QTest::newRow("nothing counted changes") << pending << retried;
}

void tst_VerificationRepository::summaryFollowsUpdates()
{
    QFETCH(VerificationRecord, before);
    QFETCH(VerificationRecord, after);
    auto db = openDatabase(QStringLiteral("follow"));
    QVERIFY(db);
    VerificationRepository repository(db.get());

    // A neighbour in the same totals row, which the update must not disturb.
    VerificationRecord neighbour = before;
    neighbour.verifyStatus = Status::Success;
    QList<VerificationRecord> batch{before, neighbour};
    QVERIFY(repository.insertPending(batch).ok());
    after.id = batch.at(0).id;
    QVERIFY(repository.update({after}).ok());
    // A second update in one batch, of the same record, back and forth.
    VerificationRecord again = after;
    again.verifyStatus = before.verifyStatus;
    QVERIFY(repository.update({again, after}).ok());

    const QList<VerificationRecord> stored =
            storedRecords(repository, {batch.at(0).id, batch.at(1).id});
    QCOMPARE(stored.size(), 2);
    for (const QList<GroupKey> &grouping : everyGrouping()) {
        SummaryQuery query;
        query.from = query.to = QDate(2026, 3, 1);
        query.groupBy = grouping;
        const QStringList expected = describe(expectedSummary(stored, query));
        query.source = SummaryQuery::Source::DailyTotals;
        QCOMPARE(describe(repository.summary(query).value()), expected);
        query.source = SummaryQuery::Source::Records;
        QCOMPARE(describe(repository.summary(query).value()), expected);
    }
}

void tst_VerificationRepository::summaryPathsAgreeAfterRandomUpdates()
{
    auto db = openDatabase(QStringLiteral("random"));
    QVERIFY(db);
    VerificationRepository repository(db.get());
    QRandomGenerator rng(4711);
    QList<VerificationRecord> records = randomRecords(rng, 400, 10);
    for (VerificationRecord &r : records)
        r.verifyStatus = Status::Pending;
    QVERIFY(repository.insertPending(records).ok());

    // What the engine does: outcomes, retries, enrichment; now and then a product or a POI
    // corrected. Batches of up to five, sometimes naming one record twice.
    for (int round = 0; round < 150; ++round) {
        QList<VerificationRecord> changes;
        const int size = rng.bounded(1, 6);
        for (int i = 0; i < size; ++i) {
            VerificationRecord &r = records[rng.bounded(int(records.size()))];
            switch (rng.bounded(5)) {
            case 0:
                r.verifyStatus = ALL_STATUSES.at(rng.bounded(4));
                break;
            case 1:
                r.payAmount =
                        rng.bounded(3) ? std::optional<qint64>(rng.bounded(10000)) : std::nullopt;
                r.discountAmount = rng.bounded(500);
                r.enrichmentStatus = Enrichment::Success;
                break;
            case 2:
                r.productId = QStringLiteral("prod-%1").arg(rng.bounded(3));
                r.productName = QStringLiteral("名%1").arg(rng.bounded(2));
                break;
            case 3:
                r.poiId = POIS.at(rng.bounded(int(POIS.size())));
                r.appId = rng.bounded(2);
                break;
            default:
                r.verifyStatus = Status::Success;
                r.receiptAmount = rng.bounded(9000);
                r.settlementStatus = VerificationRecord::Settlement::Settled;
                break;
            }
            changes << r;
        }
        const auto updated = repository.update(changes);
        QVERIFY2(updated.ok(), qPrintable(updated.ok() ? QString() : updated.error().message));
    }

    for (VerificationRecord &r : records)
        r.appName = appNameOf(r.appId);

    // List totals come from the status counts (no dates) or the daily totals (dates).
    for (const QString &poi : QStringList{QString(), POIS.at(0), POIS.at(2)}) {
        for (const std::optional<qint64> &app :
             {std::optional<qint64>(), std::optional<qint64>(1)}) {
            for (const std::optional<Status> &status :
                 {std::optional<Status>(), std::optional<Status>(Status::Unknown)}) {
                for (const bool dated : {false, true}) {
                    VerificationFilter filter;
                    filter.poiId = poi;
                    filter.appId = app;
                    filter.verifyStatus = status;
                    if (dated) {
                        filter.from = QDate(2026, 3, 3);
                        filter.to = QDate(2026, 3, 6);
                    }
                    const qint64 expected =
                            std::count_if(records.cbegin(), records.cend(),
                                          [&filter](const auto &r) { return matches(r, filter); });
                    const auto listed = repository.list(filter, 1, 1);
                    QVERIFY(listed.ok());
                    QCOMPARE(listed.value().total, expected);
                }
            }
        }
    }

    for (const QList<GroupKey> &grouping : everyGrouping()) {
        for (const std::optional<Status> &status :
             {std::optional<Status>(), std::optional<Status>(Status::Success),
              std::optional<Status>(Status::Failed)}) {
            SummaryQuery query;
            query.from = QDate(2026, 3, 2);
            query.to = QDate(2026, 3, 8);
            query.groupBy = grouping;
            query.verifyStatus = status;
            const QStringList expected = describe(expectedSummary(records, query));
            query.source = SummaryQuery::Source::DailyTotals;
            const auto totals = repository.summary(query);
            QVERIFY(totals.ok());
            QCOMPARE(describe(totals.value()), expected);
            query.source = SummaryQuery::Source::Records;
            QCOMPARE(describe(repository.summary(query).value()), expected);
        }
    }
}

void tst_VerificationRepository::summaryRefusesBadQueries_data()
{
    QTest::addColumn<SummaryQuery>("query");
    QTest::addColumn<QString>("field");

    SummaryQuery good;
    good.from = QDate(2026, 3, 1);
    good.to = QDate(2026, 3, 2);

    SummaryQuery noFrom = good;
    noFrom.from = QDate();
    QTest::newRow("no from") << noFrom << QStringLiteral("from");
    SummaryQuery noTo = good;
    noTo.to = QDate();
    QTest::newRow("no to") << noTo << QStringLiteral("to");
    SummaryQuery backwards = good;
    backwards.from = QDate(2026, 3, 3);
    QTest::newRow("to before from") << backwards << QStringLiteral("to");
    SummaryQuery totalsWithQ = good;
    totalsWithQ.q = QStringLiteral("order-1");
    totalsWithQ.source = SummaryQuery::Source::DailyTotals;
    QTest::newRow("totals cannot search") << totalsWithQ << QStringLiteral("source");
    SummaryQuery totalsWithEnrichment = good;
    totalsWithEnrichment.enrichmentStatus = Enrichment::Failed;
    totalsWithEnrichment.source = SummaryQuery::Source::DailyTotals;
    QTest::newRow("totals cannot filter enrichment")
            << totalsWithEnrichment << QStringLiteral("source");
}

void tst_VerificationRepository::summaryRefusesBadQueries()
{
    QFETCH(SummaryQuery, query);
    QFETCH(QString, field);
    const auto summary = m_reports->summary(query);
    QVERIFY(!summary.ok());
    QCOMPARE(summary.error().code, ErrorCode::BadInput);
    QVERIFY2(summary.error().message.startsWith(field + u':'), qPrintable(summary.error().message));
}

void tst_VerificationRepository::enrichmentJobs()
{
    auto db = openDatabase(QStringLiteral("jobs"));
    QVERIFY(db);
    VerificationRepository repository(db.get());
    QList<VerificationRecord> batch{fullRecord(), fullRecord(), fullRecord()};
    QVERIFY(repository.insertPending(batch).ok());
    const qint64 t0 = 1773000000000;

    const auto first = repository.enqueueEnrichment(batch[0].id, t0 + 100);
    QVERIFY(first.ok());
    const auto second = repository.enqueueEnrichment(batch[1].id, t0);
    QVERIFY(second.ok());
    const auto third = repository.enqueueEnrichment(batch[2].id, t0 + 5000);
    QVERIFY(third.ok());
    // Queuing again returns the same job and leaves its schedule alone.
    const auto repeated = repository.enqueueEnrichment(batch[0].id, t0 + 999999);
    QVERIFY(repeated.ok());
    QCOMPARE(repeated.value(), first.value());
    QCOMPARE(repository.enrichmentBacklog().value(), 3);
    QCOMPARE(repository.enqueueEnrichment(424242, t0).error().code, ErrorCode::Storage);

    const auto idsOf = [](const QList<EnrichmentJob> &jobs) {
        QList<qint64> ids;
        for (const EnrichmentJob &job : jobs)
            ids << job.id;
        return ids;
    };
    QVERIFY(repository.dueEnrichmentJobs(t0 - 1, 10).value().isEmpty());
    QCOMPARE(idsOf(repository.dueEnrichmentJobs(t0 + 100, 10).value()),
             (QList<qint64>{second.value(), first.value()}));
    QCOMPARE(idsOf(repository.dueEnrichmentJobs(t0 + 100, 1).value()),
             (QList<qint64>{second.value()}));

    const EnrichmentJob due = repository.dueEnrichmentJobs(t0, 1).value().constFirst();
    QCOMPARE(due.verificationId, batch[1].id);
    QCOMPARE(due.status, Enrichment::Pending);
    QCOMPARE(due.attempts, 0);
    QCOMPARE(due.nextAttemptAt, t0);
    QVERIFY(due.lastError.isEmpty());
    QVERIFY(due.createdAt > 0);

    QVERIFY(repository
                    .rescheduleEnrichment(second.value(), 1, t0 + 10000,
                                          QStringLiteral("2119003 cooldown"))
                    .ok());
    QCOMPARE(idsOf(repository.dueEnrichmentJobs(t0 + 9999, 10).value()),
             (QList<qint64>{first.value(), third.value()}));
    const EnrichmentJob rescheduled =
            repository.dueEnrichmentJobs(t0 + 10000, 10).value().constLast();
    QCOMPARE(rescheduled.id, second.value());
    QCOMPARE(rescheduled.attempts, 1);
    QCOMPARE(rescheduled.nextAttemptAt, t0 + 10000);
    QCOMPARE(rescheduled.lastError, QStringLiteral("2119003 cooldown"));
    QCOMPARE(repository.enrichmentBacklog().value(), 3);

    QVERIFY(repository.finishEnrichment(first.value(), Enrichment::Success).ok());
    QVERIFY(repository.finishEnrichment(third.value(), Enrichment::Failed).ok());
    QCOMPARE(repository.enrichmentBacklog().value(), 1);
    QCOMPARE(idsOf(repository.dueEnrichmentJobs(t0 + 99999999, 10).value()),
             (QList<qint64>{second.value()}));
    QCOMPARE(scalar(db->connection(),
                    QStringLiteral("SELECT status FROM enrichment_jobs WHERE id = %1")
                            .arg(third.value()))
                     .toString(),
             QStringLiteral("failed"));

    QCOMPARE(repository.finishEnrichment(second.value(), Enrichment::Pending).error().code,
             ErrorCode::BadInput);
    QCOMPARE(repository.finishEnrichment(424242, Enrichment::Success).error().code,
             ErrorCode::NotFound);
    QCOMPARE(repository.rescheduleEnrichment(424242, 1, t0, QString()).error().code,
             ErrorCode::NotFound);
}

void tst_VerificationRepository::enrichmentJobQueuedWithUpdate()
{
    auto db = openDatabase(QStringLiteral("jobs-with-update"));
    QVERIFY(db);
    VerificationRepository repository(db.get());
    QList<VerificationRecord> batch{minimalRecord(), minimalRecord()};
    QVERIFY(repository.insertPending(batch).ok());

    VerificationRecord success = batch.at(0);
    success.verifyStatus = Status::Success;
    success.orderId = QStringLiteral("order-1");
    EnrichmentJob job;
    job.verificationId = success.id;
    job.nextAttemptAt = 5000;

    // A failing update queues nothing.
    VerificationRecord missing = batch.at(1);
    missing.id = 424242;
    QVERIFY(!repository.update({success, missing}, {job}).ok());
    QCOMPARE(repository.enrichmentBacklog().value(), 0);

    QVERIFY(repository.update({success}, {job}).ok());
    QCOMPARE(repository.enrichmentBacklog().value(), 1);
    const QList<EnrichmentJob> due = repository.dueEnrichmentJobs(5000, 10).value();
    QCOMPARE(due.size(), 1);
    QCOMPARE(due.constFirst().verificationId, success.id);
    QCOMPARE(repository.get(success.id).value().verifyStatus, Status::Success);
}

void tst_VerificationRepository::idempotency()
{
    auto db = openDatabase(QStringLiteral("idempotency"));
    QVERIFY(db);
    VerificationRepository repository(db.get());
    const QString key = QStringLiteral("key-1");

    QVERIFY(!repository.findIdempotency(KIOSK_APP, key).value().has_value());

    // First sight: the fingerprint is reserved before the outcome is known.
    IdempotencyEntry reserved;
    reserved.fingerprint = QStringLiteral("fp-a");
    reserved.createdAt = 1000;
    QVERIFY(repository.storeIdempotency(KIOSK_APP, key, reserved).ok());
    auto found = repository.findIdempotency(KIOSK_APP, key).value();
    QVERIFY(found.has_value());
    QCOMPARE(found->fingerprint, QStringLiteral("fp-a"));
    QVERIFY(!found->httpStatus.has_value());
    QVERIFY(found->responseBody.isEmpty());
    QCOMPARE(found->createdAt, 1000);

    IdempotencyEntry answered = reserved;
    answered.httpStatus = 200;
    answered.responseBody = QByteArrayLiteral("{\"data\":{\"id\":7,\"poi_id\":\"门店\"}}");
    answered.createdAt = 2000;
    QVERIFY(repository.storeIdempotency(KIOSK_APP, key, answered).ok());
    found = repository.findIdempotency(KIOSK_APP, key).value();
    QCOMPARE(found->httpStatus, std::optional<int>(200));
    QCOMPARE(found->responseBody, answered.responseBody);
    QCOMPARE(found->createdAt, 1000); // retention runs from first sight

    IdempotencyEntry other = answered;
    other.fingerprint = QStringLiteral("fp-b");
    other.httpStatus = 502;
    const auto conflict = repository.storeIdempotency(KIOSK_APP, key, other);
    QVERIFY(!conflict.ok());
    QCOMPARE(conflict.error().code, ErrorCode::Conflict);
    found = repository.findIdempotency(KIOSK_APP, key).value();
    QCOMPARE(found->fingerprint, QStringLiteral("fp-a"));
    QCOMPARE(found->httpStatus, std::optional<int>(200));

    // Keys belong to one app.
    QVERIFY(!repository.findIdempotency(0, key).value().has_value());
    QVERIFY(repository.storeIdempotency(0, key, other).ok());
    QCOMPARE(repository.findIdempotency(0, key).value()->fingerprint, QStringLiteral("fp-b"));

    QCOMPARE(repository.storeIdempotency(0, QString(), other).error().code, ErrorCode::BadInput);
    QCOMPARE(repository.storeIdempotency(999, key, other).error().code, ErrorCode::Storage);
}

void tst_VerificationRepository::idempotencyPurge()
{
    auto db = openDatabase(QStringLiteral("purge"));
    QVERIFY(db);
    VerificationRepository repository(db.get());
    for (int i = 0; i < 5; ++i) {
        IdempotencyEntry entry;
        entry.fingerprint = QStringLiteral("fp");
        entry.createdAt = 1000 * (i + 1);
        QVERIFY(repository.storeIdempotency(KIOSK_APP, QStringLiteral("k%1").arg(i), entry).ok());
    }
    const auto purged = repository.purgeIdempotency(3000);
    QVERIFY(purged.ok());
    QCOMPARE(purged.value(), 2); // created at 1000 and 2000
    QVERIFY(!repository.findIdempotency(KIOSK_APP, QStringLiteral("k1")).value().has_value());
    QVERIFY(repository.findIdempotency(KIOSK_APP, QStringLiteral("k2")).value().has_value());
    QCOMPARE(repository.purgeIdempotency(3000).value(), 0);
    QCOMPARE(repository.purgeIdempotency(1000000).value(), 3);
}

// Chain mode: each record names its gateway; the list and the summary filter by it.
void tst_VerificationRepository::gatewayNameIsKeptAndFilters()
{
    auto db = openDatabase(QStringLiteral("gateways"));
    QVERIFY(db);
    VerificationRepository till1(db.get());
    till1.setGatewayName(QStringLiteral("till-1"));
    VerificationRepository till2(db.get());
    till2.setGatewayName(QStringLiteral("till-2"));
    QList<VerificationRecord> first{minimalRecord(), minimalRecord()};
    QList<VerificationRecord> second{minimalRecord()};
    second[0].gatewayName = QStringLiteral("named-by-caller");
    QVERIFY(till1.insertPending(first).ok());
    QVERIFY(till2.insertPending(second).ok());
    QCOMPARE(till2.get(first[0].id).value().gatewayName, QStringLiteral("till-1"));
    QCOMPARE(till1.get(second[0].id).value().gatewayName, QStringLiteral("named-by-caller"));

    // An update never moves a record to another gateway.
    VerificationRecord settled = first[1];
    settled.verifyStatus = Status::Success;
    QVERIFY(till2.update({settled}).ok());
    QCOMPARE(till2.get(settled.id).value().gatewayName, QStringLiteral("till-1"));
    // Each gateway resumes its own unsettled records, not the other's verifies in flight.
    QCOMPARE(till1.findByStatus({Status::Pending}).value().size(), 1);
    QCOMPARE(till2.findByStatus({Status::Pending}).value().size(), 0);
    VerificationRepository anyGateway(db.get());
    QCOMPARE(anyGateway.findByStatus({Status::Pending}).value().size(), 2);

    VerificationFilter filter;
    filter.gatewayName = QStringLiteral("till-1");
    const auto listed = till2.list(filter, 1, 20);
    QVERIFY(listed.ok());
    QCOMPARE(listed.value().total, 2);
    QCOMPARE(listed.value().items.size(), 2);

    SummaryQuery query;
    query.from = QDate::fromString(first[0].businessDate, Qt::ISODate);
    query.to = query.from;
    query.gatewayName = QStringLiteral("till-1");
    const auto summary = till2.summary(query);
    QVERIFY(summary.ok());
    QCOMPARE(summary.value().source, SummaryQuery::Source::Records);
    QCOMPARE(summary.value().totals.pendingCount, 1);
    QCOMPARE(summary.value().totals.successCount, 1);
    query.source = SummaryQuery::Source::DailyTotals;
    QCOMPARE(till2.summary(query).error().code, ErrorCode::BadInput);
}

// Two gateways on one database: a job one of them claimed is not the other's until the lease
// runs out (its claimant died), then the other takes it over.
void tst_VerificationRepository::claimedJobsAreLeased()
{
    auto db = openDatabase(QStringLiteral("claims"));
    QVERIFY(db);
    auto other = Database::open(db->location());
    QVERIFY(other.ok());
    VerificationRepository gatewayA(db.get());
    VerificationRepository gatewayB(other.value().get());
    QList<VerificationRecord> batch{fullRecord(), fullRecord(), fullRecord()};
    QVERIFY(gatewayA.insertPending(batch).ok());
    const qint64 t0 = 1773000000000;
    constexpr qint64 LEASE_MS = 60000;
    for (const VerificationRecord &r : batch)
        QVERIFY(gatewayA.enqueueEnrichment(r.id, t0).ok());

    const auto claimedByA = gatewayA.claimEnrichmentJobs(t0, 2, LEASE_MS);
    QVERIFY(claimedByA.ok());
    QCOMPARE(claimedByA.value().size(), 2);
    QCOMPARE(claimedByA.value().constFirst().nextAttemptAt, t0);
    const auto claimedByB = gatewayB.claimEnrichmentJobs(t0, 10, LEASE_MS);
    QVERIFY(claimedByB.ok());
    QCOMPARE(claimedByB.value().size(), 1);
    QVERIFY(gatewayB.claimEnrichmentJobs(t0 + LEASE_MS - 1, 10, LEASE_MS).value().isEmpty());

    // A finishes one job and "dies" with the other: B takes that one over after the lease.
    QVERIFY(gatewayA.finishEnrichment(claimedByA.value().at(0).id, Enrichment::Success).ok());
    const auto takenOver = gatewayB.claimEnrichmentJobs(t0 + LEASE_MS, 10, LEASE_MS);
    QVERIFY(takenOver.ok());
    QCOMPARE(takenOver.value().size(), 2);
    QVERIFY(std::any_of(
            takenOver.value().cbegin(), takenOver.value().cend(),
            [&](const EnrichmentJob &job) { return job.id == claimedByA.value().at(1).id; }));
    QCOMPARE(gatewayA.enrichmentBacklog().value(), 2);
}

void tst_VerificationRepository::migrationBackfillsDailyTotals()
{
    const QString path = TestDatabase::location(m_dir.path(), QStringLiteral("v3.sqlite"));
    {
        auto v3 = Database::open(path, 3);
        QVERIFY(v3.ok());
        QSqlDatabase &db = v3.value()->connection();
        QVERIFY(exec(db,
                     QStringLiteral("INSERT INTO verifier_apps (id, name, client_key, "
                                    "created_at, updated_at) VALUES (1, 'kiosk', 'ck', 1, 1)")));
        // Rows as version 3 stored them: every status, a NULL product, NULL amounts.
        const QStringList rows{
                "0, 'poi-a', 'success', 'p1', 'A', 1000, 900, 100, '2026-03-01'",
                "0, 'poi-a', 'success', 'p1', 'A', 2000, NULL, 50, '2026-03-01'",
                "0, 'poi-a', 'failed', 'p1', 'A', 3000, 3000, 0, '2026-03-01'",
                "1, 'poi-a', 'pending', NULL, NULL, NULL, NULL, NULL, '2026-03-01'",
                "1, 'poi-b', 'unknown', 'p2', 'B', 500, 500, 0, '2026-03-02'",
                "1, 'poi-b', 'success', NULL, NULL, 700, 600, 100, '2026-03-02'",
                "0, 'poi-b', 'success', 'p2', 'B', NULL, NULL, NULL, '2026-03-03'",
        };
        int n = 0;
        for (const QString &row : rows) {
            QVERIFY(exec(db,
                         QStringLiteral("INSERT INTO verifications (app_id, poi_id, "
                                        "verify_status, product_id, product_name, pay_amount, "
                                        "receipt_amount, discount_amount, business_date, "
                                        "mode, created_at, updated_at) VALUES (%1, 'code', "
                                        "%2, %2)")
                                 .arg(row)
                                 .arg(baseMs() + 3600000 * ++n)));
        }
    }

    auto opened = Database::open(path);
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
    QCOMPARE(opened.value()->schemaVersion(), Schema::latestVersion());
    QSqlDatabase &db = opened.value()->connection();
    QSqlQuery totals(db);
    QVERIFY(totals.exec(QStringLiteral(
            "SELECT business_date, poi_id, app_id, product_id, product_name, pending_count, "
            "success_count, failed_count, unknown_count, pay_amount, receipt_amount, "
            "discount_amount FROM verification_daily_totals "
            "ORDER BY business_date, poi_id, app_id, product_id")));
    QStringList lines;
    while (totals.next()) {
        QStringList fields;
        for (int i = 0; i < 12; ++i)
            fields << totals.value(i).toString();
        lines << fields.join(u',');
    }
    QCOMPARE(lines,
             (QStringList{
                     QStringLiteral("2026-03-01,poi-a,0,p1,A,0,2,1,0,3000,900,150"),
                     QStringLiteral("2026-03-01,poi-a,1,,,1,0,0,0,0,0,0"),
                     QStringLiteral("2026-03-02,poi-b,1,,,0,1,0,0,700,600,100"),
                     QStringLiteral("2026-03-02,poi-b,1,p2,B,0,0,0,1,0,0,0"),
                     QStringLiteral("2026-03-03,poi-b,0,p2,B,0,1,0,0,0,0,0"),
             }));

    QSqlQuery counts(db);
    QVERIFY(counts.exec(QStringLiteral(
            "SELECT poi_id, app_id, pending_count, success_count, failed_count, unknown_count "
            "FROM verification_status_counts ORDER BY poi_id, app_id")));
    lines.clear();
    while (counts.next()) {
        QStringList fields;
        for (int i = 0; i < 6; ++i)
            fields << counts.value(i).toString();
        lines << fields.join(u',');
    }
    QCOMPARE(lines,
             (QStringList{QStringLiteral("poi-a,0,0,2,1,0"), QStringLiteral("poi-a,1,1,0,0,0"),
                          QStringLiteral("poi-b,0,0,1,0,0"), QStringLiteral("poi-b,1,0,1,0,1")}));

    // The repository carries on from the backfilled totals.
    VerificationRepository repository(opened.value().get());
    VerificationRecord pending = repository.findByStatus({Status::Pending}).value().constFirst();
    pending.verifyStatus = Status::Success;
    pending.payAmount = 4000;
    QVERIFY(repository.update({pending}).ok());
    QList<VerificationRecord> fresh{minimalRecord(QStringLiteral("poi-b"))};
    fresh[0].createdAt = baseMs() + DAY_MS + 60000;
    fresh[0].verifyStatus = Status::Failed;
    QVERIFY(repository.insertPending(fresh).ok());

    const QList<VerificationRecord> all = repository.findByStatus(ALL_STATUSES).value();
    QCOMPARE(all.size(), 8);
    for (const QList<GroupKey> &grouping : everyGrouping()) {
        SummaryQuery query;
        query.from = QDate(2026, 3, 1);
        query.to = QDate(2026, 3, 3);
        query.groupBy = grouping;
        const QStringList expected = describe(expectedSummary(all, query));
        query.source = SummaryQuery::Source::DailyTotals;
        QCOMPARE(describe(repository.summary(query).value()), expected);
        query.source = SummaryQuery::Source::Records;
        QCOMPARE(describe(repository.summary(query).value()), expected);
    }
}

QTEST_GUILESS_MAIN(tst_VerificationRepository)
#include "tst_verificationrepository.moc"
