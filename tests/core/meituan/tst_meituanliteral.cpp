#include <QTest>
#include <QTimeZone>

#include "tests/common/meituanrig.h"

#include "core/meituan/meituanapi.h"

// Meituan's answers, literally in MEITUAN.md §1-§6's shapes (field names that differ between
// calls, yuan as numbers and strings, ids past 2^53), read into the typed answers.
using Action = ScriptedDouyin::Action;
using Kind = PlatformError::Kind;
using Rig = MeituanRig;

namespace {

const QByteArray PREPARE_ANSWER =
        R"({"code": "OP_SUCCESS", "msg": "成功", "traceId": "trace-prepare-1",
 "data": {"count": 3, "orderId": 4812345678901234567, "receiptCode": "0123456789",
  "dealId": 900000001234, "dealGroupId": 800000005678, "dealTitle": "双人套餐",
  "dealPrice": 99.9, "dealMarketPrice": 128, "mobile": "138****5678", "bizType": 205,
  "paymentDetail": [{"paymentDetailId": "p-1", "amount": "89.90", "amountType": 1},
                    {"paymentDetailId": "p-2", "amount": "0.07", "amountType": 2}],
  "receiptEndDate": 1767196799000, "platformAmount": 10, "merchantAmount": "89.9",
  "productType": 1, "productItemId": "item-7"}})";

const QByteArray CONSUME_ANSWER =
        R"({"code": "OP_SUCCESS", "msg": "成功", "traceId": "trace-consume-1",
 "data": {"result": [
  {"orderId": "4812345678901234567", "receiptCode": "0123456789", "dealId": 900000001234,
   "dealgroupId": 800000005678, "dealTitle": "双人套餐", "dealPrice": 19.99, "dealMarketPrice": "128.00",
   "mobile": "138****5678", "bizType": 0, "paymentDetail": [], "receiptEndDate": "1767196799000",
   "flowId": "flow-1", "platformAmount": 0.1, "merchantAmount": 19.89},
  {"orderId": "4812345678901234567", "receiptCode": "0123456790", "dealId": 900000001234,
   "dealgroupId": 800000005678, "dealTitle": "双人套餐", "dealPrice": 19.99, "dealMarketPrice": "128.00",
   "mobile": "138****5678", "bizType": 0, "paymentDetail": [], "receiptEndDate": "2025-12-31 23:59:59",
   "flowId": "flow-2", "platformAmount": 0, "merchantAmount": 19.99}]}})";

const QByteArray GET_CONSUMED_ANSWER =
        R"({"code": "OP_SUCCESS", "msg": "成功", "traceId": "trace-get-1",
 "data": {"receiptCode": "0123456789", "dealId": 900000001234, "dealGroupId": 800000005678,
  "dealTitle": "双人套餐", "dealPrice": "99.90", "dealMarketPrice": 128, "verifyAccount": "op-7",
  "verifyChannel": "open", "verifyTime": "2025-12-01 12:00:00", "bizType": 0}})";

const QByteArray NOT_CONSUMED_ANSWER =
        R"({"code": "1006", "msg": "券码未验证", "traceId": "trace-get-2", "data": null})";

const QByteArray REVERSE_ANSWER =
        R"({"code": "OP_SUCCESS", "msg": "成功", "traceId": "trace-reverse-1",
 "data": {"result": [{"orderId": "4812345678901234567", "receiptCode": "0123456789",
  "dealId": 900000001234, "dealgroupId": 800000005678, "dealTitle": "双人套餐",
  "dealPrice": 99.9, "dealMarketPrice": 128, "mobile": "138****5678"}]}})";

