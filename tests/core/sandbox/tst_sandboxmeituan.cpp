#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "tests/core/sandbox/sandboxmeituanrig.h"

#include "core/meituan/meituanapi.h"

// The sandbox's Meituan receipt calls (MEITUAN.md §2-§6) driven by the product's MeituanClient
// over real loopback HTTP: the business rules, requestId idempotency and the 10-minute cancel.
// Malformed requests: tst_sandboxmeituanform; tokens: tst_sandboxmeituantokens; faults:
// tst_sandboxmeituanfaults; the control API: tst_sandboxmeituancontrol.
class tst_SandboxMeituan : public QObject
{
    Q_OBJECT

private:
    using Rig = SandboxMeituanRig;

    enum class Setup {
        Unknown,
        Used,
        Expired,
        ExpiredByClock,
        RefundInProgress,
        Refunded,
        OtherStore,
        NotStarted,
        StartedByClock,
        TooMany,
    };

    std::unique_ptr<Rig> m_rig;
    QString m_token; // the first demo store's

    // The order a rule is tried on: its first code is the one prepared and consumed.
    Rig::Order arrange(Setup setup)
    {
        switch (setup) {
        case Setup::Unknown:
            return {QString(), {QStringLiteral("1234567890")}, {}, {}, {}};
        case Setup::Used: {
            const Rig::Order order = m_rig->mint(Rig::store(0));
            m_rig->control("POST",
                           QStringLiteral("/sandbox/meituan/receipts/%1/consume_elsewhere")
                                   .arg(order.codes.first()));
            return order;
        }
        case Setup::Expired:
            return m_rig->mint(Rig::store(0), 1, {{"expire_in_days", -1}});
        case Setup::ExpiredByClock: {
            const Rig::Order order = m_rig->mint(Rig::store(0), 1, {{"expire_in_days", 1}});
            m_rig->advanceClock(2 * 86400);
            return order;
        }
        case Setup::RefundInProgress:
        case Setup::Refunded: {
            const Rig::Order order = m_rig->mint(Rig::store(0));
            m_rig->control("POST",
                           QStringLiteral("/sandbox/meituan/orders/%1/refund").arg(order.orderId),
                           {{"in_progress", setup == Setup::RefundInProgress}});
            return order;
        }
        case Setup::OtherStore:
            return m_rig->mint(Rig::store(1));
        case Setup::NotStarted:
            return m_rig->mint(Rig::store(0), 1, {{"starts_in_days", 1}});
        case Setup::StartedByClock: {
            const Rig::Order order = m_rig->mint(Rig::store(0), 1, {{"starts_in_days", 1}});
            m_rig->advanceClock(86400);
            return order;
        }
        case Setup::TooMany:
            return m_rig->mint(Rig::store(0), 2);
        }
        return {};
    }

    // Consumes the order's first code through the client; the flowIds, or empty on failure.
    QStringList consumeFirst(const Rig::Order &order, int count, const QString &requestId)
    {
        const auto consumed = m_rig->consume(m_token, order.codes.first(), count, requestId);
        QStringList flowIds;
        if (consumed.ok()) {
            for (const Meituan::Receipt &receipt : consumed.value().receipts)
                flowIds.append(receipt.flowId);
        }
        return flowIds;
    }

    // prepare's count for the code, -1 when prepare refused it.
    int left(const QString &code)
    {
        const auto prepared = m_rig->prepare(m_token, code);
        return prepared.ok() ? prepared.value().count : -1;
    }

private slots:
    void init()
    {
        m_rig = std::make_unique<Rig>();
        m_token = m_rig->bind(Rig::store(0));
        QVERIFY(!m_token.isEmpty());
    }

    void cleanup() { m_rig.reset(); }

