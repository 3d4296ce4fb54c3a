#include <algorithm>
#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include "tests/core/sandbox/sandboxmeituanrig.h"

#include "core/sandbox/sandboxdemodata.h"

// The Meituan part of the sandbox's control API (/sandbox/meituan/…) over real HTTP, its
// answers' shapes exactly, and the demo data with the accessor demo mode reads.
class tst_SandboxMeituanControl : public QObject
{
    Q_OBJECT

private:
    using Rig = SandboxMeituanRig;

    std::unique_ptr<Rig> m_rig;
    QString m_token;

    static QStringList keys(const QJsonObject &object)
    {
        QStringList list = object.keys();
        list.sort();
        return list;
    }

    static bool isReceiptCode(const QString &code)
    {
        static const QRegularExpression tenDigits(QStringLiteral("^[1-9][0-9]{9}$"));
        return tenDigits.match(code).hasMatch();
    }

    Rig::Reply refund(const QString &orderId, const QJsonObject &body = {})
    {
        return m_rig->control(
                "POST", QStringLiteral("/sandbox/meituan/orders/%1/refund").arg(orderId), body);
    }

    Rig::Reply elsewhere(const QString &code)
    {
        return m_rig->control(
                "POST", QStringLiteral("/sandbox/meituan/receipts/%1/consume_elsewhere").arg(code));
    }

private slots:
    void init()
    {
        m_rig = std::make_unique<Rig>();
        m_token = m_rig->bind(Rig::store(0));
        QVERIFY(!m_token.isEmpty());
    }

    void cleanup() { m_rig.reset(); }