const QByteArray LIST_ANSWER = R"({"code": "OP_SUCCESS", "msg": "成功", "traceId": "trace-list-1",
 "data": {"totalCount": 2, "records": [
  {"receiptCode": "0123456789", "dealId": 900000001234, "dealGroupId": 800000005678, "dealTitle": "双人套餐",
   "dealPrice": 99.9, "verifyAccount": "op-7", "verifyChannel": "open", "verifyTime": "2025-12-01 12:00:00",
   "bizType": 0, "flowId": "flow-1", "refundStatus": 1},
  {"receiptCode": "0123456790", "dealId": 900000001234, "dealGroupId": 800000005678, "dealTitle": "双人套餐",
   "dealPrice": "99.90", "verifyAccount": "商家App", "verifyChannel": "app", "verifyTime": "2025-12-01 12:05:00",
   "bizType": 0, "flowId": "flow-2", "refundStatus": 6}]}})";

// §1: the oauth endpoints answer code 0, not OP_SUCCESS, and no traceId.
const QByteArray TOKEN_ANSWER = R"({"code": 0, "msg": "success", "data": {"accessToken": "at-1",
 "expireIn": 2592000, "refreshToken": "rt-1", "scope": "all", "opBizCode": "mt-poi1"}})";

} // namespace

class tst_MeituanLiteral : public QObject
{
    Q_OBJECT

    std::unique_ptr<Rig> m_rig;

private slots:
    void init() { m_rig = std::make_unique<Rig>(); }
    void cleanup() { m_rig.reset(); }

    void prepare()
    {
        m_rig->server->script(MeituanApi::PATH_PREPARE, Action::answer(PREPARE_ANSWER));
        const auto r = Rig::await<Meituan::PrepareResult>(
                [&](auto done) { m_rig->client->prepare(Rig::TOKEN, "0123456789", this, done); });
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        const Meituan::PrepareResult &p = r.value();
        QCOMPARE(p.count, 3);
        QCOMPARE(p.traceId, "trace-prepare-1");
        QCOMPARE(p.receipt.orderId, "4812345678901234567"); // past 2^53, every digit kept
        QCOMPARE(p.receipt.dealId, "900000001234");
        QCOMPARE(p.receipt.dealGroupId, "800000005678");
        QCOMPARE(p.receipt.dealTitle, "双人套餐");
        QCOMPARE(p.receipt.dealPriceFen, 9990);
        QCOMPARE(p.receipt.dealMarketPriceFen, 12800);
        QCOMPARE(p.receipt.bizType, 205);
        QCOMPARE(p.receipt.paymentDetail.size(), 2);
        QCOMPARE(p.receipt.paymentDetail.at(0).amountFen, 8990);
        QCOMPARE(p.receipt.paymentDetail.at(1).amountFen, 7);
        QCOMPARE(p.receipt.paymentDetail.at(1).amountType, 2);
        QCOMPARE(p.receipt.receiptEndDate.toMSecsSinceEpoch(), 1767196799000);
        QCOMPARE(p.receipt.platformAmountFen, 1000);
        QCOMPARE(p.receipt.merchantAmountFen, std::optional<qint64>(8990));
        QCOMPARE(p.productItemId, "item-7");
    }

