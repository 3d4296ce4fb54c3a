#include <algorithm>
#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "tests/core/sandbox/sandboxmeituanrig.h"

#include "core/sandbox/sandboxdemodata.h"

// What happens to the sandbox's Meituan orders besides the till: refunds and consumption in
// Meituan's own app through the control API, and the demo orders with the accessor demo mode
// reads (SandboxState::meituanOrders()).
class tst_SandboxMeituanOrders : public QObject
{
    Q_OBJECT

private:
    using Rig = SandboxMeituanRig;

    std::unique_ptr<Rig> m_rig;
    QString m_token;

private slots:
    void init()
    {
        m_rig = std::make_unique<Rig>();
        m_token = m_rig->bind(Rig::store(0));
        QVERIFY(!m_token.isEmpty());
    }

    void cleanup() { m_rig.reset(); }

    void refunds_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QStringList>("after"); // the three receipts' statuses; [1] is used
        QTest::newRow("every unused one")
                << QJsonObject() << 200 << QStringList{"refunded", "used", "refunded"};
        QTest::newRow("one named") << QJsonObject{{"receipt_codes", QJsonArray{"$0"}}} << 200
                                   << QStringList{"refunded", "used", "unused"};
        QTest::newRow("the used one, named") << QJsonObject{{"receipt_codes", QJsonArray{"$1"}}}
                                             << 200 << QStringList{"unused", "refunded", "unused"};
        QTest::newRow("in progress") << QJsonObject{{"in_progress", true}} << 200
                                     << QStringList{"refunding", "used", "refunding"};
        QTest::newRow("a receipt of another order")
                << QJsonObject{{"receipt_codes", QJsonArray{"$other"}}} << 400
                << QStringList{"unused", "used", "unused"};
        QTest::newRow("an empty list") << QJsonObject{{"receipt_codes", QJsonArray()}} << 400
                                       << QStringList{"unused", "used", "unused"};
        QTest::newRow("in_progress not a bool") << QJsonObject{{"in_progress", "yes"}} << 400
                                                << QStringList{"unused", "used", "unused"};
        QTest::newRow("an unknown field") << QJsonObject{{"certificate_ids", QJsonArray{"1"}}}
                                          << 400 << QStringList{"unused", "used", "unused"};
    }

    void refunds()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        QFETCH(QStringList, after);
        const Rig::Order order = m_rig->mint(Rig::store(0), 3);
        const Rig::Order other = m_rig->mint(Rig::store(0));
        QVERIFY(m_rig->consume(m_token, order.codes.at(1), 1, QStringLiteral("u")).ok());
        if (body.contains(QStringLiteral("receipt_codes"))) {
            QJsonArray codes;
            for (const QJsonValue &code : body.value(QStringLiteral("receipt_codes")).toArray())
                codes.append(code == QJsonValue("$other")
                                     ? other.codes.first()
                                     : order.codes.at(code.toString().mid(1).toInt()));
            body.insert(QStringLiteral("receipt_codes"), codes);
        }
        const Rig::Reply reply = m_rig->refund(order.orderId, body);
        QCOMPARE(reply.status, status);
        if (status == 200)
            QCOMPARE(reply.json.value(QStringLiteral("order_id")).toString(), order.orderId);
        else
            QVERIFY(!reply.json.value(QStringLiteral("error"))
                             .toObject()
                             .value(QStringLiteral("field"))
                             .toString()
                             .isEmpty());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(m_rig->receiptStatus(order.codes.at(i)), after.at(i));
    }

    // Finishing a refund in progress; nothing left to refund is a conflict.
    void refundTwice()
    {
        const Rig::Order order = m_rig->mint(Rig::store(0), 2);
        QCOMPARE(m_rig->refund(order.orderId, {{"in_progress", true}}).status, 200);
        QCOMPARE(m_rig->refund(order.orderId, {{"in_progress", true}}).status, 409);
        QCOMPARE(m_rig->refund(order.orderId).status, 200);
        QCOMPARE(m_rig->receiptStatus(order.codes.first()), QStringLiteral("refunded"));
        const Rig::Reply again = m_rig->refund(order.orderId);
        QCOMPARE(again.status, 409);
        QCOMPARE(again.json.value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("code"))
                         .toString(),
                 QStringLiteral("conflict"));
        QCOMPARE(m_rig->refund(order.orderId, {{"receipt_codes", QJsonArray{order.codes.first()}}})
                         .status,
                 409);
    }

    void consumeElsewhere_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<int>("status");
        QTest::newRow("unused") << "none" << 200;
        QTest::newRow("used already") << "used" << 409;
        QTest::newRow("refunded") << "refunded" << 409;
        QTest::newRow("expired") << "expired" << 409;
        QTest::newRow("not started") << "later" << 409;
    }

    // As if the merchant used Meituan's own app: in the list, not the developer's to cancel.
    void consumeElsewhere()
    {
        QFETCH(QString, setup);
        QFETCH(int, status);
        QJsonObject extra;
        if (setup == u"expired")
            extra.insert(QStringLiteral("expire_in_days"), -1);
        if (setup == u"later")
            extra.insert(QStringLiteral("starts_in_days"), 2);
        const Rig::Order order = m_rig->mint(Rig::store(0), 1, extra);
        const QString code = order.codes.first();
        if (setup == u"used")
            QVERIFY(m_rig->consume(m_token, code, 1, QStringLiteral("e")).ok());
        if (setup == u"refunded")
            QCOMPARE(m_rig->refund(order.orderId).status, 200);
        const QString before = m_rig->receiptStatus(code);

        const Rig::Reply reply = m_rig->consumeElsewhere(code);
        QCOMPARE(reply.status, status);
        if (status != 200) {
            QCOMPARE(m_rig->receiptStatus(code), before);
            return;
        }
        QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), QStringLiteral("used"));
        QVERIFY(!reply.json.contains(QStringLiteral("request_id")));
        QVERIFY(reply.json.contains(QStringLiteral("consumed_at")));
        const QDate today = QDateTime::fromSecsSinceEpoch(m_rig->state().now())
                                    .toOffsetFromUtc(8 * 3600)
                                    .date();
        const auto listed = m_rig->list(m_token, today, 0, 10);
        QVERIFY(listed.ok());
        QCOMPARE(listed.value().totalCount, 1);
        QCOMPARE(listed.value().records.first().receiptCode, code);
        QCOMPARE(listed.value().records.first().verifyChannel, QStringLiteral("美团开店宝"));
    }

    // Demo mode: a few Meituan orders per demo store, the same on every start.
    void demoData()
    {
        SandboxConfig config = Rig::emptyConfig();
        config.seedDemoData = true;
        Rig demo(config);
        const QList<SandboxState::MeituanOrder> orders = demo.state().meituanOrders();
        QCOMPARE(orders.size(), SandboxDemoData::meituanOrders().size());
        for (const SandboxState::Poi &store : SandboxDemoData::stores()) {
            int ofStore = 0;
            for (const SandboxState::MeituanOrder &order : orders) {
                if (order.poiId != store.poiId)
                    continue;
                ++ofStore;
                QCOMPARE(order.poiName, store.name);
                QCOMPARE(order.opBizCode, QStringLiteral("mt-") + store.poiId);
                QVERIFY(!order.usableCodes.isEmpty());
                for (const QString &code : order.usableCodes)
                    QVERIFY(Rig::isReceiptCode(code));
                // A Chinese deal title, like the Douyin catalogue's.
                QVERIFY(std::any_of(order.dealTitle.cbegin(), order.dealTitle.cend(),
                                    [](QChar c) { return c.unicode() >= 0x4e00; }));
                QVERIFY(order.dealPriceFen > 0);
            }
            QVERIFY2(ofStore >= 2, qPrintable(store.poiId));
        }
        QCOMPARE(demo.control("GET", QStringLiteral("/sandbox/meituan/orders"))
                         .json.value(QStringLiteral("orders"))
                         .toArray()
                         .size(),
                 orders.size());
        Rig again(config);
        QCOMPARE(again.state().meituanOrders().first().usableCodes, orders.first().usableCodes);
        QCOMPARE(again.state().meituanOrders().last().orderId, orders.last().orderId);
    }

    // What demo mode reads: codes drop out of usableCodes as they are used or refunded.
    void demoAccessor()
    {
        const Rig::Order order = m_rig->mint(Rig::store(0), 3);
        QVERIFY(m_rig->consume(m_token, order.codes.at(0), 1, QStringLiteral("d")).ok());
        QList<SandboxState::MeituanOrder> orders = m_rig->state().meituanOrders();
        QCOMPARE(orders.size(), 1);
        QCOMPARE(orders.first().orderId, order.orderId);
        QCOMPARE(orders.first().dealId, order.dealId);
        QCOMPARE(orders.first().usableCodes, order.codes.mid(1));
        QCOMPARE(m_rig->refund(order.orderId).status, 200);
        QVERIFY(m_rig->state().meituanOrders().first().usableCodes.isEmpty());

        const auto refilled =
                m_rig->state().mintMeituanOrder(SandboxDemoData::meituanRefill(Rig::store(1), 7));
        QVERIFY(refilled.ok());
        orders = m_rig->state().meituanOrders();
        QCOMPARE(orders.last().poiId, Rig::store(1));
        QCOMPARE(orders.last().usableCodes.size(), 1);
        QVERIFY(SandboxDemoData::meituanRefill(Rig::store(1), 1).dealTitle
                != SandboxDemoData::meituanRefill(Rig::store(1), 2).dealTitle);
    }
};

QTEST_GUILESS_MAIN(tst_SandboxMeituanOrders)
#include "tst_sandboxmeituanorders.moc"
