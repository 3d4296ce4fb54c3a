#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "tests/common/enginerig.h"
#include "tests/common/sandboxcontrol.h"

#include "core/douyin/douyinapi.h"
#include "core/douyin/douyinclient.h"
#include "core/douyin/douyinplatform.h"
#include "core/sandbox/sandboxserver.h"
#include "core/store/database.h"
#include "core/store/verificationrepository.h"
#include "core/verify/verificationservice.h"
#include "core/verify/verifyresolver.h"

using Status = VerificationRecord::Status;
using Kind = VerifyOutcome::Kind;

// Every way Douyin's answer to a verify can be lost, against the sandbox over loopback: the
// engine must end with one record, success, the coupon used once, and no second prepare.
// Also: one verification per verify_token under concurrency, the retry schedule as Douyin
// publishes it, and a certificate someone else verified while our answer was lost.
class tst_LostAnswers : public QObject
{
    Q_OBJECT

private:
    VerifyOutcome verify(const VerifyCommand &command) { return m_rig.verify(command, this); }
    VerificationRecord reload(qint64 id) const { return m_rig.reload(id); }
    static VerifyCommand byCode(const QJsonObject &order) { return EngineRig::byCode(order); }

    PrepareOutcome prepare(const QJsonObject &order)
    {
        PrepareCommand command;
        command.poiId = order.value("poi_id").toString();
        command.code = order.value("codes").toArray().first().toString();
        return m_rig.prepare(command, this);
    }

    void startEngine(double timeScale)
    {
        DouyinClient::Config config = EngineRig::sandboxConfig(m_sandbox->baseUrl());
        config.requestTimeoutMs = 1000;
        VerificationService::Config engineConfig;
        engineConfig.resolveTimeScale = timeScale;
        engineConfig.enrichmentBaseDelayMs = 100;
        QVERIFY(m_rig.start(m_dir.path(), config, engineConfig));
    }

    int count(const QString &sql, const QString &value)
    {
        QSqlQuery query(m_rig.database->connection());
        query.prepare(sql);
        query.addBindValue(value);
        if (!query.exec() || !query.next())
            return -1;
        return query.value(0).toInt();
    }

    int recordsOfCertificate(const QString &certificateId)
    {
        return count("SELECT COUNT(*) FROM verifications WHERE certificate_id = ?", certificateId);
    }

    // How many times the sandbox verified the order's first certificate (cancelled or not).
    int verificationsOnDouyin(const QString &orderId)
    {
        const QJsonObject order = m_control.call("GET", "/sandbox/orders/" + orderId);
        const QJsonArray certificates = order.value("certificates").toArray();
        return certificates.isEmpty()
                ? -1
                : int(certificates.first().toObject().value("verify_records").toArray().size());
    }

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_sandbox;
    EngineRig m_rig;
    SandboxControl m_control;
    qint64 m_now = 0; // the engine's clock in the tests that move time themselves

private slots:
    void initTestCase()
    {
        m_sandbox = std::make_unique<SandboxServer>();
        QVERIFY(m_sandbox->listen({"127.0.0.1", 0}).ok());
        m_control.setBaseUrl(m_sandbox->baseUrl().toString());
        startEngine(0.02);
    }

    void init() { m_control.clearFaults(); }

