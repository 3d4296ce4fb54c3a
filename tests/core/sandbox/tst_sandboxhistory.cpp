#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include "tests/core/sandbox/sandboxdouyinrig.h"

#include "core/douyin/douyinapi.h"

// The sandbox's verification history (DOUYIN.md §13) over real HTTP: cursor paging that never
// repeats or skips, also while verifications arrive; the size, time and store filters; bad
// parameters; the record's exact shape; cancelled verifications. Verifications made outside
// the product: tst_sandboxelsewhere; faults and stats: tst_sandboxreconfaults.
class tst_SandboxHistory : public QObject
{
    Q_OBJECT

private:
    using Rig = SandboxDouyinRig;
    std::unique_ptr<Rig> m_rig;

    // count verifications: ten a call outside the product, the rest by the product.
    QStringList verifyMany(int count)
    {
        QStringList verifyIds;
        while (count >= DouyinApi::MAX_CODES_PER_VERIFY) {
            const Rig::Order order =
                    m_rig->mint({{"certificates", DouyinApi::MAX_CODES_PER_VERIFY}});
            const Rig::Reply verified = m_rig->verifyElsewhere(
                    order.orderId, {{"count", DouyinApi::MAX_CODES_PER_VERIFY}});
            for (const QJsonValue &id : verified.json.value("verify_ids").toArray())
                verifyIds.append(id.toString());
            count -= DouyinApi::MAX_CODES_PER_VERIFY;
        }
        if (count > 0) {
            const Rig::Order order = m_rig->mint({{"certificates", count}});
            for (int i = 0; i < count; ++i)
                verifyIds.append(m_rig->verify(order, i));
        }
        return verifyIds;
    }

    // Walks the history from cursor "0" with pages of size; every page's verify_ids.
    QList<QStringList> walk(int size, int expectedTotal)
    {
        QList<QStringList> pages;
        QString cursor = QStringLiteral("0");
        for (int guard = 0; guard < 100; ++guard) {
            const Rig::Reply page =
                    m_rig->history(QStringLiteral("size=%1&cursor=%2").arg(size).arg(cursor));
            if (page.errorCode() != 0)
                qFatal("history page failed: %s", page.body.constData());
            if (page.data().value("total").toInt() != expectedTotal)
                qFatal("total %d, expected %d", page.data().value("total").toInt(), expectedTotal);
            QStringList ids;
            for (const QJsonValue &record : page.records())
                ids.append(record.toObject().value("verify_id").toString());
            pages.append(ids);
            if (ids.size() < size)
                break;
            cursor = page.records().last().toObject().value("cursor").toString();
        }
        return pages;
    }

private slots:
    void init() { m_rig = std::make_unique<Rig>(); }
    void cleanup() { m_rig.reset(); }