    // prepare, consume 2 of 3, the status query, cancel one, and the day's list: what the
    // product does at the till, end to end.
    void fullFlow()
    {
        const Rig::Order order = m_rig->mint(Rig::store(0), 3,
                                             {{"deal_title", "双人下午茶"},
                                              {"deal_price_fen", 9990},
                                              {"deal_market_price_fen", 16800}});
        const auto prepared = m_rig->prepare(m_token, order.codes.at(0));
        QVERIFY2(prepared.ok(), qPrintable(prepared.ok() ? QString() : prepared.error().message));
        const Meituan::PrepareResult &p = prepared.value();
        QCOMPARE(p.count, 3);
        QCOMPARE(p.receipt.receiptCode, order.codes.at(0));
        QCOMPARE(p.receipt.orderId, order.orderId);
        QCOMPARE(p.receipt.dealId, order.dealId);
        QCOMPARE(p.receipt.dealGroupId, order.dealGroupId);
        QCOMPARE(p.receipt.dealTitle, QStringLiteral("双人下午茶"));
        QCOMPARE(p.receipt.dealPriceFen, 9990);
        QCOMPARE(p.receipt.dealMarketPriceFen, 16800);
        QCOMPARE(p.receipt.paymentDetail.size(), 1);
        QCOMPARE(p.receipt.paymentDetail.first().amountFen, 9990);
        QVERIFY(p.receipt.receiptEndDate > QDateTime::currentDateTimeUtc().addDays(89));
        QVERIFY(!p.traceId.isEmpty());

        const auto consumed = m_rig->consume(m_token, order.codes.at(1), 2, QStringLiteral("r-1"));
        QVERIFY(consumed.ok());
        const QList<Meituan::Receipt> receipts = consumed.value().receipts;
        QCOMPARE(receipts.size(), 2);
        QCOMPARE(receipts.at(0).receiptCode, order.codes.at(1)); // the named one first
        QCOMPARE(receipts.at(1).receiptCode, order.codes.at(0));
        QCOMPARE(receipts.at(0).dealGroupId, order.dealGroupId); // read from dealgroupId
        QVERIFY(!receipts.at(0).flowId.isEmpty());
        QVERIFY(receipts.at(0).flowId != receipts.at(1).flowId);
        QCOMPARE(receipts.at(0).receiptEndDate.toSecsSinceEpoch(),
                 p.receipt.receiptEndDate.toSecsSinceEpoch());
        QCOMPARE(left(order.codes.at(2)), 1);

        const auto status = m_rig->consumed(m_token, order.codes.at(1));
        QVERIFY(status.ok());
        QVERIFY(status.value().consumed);
        QCOMPARE(status.value().dealGroupId, order.dealGroupId);
        QCOMPARE(status.value().verifyAccount, QStringLiteral("收银员一"));
        QVERIFY(!status.value().verifyTime.isEmpty());

        const auto reversed = m_rig->reverse(m_token, order.codes.at(1), order.dealId);
        QVERIFY(reversed.ok());
        QCOMPARE(reversed.value().receipts.size(), 1);
        QCOMPARE(reversed.value().receipts.first().receiptCode, order.codes.at(1));
        QCOMPARE(m_rig->receiptStatus(order.codes.at(1)), QStringLiteral("unused"));
        QCOMPARE(m_rig->receiptStatus(order.codes.at(0)), QStringLiteral("used"));
        QCOMPARE(left(order.codes.at(2)), 2);
        const auto after = m_rig->consumed(m_token, order.codes.at(1));
        QVERIFY(after.ok() && !after.value().consumed);

        const QDate today = QDateTime::currentDateTimeUtc().toOffsetFromUtc(8 * 3600).date();
        const auto listed = m_rig->list(m_token, today, 0, 300);
        QVERIFY(listed.ok());
        QCOMPARE(listed.value().totalCount, 2);
        QCOMPARE(listed.value().records.at(0).receiptCode, order.codes.at(1));
        QCOMPARE(listed.value().records.at(0).refundStatus, 0); // reversed: unused again
        QCOMPARE(listed.value().records.at(1).refundStatus, 1);
        QCOMPARE(listed.value().records.at(1).flowId, receipts.at(1).flowId);
    }

