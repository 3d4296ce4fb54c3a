#include <memory>

#include <QDateTime>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

#include "tests/core/sandbox/sandboxmeituanrig.h"

#include "core/meituan/meituanapi.h"

// querylistbydate (MEITUAN.md §6) as reconciliation reads it, through the product's
// MeituanClient: consumptions made in Meituan's merchant app beside this developer's, with
// their refundStatus, only the token's store and only the asked day (Beijing time, by the
// sandbox clock). Paging and the other refundStatus cases: tst_sandboxmeituanqueries.
class tst_SandboxMeituanList : public QObject
{
    Q_OBJECT

private:
    using Rig = SandboxMeituanRig;

    std::unique_ptr<Rig> m_rig;
    QString m_token; // the first demo store's

    // The sandbox's day, as its store reads it.
    QDate sandboxToday()
    {
        const qint64 now = m_rig->control("GET", QStringLiteral("/sandbox/clock"))
                                   .json.value("now")
                                   .toInteger();
        return QDateTime::fromSecsSinceEpoch(now, QTimeZone(8 * 3600)).date();
    }

    QList<Meituan::ListRecord> listed(const QString &token, const QDate &day)
    {
        const auto list = m_rig->list(token, day, 0, MeituanApi::MAX_LIST_LIMIT);
        if (!list.ok())
            qFatal("list failed: %s", qPrintable(list.error().message));
        if (list.value().totalCount != list.value().records.size())
            qFatal("totalCount does not match the records");
        return list.value().records;
    }

private slots:
    void init()
    {
        m_rig = std::make_unique<Rig>();
        m_token = m_rig->bind(Rig::store(0));
        QVERIFY(!m_token.isEmpty());
    }

    void cleanup() { m_rig.reset(); }

    void mixed_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<int>("refundStatus");
        QTest::addColumn<QString>("channel");
        QTest::newRow("consumed here") << "here" << 1 << "开放平台";
        QTest::newRow("consumed in Meituan's app") << "elsewhere" << 1 << "美团开店宝";
        QTest::newRow("consumed in the app, then refunded")
                << "elsewhere refunded" << 6 << "美团开店宝";
        QTest::newRow("consumed here, then cancelled") << "here reversed" << 0 << "开放平台";
    }

    // The receipt under test, beside one consumed here and one in the app at the same store,
    // one at another store, and one in the app the next day.
    void mixed()
    {
        QFETCH(QString, setup);
        QFETCH(int, refundStatus);
        QFETCH(QString, channel);
        const QDate today = sandboxToday();
        const Rig::Order order = m_rig->mint(Rig::store(0), 3);
        const QString code = order.codes.at(0);
        if (setup.startsWith(u"here"))
            QCOMPARE(m_rig->consumeFlowIds(m_token, code, 1, QStringLiteral("t")).size(), 1);
        else
            QCOMPARE(m_rig->consumeElsewhere(code).status, 200);
        if (setup.endsWith(u"reversed"))
            QVERIFY(m_rig->reverse(m_token, code, order.dealId).ok());
        if (setup.endsWith(u"refunded"))
            QCOMPARE(m_rig->refund(order.orderId, {{"receipt_codes", QJsonArray{code}}}).status,
                     200);
        QCOMPARE(m_rig->consumeFlowIds(m_token, order.codes.at(1), 1, QStringLiteral("u")).size(),
                 1);
        QCOMPARE(m_rig->consumeElsewhere(order.codes.at(2)).status, 200);
        const Rig::Order theirs = m_rig->mint(Rig::store(1));
        QCOMPARE(m_rig->consumeElsewhere(theirs.codes.first()).status, 200);

        const QList<Meituan::ListRecord> records = listed(m_token, today);
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.at(0).receiptCode, code);
        QCOMPARE(records.at(0).refundStatus, refundStatus);
        QCOMPARE(records.at(0).verifyChannel, channel);
        QCOMPARE(records.at(0).dealId, order.dealId);
        QVERIFY(!records.at(0).flowId.isEmpty());
        QCOMPARE(records.at(1).receiptCode, order.codes.at(1));
        QCOMPARE(records.at(1).verifyChannel, QStringLiteral("开放平台"));
        QCOMPARE(records.at(2).receiptCode, order.codes.at(2));
        QCOMPARE(records.at(2).verifyChannel, QStringLiteral("美团开店宝"));
        QCOMPARE(records.at(2).refundStatus, 1);

        // The other store sees its own consumption only.
        const QList<Meituan::ListRecord> other = listed(m_rig->bind(Rig::store(1)), today);
        QCOMPARE(other.size(), 1);
        QCOMPARE(other.first().receiptCode, theirs.codes.first());

        // A day later by the sandbox clock: that day's list has only what was consumed on it.
        QVERIFY(m_rig->advanceClock(86400) > 0);
        const QDate tomorrow = sandboxToday();
        QCOMPARE(tomorrow, today.addDays(1));
        const Rig::Order later = m_rig->mint(Rig::store(0));
        QCOMPARE(m_rig->consumeElsewhere(later.codes.first()).status, 200);
        const QString token = m_rig->bind(Rig::store(0)); // the first one's day is over too
        const QList<Meituan::ListRecord> next = listed(token, tomorrow);
        QCOMPARE(next.size(), 1);
        QCOMPARE(next.first().receiptCode, later.codes.first());
        QCOMPARE(listed(token, today).size(), 3);
        QCOMPARE(listed(token, today.addDays(-1)).size(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_SandboxMeituanList)
#include "tst_sandboxmeituanlist.moc"