    void mintAnswer()
    {
        const Rig::Reply reply = m_rig->control("POST", QStringLiteral("/sandbox/meituan/orders"),
                                                {{"poi_id", Rig::store(1)},
                                                 {"receipts", 3},
                                                 {"deal_title", "单人午市套餐"},
                                                 {"deal_price_fen", 5650}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(keys(reply.json),
                 QStringList({"deal_group_id", "deal_id", "op_biz_code", "order_id", "poi_id",
                              "receipt_codes"}));
        QCOMPARE(reply.json.value(QStringLiteral("op_biz_code")).toString(),
                 QStringLiteral("mt-") + Rig::store(1));
        const QJsonArray codes = reply.json.value(QStringLiteral("receipt_codes")).toArray();
        QCOMPARE(codes.size(), 3);
        QSet<QString> unique;
        for (const QJsonValue &code : codes) {
            QVERIFY2(isReceiptCode(code.toString()), qPrintable(code.toString()));
            unique.insert(code.toString());
        }
        QCOMPARE(unique.size(), 3);
        for (const char *id : {"deal_id", "deal_group_id", "order_id"}) {
            const QString text = reply.json.value(QLatin1String(id)).toString();
            QVERIFY2(!text.isEmpty() && text.toLongLong() > 0, id);
        }
        // The same deal sold again keeps its ids; another deal has its own.
        const Rig::Order again = m_rig->mint(
                Rig::store(1), 1, {{"deal_title", "单人午市套餐"}, {"deal_price_fen", 5650}});
        QCOMPARE(again.dealId, reply.json.value(QStringLiteral("deal_id")).toString());
        QVERIFY(m_rig->mint(Rig::store(1)).dealId != again.dealId);
    }

    // A thousand receipts, all ten digits, none twice.
    void receiptCodesAreUnique()
    {
        QSet<QString> seen;
        for (int i = 0; i < 10; ++i) {
            for (const QString &code : m_rig->mint(Rig::store(i % 3), 100).codes) {
                QVERIFY(isReceiptCode(code));
                seen.insert(code);
            }
        }
        QCOMPARE(seen.size(), 1000);
    }

    void mintRefusals_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("no poi_id") << QByteArray("{\"receipts\": 1}") << "poi_id";
        QTest::newRow("empty body") << QByteArray() << "poi_id";
        QTest::newRow("poi_id empty") << QByteArray("{\"poi_id\": \"\"}") << "poi_id";
        QTest::newRow("receipts 0")
                << QByteArray("{\"poi_id\": \"1\", \"receipts\": 0}") << "receipts";
        QTest::newRow("receipts 101")
                << QByteArray("{\"poi_id\": \"1\", \"receipts\": 101}") << "receipts";
        QTest::newRow("receipts a string")
                << QByteArray("{\"poi_id\": \"1\", \"receipts\": \"2\"}") << "receipts";
        QTest::newRow("deal_title a number")
                << QByteArray("{\"poi_id\": \"1\", \"deal_title\": 5}") << "deal_title";
        QTest::newRow("deal_title of 201")
                << ("{\"poi_id\": \"1\", \"deal_title\": \"" + QByteArray(201, 'x') + "\"}")
                << "deal_title";
        QTest::newRow("deal_price_fen negative")
                << QByteArray("{\"poi_id\": \"1\", \"deal_price_fen\": -1}") << "deal_price_fen";
        QTest::newRow("deal_price_fen in yuan")
                << QByteArray("{\"poi_id\": \"1\", \"deal_price_fen\": 99.9}") << "deal_price_fen";
        QTest::newRow("biz_type 1")
                << QByteArray("{\"poi_id\": \"1\", \"biz_type\": 1}") << "biz_type";
        QTest::newRow("expire_in_days 40000")
                << QByteArray("{\"poi_id\": \"1\", \"expire_in_days\": 40000}") << "expire_in_days";
        QTest::newRow("starts_in_days -1")
                << QByteArray("{\"poi_id\": \"1\", \"starts_in_days\": -1}") << "starts_in_days";
        QTest::newRow("unknown field")
                << QByteArray("{\"poi_id\": \"1\", \"certificates\": 1}") << "certificates";
        QTest::newRow("not JSON") << QByteArray("poi_id=1") << "body";
    }

    void mintRefusals()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const Rig::Reply reply =
                m_rig->post(QStringLiteral("/sandbox/meituan/orders"), body, "application/json");
        QCOMPARE(reply.status, 400);
        const QJsonObject error = reply.json.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("bad_request"));
        QCOMPARE(error.value(QStringLiteral("field")).toString(), field);
        QVERIFY(m_rig->state().meituanOrders().isEmpty());
    }

    // An integrator's own store id becomes a store, on Meituan's side with its standing code.
    void mintForANewStore()
    {
        const QString poiId = QStringLiteral("7999999999999999999");
        const Rig::Order order = m_rig->mint(poiId, 2);
        QCOMPARE(order.opBizCode, QStringLiteral("mt-") + poiId);
        QVERIFY(m_rig->state().poi(poiId));
        const QString token = m_rig->bind(poiId);
        QVERIFY(!token.isEmpty());
        const auto prepared = m_rig->prepare(token, order.codes.first());
        QVERIFY(prepared.ok());
        QCOMPARE(prepared.value().count, 2);
    }

    void receiptAnswer_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QStringList>("keys");
        const QStringList base{"expired", "order_id", "receipt_code", "status"};
        const QStringList consumed = base + QStringList{"consumed_at", "flow_id"};
        QTest::newRow("unused") << "none"
                                << "unused" << base;
        QTest::newRow("consumed through the API") << "consume"
                                                  << "used" << consumed + QStringList{"request_id"};
        QTest::newRow("consumed in Meituan's app") << "elsewhere"
                                                   << "used" << consumed;
        QTest::newRow("cancelled") << "reverse"
                                   << "unused" << base;
        QTest::newRow("refunded") << "refund"
                                  << "refunded" << base;
        QTest::newRow("refund in progress") << "refunding"
                                            << "refunding" << base;
        QTest::newRow("refunded after use") << "used_refund"
                                            << "refunded" << consumed + QStringList{"request_id"};
    }

    void receiptAnswer()
    {
        QFETCH(QString, setup);
        QFETCH(QString, status);
        QFETCH(QStringList, keys);
        const Rig::Order order = m_rig->mint(Rig::store(0));
        const QString code = order.codes.first();
        const qint64 now = m_rig->control("GET", QStringLiteral("/sandbox/clock"))
                                   .json.value(QStringLiteral("now"))
                                   .toInteger();
        QString flowId;
        if (setup == u"consume" || setup == u"reverse" || setup == u"used_refund") {
            const auto consumed = m_rig->consume(m_token, code, 1, QStringLiteral("ctl-1"));
            QVERIFY(consumed.ok());
            flowId = consumed.value().receipts.first().flowId;
        }
        if (setup == u"elsewhere")
            QCOMPARE(elsewhere(code).status, 200);
        if (setup == u"reverse")
            QVERIFY(m_rig->reverse(m_token, code, order.dealId).ok());
        if (setup == u"refund" || setup == u"refunding" || setup == u"used_refund")
            QCOMPARE(refund(order.orderId,
                            {{"receipt_codes", QJsonArray{code}},
                             {"in_progress", setup == u"refunding"}})
                             .status,
                     200);

        const Rig::Reply reply =
                m_rig->control("GET", QStringLiteral("/sandbox/meituan/receipts/") + code);
        QCOMPARE(reply.status, 200);
        keys.sort();
        QCOMPARE(this->keys(reply.json), keys);
        QCOMPARE(reply.json.value(QStringLiteral("receipt_code")).toString(), code);
        QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), status);
        QCOMPARE(reply.json.value(QStringLiteral("order_id")).toString(), order.orderId);
        QCOMPARE(reply.json.value(QStringLiteral("expired")).toBool(), false);
        if (keys.contains(u"consumed_at"))
            QCOMPARE(reply.json.value(QStringLiteral("consumed_at")).toInteger(), now);
        if (keys.contains(u"request_id"))
            QCOMPARE(reply.json.value(QStringLiteral("request_id")).toString(),
                     QStringLiteral("ctl-1"));
        if (!flowId.isEmpty() && keys.contains(u"flow_id"))
            QCOMPARE(reply.json.value(QStringLiteral("flow_id")).toString(), flowId);
    }

    void expiredReceipt()
    {
        const Rig::Order order = m_rig->mint(Rig::store(0), 1, {{"expire_in_days", 1}});
        QCOMPARE(m_rig->receipt(order.codes.first()).value(QStringLiteral("expired")).toBool(),
                 false);
        m_rig->advanceClock(86401);
        const QJsonObject receipt = m_rig->receipt(order.codes.first());
        QCOMPARE(receipt.value(QStringLiteral("expired")).toBool(), true);
        QCOMPARE(receipt.value(QStringLiteral("status")).toString(), QStringLiteral("unused"));
    }

    void notFound_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::newRow("receipt") << QByteArray("GET") << "/sandbox/meituan/receipts/1234567890";
        QTest::newRow("order") << QByteArray("GET") << "/sandbox/meituan/orders/404";
        QTest::newRow("refund") << QByteArray("POST") << "/sandbox/meituan/orders/404/refund";
        QTest::newRow("consume elsewhere")
                << QByteArray("POST") << "/sandbox/meituan/receipts/1234567890/consume_elsewhere";
        QTest::newRow("auth code for no store")
                << QByteArray("POST") << "/sandbox/meituan/auth_codes";
    }

    void notFound()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        const QJsonObject body = path.contains(u"auth_codes")
                ? QJsonObject{{"poi_id", "7000000000000000999"}}
                : QJsonObject();
        const Rig::Reply reply = m_rig->control(verb, path, body);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.json.value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("code"))
                         .toString(),
                 QStringLiteral("not_found"));
    }

    void ordersList()
    {
        const Rig::Order first = m_rig->mint(Rig::store(0), 2, {{"deal_price_fen", 1990}});
        const Rig::Order second = m_rig->mint(Rig::store(2));
        QVERIFY(m_rig->consume(m_token, first.codes.at(1), 1, QStringLiteral("o-1")).ok());
        const Rig::Reply listed = m_rig->control("GET", QStringLiteral("/sandbox/meituan/orders"));
        QCOMPARE(listed.status, 200);
        const QJsonArray orders = listed.json.value(QStringLiteral("orders")).toArray();
        QCOMPARE(orders.size(), 2);
        const QJsonObject order = orders.at(0).toObject();
        QCOMPARE(keys(order),
                 QStringList({"biz_type", "deal_group_id", "deal_id", "deal_market_price_fen",
                              "deal_price_fen", "deal_title", "end_time", "op_biz_code", "order_id",
                              "poi_id", "receipts", "start_time"}));
        QCOMPARE(order.value(QStringLiteral("order_id")).toString(), first.orderId);
        QCOMPARE(order.value(QStringLiteral("deal_price_fen")).toInteger(), 1990);
        const QJsonArray receipts = order.value(QStringLiteral("receipts")).toArray();
        QCOMPARE(receipts.size(), 2);
        QCOMPARE(receipts.at(0).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("unused"));
        QCOMPARE(receipts.at(1).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("used"));
        QCOMPARE(orders.at(1).toObject().value(QStringLiteral("op_biz_code")).toString(),
                 second.opBizCode);
        const Rig::Reply one =
                m_rig->control("GET", QStringLiteral("/sandbox/meituan/orders/") + first.orderId);
        QCOMPARE(one.json, order);
    }

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
        const Rig::Reply reply = refund(order.orderId, body);
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
        QCOMPARE(refund(order.orderId, {{"in_progress", true}}).status, 200);
        QCOMPARE(refund(order.orderId, {{"in_progress", true}}).status, 409);
        QCOMPARE(refund(order.orderId).status, 200);
        QCOMPARE(m_rig->receiptStatus(order.codes.first()), QStringLiteral("refunded"));
        const Rig::Reply again = refund(order.orderId);
        QCOMPARE(again.status, 409);
        QCOMPARE(again.json.value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("code"))
                         .toString(),
                 QStringLiteral("conflict"));
        QCOMPARE(refund(order.orderId, {{"receipt_codes", QJsonArray{order.codes.first()}}}).status,
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
            QCOMPARE(refund(order.orderId).status, 200);
        const QString before = m_rig->receiptStatus(code);

        const Rig::Reply reply = elsewhere(code);
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

    void authCodeRefusals_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("no poi_id") << QJsonObject() << 400;
        QTest::newRow("unknown field")
                << QJsonObject{{"poi_id", Rig::store(0)}, {"state", "x"}} << 400;
        QTest::newRow("poi_id an object") << QJsonObject{{"poi_id", QJsonObject()}} << 400;
    }

    void authCodeRefusals()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        QCOMPARE(m_rig->control("POST", QStringLiteral("/sandbox/meituan/auth_codes"), body).status,
                 status);
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
                    QVERIFY(isReceiptCode(code));
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
        QCOMPARE(refund(order.orderId).status, 200);
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

QTEST_GUILESS_MAIN(tst_SandboxMeituanControl)
#include "tst_sandboxmeituancontrol.moc"
