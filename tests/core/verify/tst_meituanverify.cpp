#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include "tests/common/enginerig.h"
#include "tests/common/sandboxcontrol.h"

#include "core/sandbox/sandboxdemodata.h"
#include "core/sandbox/sandboxserver.h"
#include "core/store/verificationrepository.h"

using Status = VerificationRecord::Status;
using CancelStatus = VerificationRecord::Cancel::Status;

Q_DECLARE_METATYPE(RejectReason)

// Meituan coupons through the engine, against the sandbox's Meituan paths over loopback
// (MEITUAN.md): a bound store verifies, refuses what Meituan refuses, ends every lost consume
// answer as one success under the SAME requestId, cancels inside the 10 minutes, and keeps
// its token pair working (refresh on OP_TOKEN_EXPIRED, a failed refresh visible).
class tst_MeituanVerify : public QObject
{
    Q_OBJECT

private:
    static QString store(int index) { return SandboxDemoData::stores().at(index).poiId; }

    // A Meituan order of the store: {"order_id", "receipt_codes", "deal_id", …}.
    QJsonObject mint(const QString &poiId, int receipts = 1)
    {
        return m_control.call("POST", "/sandbox/meituan/orders",
                              {{"poi_id", poiId},
                               {"receipts", receipts},
                               {"deal_title", "双人套餐"},
                               {"deal_price_fen", 9990}});
    }

    QJsonObject receiptOnMeituan(const QString &code)
    {
        return m_control.call("GET", "/sandbox/meituan/receipts/" + code);
    }

    VerifyOutcome verifyCode(const QString &poiId, const QString &code)
    {
        VerifyCommand command;
        command.platform = PlatformId::Meituan;
        command.poiId = poiId;
        command.code = code;
        return m_rig.verify(command, this);
    }

    static Status statusOf(const VerifyOutcome &outcome)
    {
        return outcome.records.isEmpty() ? Status::Pending : outcome.records.constFirst().verifyStatus;
    }

    void startEngine()
    {
        DouyinClient::Config douyin = EngineRig::sandboxConfig(m_sandbox->baseUrl());
        MeituanClient::Config meituan = EngineRig::meituanSandboxConfig(m_sandbox->baseUrl());
        meituan.requestTimeoutMs = 1000; // the silent cases end sooner
        VerificationService::Config engineConfig;
        engineConfig.resolveTimeScale = 0.01;
        engineConfig.enrichmentBaseDelayMs = 100;
        QVERIFY(m_rig.start(m_dir.path(), douyin, engineConfig, meituan));
        QVERIFY(m_rig.bindMeituan(store(0), this));
    }

    // The record once the resolver has settled it.
    VerificationRecord settled(qint64 id)
    {
        VerificationRecord record;
        QTest::qWaitFor(
                [&] {
                    record = m_rig.reload(id);
                    return record.verifyStatus == Status::Success
                            || record.verifyStatus == Status::Failed;
                },
                20000);
        return record;
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        SandboxConfig config;
        config.seedDemoData = false;
        m_sandbox = std::make_unique<SandboxServer>(config);
        QVERIFY(m_sandbox->listen({"127.0.0.1", 0}).ok());
        m_control.setBaseUrl(m_sandbox->baseUrl());
        startEngine();
    }

    void cleanup()
    {
        m_rig.reset();
        m_sandbox.reset();
        m_dir.emplace();
    }

    void boundStoreVerifiesAndRecordsMeituansFields()
    {
        const QJsonObject order = mint(store(0));
        const QString code = order.value("receipt_codes").toArray().first().toString();
        QCOMPARE(code.size(), 10);

        const VerifyOutcome outcome = verifyCode(store(0), code);
        QCOMPARE(outcome.kind, VerifyOutcome::Kind::Answered);
        QCOMPARE(outcome.records.size(), 1);
        const VerificationRecord record = m_rig.reload(outcome.records.first().id);
        QCOMPARE(record.verifyStatus, Status::Success);
        QCOMPARE(record.platform, PlatformId::Meituan);
        QCOMPARE(record.certificateId, code);
        QCOMPARE(record.orderId, order.value("order_id").toString());
        QCOMPARE(record.skuId, order.value("deal_id").toString());
        QCOMPARE(record.productId, order.value("deal_group_id").toString());
        QCOMPARE(record.productName, QString("双人套餐"));
        QCOMPARE(record.payAmount.value_or(0), 9990);
        QVERIFY(!record.verifyId.isEmpty()); // Meituan's flowId
        QVERIFY(!record.platformResponse.isEmpty());

        const QJsonObject onMeituan = receiptOnMeituan(code);
        QCOMPARE(onMeituan.value("status").toString(), QString("used"));
        // The requestId consume carried is the one stored with the record before sending.
        QCOMPARE(onMeituan.value("request_id").toString(), record.verifyToken);
        QCOMPARE(m_control.stat("meituan.consume"), 1);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<RejectReason>("reason");
        QTest::newRow("used") << "used" << RejectReason::Used;
        QTest::newRow("refunded") << "refunded" << RejectReason::Refunded;
        QTest::newRow("wrong store") << "wrong_store" << RejectReason::WrongStore;
        QTest::newRow("no such code") << "unknown" << RejectReason::NotFound;
    }

