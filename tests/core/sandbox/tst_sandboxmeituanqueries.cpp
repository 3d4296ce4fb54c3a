#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "tests/core/sandbox/sandboxmeituanrig.h"

#include "core/meituan/meituanapi.h"

// Meituan's read calls in the sandbox (MEITUAN.md §4, §6, SandboxMeituanQueries) through the
// product's MeituanClient: getconsumed, which resolves a lost consume, and the day's list.
class tst_SandboxMeituanQueries : public QObject
{
    Q_OBJECT

private:
    using Rig = SandboxMeituanRig;

    std::unique_ptr<Rig> m_rig;
    QString m_token; // the first demo store's

private slots:
    void init()
    {
        m_rig = std::make_unique<Rig>();
        m_token = m_rig->bind(Rig::store(0));
        QVERIFY(!m_token.isEmpty());
    }

    void cleanup() { m_rig.reset(); }

    void consumedStatus_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<bool>("consumed");
        QTest::addColumn<QString>("channel");
        QTest::newRow("unknown code: not consumed") << "unknown" << false << "";
        QTest::newRow("never consumed") << "none" << false << "";
        QTest::newRow("consumed here") << "here" << true << "开放平台";
        QTest::newRow("consumed, then cancelled") << "reversed" << false << "";
        QTest::newRow("consumed in Meituan's app") << "elsewhere" << true << "美团开店宝";
    }

    // getconsumed's 1006 is "not consumed" to the client: what resolving a lost consume needs.
    void consumedStatus()
    {
        QFETCH(QString, setup);
        QFETCH(bool, consumed);
        QFETCH(QString, channel);
        const Rig::Order order = m_rig->mint(Rig::store(0));
        const QString code = setup == u"unknown" ? QStringLiteral("2222222222") : order.codes[0];
        if (setup == u"here" || setup == u"reversed")
            QCOMPARE(m_rig->consumeFlowIds(m_token, order.codes.first(), 1, QStringLiteral("s"))
                             .size(),
                     1);
        if (setup == u"reversed")
            QVERIFY(m_rig->reverse(m_token, code, order.dealId).ok());
        if (setup == u"elsewhere")
            m_rig->control(
                    "POST",
                    QStringLiteral("/sandbox/meituan/receipts/%1/consume_elsewhere").arg(code));
        const auto status = m_rig->consumed(m_token, code);
        QVERIFY(status.ok());
        QCOMPARE(status.value().consumed, consumed);
        QCOMPARE(status.value().verifyChannel, channel);
        if (consumed)
            QCOMPARE(status.value().dealId, order.dealId);

        const Rig::Reply raw =
                m_rig->business(MeituanApi::PATH_GET_CONSUMED, m_token, {{"receiptCode", code}});
        QCOMPARE(raw.code(), consumed ? QStringLiteral("OP_SUCCESS") : QStringLiteral("1006"));
    }

    void consumedStatusOfAnotherStore()
    {
        const Rig::Order order = m_rig->mint(Rig::store(1));
        const auto status = m_rig->consumed(m_token, order.codes.first());
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code, QStringLiteral("1012"));
    }

    void listByDate_data()
    {
        QTest::addColumn<int>("offset");
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("records");
        QTest::newRow("first page") << 0 << 2 << 2;
        QTest::newRow("second page") << 2 << 2 << 2;
        QTest::newRow("last page") << 4 << 2 << 1;
        QTest::newRow("past the end") << 5 << 2 << 0;
        QTest::newRow("everything, limit 300") << 0 << 300 << 5;
    }

    // Five consumptions of this store today, one of another store: pages of this store only.
    void listByDate()
    {
        QFETCH(int, offset);
        QFETCH(int, limit);
        QFETCH(int, records);
        const Rig::Order mine = m_rig->mint(Rig::store(0), 5);
        QCOMPARE(m_rig->consumeFlowIds(m_token, mine.codes.first(), 5, QStringLiteral("l")).size(),
                 5);
        const Rig::Order theirs = m_rig->mint(Rig::store(1));
        QVERIFY(m_rig->consume(m_rig->bind(Rig::store(1)), theirs.codes.first(), 1,
                               QStringLiteral("l2"))
                        .ok());
        const QDate today = QDateTime::currentDateTimeUtc().toOffsetFromUtc(8 * 3600).date();
        const auto listed = m_rig->list(m_token, today, offset, limit);
        QVERIFY(listed.ok());
        QCOMPARE(listed.value().totalCount, 5);
        QCOMPARE(listed.value().records.size(), records);
        for (int i = 0; i < records; ++i) {
            const Meituan::ListRecord &record = listed.value().records.at(i);
            QVERIFY(mine.codes.contains(record.receiptCode));
            QCOMPARE(record.refundStatus, 1);
            QCOMPARE(record.dealId, mine.dealId);
            QCOMPARE(record.dealGroupId, mine.dealGroupId);
            QVERIFY(!record.flowId.isEmpty());
        }
        const auto yesterday = m_rig->list(m_token, today.addDays(-1), 0, 300);
        QVERIFY(yesterday.ok());
        QCOMPARE(yesterday.value().totalCount, 0);
    }

    void listRefundStatus_data()
    {
        QTest::addColumn<bool>("reverse");
        QTest::addColumn<bool>("refund");
        QTest::addColumn<int>("refundStatus");
        QTest::newRow("consumed: 1 已使用") << false << false << 1;
        QTest::newRow("cancelled: 0 未使用") << true << false << 0;
        QTest::newRow("refunded after use: 6 已消费退") << false << true << 6;
        QTest::newRow("cancelled, then refunded: 4 未消费退") << true << true << 4;
    }

    void listRefundStatus()
    {
        QFETCH(bool, reverse);
        QFETCH(bool, refund);
        QFETCH(int, refundStatus);
        const Rig::Order order = m_rig->mint(Rig::store(0));
        QCOMPARE(
                m_rig->consumeFlowIds(m_token, order.codes.first(), 1, QStringLiteral("rs")).size(),
                1);
        if (reverse)
            QVERIFY(m_rig->reverse(m_token, order.codes.first(), order.dealId).ok());
        if (refund)
            QCOMPARE(m_rig->control("POST",
                                    QStringLiteral("/sandbox/meituan/orders/%1/refund")
                                            .arg(order.orderId),
                                    {{"receipt_codes", QJsonArray{order.codes.first()}}})
                             .status,
                     200);
        const QDate today = QDateTime::currentDateTimeUtc().toOffsetFromUtc(8 * 3600).date();
        const auto listed = m_rig->list(m_token, today, 0, 10);
        QVERIFY(listed.ok());
        QCOMPARE(listed.value().records.size(), 1);
        QCOMPARE(listed.value().records.first().refundStatus, refundStatus);
    }
};

QTEST_GUILESS_MAIN(tst_SandboxMeituanQueries)
#include "tst_sandboxmeituanqueries.moc"