    // The fields MEITUAN.md names differently call by call, as the wire carries them.
    void fieldNamesAndTypes_data()
    {
        QTest::addColumn<bool>("consume");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue::Type>("type");
        QTest::addColumn<QJsonValue>("expected"); // Undefined: only the type is checked
        const auto row = [](const char *name, bool consume, const char *key, QJsonValue::Type type,
                            QJsonValue expected = QJsonValue::Undefined) {
            QTest::newRow(name) << consume << QString::fromLatin1(key) << type << expected;
        };
        row("prepare: dealGroupId, a number", false, "dealGroupId", QJsonValue::Double);
        row("prepare: no dealgroupId", false, "dealgroupId", QJsonValue::Undefined);
        row("prepare: receiptEndDate in ms", false, "receiptEndDate", QJsonValue::Double,
            QJsonValue(qint64(4102415999) * 1000));
        row("prepare: dealPrice in yuan", false, "dealPrice", QJsonValue::Double, 99.9);
        row("prepare: dealMarketPrice in yuan", false, "dealMarketPrice", QJsonValue::Double, 168);
        row("prepare: dealId, a number", false, "dealId", QJsonValue::Double);
        row("prepare: count", false, "count", QJsonValue::Double, 1);
        row("prepare: orderId, a string", false, "orderId", QJsonValue::String);
        row("consume: dealgroupId", true, "dealgroupId", QJsonValue::Double);
        row("consume: no dealGroupId", true, "dealGroupId", QJsonValue::Undefined);
        row("consume: receiptEndDate, a string", true, "receiptEndDate", QJsonValue::String,
            QStringLiteral("2099-12-31 23:59:59"));
        row("consume: flowId, a number", true, "flowId", QJsonValue::Double);
        row("consume: dealPrice in yuan", true, "dealPrice", QJsonValue::Double, 99.9);
    }

    void fieldNamesAndTypes()
    {
        QFETCH(bool, consume);
        QFETCH(QString, key);
        QFETCH(QJsonValue::Type, type);
        QFETCH(QJsonValue, expected);
        // 2099-12-31 23:59:59 Beijing time, as the demo data's coupons end.
        SandboxState::MeituanOrderSpec spec;
        spec.poiId = Rig::store(0);
        spec.dealPriceFen = 9990;
        spec.dealMarketPriceFen = 16800;
        spec.endTime = 4102415999;
        const auto minted = m_rig->state().mintMeituanOrder(spec);
        QVERIFY(minted.ok());
        const QString code = minted.value().receiptCodes.first();
        const Rig::Reply reply = consume
                ? m_rig->business(MeituanApi::PATH_CONSUME, m_token,
                                  {{"receiptCode", code}, {"count", 1}, {"requestId", "f-1"}})
                : m_rig->business(MeituanApi::PATH_PREPARE, m_token, {{"receiptCode", code}});
        QCOMPARE(reply.code(), QStringLiteral("OP_SUCCESS"));
        const QJsonObject object = consume ? reply.result() : reply.data();
        QCOMPARE(object.value(key).type(), type);
        if (!expected.isUndefined())
            QCOMPARE(object.value(key), expected);
        const QJsonObject payment =
                object.value(QStringLiteral("paymentDetail")).toArray().first().toObject();
        QCOMPARE(payment.value(QStringLiteral("amount")).toString(), QStringLiteral("99.90"));
    }