    void refusals()
    {
        QFETCH(QString, kind);
        QFETCH(RejectReason, reason);
        QString poiId = store(0);
        QJsonObject order = mint(store(0));
        QString code = order.value("receipt_codes").toArray().first().toString();
        if (kind == "used") {
            QCOMPARE(statusOf(verifyCode(poiId, code)), Status::Success);
        } else if (kind == "refunded") {
            m_control.call("POST", "/sandbox/meituan/orders/" + order.value("order_id").toString()
                                   + "/refund");
        } else if (kind == "wrong_store") {
            QVERIFY(m_rig.bindMeituan(store(1), this));
            poiId = store(1);
        } else {
            code = "9999999999";
        }
        const int consumesBefore = m_control.stat("meituan.consume");

        const VerifyOutcome outcome = verifyCode(poiId, code);
        QVERIFY2(outcome.platformError || !outcome.records.isEmpty(),
                 qPrintable(outcome.error.message));
        const RejectReason seen = outcome.platformError ? outcome.platformError->reason
                                                        : RejectReason::Unknown;
        QCOMPARE(seen, reason);
        QVERIFY(outcome.records.isEmpty() || statusOf(outcome) == Status::Failed);
        // Refused at prepare: consume was never sent.
        QCOMPARE(m_control.stat("meituan.consume"), consumesBefore);
    }

    void storeNotBoundIsNotSetUp()
    {
        const VerifyOutcome outcome = verifyCode(store(2), "1234567890");
        QCOMPARE(outcome.kind, VerifyOutcome::Kind::NotConfigured);
        QVERIFY(outcome.error.message.contains(store(2)));
        QVERIFY(outcome.error.message.contains("meituan"));
    }

