#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "tests/common/enginerig.h"
#include "tests/common/sandboxcontrol.h"

#include "core/reconcile/reconciliationservice.h"
#include "core/sandbox/sandboxdemodata.h"
#include "core/sandbox/sandboxserver.h"
#include "core/store/verificationrepository.h"

using Status = VerificationRecord::Status;
using Settlement = VerificationRecord::Settlement;

// A day reconciled over real HTTP against the sandbox, on SQLite and PostgreSQL: coupons used
// here, used elsewhere (抖音来客, Meituan's app), cancelled elsewhere and not yet settled; then
// the sandbox's clock moves past the ledger's hour and the settlements arrive. Also paging,
// "too frequent", a failed fetch, a run already running and the ledger's batches.
class tst_Reconciliation : public QObject
{
    Q_OBJECT

private:
    static QString store(int index) { return SandboxDemoData::stores().at(index).poiId; }
    static QDate today() { return QDate::currentDate(); }

    QJsonObject mintAt(const QString &poiId, int certificates, qint64 payFen = 9900)
    {
        return m_control.mintOrder(certificates, {{"poi_id", poiId}, {"pay_amount", payFen}});
    }

    QJsonObject mintMeituan(const QString &poiId)
    {
        return m_control.call("POST", "/sandbox/meituan/orders",
                              {{"poi_id", poiId},
                               {"receipts", 1},
                               {"deal_title", "双人套餐"},
                               {"deal_price_fen", 9990}});
    }

    qint64 verifyHere(const QJsonObject &order, int index = 0)
    {
        const VerifyOutcome outcome = m_rig.verify(EngineRig::byCode(order, index), this);
        if (outcome.records.isEmpty())
            return 0;
        return m_rig.reload(outcome.records.constFirst().id).verifyStatus == Status::Success
                ? outcome.records.constFirst().id
                : 0;
    }

    qint64 verifyMeituanHere(const QString &poiId, const QString &code)
    {
        VerifyCommand command;
        command.platform = PlatformId::Meituan;
        command.poiId = poiId;
        command.code = code;
        const VerifyOutcome outcome = m_rig.verify(command, this);
        return outcome.records.isEmpty() ? 0 : outcome.records.constFirst().id;
    }

    QJsonObject elsewhere(const QString &orderId, const QString &what, const QJsonObject &body)
    {
        return m_control.call("POST", "/sandbox/orders/" + orderId + "/" + what, body);
    }

    void startService()
    {
        QList<CouponPlatform *> platforms{m_rig.platform.get(), m_rig.meituan->platform()};
        m_service =
                std::make_unique<ReconciliationService>(m_rig.database.get(), platforms, [this] {
                    return QList<ReconciliationService::Target>{{PlatformId::Douyin, QString()},
                                                                {PlatformId::Meituan, store(0)}};
                });
        m_service->setGatewayName("till-1");
    }

    // Runs the day and waits for its end.
    bool run(const QDate &date)
    {
        QSignalSpy finished(m_service.get(), &ReconciliationService::runFinished);
        const auto started = m_service->startRun(date);
        if (!started.ok()) {
            qWarning("startRun: %s", qPrintable(started.error().message));
            return false;
        }
        return finished.wait(60000);
    }

    ReconciliationReport report(std::optional<PlatformId> platform = std::nullopt,
                                const QString &poiId = {})
    {
        const auto report = m_service->report({today(), poiId, platform});
        return report.ok() ? report.value() : ReconciliationReport{};
    }

private slots:
    void init()
    {
        QVERIFY(m_dir->isValid());
        SandboxConfig config;
        config.seedDemoData = false;
        m_sandbox = std::make_unique<SandboxServer>(config);
        QVERIFY(m_sandbox->listen({"127.0.0.1", 0}).ok());
        m_control.setBaseUrl(m_sandbox->baseUrl().toString());
        DouyinClient::Config douyin = EngineRig::sandboxConfig(m_sandbox->baseUrl());
        douyin.cooldownSeconds = 1; // "too frequent" is waited out in the test's time
        VerificationService::Config engineConfig;
        engineConfig.resolveTimeScale = 0.01;
        engineConfig.enrichmentBaseDelayMs = 100;
        QVERIFY(m_rig.start(m_dir->path(), douyin, engineConfig,
                            EngineRig::meituanSandboxConfig(m_sandbox->baseUrl())));
        QVERIFY(m_rig.bindMeituan(store(0), this));
        startService();
    }

    void cleanup()
    {
        m_service.reset();
        m_rig.reset();
        m_sandbox.reset();
        m_dir.emplace();
    }