    void paging_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<QList<int>>("pageSizes");
        QTest::newRow("pages of 20") << 20 << QList<int>{20, 20, 5};
        QTest::newRow("pages of 7") << 7 << QList<int>{7, 7, 7, 7, 7, 7, 3};
        QTest::newRow("pages of 9: an empty page ends it") << 9 << QList<int>{9, 9, 9, 9, 9, 0};
        QTest::newRow("size omitted: 20") << 0 << QList<int>{20, 20, 5};
    }

    // 45 verifications: every one exactly once, in verify order, the last page shorter.
    void paging()
    {
        QFETCH(int, size);
        QFETCH(QList<int>, pageSizes);
        const QStringList made = verifyMany(45);
        QList<QStringList> pages;
        if (size == 0) {
            const Rig::Reply first = m_rig->history(QString());
            QCOMPARE(first.records().size(), 20);
            pages = walk(20, 45);
        } else {
            pages = walk(size, 45);
        }
        QList<int> sizes;
        QStringList seen;
        for (const QStringList &page : std::as_const(pages)) {
            sizes.append(int(page.size()));
            seen += page;
        }
        QCOMPARE(sizes, pageSizes);
        QCOMPARE(seen, made); // the order they were made in: no repeat, no gap
    }

    // A pager half-way through meets the verifications made meanwhile once, after the rest.
    void newVerificationsWhilePaging()
    {
        const QStringList before = verifyMany(25);
        const Rig::Reply first = m_rig->history(QStringLiteral("size=20"));
        QCOMPARE(first.records().size(), 20);
        const QString cursor = first.records().last().toObject().value("cursor").toString();
        const QStringList after = verifyMany(3); // the same second: verify_time ties
        const Rig::Reply second = m_rig->history(QStringLiteral("size=20&cursor=") + cursor);
        QCOMPARE(second.data().value("total").toInt(), 28);
        QStringList seen;
        for (const Rig::Reply *page : {&first, &second}) {
            for (const QJsonValue &record : page->records())
                seen.append(record.toObject().value("verify_id").toString());
        }
        QCOMPARE(seen, before + after);
    }

    void filters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("records");
        QTest::addColumn<int>("total");
        QTest::newRow("default: today only") << "" << 1 << 1;
        QTest::newRow("yesterday and today") << "start_time={DAY}" << 7 << 7;
        QTest::newRow("start_time inclusive") << "start_time={T1}" << 4 << 4;
        QTest::newRow("end_time exclusive") << "start_time={DAY}&end_time={T1}" << 3 << 3;
        QTest::newRow("end_time a second later") << "start_time={DAY}&end_time={T1+1}" << 5 << 5;
        QTest::newRow("one store") << "start_time={DAY}&poi_ids={P1}" << 4 << 4;
        QTest::newRow("two stores, spaces and blanks")
                << "start_time={DAY}&poi_ids={P1},%20,%20{P2}" << 7 << 7;
        QTest::newRow("unknown store") << "start_time={DAY}&poi_ids=123" << 0 << 0;
        QTest::newRow("the merchant's account_id")
                << "start_time={DAY}&account_id=sandbox_account" << 7 << 7;
        QTest::newRow("size 2 of 7") << "start_time={DAY}&size=2" << 2 << 7;
        QTest::newRow("cursor past the filter")
                << "start_time={DAY}&poi_ids={P2}&cursor=6" << 1 << 3;
    }

    // Day 1 10:00 three at store 1, +100 s two at store 2, +200 s one at store 1; day 2 00:01
    // one at store 2 (cursors 1..7 in that order).
    void filters()
    {
        QFETCH(QString, query);
        QFETCH(int, records);
        QFETCH(int, total);
        const Rig::Order a = m_rig->mint({{"certificates", 3}, {"poi_id", "7100000000000000001"}});
        QCOMPARE(m_rig->verifyElsewhere(a.orderId, {{"count", 3}}).status, 200);
        m_rig->advance(100);
        const Rig::Order b = m_rig->mint({{"certificates", 2}, {"poi_id", "7100000000000000002"}});
        m_rig->verify(b, 0);
        m_rig->verify(b, 1);
        m_rig->advance(100);
        const Rig::Order c = m_rig->mint({{"poi_id", a.poiId}});
        m_rig->verify(c);
        m_rig->advance(14 * 3600 - 200 + 60);
        const Rig::Order d = m_rig->mint({{"poi_id", b.poiId}});
        QCOMPARE(m_rig->verifyElsewhere(d.orderId).status, 200);

        query.replace("{DAY}", QString::number(Rig::DAY_START))
                .replace("{T1+1}", QString::number(Rig::START + 101))
                .replace("{T1}", QString::number(Rig::START + 100))
                .replace("{P1}", a.poiId)
                .replace("{P2}", b.poiId);
        const Rig::Reply page = m_rig->history(query);
        QCOMPARE(page.errorCode(), 0);
        QCOMPARE(page.records().size(), records);
        QCOMPARE(page.data().value("total").toInt(), total);
    }

    void badParameters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<qint64>("code");
        QTest::addColumn<QString>("named");
        const qint64 bad = DouyinApi::BAD_PARAMETER;
        QTest::newRow("size 0") << "size=0" << bad << "size";
        QTest::newRow("size 21") << "size=21" << bad << "size";
        QTest::newRow("size not a number") << "size=ten" << bad << "size";
        QTest::newRow("size twice") << "size=5&size=6" << bad << "size";
        QTest::newRow("cursor not a cursor") << "cursor=abc" << bad << "cursor";
        QTest::newRow("cursor nobody has") << "cursor=999" << bad << "cursor";
        QTest::newRow("cursor twice") << "cursor=0&cursor=1" << bad << "cursor";
        QTest::newRow("start_time negative") << "start_time=-5" << bad << "start_time";
        QTest::newRow("start_time not a number") << "start_time=today" << bad << "start_time";
        QTest::newRow("end_time before start") << "end_time=1000" << bad << "end_time";
        QTest::newRow("end_time equal to start")
                << "start_time=5000&end_time=5000" << bad << "end_time";
        QTest::newRow("another account")
                << "account_id=someone_else" << qint64(DouyinApi::MERCHANT_NOT_AUTHORISED) << "";
    }

    void badParameters()
    {
        QFETCH(QString, query);
        QFETCH(qint64, code);
        QFETCH(QString, named);
        verifyMany(2);
        const Rig::Reply refused = m_rig->history(query);
        QCOMPARE(refused.status, 200);
        QCOMPARE(refused.errorCode(), code);
        // The gateway's codes sit in extra, as on every other Douyin endpoint.
        QCOMPARE(refused.extra().value("error_code").toInteger(), code);
        QVERIFY2(refused.description().contains(named), qPrintable(refused.description()));
        QVERIFY(!refused.data().contains("records"));
    }

    void tokenChecked()
    {
        m_rig->setToken(QStringLiteral("clt.never-issued"));
        QCOMPARE(m_rig->history(QString()).errorCode(), qint64(DouyinApi::TOKEN_INVALID));
    }

    void recordShape()
    {
        const Rig::Order order = m_rig->mint({{"pay_amount", 8800},
                                              {"original_amount", 12800},
                                              {"product_name", "双人餐"},
                                              {"groupon_type", 1}});
        const QString verifyId = m_rig->verify(order);
        const QJsonObject record = m_rig->history(QString()).records().first().toObject();
        const QJsonObject sku = record.value("sku").toObject();
        QCOMPARE(sku.keys(), QStringList({"groupon_type", "product_id", "sku_id", "title"}));
        QCOMPARE(sku.value("title").toString(), QStringLiteral("双人餐"));
        QCOMPARE(sku.value("groupon_type").toInt(), 1);
        QVERIFY(!sku.value("sku_id").toString().isEmpty());
        QVERIFY(!sku.value("product_id").toString().isEmpty());
        const QJsonObject expected{
                {"cursor", "1"},
                {"verify_id", verifyId},
                {"certificate_id", order.certificateIds.first()},
                {"code", order.codes.first()},
                {"verify_type", 1},
                {"verify_time", Rig::START},
                {"can_cancel", true},
                {"status", int(DouyinApi::HistoryStatus::Verified)},
                {"amount",
                 QJsonObject{{"original_amount", 12800},
                             {"pay_amount", 8800},
                             {"merchant_ticket_amount", 0},
                             {"platform_discount_amount", 0},
                             {"payment_discount_amount", 0},
                             {"coupon_pay_amount", 8800}}},
                {"sku", sku},
                {"poi_id", order.poiId},
        };
        QCOMPARE(record, expected);
        m_rig->advance(DouyinApi::CANCEL_WINDOW_SECONDS + 1);
        const Rig::Reply later = m_rig->history(QStringLiteral("start_time=%1").arg(Rig::START));
        QCOMPARE(later.records().first().toObject().value("can_cancel").toBool(true), false);
    }

    // A cancelled verification keeps its place with status 2 and cancel_time; verifying the
    // certificate again adds a record with another verify_id.
    void cancelledRecords()
    {
        const Rig::Order order = m_rig->mint();
        const QString first = m_rig->verify(order);
        m_rig->advance(60);
        QCOMPARE(m_rig->cancel(first, order.certificateIds.first()).errorCode(), 0);
        m_rig->advance(60);
        const QString second = m_rig->verify(order);
        QVERIFY(!second.isEmpty());
        QVERIFY(second != first);
        const QJsonArray records = m_rig->history(QString()).records();
        QCOMPARE(records.size(), 2);
        const QJsonObject cancelled = records.at(0).toObject();
        QCOMPARE(cancelled.value("verify_id").toString(), first);
        QCOMPARE(cancelled.value("status").toInt(), int(DouyinApi::HistoryStatus::Cancelled));
        QCOMPARE(cancelled.value("cancel_time").toInteger(), Rig::START + 60);
        QCOMPARE(cancelled.value("can_cancel").toBool(true), false);
        const QJsonObject active = records.at(1).toObject();
        QCOMPARE(active.value("verify_id").toString(), second);
        QCOMPARE(active.value("certificate_id").toString(), order.certificateIds.first());
        QCOMPARE(active.value("status").toInt(), int(DouyinApi::HistoryStatus::Verified));
        QCOMPARE(active.value("verify_time").toInteger(), Rig::START + 120);
        QVERIFY(!active.contains("cancel_time"));
    }
};

QTEST_GUILESS_MAIN(tst_SandboxHistory)
#include "tst_sandboxhistory.moc"
