#include <functional>
#include <memory>
#include <optional>

#include <QTest>

#include "tests/core/sandbox/sandboxdouyinrig.h"

#include "core/douyin/douyinapi.h"
#include "core/douyin/douyinclient.h"
#include "core/sandbox/sandboxledger.h"

// The product's DouyinClient reading the sandbox's history and ledger: the shapes the
// sandbox writes are the ones the client parses (cursor, can_cancel as a bool, cancel_time,
// amounts, fund_amount), so reconciliation tests against the sandbox test the real path.
class tst_SandboxHistoryClient : public QObject
{
    Q_OBJECT

private:
    using Rig = SandboxDouyinRig;
    std::unique_ptr<Rig> m_rig;
    std::unique_ptr<DouyinClient> m_client;

    template <typename T>
    static Result<T, Douyin::Error>
    await(const std::function<void(DouyinClient::Callback<T>)> &start)
    {
        std::optional<Result<T, Douyin::Error>> outcome;
        start([&outcome](const Result<T, Douyin::Error> &r) { outcome = r; });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20000))
            return Douyin::Error::make(Douyin::Error::Kind::Unavailable, "test timed out");
        return *outcome;
    }

    Result<Douyin::HistoryResult, Douyin::Error> page(const QString &cursor)
    {
        Douyin::HistoryRequest request;
        request.cursor = cursor;
        request.startTime = Rig::DAY_START;
        request.endTime = Rig::DAY_START + 86400;
        return await<Douyin::HistoryResult>(
                [&](auto done) { m_client->history(request, m_client.get(), std::move(done)); });
    }

private slots:
    void init()
    {
        m_rig = std::make_unique<Rig>();
        m_client = std::make_unique<DouyinClient>();
        DouyinClient::Config config;
        config.baseUrl = m_rig->baseUrl();
        config.shortLinkBase = m_rig->baseUrl();
        config.clientKey = QStringLiteral("sandbox_client_key");
        config.clientSecret = QStringLiteral("sandbox_client_secret");
        config.accountId = QStringLiteral("sandbox_account");
        m_client->setConfig(config);
    }

    void cleanup()
    {
        m_client.reset();
        m_rig.reset();
    }

    // 24 verifications, the first cancelled: two pages through the client, every field read.
    void historyThroughTheClient()
    {
        const Rig::Order first = m_rig->mint({{"pay_amount", 8800}});
        const QString cancelledId = m_rig->verify(first);
        m_rig->advance(30);
        QCOMPARE(m_rig->cancelElsewhere(first.orderId, first.certificateIds.first()).status, 200);
        for (int i = 0; i < 2; ++i) {
            const Rig::Order order = m_rig->mint({{"certificates", 10}});
            QCOMPARE(m_rig->verifyElsewhere(order.orderId, {{"count", 10}}).status, 200);
        }
        const Rig::Order last = m_rig->mint({{"certificates", 3}});
        QCOMPARE(m_rig->verifyElsewhere(last.orderId, {{"count", 3}}).status, 200);

        const auto one = page(QString());
        QVERIFY2(one.ok(), qPrintable(one.ok() ? QString() : one.error().message));
        QCOMPARE(one.value().total, 24);
        QCOMPARE(one.value().records.size(), 20);
        const Douyin::HistoryRecord &cancelled = one.value().records.first();
        QCOMPARE(cancelled.verifyId, cancelledId);
        QCOMPARE(cancelled.status, int(DouyinApi::HistoryStatus::Cancelled));
        QCOMPARE(cancelled.cancelTime, Rig::START + 30);
        QCOMPARE(cancelled.canCancel, false);
        QCOMPARE(cancelled.amount.payAmount, 8800);
        QCOMPARE(cancelled.poiId, first.poiId);
        const Douyin::HistoryRecord &active = one.value().records.at(1);
        QCOMPARE(active.status, int(DouyinApi::HistoryStatus::Verified));
        QCOMPARE(active.canCancel, true);
        QCOMPARE(active.cancelTime, 0);

        const auto two = page(one.value().records.last().cursor);
        QVERIFY(two.ok());
        QCOMPARE(two.value().records.size(), 4);
        QCOMPARE(two.value().records.last().certificateId, last.certificateIds.last());
    }

    void ledgerThroughTheClient()
    {
        const Rig::Order order = m_rig->mint({{"pay_amount", 9900}, {"certificates", 2}});
        QCOMPARE(m_rig->verifyElsewhere(order.orderId, {{"count", 2}}).status, 200);
        const auto ask = [this, &order] {
            return await<Douyin::LedgerResult>([&](auto done) {
                m_client->ledger(order.certificateIds, m_client.get(), std::move(done));
            });
        };
        const auto early = ask();
        QVERIFY(early.ok());
        QVERIFY(early.value().records.isEmpty());
        m_rig->advance(DouyinApi::LEDGER_DELAY_SECONDS + 1);
        const auto settled = ask();
        QVERIFY2(settled.ok(), qPrintable(settled.ok() ? QString() : settled.error().message));
        QCOMPARE(settled.value().records.size(), 2);
        const SandboxLedger::Fees fees = SandboxLedger::fees(9900, SandboxConfig());
        for (const Douyin::LedgerRecord &record : settled.value().records) {
            QCOMPARE(record.status, int(DouyinApi::LedgerStatus::Done));
            QCOMPARE(record.amount.payAmount, 9900);
            QCOMPARE(record.fundAmount.goods, 9900 - fees.payHandling - fees.totalCommission());
            QCOMPARE(record.fundAmount.payHandling, fees.payHandling);
            QCOMPARE(record.fundAmount.totalCommission, fees.totalCommission());
            QVERIFY(!record.ledgerId.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(tst_SandboxHistoryClient)
#include "tst_sandboxhistoryclient.moc"