    void aDayReconcilesExactlyThenSettles()
    {
        // Here: two coupons of one order, one of another; elsewhere: one; here, then
        // cancelled in Douyin's app: one. Meituan: one here, one in Meituan's app.
        const QJsonObject both = mintAt(store(0), 2, 9900);
        QVERIFY(verifyHere(both, 0));
        QVERIFY(verifyHere(both, 1));
        const QJsonObject single = mintAt(store(0), 1, 5000);
        const qint64 singleId = verifyHere(single);
        QVERIFY(singleId);
        const QJsonObject outside = mintAt(store(0), 1, 3000);
        QVERIFY(!elsewhere(outside.value("order_id").toString(), "verify_elsewhere", {{"count", 1}})
                         .isEmpty());
        const QJsonObject takenBack = mintAt(store(0), 1, 7000);
        const qint64 takenBackId = verifyHere(takenBack);
        QVERIFY(takenBackId);
        elsewhere(takenBack.value("order_id").toString(), "cancel_elsewhere",
                  {{"certificate_id", takenBack.value("certificate_ids").toArray().at(0)}});
        const QString meituanHere =
                mintMeituan(store(0)).value("receipt_codes").toArray().at(0).toString();
        const qint64 meituanId = verifyMeituanHere(store(0), meituanHere);
        QVERIFY(meituanId);
        const QString meituanOutside =
                mintMeituan(store(0)).value("receipt_codes").toArray().at(0).toString();
        m_control.call("POST", "/sandbox/meituan/receipts/" + meituanOutside + "/consume_elsewhere",
                       {});

        QVERIFY(run(today()));
        ReconciliationReport day = report();
        QCOMPARE(day.state, ReconciliationReport::State::Partial); // today has not ended
        QVERIFY(day.fetchedAt.has_value());
        QCOMPARE(day.matched, 4); // three Douyin coupons and one Meituan coupon
        QCOMPARE(day.onlyPlatform.size(), 2);
        QStringList outsideCodes;
        for (const HistoryRow &row : day.onlyPlatform)
            outsideCodes << row.certificateId;
        QVERIFY(outsideCodes.contains(outside.value("certificate_ids").toArray().at(0).toString()));
        QVERIFY(outsideCodes.contains(meituanOutside));
        QCOMPARE(day.statusMismatch.size(), 1);
        QCOMPARE(day.statusMismatch.first().local.id, takenBackId);
        QCOMPARE(day.statusMismatch.first().platform.status, HistoryRow::Status::Cancelled);
        QVERIFY(day.onlyLocal.isEmpty());
        QVERIFY(day.amountMismatch.isEmpty());
        QCOMPARE(day.local.count, 5); // this till's: still counts the one cancelled elsewhere
        QCOMPARE(day.local.payAmount, 9900 * 2 + 5000 + 7000 + 9990);
        QCOMPARE(day.remote.count, 6); // the cancelled one is not counted, the outside ones are

        // Douyin's ledger has nothing within the hour: pending, asked again later.
        VerificationRecord pending = m_rig.reload(singleId);
        QCOMPARE(pending.settlementStatus, std::optional(Settlement::Pending));
        QVERIFY(!pending.receiptAmount);
        QCOMPARE(pending.settleAttempts, 1);
        QVERIFY(pending.nextSettleAt.has_value());
        // Meituan stated merchantAmount in the consume answer.
        const VerificationRecord meituan = m_rig.reload(meituanId);
        QCOMPARE(meituan.settlementStatus, std::optional(Settlement::Settled));
        QCOMPARE(meituan.receiptAmount, std::optional<qint64>(9990));

        m_control.advanceClock(61 * 60);
        QVERIFY(run(today()));
        const VerificationRecord settled = m_rig.reload(singleId);
        QCOMPARE(settled.settlementStatus, std::optional(Settlement::Settled));
        QVERIFY(settled.receiptAmount.has_value());
        QVERIFY(*settled.receiptAmount < 5000 && *settled.receiptAmount > 4000);
        QCOMPARE(*settled.receiptAmount + settled.commissionAmount.value_or(0) <= 5000, true);
        QVERIFY(settled.settledAt.has_value());
        // Cancelled on Douyin: no ledger record, never a guessed amount.
        QCOMPARE(m_rig.reload(takenBackId).settlementStatus, std::optional(Settlement::Pending));

        SummaryQuery query;
        query.from = today();
        query.to = today();
        const auto summary = m_rig.engine->repository()->summary(query);
        QVERIFY(summary.ok());
        QCOMPARE(summary.value().totals.settledCount, 4); // three Douyin, one Meituan
        QCOMPARE(summary.value().totals.settlementPendingCount, 1);
        qint64 expected = 9990; // Meituan's merchantAmount, then every settled Douyin record
        const auto page = m_rig.engine->repository()->list({}, 1, 50);
        QVERIFY(page.ok());
        for (const VerificationRecord &record : page.value().items) {
            if (record.platform == PlatformId::Douyin
                && record.settlementStatus == Settlement::Settled)
                expected += record.receiptAmount.value_or(0);
        }
        QCOMPARE(summary.value().totals.receiptAmount, expected);
    }

