#include <algorithm>
#include <functional>

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "core/store/database.h"
#include "core/store/schema.h"
#include "core/store/verificationrepository.h"

// Report and write costs of VerificationRepository over a generated year of records
// (DYGW_BENCH_RECORDS, default 1,000,000). Numbers are printed, not asserted (issue 4's targets:
// summary <= 50 ms, list page <= 10 ms). Set DYGW_BENCH_KEEP=1 to keep the database file.

using Status = VerificationRecord::Status;
using Enrichment = VerificationRecord::Enrichment;
using GroupKey = SummaryQuery::GroupKey;

namespace {

constexpr qint64 DAY_MS = 24 * 60 * 60 * 1000;
constexpr int DAYS = 365;
constexpr int POI_COUNT = 3;
constexpr int APP_COUNT = 3; // the till (0) and two LAN apps
constexpr int PRODUCT_COUNT = 30;
constexpr int QUERY_RUNS = 7;
constexpr int WRITE_RUNS = 500;

bool exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        qWarning() << sql << query.lastError().text();
        return false;
    }
    return true;
}

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

struct Timing
{
    double first = 0;
    double median = 0;
    double p95 = 0;
    double min = 0;
};

Timing timingOf(QList<qint64> ns)
{
    Timing t;
    if (ns.isEmpty())
        return t;
    t.first = ms(ns.constFirst());
    std::sort(ns.begin(), ns.end());
    t.median = ms(ns.at(ns.size() / 2));
    t.p95 = ms(ns.at(qMin(ns.size() - 1, qsizetype(ns.size() * 95 / 100))));
    t.min = ms(ns.constFirst());
    return t;
}

// Runs `work` QUERY_RUNS times; the first run is reported apart (colder caches).
Timing measure(const std::function<bool()> &work, int runs = QUERY_RUNS)
{
    QList<qint64> ns;
    QElapsedTimer timer;
    for (int i = 0; i < runs; ++i) {
        timer.start();
        if (!work())
            return {};
        ns << timer.nsecsElapsed();
    }
    return timingOf(ns);
}

void report(const char *what, const Timing &t, const QString &detail = QString())
{
    qInfo("%-58s first %8.2f ms   median %8.2f ms   min %8.2f ms  %s", what, t.first, t.median,
          t.min, qPrintable(detail));
}

} // namespace

class bench_VerificationRepository : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void summary();
    void list();
    void writeCost();
    void cleanupTestCase();

private:
    void generate(int count);

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<VerificationRepository> m_repository;
    qint64 m_firstMs = 0; // created_at of the oldest generated record
    QDate m_lastDay; // business date of the newest one
    int m_count = 0;
};

void bench_VerificationRepository::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_dir.setAutoRemove(qgetenv("DYGW_BENCH_KEEP") != "1");
    auto opened = Database::openInDir(m_dir.path());
    QVERIFY(opened.ok());
    m_db = std::move(opened).value();
    m_repository = std::make_unique<VerificationRepository>(m_db.get());
    for (int app = 1; app < APP_COUNT; ++app) {
        QVERIFY(exec(m_db->connection(),
                     QStringLiteral("INSERT INTO verifier_apps (id, name, client_key, created_at, "
                                    "updated_at) VALUES (%1, 'app-%1', 'ck-%1', 1, 1)")
                             .arg(app)));
    }

    bool ok = false;
    m_count = qEnvironmentVariableIntValue("DYGW_BENCH_RECORDS", &ok);
    if (!ok || m_count <= 0)
        m_count = 1000000;
    qInfo() << "database" << m_db->filePath();
    generate(m_count);
}