    void lostAnswer_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("delayMs");
        QTest::addColumn<bool>("answeredAtOnce"); // Qt resends, the second answer is 1208/2
        QTest::newRow("FIN before any byte") << "fin_after_commit" << 0 << true;
        QTest::newRow("RST before any byte") << "rst_after_commit" << 0 << true;
        QTest::newRow("half an answer") << "half_answer_after_commit" << 0 << false;
        QTest::newRow("headers, then nothing") << "drop_after_commit" << 0 << false;
        QTest::newRow("timeout, applied late") << "delay" << 1500 << false;
    }

    void lostAnswer()
    {
        QFETCH(QString, fault);
        QFETCH(int, delayMs);
        QFETCH(bool, answeredAtOnce);
        const QJsonObject order = m_control.mintOrder(1);
        const QString orderId = order.value("order_id").toString();
        const QString certificateId = order.value("certificate_ids").toArray().first().toString();
        QJsonObject extra;
        if (delayMs)
            extra.insert("delay_ms", delayMs);
        m_control.fault("verify", fault, 1, extra);
        const int prepares = m_control.stat("prepare");

        const VerifyOutcome outcome = verify(byCode(order));
        QCOMPARE(outcome.records.size(), 1);
        const qint64 id = outcome.records.first().id;
        if (answeredAtOnce) {
            QCOMPARE(outcome.kind, Kind::Answered);
            QCOMPARE(outcome.records.first().verifyStatus, Status::Success);
        } else {
            QCOMPARE(outcome.kind, Kind::Unknown);
        }
        QTRY_COMPARE_WITH_TIMEOUT(reload(id).verifyStatus, Status::Success, 15000);
        // Let a late original (the timeout row) land before counting.
        QTest::qWait(delayMs + 200);
        QCOMPARE(reload(id).verifyStatus, Status::Success);
        QVERIFY(!reload(id).verifyId.isEmpty());
        QCOMPARE(recordsOfCertificate(certificateId), 1);
        QCOMPARE(verificationsOnDouyin(orderId), 1);
        QCOMPARE(m_control.stat("prepare"), prepares + 1);
    }

    void sameTokenConcurrently_data()
    {
        QTest::addColumn<int>("requests");
        QTest::newRow("20") << 20;
        QTest::newRow("200") << 200;
    }

    void sameTokenConcurrently()
    {
        QFETCH(int, requests);
        const QJsonObject order = m_control.mintOrder(1);
        const PrepareOutcome prepared = prepare(order);
        QCOMPARE(prepared.kind, PrepareOutcome::Kind::Prepared);
        VerifyCommand command;
        command.poiId = order.value("poi_id").toString();
        command.encryptedCode = prepared.prepared.certificates.first().encryptedCode;
        command.verifyToken = prepared.prepared.verifyToken;
        const int verifies = m_control.stat("verify");

        QList<VerifyOutcome> outcomes;
        for (int i = 0; i < requests; ++i) {
            VerifyCommand repeat = command;
            repeat.appId = i % 2; // another app with the same token is the same verification
            m_rig.engine->verify(repeat, this, [&](const VerifyOutcome &o) { outcomes.append(o); });
        }
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), requests, 30000);
        for (const VerifyOutcome &outcome : std::as_const(outcomes)) {
            QCOMPARE(outcome.kind, Kind::Answered);
            QCOMPARE(outcome.records.size(), 1);
            QCOMPARE(outcome.records.first().id, outcomes.first().records.first().id);
            QCOMPARE(outcome.records.first().verifyStatus, Status::Success);
        }
        QCOMPARE(count("SELECT COUNT(*) FROM verifications WHERE verify_token = ?",
                       command.verifyToken),
                 1);
        QCOMPARE(m_control.stat("verify"), verifies + 1);
    }

    void sameIdempotencyKeyConcurrently()
    {
        const QJsonObject order = m_control.mintOrder(1);
        const int verifies = m_control.stat("verify");
        const int prepares = m_control.stat("prepare");
        QList<VerifyOutcome> outcomes;
        for (int i = 0; i < 20; ++i) {
            VerifyCommand command = byCode(order);
            command.appId = 0;
            command.idempotencyKey = "key-" + order.value("order_id").toString();
            command.fingerprint = "same request";
            m_rig.engine->verify(command, this,
                                 [&](const VerifyOutcome &o) { outcomes.append(o); });
        }
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 20, 30000);
        for (const VerifyOutcome &outcome : std::as_const(outcomes)) {
            QCOMPARE(outcome.kind, Kind::Answered);
            QCOMPARE(outcome.records.first().id, outcomes.first().records.first().id);
        }
        const QString certificateId = order.value("certificate_ids").toArray().first().toString();
        QCOMPARE(recordsOfCertificate(certificateId), 1);
        QCOMPARE(m_control.stat("verify"), verifies + 1);
        QCOMPARE(m_control.stat("prepare"), prepares + 1);
    }

    // The schedule's real delays (5 s x5, then 40 s, 14 passes), read off the engine with a
    // clock the test moves: each pass counted once, and nothing after the 14th.
    void retryScheduleAsDouyinPublishes()
    {
        startEngine(1.0);
        qint64 &now = m_now;
        now = QDateTime::currentMSecsSinceEpoch();
        m_rig.engine->resolver()->setClock([this] { return m_now; });
        const QJsonObject order = m_control.mintOrder(1);
        m_control.fault("verify", "drop_before_commit", 100);
        const int verifies = m_control.stat("verify");
        const int queries = m_control.stat("certificate_query");

        const VerifyOutcome outcome = verify(byCode(order));
        QCOMPARE(outcome.kind, Kind::Unknown);
        const qint64 id = outcome.records.first().id;
        QList<qint64> delays;
        qint64 passStart = now;
        for (int pass = 1; pass <= DouyinApi::VERIFY_RETRY_MAX; ++pass) {
            const VerificationRecord before = reload(id);
            QVERIFY2(before.nextResolveAt.has_value(), qPrintable(QString::number(pass)));
            delays.append(*before.nextResolveAt - passStart);
            now = *before.nextResolveAt;
            passStart = now;
            m_rig.engine->resolver()->runDue();
            QTRY_COMPARE_WITH_TIMEOUT(reload(id).resolveAttempts, pass, 10000);
        }
        const QList<qint64> expected{5000,  5000,  5000,  5000,  5000,  40000, 40000,
                                     40000, 40000, 40000, 40000, 40000, 40000, 40000};
        QCOMPARE(delays, expected);
        const VerificationRecord last = reload(id);
        QCOMPARE(last.verifyStatus, Status::Unknown);
        QVERIFY(!last.nextResolveAt.has_value());
        QVERIFY(last.errorDescription.contains("14 attempts"));
        // Later polls do nothing more.
        now += 3600 * 1000;
        m_rig.engine->resolver()->runDue();
        QTest::qWait(200);
        QCOMPARE(m_control.stat("verify"), verifies + 1 + DouyinApi::VERIFY_RETRY_MAX);
        QCOMPARE(m_control.stat("certificate_query"), queries + DouyinApi::VERIFY_RETRY_MAX);
        m_control.clearFaults();
        startEngine(0.02);
    }

    // Our verify was lost before Douyin applied it, and another till verified the coupon
    // meanwhile: the status query says "verified", but not by us.
    void verifiedElsewhereWhileOursWasLost()
    {
        qint64 &now = m_now;
        now = QDateTime::currentMSecsSinceEpoch();
        m_rig.engine->resolver()->setClock([this] { return m_now; });
        const QJsonObject order = m_control.mintOrder(1);
        m_control.fault("verify", "drop_before_commit");
        const VerifyOutcome ours = verify(byCode(order));
        QCOMPARE(ours.kind, Kind::Unknown);
        const qint64 id = ours.records.first().id;

        DouyinClient otherTill;
        otherTill.setConfig(m_rig.client->config());
        std::optional<Result<Douyin::PrepareResult, Douyin::Error>> prepared;
        otherTill.prepare(
                {{}, byCode(order).code, byCode(order).poiId}, this,
                [&](const Result<Douyin::PrepareResult, Douyin::Error> &r) { prepared = r; });
        QTRY_VERIFY(prepared.has_value());
        QVERIFY(prepared->ok());
        std::optional<Result<Douyin::VerifyResult, Douyin::Error>> verified;
        Douyin::VerifyRequest request;
        request.verifyToken = prepared->value().verifyToken;
        request.poiId = byCode(order).poiId;
        request.encryptedCodes = {prepared->value().certificates.first().encryptedCode};
        otherTill.verify(request, this, [&](const Result<Douyin::VerifyResult, Douyin::Error> &r) {
            verified = r;
        });
        QTRY_VERIFY(verified.has_value());
        QVERIFY(verified->ok());
        QCOMPARE(verified->value().results.first().result, 0);

        now = *reload(id).nextResolveAt;
        m_rig.engine->resolver()->runDue();
        QTRY_COMPARE_WITH_TIMEOUT(reload(id).verifyStatus, Status::Failed, 10000);
        const VerificationRecord record = reload(id);
        QCOMPARE(record.errorCode.value_or(0), qint64(DouyinApi::CERTIFICATE_USED));
        QVERIFY2(record.errorDescription.contains("elsewhere"),
                 qPrintable(record.errorDescription));
        QVERIFY(record.errorDescription.contains(verified->value().results.first().verifyId));
        QCOMPARE(verificationsOnDouyin(order.value("order_id").toString()), 1);
        startEngine(0.02);
    }

    // Without the batch query capability (2190004) resolution falls back to certificate/get,
    // and stays there.
    void batchQueryNotGranted()
    {
        using Enrichment = VerificationRecord::Enrichment;
        const QJsonObject order = m_control.mintOrder(1);
        m_control.fault("certificate_query", "error_code", 1,
                        {{"error_code", qint64(DouyinApi::CAPABILITY_NOT_GRANTED)}});
        m_control.fault("verify", "drop_before_commit");
        const int gets = m_control.stat("certificate_get");
        const int queries = m_control.stat("certificate_query");
        const VerifyOutcome outcome = verify(byCode(order));
        QCOMPARE(outcome.kind, Kind::Unknown);
        const qint64 id = outcome.records.first().id;
        QTRY_COMPARE_WITH_TIMEOUT(reload(id).verifyStatus, Status::Success, 10000);
        // Enrichment's coupon-status read knows it too: certificate/get as well.
        QTRY_COMPARE_WITH_TIMEOUT(reload(id).enrichmentStatus, Enrichment::Success, 10000);
        QCOMPARE(m_control.stat("certificate_query"), queries + 1);
        QCOMPARE(m_control.stat("certificate_get"), gets + 2);

        const QJsonObject second = m_control.mintOrder(1);
        m_control.fault("verify", "drop_before_commit");
        const VerifyOutcome again = verify(byCode(second));
        const qint64 secondId = again.records.first().id;
        QTRY_COMPARE_WITH_TIMEOUT(reload(secondId).verifyStatus, Status::Success, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(reload(secondId).enrichmentStatus, Enrichment::Success, 10000);
        QCOMPARE(m_control.stat("certificate_query"), queries + 1);
        QCOMPARE(m_control.stat("certificate_get"), gets + 4);
        startEngine(0.02); // a new client asks the batch query again
    }

    // Wave 1 databases may hold a token twice; the migration keeps both rows and the unique
    // index still refuses a new copy.
    void databaseRefusesASecondRecordOfAToken()
    {
        const QJsonObject order = m_control.mintOrder(1);
        const VerifyOutcome outcome = verify(byCode(order));
        QCOMPARE(outcome.kind, Kind::Answered);
        QList<VerificationRecord> copy{outcome.records.first()};
        copy.first().id = 0;
        const auto inserted = m_rig.engine->repository()->insertPending(copy);
        QVERIFY(!inserted.ok());
        QCOMPARE(inserted.error().code, ErrorCode::Conflict);
    }
};

QTEST_GUILESS_MAIN(tst_LostAnswers)
#include "tst_lostanswers.moc"