    void receiptRules_data()
    {
        QTest::addColumn<Setup>("setup");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("prepareCode"); // empty: prepare succeeds
        QTest::addColumn<QString>("consumeCode"); // empty: consume succeeds
        QTest::addColumn<RejectReason>("reason");
        const QString none;
        QTest::newRow("unknown code") << Setup::Unknown << 1 << "1006"
                                      << "1006" << RejectReason::NotFound;
        QTest::newRow("used") << Setup::Used << 1 << "1008"
                              << "1008" << RejectReason::Used;
        QTest::newRow("expired") << Setup::Expired << 1 << "1009"
                                 << "1009" << RejectReason::Expired;
        QTest::newRow("expired by the sandbox clock") << Setup::ExpiredByClock << 1 << "1009"
                                                      << "1009" << RejectReason::Expired;
        QTest::newRow("refund in progress") << Setup::RefundInProgress << 1 << "1010"
                                            << "1010" << RejectReason::Refunded;
        QTest::newRow("refunded") << Setup::Refunded << 1 << "1011"
                                  << "1011" << RejectReason::Refunded;
        QTest::newRow("another store's") << Setup::OtherStore << 1 << "1012"
                                         << "1012" << RejectReason::WrongStore;
        QTest::newRow("not started") << Setup::NotStarted << 1 << "1015"
                                     << "1015" << RejectReason::NotStarted;
        QTest::newRow("started once the clock moved")
                << Setup::StartedByClock << 1 << none << none << RejectReason::Unknown;
        QTest::newRow("count above what is left")
                << Setup::TooMany << 3 << none << "1018" << RejectReason::Unknown;
    }

    // Prepare and consume answer the same reason; a refused consume changes nothing.
    void receiptRules()
    {
        QFETCH(Setup, setup);
        QFETCH(int, count);
        QFETCH(QString, prepareCode);
        QFETCH(QString, consumeCode);
        QFETCH(RejectReason, reason);
        const Rig::Order order = arrange(setup);
        const QString before = m_rig->receiptStatus(order.codes.first());

        const auto prepared = m_rig->prepare(m_token, order.codes.first());
        QCOMPARE(prepared.ok(), prepareCode.isEmpty());
        if (!prepared.ok()) {
            QCOMPARE(prepared.error().kind, PlatformError::Kind::Rejected);
            QCOMPARE(prepared.error().code, prepareCode);
            QVERIFY(!prepared.error().msg.isEmpty());
            QVERIFY(!prepared.error().traceId.isEmpty());
        }
        const auto consumed =
                m_rig->consume(m_token, order.codes.first(), count, QStringLiteral("rule"));
        QCOMPARE(consumed.ok(), consumeCode.isEmpty());
        if (consumed.ok()) {
            QCOMPARE(m_rig->receiptStatus(order.codes.first()), QStringLiteral("used"));
            return;
        }
        QCOMPARE(consumed.error().kind, PlatformError::Kind::Rejected);
        QCOMPARE(consumed.error().code, consumeCode);
        QCOMPARE(consumed.error().reason, reason);
        QCOMPARE(m_rig->receiptStatus(order.codes.first()), before);
        for (const QString &code : order.codes.mid(1))
            QCOMPARE(m_rig->receiptStatus(code), QStringLiteral("unused"));
    }

    void countConsumesFromTheOrder_data()
    {
        QTest::addColumn<int>("receipts");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("named"); // index of the code the consume names
        QTest::newRow("1 of 1") << 1 << 1 << 0;
        QTest::newRow("2 of 3, naming the last") << 3 << 2 << 2;
        QTest::newRow("3 of 3") << 3 << 3 << 1;
        QTest::newRow("100 of 100") << 100 << 100 << 50;
    }

    void countConsumesFromTheOrder()
    {
        QFETCH(int, receipts);
        QFETCH(int, count);
        QFETCH(int, named);
        const Rig::Order order = m_rig->mint(Rig::store(0), receipts);
        const auto consumed =
                m_rig->consume(m_token, order.codes.at(named), count, QStringLiteral("count"));
        QVERIFY(consumed.ok());
        QCOMPARE(consumed.value().receipts.size(), count);
        QCOMPARE(consumed.value().receipts.first().receiptCode, order.codes.at(named));
        QStringList unused;
        for (const QString &code : order.codes) {
            if (m_rig->receiptStatus(code) == u"unused")
                unused.append(code);
        }
        QCOMPARE(unused.size(), receipts - count);
        if (!unused.isEmpty())
            QCOMPARE(left(unused.first()), receipts - count);
    }