// A year of records in creation order, written by SQLite itself: one prepared INSERT … SELECT
// over a counter in one transaction with synchronous=OFF. Going through insertPending() costs
// about 45 µs a record, mostly Qt's per-value binding, which would take the whole time budget;
// the tests cover that path. Attributes come from a multiplicative hash of the counter (random()
// would be drawn again at every use of a column). The daily totals and status counts are then
// built by migration 4's own backfill statements and checked against the records.
void bench_VerificationRepository::generate(int count)
{
    QSqlDatabase &db = m_db->connection();
    QVERIFY(exec(db, QStringLiteral("PRAGMA synchronous=OFF")));
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    m_firstMs = nowMs - DAYS * DAY_MS;
    const qint64 stepMs = DAYS * DAY_MS / count;

    QElapsedTimer timer;
    timer.start();
    QVERIFY(exec(db, QStringLiteral("BEGIN")));
    QSqlQuery insert(db);
    // h: 32 bits of hash; poi = h % 3, status roll = h / 3 % 100, product = h / 300 % 30,
    // app roll = h / 9000 % 10, mode = h / 90000 % 3. Successes carry amounts, a verify id and
    // a Douyin answer of a realistic size.
    const bool prepared = insert.prepare(QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?), "
            "h(i, poi, roll, product, app, mode, at) AS (SELECT i, (i * 2654435761 % 4294967296) "
            "% 3, (i * 2654435761 % 4294967296) / 3 % 100, (i * 2654435761 % 4294967296) / 300 "
            "% 30, (i * 2654435761 % 4294967296) / 9000 % 10, (i * 2654435761 % 4294967296) "
            "/ 90000 % 3, ? + i * ? + (i * 7919 % 1000) FROM n), "
            "s(i, poi, ok, status, product, app, mode, at) AS (SELECT i, poi, roll < 90, "
            "CASE WHEN roll < 90 THEN 'success' WHEN roll < 96 THEN 'failed' "
            "WHEN roll < 99 THEN 'unknown' ELSE 'pending' END, product, "
            "CASE WHEN app < 7 THEN 0 ELSE 1 + app % 2 END, mode, at FROM h) "
            "INSERT INTO verifications (app_id, poi_id, mode, source_input, batch_id, "
            "verify_token, verify_status, error_code, error_description, certificate_id, "
            "origin_code, product_id, product_name, sku_id, verify_id, order_id, pay_amount, "
            "receipt_amount, discount_amount, enrichment_status, platform_response, "
            "business_date, created_at, updated_at) "
            "SELECT app, '70000000000000' || poi, CASE mode WHEN 0 THEN 'short_link' "
            "WHEN 1 THEN 'code' ELSE 'encrypted_code' END, "
            "printf('https://v.douyin.com/%08d/', i), 'b' || (i / 2), 't' || (i / 2), status, "
            "CASE WHEN status = 'failed' THEN 1208 END, "
            "CASE WHEN status = 'failed' THEN '券码已核销' END, printf('71%017d', i), "
            "printf('10%010d', i), printf('17700000000000%05d', product), '套餐 ' || product, "
            "printf('17700000000000%05d-sku', product), CASE WHEN ok THEN 'v' || i END, "
            "printf('10%017d', i / 2), CASE WHEN ok THEN 1000 + 100 * product END, "
            "CASE WHEN ok THEN 950 + 100 * product END, CASE WHEN ok THEN 50 END, "
            "CASE WHEN ok THEN (CASE WHEN i % 33 = 0 THEN 'failed' ELSE 'success' END) "
            "ELSE 'skipped' END, "
            "CASE WHEN ok THEN printf('{\"data\":{\"error_code\":0,\"description\":\"\","
            "\"verify_results\":[{\"result\":0,\"msg\":\"\",\"origin_code\":\"10%010d\","
            "\"certificate_id\":\"71%017d\",\"verify_id\":\"v%d\",\"order_id\":"
            "\"10%017d\",\"account_id\":\"7000000000000000001\"}]},\"extra\":{\"error_code\":"
            "0,\"logid\":\"20260311103512%010d\",\"now\":%d}}', i, i, i, i / 2, i, at / 1000) "
            "END, date(at / 1000, 'unixepoch', 'localtime'), at, at FROM s"));
    QVERIFY2(prepared, qPrintable(insert.lastError().text()));
    insert.addBindValue(count);
    insert.addBindValue(m_firstMs);
    insert.addBindValue(stepMs);
    QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
    insert.finish();

    int backfills = 0;
    for (const Schema::Migration &step : Schema::migrations()) {
        for (const QString &statement : step.statements) {
            if (statement.startsWith(QStringLiteral("INSERT INTO verification_"))) {
                QVERIFY(exec(db, Schema::dialect(db, statement)));
                ++backfills;
            }
        }
    }
    QCOMPARE(backfills, 2); // daily totals and status counts
    QVERIFY(exec(db, QStringLiteral("COMMIT")));
    const qint64 generated = timer.elapsed();
    QVERIFY(exec(db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    QVERIFY(exec(db, QStringLiteral("PRAGMA synchronous=FULL")));

    QSqlQuery last(db);
    QVERIFY(last.exec(QStringLiteral("SELECT MAX(business_date), COUNT(*) FROM verifications")));
    QVERIFY(last.next());
    m_lastDay = QDate::fromString(last.value(0).toString(), Qt::ISODate);
    QCOMPARE(last.value(1).toInt(), count);
    QSqlQuery totals(db);
    QVERIFY(totals.exec(QStringLiteral("SELECT COUNT(*) FROM verification_daily_totals")));
    QVERIFY(totals.next());
    qInfo("generated %d records in %.1f s (%.0f records/s, synchronous=OFF); %lld daily totals "
          "rows; file %.0f MB",
          count, generated / 1000.0, count * 1000.0 / qMax<qint64>(generated, 1),
          totals.value(0).toLongLong(), QFileInfo(m_db->filePath()).size() / (1024.0 * 1024.0));

    // Both summary paths must agree before their speeds mean anything.
    SummaryQuery query;
    query.from = m_lastDay.addDays(-29);
    query.to = m_lastDay;
    query.groupBy = {GroupKey::Date, GroupKey::Poi, GroupKey::App, GroupKey::Product};
    const auto fromTotals = m_repository->summary(query);
    query.source = SummaryQuery::Source::Records;
    const auto fromRecords = m_repository->summary(query);
    QVERIFY(fromTotals.ok() && fromRecords.ok());
    QCOMPARE(fromTotals.value().source, SummaryQuery::Source::DailyTotals);
    QCOMPARE(fromTotals.value().rows.size(), fromRecords.value().rows.size());
    QCOMPARE(fromTotals.value().totals.successCount, fromRecords.value().totals.successCount);
    QCOMPARE(fromTotals.value().totals.failedCount, fromRecords.value().totals.failedCount);
    QCOMPARE(fromTotals.value().totals.payAmount, fromRecords.value().totals.payAmount);
}

void bench_VerificationRepository::summary()
{
    const auto run = [this](const char *what, int days, QList<GroupKey> groupBy,
                            const std::function<void(SummaryQuery &)> &set = {}) {
        SummaryQuery query;
        query.to = m_lastDay;
        query.from = m_lastDay.addDays(1 - days);
        query.groupBy = groupBy;
        if (set)
            set(query);
        qsizetype rows = 0;
        qint64 successes = 0;
        const bool raw = query.source == SummaryQuery::Source::Records || !query.q.isEmpty()
                || query.enrichmentStatus;
        const Timing t = measure(
                [&] {
                    const auto summary = m_repository->summary(query);
                    if (!summary.ok()) {
                        qWarning() << summary.error().message;
                        return false;
                    }
                    rows = summary.value().rows.size();
                    successes = summary.value().totals.successCount;
                    return true;
                },
                raw && query.q.isEmpty() ? 3 : QUERY_RUNS);
        report(what, t,
               QStringLiteral("%1 rows, %2 successes%3")
                       .arg(rows)
                       .arg(successes)
                       .arg(raw ? QStringLiteral(" [records]") : QStringLiteral(" [totals]")));
    };

    qInfo("--- summary (target <= 50 ms)");
    run("30 days by date", 30, {GroupKey::Date});
    run("30 days by poi", 30, {GroupKey::Poi});
    run("30 days by date+poi", 30, {GroupKey::Date, GroupKey::Poi});
    run("30 days by date+poi+app+product", 30,
        {GroupKey::Date, GroupKey::Poi, GroupKey::App, GroupKey::Product});
    run("30 days by app, one poi, successes", 30, {GroupKey::App}, [](SummaryQuery &q) {
        q.poiId = QStringLiteral("700000000000001");
        q.verifyStatus = Status::Success;
    });
    run("365 days by product", 365, {GroupKey::Product});
    run("365 days by date", 365, {GroupKey::Date});
    run("30 days by date, q (records, index probes)", 30, {GroupKey::Date},
        [](SummaryQuery &q) { q.q = QStringLiteral("1000000000000000123"); });
    run("30 days by date from the records (the baseline)", 30, {GroupKey::Date},
        [](SummaryQuery &q) { q.source = SummaryQuery::Source::Records; });
    run("30 days by poi from the records (the baseline)", 30, {GroupKey::Poi},
        [](SummaryQuery &q) { q.source = SummaryQuery::Source::Records; });
    run("30 days by date, enrichment_status failed (records)", 30, {GroupKey::Date},
        [](SummaryQuery &q) { q.enrichmentStatus = Enrichment::Failed; });
}

void bench_VerificationRepository::list()
{
    const auto run = [this](const char *what, int page, int pageSize,
                            const std::function<void(VerificationFilter &)> &set = {}) {
        VerificationFilter filter;
        if (set)
            set(filter);
        qsizetype items = 0;
        qint64 total = 0;
        const Timing t = measure([&] {
            const auto listed = m_repository->list(filter, page, pageSize);
            if (!listed.ok()) {
                qWarning() << listed.error().message;
                return false;
            }
            items = listed.value().items.size();
            total = listed.value().total;
            return true;
        });
        report(what, t, QStringLiteral("%1 items of %2").arg(items).arg(total));
    };
    const QDate lastDay = m_lastDay;
    const auto last30 = [lastDay](VerificationFilter &f) {
        f.from = lastDay.addDays(-29);
        f.to = lastDay;
    };
    const auto middle30 = [lastDay](VerificationFilter &f) {
        f.from = lastDay.addDays(-200);
        f.to = lastDay.addDays(-171);
    };

    qInfo("--- list, 20 per page (target <= 10 ms)");
    run("page 1, no filter", 1, 20);
    run("page 500, no filter (offset 10,000)", 500, 20);
    run("page 5000, no filter (offset 100,000)", 5000, 20);
    run("page 1, last 30 days", 1, 20, last30);
    run("page 1, 30 days half a year ago", 1, 20, middle30);
    run("page 1000, 30 days half a year ago (offset 20,000)", 1000, 20, middle30);
    run("page 1, one poi", 1, 20, [](auto &f) { f.poiId = QStringLiteral("700000000000002"); });
    run("page 5000, one poi (offset 100,000)", 5000, 20,
        [](auto &f) { f.poiId = QStringLiteral("700000000000002"); });
    run("page 1, app 1, last 30 days", 1, 20, [&last30](auto &f) {
        last30(f);
        f.appId = 1;
    });
    run("page 1, status unknown", 1, 20, [](auto &f) { f.verifyStatus = Status::Unknown; });
    run("page 1, status failed, 30 days half a year ago", 1, 20, [&middle30](auto &f) {
        middle30(f);
        f.verifyStatus = Status::Failed;
    });
    run("page 1, poi + status success + last 30 days", 1, 20, [&last30](auto &f) {
        last30(f);
        f.poiId = QStringLiteral("700000000000000");
        f.verifyStatus = Status::Success;
    });
    run("page 1, enrichment failed (COUNT over the index)", 1, 20,
        [](auto &f) { f.enrichmentStatus = Enrichment::Failed; });
    run("page 1, enrichment failed, last 30 days", 1, 20, [&last30](auto &f) {
        last30(f);
        f.enrichmentStatus = Enrichment::Failed;
    });
    run("page 1, q = an order id (2 records)", 1, 20,
        [](auto &f) { f.q = QStringLiteral("1000000000000000777"); });
    run("page 1, q = a code, no match", 1, 20, [](auto &f) { f.q = QStringLiteral("nothing"); });
}

// What one verification costs the store with synchronous=FULL: its pending insert and its
// outcome update, each its own transaction, next to a bare INSERT into a trivial table in the
// same file and run (the machine does about 4,400 durable transactions/s).
void bench_VerificationRepository::writeCost()
{
    QSqlDatabase &db = m_db->connection();
    QVERIFY(exec(db,
                 QStringLiteral("CREATE TABLE bench_baseline (id INTEGER PRIMARY KEY, v "
                                "INTEGER NOT NULL)")));
    QSqlQuery bare(db);
    QVERIFY(bare.prepare(QStringLiteral("INSERT INTO bench_baseline (v) VALUES (?)")));

    QList<qint64> baselineNs;
    QList<qint64> insertNs;
    QList<qint64> updateNs;
    QElapsedTimer timer;
    QRandomGenerator rng(7);
    // Interleaved so that disk hiccups hit all three alike.
    for (int i = 0; i < WRITE_RUNS; ++i) {
        timer.start();
        QVERIFY(exec(db, QStringLiteral("BEGIN IMMEDIATE")));
        bare.bindValue(0, i);
        QVERIFY(bare.exec());
        QVERIFY(exec(db, QStringLiteral("COMMIT")));
        baselineNs << timer.nsecsElapsed();

        VerificationRecord r;
        r.appId = 1;
        r.poiId = QStringLiteral("700000000000001");
        r.sourceInput = QStringLiteral("bench-%1").arg(i);
        r.batchId = QStringLiteral("bench-batch-%1").arg(i);
        r.verifyToken = QStringLiteral("bench-token-%1").arg(i);
        r.certificateId = QStringLiteral("bench-cert-%1").arg(i);
        r.productId = QStringLiteral("1770000000000000%1").arg(rng.bounded(PRODUCT_COUNT));
        r.productName = QStringLiteral("套餐");
        r.payAmount = 9900;
        QList<VerificationRecord> one{r};
        timer.start();
        QVERIFY(m_repository->insertPending(one).ok());
        insertNs << timer.nsecsElapsed();

        VerificationRecord done = one.constFirst();
        done.verifyStatus = Status::Success;
        done.verifyId = QStringLiteral("bench-vid-%1").arg(i);
        done.orderId = QStringLiteral("bench-order-%1").arg(i);
        done.platformResponse = QJsonObject{{QStringLiteral("error_code"), 0}};
        timer.start();
        QVERIFY(m_repository->update({done}).ok());
        updateNs << timer.nsecsElapsed();
    }

    qInfo("--- writes with synchronous=FULL, %d single-record transactions each", WRITE_RUNS);
    const auto line = [](const char *what, const Timing &t) {
        qInfo("%-58s median %6.3f ms   p95 %6.3f ms   (%5.0f /s at the median)", what, t.median,
              t.p95, 1000.0 / qMax(t.median, 1e-6));
    };
    const Timing baseline = timingOf(baselineNs);
    const Timing insert = timingOf(insertNs);
    const Timing update = timingOf(updateNs);
    line("baseline: bare INSERT into a trivial table", baseline);
    line("insertPending(1 record), with its totals row", insert);
    line("update(1 record) pending -> success, with totals", update);
    qInfo("insert costs %.2fx the baseline; insert + update (one verification) %.3f ms",
          insert.median / qMax(baseline.median, 1e-6), insert.median + update.median);

    // What the engine's group commit does under load: one transaction with the pending inserts
    // of the verifications just asked for and the updates of those just answered.
    constexpr int GROUP = 32;
    QList<qint64> groupNs;
    QList<VerificationRecord> answered;
    for (int run = 0; run < WRITE_RUNS / 10; ++run) {
        QList<VerificationRecord> fresh;
        for (int i = 0; i < GROUP; ++i) {
            VerificationRecord r;
            r.appId = 1;
            r.poiId = QStringLiteral("700000000000001");
            r.sourceInput = QStringLiteral("group-%1-%2").arg(run).arg(i);
            r.batchId = QStringLiteral("group-batch-%1-%2").arg(run).arg(i);
            r.productId = QStringLiteral("1770000000000000%1").arg(rng.bounded(PRODUCT_COUNT));
            r.payAmount = 9900;
            fresh << r;
        }
        for (VerificationRecord &done : answered) {
            done.verifyStatus = Status::Success;
            done.verifyId = QStringLiteral("vid-") + done.batchId;
            done.orderId = QStringLiteral("order-") + done.batchId;
        }
        timer.start();
        QVERIFY(m_repository->write(fresh, answered, {}).ok());
        groupNs << timer.nsecsElapsed();
        answered = fresh;
    }
    const Timing group = timingOf(groupNs);
    qInfo("write(%d inserts + %d updates), one transaction           median %6.3f ms   p95 %6.3f "
          "ms   (%.3f ms per verification)",
          GROUP, GROUP, group.median, group.p95, group.median / GROUP);
}

void bench_VerificationRepository::cleanupTestCase()
{
    m_repository.reset();
    m_db.reset();
}

QTEST_GUILESS_MAIN(bench_VerificationRepository)
#include "bench_verificationrepository.moc"