    void pagesThroughAFullDay()
    {
        const QJsonObject order = mintAt(store(1), 10, 1000);
        for (int i = 0; i < 4; ++i) {
            const QJsonObject more = mintAt(store(1), 10, 1000);
            elsewhere(more.value("order_id").toString(), "verify_elsewhere", {{"count", 10}});
        }
        elsewhere(order.value("order_id").toString(), "verify_elsewhere", {{"count", 5}});
        const int before = m_control.stat("verify_record_query");
        QVERIFY(run(today()));
        QCOMPARE(m_control.stat("verify_record_query") - before, 3); // 45 rows: 20, 20, 5
        const ReconciliationReport day = report(PlatformId::Douyin, store(1));
        QCOMPARE(day.onlyPlatform.size(), 45);
        QCOMPARE(day.remote.count, 45);
    }

    void waitsOutTooFrequent()
    {
        const QJsonObject order = mintAt(store(0), 1);
        elsewhere(order.value("order_id").toString(), "verify_elsewhere", {{"count", 1}});
        m_control.fault("verify_record_query", "rate_limit", 1);
        QVERIFY(run(today()));
        const ReconciliationReport day = report(PlatformId::Douyin);
        QCOMPARE(day.state, ReconciliationReport::State::Partial);
        QCOMPARE(day.onlyPlatform.size(), 1);
    }

    void waitsOutMeituansRateLimit()
    {
        const QString code =
                mintMeituan(store(0)).value("receipt_codes").toArray().at(0).toString();
        m_control.call("POST", "/sandbox/meituan/receipts/" + code + "/consume_elsewhere", {});
        m_control.fault("meituan.querylistbydate", "rate_limit", 1);
        QVERIFY(run(today()));
        const ReconciliationReport day = report(PlatformId::Meituan, store(0));
        QCOMPARE(day.state, ReconciliationReport::State::Partial);
        QCOMPARE(day.onlyPlatform.size(), 1);
        QCOMPARE(day.onlyPlatform.first().certificateId, code);
    }

    void aFailedFetchKeepsTheLastGoodRows()
    {
        const QJsonObject order = mintAt(store(0), 2);
        elsewhere(order.value("order_id").toString(), "verify_elsewhere", {{"count", 1}});
        QVERIFY(run(today()));
        QCOMPARE(report(PlatformId::Douyin).onlyPlatform.size(), 1);
        elsewhere(order.value("order_id").toString(), "verify_elsewhere", {{"count", 1}});
        m_control.fault("verify_record_query", "http_500", 10);
        QVERIFY(run(today()));
        QCOMPARE(report(PlatformId::Douyin).onlyPlatform.size(), 1); // not half of a new fetch
        m_control.clearFaults();
        QVERIFY(run(today()));
        QCOMPARE(report(PlatformId::Douyin).onlyPlatform.size(), 2);
    }

    void aRunningDayIsRefused()
    {
        QVERIFY(m_service->startRun(today()).ok());
        const auto again = m_service->startRun(today());
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        QSignalSpy finished(m_service.get(), &ReconciliationService::runFinished);
        QVERIFY(finished.wait(30000));
        QVERIFY(!m_service->startRun(today().addDays(1)).ok()); // not a day yet
    }

    void ledgerQuestionsComeInBatchesOfFifty()
    {
        for (int i = 0; i < 6; ++i) {
            const QJsonObject order = mintAt(store(2), 10, 1000);
            for (int c = 0; c < 10; ++c)
                QVERIFY(verifyHere(order, c));
        }
        const int before = m_control.stat("ledger_query");
        QVERIFY(run(today()));
        QCOMPARE(m_control.stat("ledger_query") - before, 2); // 60 certificates: 50 + 10
        const ReconciliationReport day = report(PlatformId::Douyin, store(2));
        QCOMPARE(day.matched, 60);
    }

    void aNeverFetchedDayIsNotCompared()
    {
        const QJsonObject order = mintAt(store(0), 1);
        QVERIFY(verifyHere(order));
        const ReconciliationReport day = report();
        QCOMPARE(day.state, ReconciliationReport::State::NotFetched);
        QVERIFY(!day.hasDifferences());
        QCOMPARE(day.local.count, 0);
    }

private:
    std::optional<QTemporaryDir> m_dir{std::in_place};
    std::unique_ptr<SandboxServer> m_sandbox;
    SandboxControl m_control;
    EngineRig m_rig;
    std::unique_ptr<ReconciliationService> m_service;
};

// The stores are in China: their days, Douyin's and Meituan's are Beijing days (the sandbox's
// Meituan list is by Beijing date), whatever zone the test machine is in.
int main(int argc, char **argv)
{
    qputenv("TZ", "Asia/Shanghai");
    QCoreApplication app(argc, argv);
    tst_Reconciliation test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_reconciliation.moc"