    void consume()
    {
        m_rig->server->script(MeituanApi::PATH_CONSUME, Action::answer(CONSUME_ANSWER));
        const Meituan::ConsumeRequest request{"0123456789", 2, "req-1", "op-7", "张三"};
        const auto r = Rig::await<Meituan::ConsumeResult>(
                [&](auto done) { m_rig->client->consume(Rig::TOKEN, request, this, done); });
        QVERIFY(r.ok());
        QCOMPARE(r.value().traceId, "trace-consume-1");
        const QList<Meituan::Receipt> &list = r.value().receipts;
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).dealGroupId, "800000005678"); // spelt dealgroupId here
        QCOMPARE(list.at(0).dealPriceFen, 1999);
        QCOMPARE(list.at(0).dealMarketPriceFen, 12800);
        QCOMPARE(list.at(0).platformAmountFen, 10);
        QCOMPARE(list.at(0).merchantAmountFen, std::optional<qint64>(1989));
        QCOMPARE(list.at(0).flowId, "flow-1");
        QCOMPARE(list.at(0).receiptEndDate.toMSecsSinceEpoch(), 1767196799000); // a string here
        QCOMPARE(list.at(1).receiptCode, "0123456790");
        QCOMPARE(list.at(1).receiptEndDate,
                 QDateTime(QDate(2025, 12, 31), QTime(23, 59, 59), QTimeZone(8 * 3600)));
    }

    void consumedStatus_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<bool>("consumed");
        QTest::addColumn<QString>("traceId");
        QTest::newRow("consumed") << GET_CONSUMED_ANSWER << true << "trace-get-1";
        QTest::newRow("1006 means not consumed") << NOT_CONSUMED_ANSWER << false << "trace-get-2";
    }

    void consumedStatus()
    {
        QFETCH(QByteArray, answer);
        QFETCH(bool, consumed);
        QFETCH(QString, traceId);
        m_rig->server->script(MeituanApi::PATH_GET_CONSUMED, Action::answer(answer));
        const auto r = Rig::await<Meituan::ConsumedStatus>([&](auto done) {
            m_rig->client->consumedStatus(Rig::TOKEN, "0123456789", this, done);
        });
        QVERIFY(r.ok());
        QCOMPARE(r.value().consumed, consumed);
        QCOMPARE(r.value().receiptCode, "0123456789");
        QCOMPARE(r.value().traceId, traceId);
        if (consumed) {
            QCOMPARE(r.value().dealPriceFen, 9990);
            QCOMPARE(r.value().verifyAccount, "op-7");
            QCOMPARE(r.value().verifyTime, "2025-12-01 12:00:00");
        }
    }

    void reverseConsume()
    {
        m_rig->server->script(MeituanApi::PATH_REVERSE_CONSUME, Action::answer(REVERSE_ANSWER));
        const Meituan::ReverseConsumeRequest request{"0123456789", "900000001234", "op-7", "张三"};
        const auto r = Rig::await<Meituan::ReverseConsumeResult>(
                [&](auto done) { m_rig->client->reverseConsume(Rig::TOKEN, request, this, done); });
        QVERIFY(r.ok());
        QCOMPARE(r.value().receipts.size(), 1);
        QCOMPARE(r.value().receipts.at(0).dealGroupId, "800000005678");
        QCOMPARE(r.value().receipts.at(0).dealPriceFen, 9990);
        QCOMPARE(r.value().traceId, "trace-reverse-1");
    }

    void listByDate()
    {
        m_rig->server->script(MeituanApi::PATH_QUERY_LIST_BY_DATE, Action::answer(LIST_ANSWER));
        const Meituan::ListRequest request{QDate(2025, 12, 1), 0, 300, 0};
        const auto r = Rig::await<Meituan::ListResult>(
                [&](auto done) { m_rig->client->listByDate(Rig::TOKEN, request, this, done); });
        QVERIFY(r.ok());
        QCOMPARE(r.value().totalCount, 2);
        QCOMPARE(r.value().records.size(), 2);
        QCOMPARE(r.value().records.at(0).refundStatus, 1);
        QCOMPARE(r.value().records.at(1).refundStatus, 6);
        QCOMPARE(r.value().records.at(1).dealPriceFen, 9990);
        QCOMPARE(r.value().records.at(1).verifyAccount, "商家App");
        QCOMPARE(r.value().records.at(1).flowId, "flow-2");
    }

    void tokens_data()
    {
        QTest::addColumn<bool>("refresh");
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("authorization code") << false << QByteArray(MeituanApi::PATH_TOKEN);
        QTest::newRow("refresh") << true << QByteArray(MeituanApi::PATH_REFRESH);
    }

    void tokens()
    {
        QFETCH(bool, refresh);
        QFETCH(QByteArray, path);
        m_rig->server->script(path, Action::answer(TOKEN_ANSWER));
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const auto r = Rig::await<Meituan::TokenPair>([&](auto done) {
            if (refresh)
                m_rig->client->refreshToken("rt-0", this, done);
            else
                m_rig->client->exchangeCode("sandbox-auth-poi1", this, done);
        });
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r.value().accessToken, "at-1");
        QCOMPARE(r.value().refreshToken, "rt-1");
        QCOMPARE(r.value().expireInSeconds, 2592000);
        QCOMPARE(r.value().opBizCode, "mt-poi1");
        QCOMPARE(r.value().scope, "all");
        QVERIFY(r.value().expiresAt >= before.addSecs(2592000));
        QVERIFY(r.value().expiresAt <= QDateTime::currentDateTimeUtc().addSecs(2592000));
    }

    // The shape the engine will drive (MEITUAN.md §4): a consume whose answer is lost is
    // looked up with getconsumed; if not consumed, it is sent again with the SAME requestId.
    void lostConsumeIsResolved_data()
    {
        QTest::addColumn<QByteArray>("status");
        QTest::addColumn<int>("consumes");
        QTest::newRow("applied before the answer was lost") << GET_CONSUMED_ANSWER << 1;
        QTest::newRow("never applied: resent once") << NOT_CONSUMED_ANSWER << 2;
    }

    void lostConsumeIsResolved()
    {
        QFETCH(QByteArray, status);
        QFETCH(int, consumes);
        ScriptedDouyin &server = *m_rig->server;
        server.script(MeituanApi::PATH_CONSUME, Action::half(CONSUME_ANSWER));
        server.script(MeituanApi::PATH_CONSUME, Action::answer(CONSUME_ANSWER));
        server.script(MeituanApi::PATH_GET_CONSUMED, Action::answer(status));
        const Meituan::ConsumeRequest request{"0123456789", 2, "req-lost-1", "op-7", "张三"};
        const auto consume = [&] {
            return Rig::await<Meituan::ConsumeResult>(
                    [&](auto done) { m_rig->client->consume(Rig::TOKEN, request, this, done); });
        };
        const auto first = consume();
        QVERIFY(!first.ok());
        QCOMPARE(first.error().kind, Kind::Unknown);
        const auto looked = Rig::await<Meituan::ConsumedStatus>([&](auto done) {
            m_rig->client->consumedStatus(Rig::TOKEN, "0123456789", this, done);
        });
        QVERIFY(looked.ok());
        if (!looked.value().consumed)
            QVERIFY(consume().ok());
        QCOMPARE(server.count(MeituanApi::PATH_CONSUME), consumes);
        for (const auto &sent : server.received()) {
            if (sent.path == MeituanApi::PATH_CONSUME)
                QVERIFY(Rig::decode(sent.body).values.value("biz").contains(
                        "\"requestId\":\"req-lost-1\""));
        }
    }

    // An amount the product could only store rounded is no answer to rely on.
    void unreadableAmounts_data()
    {
        QTest::addColumn<QByteArray>("price");
        QTest::newRow("three decimals") << QByteArray("12.345");
        QTest::newRow("a string of words") << QByteArray("\"免费\"");
        QTest::newRow("an object") << QByteArray("{}");
    }

    void unreadableAmounts()
    {
        QFETCH(QByteArray, price);
        QByteArray answer = PREPARE_ANSWER;
        answer.replace("\"dealPrice\": 99.9", QByteArray("\"dealPrice\": " + price));
        m_rig->server->script(MeituanApi::PATH_PREPARE, Action::answer(answer));
        const auto r = Rig::await<Meituan::PrepareResult>(
                [&](auto done) { m_rig->client->prepare(Rig::TOKEN, "0123456789", this, done); });
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, Kind::BadAnswer);
        QVERIFY2(r.error().message.contains("dealPrice"), qPrintable(r.error().message));
    }
};

QTEST_GUILESS_MAIN(tst_MeituanLiteral)
#include "tst_meituanliteral.moc"