    void requestIdIdempotency_data()
    {
        QTest::addColumn<QString>("between"); // what happens between the two consumes
        QTest::addColumn<int>("secondCount");
        QTest::addColumn<int>("secondStore");
        QTest::addColumn<QString>("secondCode"); // empty: the first answer again
        QTest::newRow("sent again at once") << "" << 2 << 0 << "";
        QTest::newRow("sent again after the clock moved a day") << "clock" << 2 << 0 << "";
        QTest::newRow("sent again after a cancel") << "reverse" << 2 << 0 << "";
        QTest::newRow("sent again after a refund") << "refund" << 2 << 0 << "";
        QTest::newRow("same requestId, other count") << "" << 1 << 0 << "OP_PARAM_ERROR";
        QTest::newRow("same requestId, other store") << "" << 2 << 1 << "OP_PARAM_ERROR";
    }

    // The requestId is applied at most once, ever: a resend answers the first result.
    void requestIdIdempotency()
    {
        QFETCH(QString, between);
        QFETCH(int, secondCount);
        QFETCH(int, secondStore);
        QFETCH(QString, secondCode);
        const Rig::Order order = m_rig->mint(Rig::store(0), 3);
        const QStringList first = consumeFirst(order, 2, QStringLiteral("same-id"));
        QCOMPARE(first.size(), 2);
        if (between == u"clock")
            m_rig->advanceClock(86400);
        if (between == u"reverse")
            QVERIFY(m_rig->reverse(m_token, order.codes.first(), order.dealId).ok());
        if (between == u"refund")
            QCOMPARE(m_rig->control("POST",
                                    QStringLiteral("/sandbox/meituan/orders/%1/refund")
                                            .arg(order.orderId))
                             .status,
                     200);

        const QString token = secondStore == 0 ? m_token : m_rig->bind(Rig::store(secondStore));
        const auto again =
                m_rig->consume(token, order.codes.first(), secondCount, QStringLiteral("same-id"));
        QCOMPARE(m_rig->stat(QStringLiteral("meituan.consume")), 2);
        if (!secondCode.isEmpty()) {
            QVERIFY(!again.ok());
            QCOMPARE(again.error().code, secondCode);
            QVERIFY2(again.error().msg.contains(u"requestId"), qPrintable(again.error().msg));
            return;
        }
        QVERIFY(again.ok());
        QStringList flowIds;
        for (const Meituan::Receipt &receipt : again.value().receipts)
            flowIds.append(receipt.flowId);
        QCOMPARE(flowIds, first);
        // Nothing more was consumed: one consumption per receipt in the day's list.
        QCOMPARE(m_rig->state().meituanBook().consumptions().size(), 2);
    }

    // A consume that failed records nothing: the same requestId is judged afresh.
    void failedRequestIdIsFree()
    {
        const Rig::Order order = m_rig->mint(Rig::store(0), 2);
        const auto tooMany = m_rig->consume(m_token, order.codes.first(), 3, QStringLiteral("x"));
        QVERIFY(!tooMany.ok());
        QCOMPARE(tooMany.error().code, QStringLiteral("1018"));
        const auto fits = m_rig->consume(m_token, order.codes.first(), 2, QStringLiteral("x"));
        QVERIFY(fits.ok());
        QCOMPARE(fits.value().receipts.size(), 2);
    }

    void cancelWindow_data()
    {
        QTest::addColumn<qint64>("after");
        QTest::addColumn<bool>("cancelled");
        QTest::newRow("at once") << qint64(0) << true;
        QTest::newRow("599 s later") << qint64(599) << true;
        QTest::newRow("600 s later, the last second") << qint64(600) << true;
        QTest::newRow("601 s later") << qint64(601) << false;
        QTest::newRow("an hour later") << qint64(3600) << false;
    }