    void lostConsumeAnswersEndAsOneSuccessWithTheSameRequestId_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("delayMs");
        QTest::newRow("FIN") << "fin_after_commit" << 0;
        QTest::newRow("RST") << "rst_after_commit" << 0;
        QTest::newRow("half an answer") << "half_answer_after_commit" << 0;
        QTest::newRow("headers only") << "drop_after_commit" << 0;
        QTest::newRow("timeout") << "delay" << 3000;
        QTest::newRow("dropped before commit") << "drop_before_commit" << 0;
    }

    void lostConsumeAnswersEndAsOneSuccessWithTheSameRequestId()
    {
        QFETCH(QString, mode);
        QFETCH(int, delayMs);
        const QString code = mint(store(0)).value("receipt_codes").toArray().first().toString();
        QJsonObject extra;
        if (delayMs)
            extra.insert("delay_ms", delayMs);
        m_control.fault("meituan.consume", mode, 1, extra);

        const VerifyOutcome outcome = verifyCode(store(0), code);
        QCOMPARE(outcome.records.size(), 1);
        const VerificationRecord record = settled(outcome.records.first().id);
        QCOMPARE(record.verifyStatus, Status::Success);
        QVERIFY(!record.verifyId.isEmpty());

        const QJsonObject onMeituan = receiptOnMeituan(code);
        QCOMPARE(onMeituan.value("status").toString(), QString("used"));
        QCOMPARE(onMeituan.value("request_id").toString(), record.verifyToken);
        // One record, and no second prepare: the resolver asked getconsumed and resent.
        QCOMPARE(m_control.stat("meituan.prepare"), 1);
        QVERIFY(m_control.stat("meituan.getconsumed") >= 1);
        const auto all = m_rig.engine->repository()->findByBatch(record.batchId);
        QVERIFY(all.ok());
        QCOMPARE(all.value().size(), 1);
    }

    void cancelInsideTenMinutesFreesTheCoupon()
    {
        const QString code = mint(store(0)).value("receipt_codes").toArray().first().toString();
        const VerifyOutcome verified = verifyCode(store(0), code);
        QCOMPARE(statusOf(verified), Status::Success);
        const VerificationRecord record = m_rig.reload(verified.records.first().id);
        QVERIFY(record.cancelDeadline);
        QVERIFY(*record.cancelDeadline <= record.verifyTime.value_or(0) * 1000 + 601 * 1000);

        CancelCommand command;
        command.recordId = record.id;
        command.requestedBy = "tst_meituanverify";
        const CancelOutcome cancelled = m_rig.cancel(command, this);
        QCOMPARE(cancelled.kind, CancelOutcome::Kind::Cancelled);
        QCOMPARE(receiptOnMeituan(code).value("status").toString(), QString("unused"));
        QCOMPARE(m_control.stat("meituan.reverseconsume"), 1);
    }

    void cancelPastMeituansWindowIsRefused()
    {
        const QString code = mint(store(0)).value("receipt_codes").toArray().first().toString();
        const VerifyOutcome verified = verifyCode(store(0), code);
        QCOMPARE(statusOf(verified), Status::Success);
        // Meituan's clock says 11 minutes passed; ours does not know.
        QVERIFY(m_control.advanceClock(11 * 60) > 0);

        CancelCommand command;
        command.recordId = verified.records.first().id;
        command.requestedBy = "tst_meituanverify";
        const CancelOutcome refused = m_rig.cancel(command, this);
        QCOMPARE(refused.kind, CancelOutcome::Kind::WindowClosed);
        QCOMPARE(receiptOnMeituan(code).value("status").toString(), QString("used"));
    }

    void expiredTokenIsRefreshedOnceAndTheCallSucceeds()
    {
        m_control.call("POST", "/sandbox/meituan/tokens/expire", {{"poi_id", store(0)}});
        const QString first = mint(store(0), 3).value("receipt_codes").toArray().first().toString();
        QCOMPARE(statusOf(verifyCode(store(0), first)), Status::Success);
        QCOMPARE(m_rig.meituan->tokens()->refreshCount(), 1);
        QCOMPARE(m_control.stat("meituan.oauth_refresh"), 1);
    }

    void failedRefreshKeepsThePairAndSaysSo()
    {
        const qint64 before = m_rig.meituan->status().stores.value(0).tokenValidUntil;
        m_control.fault("meituan.oauth_refresh", "error_code", 1,
                        {{"error_code", "OP_SYSTEM_BUSY"}});
        // A month on: the keeper refreshes ahead of expiry, and Meituan refuses.
        m_rig.meituan->tokens()->setClock([before] {
            return before - MeituanTokenKeeper::REFRESH_MARGIN_SECONDS + 60;
        });
        m_rig.meituan->tokens()->refreshDue();
        QTRY_VERIFY(!m_rig.meituan->status().stores.value(0).refreshError.isEmpty());
        QCOMPARE(m_rig.meituan->status().stores.value(0).tokenValidUntil, before);
        // The old token still verifies.
        m_rig.meituan->tokens()->setClock([] { return QDateTime::currentSecsSinceEpoch(); });
        const QString code = mint(store(0)).value("receipt_codes").toArray().first().toString();
        QCOMPARE(statusOf(verifyCode(store(0), code)), Status::Success);
    }

    void bindingSurvivesARestartSealed()
    {
        const QString code = mint(store(0)).value("receipt_codes").toArray().first().toString();
        startEngine(); // the same database; binds again (a new pair) like a manager would
        m_rig.reset();
        DouyinClient::Config douyin = EngineRig::sandboxConfig(m_sandbox->baseUrl());
        VerificationService::Config engineConfig;
        QVERIFY(m_rig.start(m_dir.path(), douyin, engineConfig,
                            EngineRig::meituanSandboxConfig(m_sandbox->baseUrl())));
        QVERIFY(m_rig.meituan->platform()->servesStore(store(0)));
        QCOMPARE(statusOf(verifyCode(store(0), code)), Status::Success);
    }

private:
    std::optional<QTemporaryDir> m_dir{std::in_place};
    std::unique_ptr<SandboxServer> m_sandbox;
    SandboxControl m_control;
    EngineRig m_rig;
};

QTEST_GUILESS_MAIN(tst_MeituanVerify)
#include "tst_meituanverify.moc"