    // The clock moves, the client's timestamps do not: the form check accepts both.
    void cancelWindow()
    {
        QFETCH(qint64, after);
        QFETCH(bool, cancelled);
        const Rig::Order order = m_rig->mint(Rig::store(0));
        QCOMPARE(consumeFirst(order, 1, QStringLiteral("w")).size(), 1);
        QVERIFY(m_rig->advanceClock(after) > 0);
        const auto reversed = m_rig->reverse(m_token, order.codes.first(), order.dealId);
        QCOMPARE(reversed.ok(), cancelled);
        QCOMPARE(m_rig->receiptStatus(order.codes.first()),
                 cancelled ? QStringLiteral("unused") : QStringLiteral("used"));
        if (!cancelled) {
            QCOMPARE(reversed.error().code, QStringLiteral("OP_REVERSE_NOT_ALLOWED"));
            QCOMPARE(reversed.error().reason, RejectReason::TooLateToCancel);
        }
    }

    void cancelRefusals_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("code");
        QTest::newRow("not consumed") << "none"
                                      << "OP_REVERSE_NOT_ALLOWED";
        QTest::newRow("consumed in Meituan's app") << "elsewhere"
                                                   << "OP_REVERSE_NOT_ALLOWED";
        QTest::newRow("dealGroupId for dealId") << "group"
                                                << "OP_REVERSE_NOT_ALLOWED";
        QTest::newRow("another deal's id") << "otherdeal"
                                           << "OP_REVERSE_NOT_ALLOWED";
        QTest::newRow("cancelled already") << "twice"
                                           << "OP_REVERSE_NOT_ALLOWED";
        QTest::newRow("refunded after use") << "refunded"
                                            << "1011";
        QTest::newRow("another store's") << "store"
                                         << "1012";
        QTest::newRow("unknown code") << "unknown"
                                      << "1006";
    }

    void cancelRefusals()
    {
        QFETCH(QString, setup);
        QFETCH(QString, code);
        const Rig::Order order = m_rig->mint(setup == u"store" ? Rig::store(1) : Rig::store(0));
        QString receipt = order.codes.first();
        QString dealId = order.dealId;
        if (setup == u"elsewhere")
            m_rig->control(
                    "POST",
                    QStringLiteral("/sandbox/meituan/receipts/%1/consume_elsewhere").arg(receipt));
        if (setup == u"group" || setup == u"otherdeal" || setup == u"twice" || setup == u"refunded")
            QCOMPARE(consumeFirst(order, 1, QStringLiteral("c")).size(), 1);
        if (setup == u"group")
            dealId = order.dealGroupId;
        if (setup == u"otherdeal")
            dealId = m_rig->mint(Rig::store(0), 1, {{"deal_title", "另一个团购"}}).dealId;
        if (setup == u"twice")
            QVERIFY(m_rig->reverse(m_token, receipt, dealId).ok());
        if (setup == u"refunded")
            m_rig->control("POST",
                           QStringLiteral("/sandbox/meituan/orders/%1/refund").arg(order.orderId),
                           {{"receipt_codes", QJsonArray{receipt}}});
        if (setup == u"unknown")
            receipt = QStringLiteral("1111111111");
        const QString before = m_rig->receiptStatus(receipt);

        const auto reversed = m_rig->reverse(m_token, receipt, dealId);
        QVERIFY(!reversed.ok());
        QCOMPARE(reversed.error().code, code);
        QCOMPARE(m_rig->receiptStatus(receipt), before);
    }

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
            QCOMPARE(consumeFirst(order, 1, QStringLiteral("s")).size(), 1);
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
        QCOMPARE(consumeFirst(mine, 5, QStringLiteral("l")).size(), 5);
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
        QCOMPARE(consumeFirst(order, 1, QStringLiteral("rs")).size(), 1);
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

QTEST_GUILESS_MAIN(tst_SandboxMeituan)
#include "tst_sandboxmeituan.moc"
