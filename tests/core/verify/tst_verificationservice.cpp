#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
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

using Status = VerificationRecord::Status;
using Kind = VerifyOutcome::Kind;

// The engine against the sandbox over loopback, with a real SQLite file.
class tst_VerificationService : public QObject
{
    Q_OBJECT

private:
    QList<int> certificateStatuses(const QString &orderId)
    {
        QList<int> statuses;
        const QJsonObject order = m_control.call("GET", "/sandbox/orders/" + orderId);
        for (const QJsonValue &certificate : order.value("certificates").toArray())
            statuses.append(certificate.toObject().value("status").toInt());
        return statuses;
    }

    VerifyOutcome verify(const VerifyCommand &command) { return m_rig.verify(command, this); }
    PrepareOutcome prepare(const PrepareCommand &command) { return m_rig.prepare(command, this); }
    VerificationRecord reload(qint64 id) const { return m_rig.reload(id); }
    static VerifyCommand byCode(const QJsonObject &order, int index = 0)
    {
        return EngineRig::byCode(order, index);
    }

    void startEngine()
    {
        DouyinClient::Config config = EngineRig::sandboxConfig(m_sandbox->baseUrl());
        config.accountId = "sandbox_account";
        config.requestTimeoutMs = 1500;
        config.cooldownSeconds = 1;
        VerificationService::Config engineConfig;
        engineConfig.resolveTimeScale = 0.02; // 100 ms, then 800 ms
        engineConfig.enrichmentBaseDelayMs = 100;
        engineConfig.enrichmentMaxAttempts = 3;
        QVERIFY(m_rig.start(m_dir.path(), config, engineConfig));
    }

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_sandbox;
    EngineRig m_rig;
    SandboxControl m_control;

private slots:
    void initTestCase()
    {
        m_sandbox = std::make_unique<SandboxServer>();
        QVERIFY(m_sandbox->listen({"127.0.0.1", 0}).ok());
        m_control.setBaseUrl(m_sandbox->baseUrl().toString());
        startEngine();
    }

    void init() { m_control.clearFaults(); }

    void modesAndCounts_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("certificates");
        QTest::addColumn<int>("count");
        QTest::newRow("code, 1 of 1") << "code" << 1 << 1;
        QTest::newRow("short_link, 1 of 1") << "short_link" << 1 << 1;
        QTest::newRow("short_link, 2 of 3") << "short_link" << 3 << 2;
        QTest::newRow("short_link, 10 of 10") << "short_link" << 10 << 10;
        QTest::newRow("encrypted_code, 1 of 1") << "encrypted_code" << 1 << 1;
        QTest::newRow("encrypted_code, 3 of 4") << "encrypted_code" << 4 << 3;
    }

    void modesAndCounts()
    {
        QFETCH(QString, mode);
        QFETCH(int, certificates);
        QFETCH(int, count);

        const QJsonObject order = m_control.mintOrder(certificates, {{"pay_amount", 1990}});
        const QString orderId = order.value("order_id").toString();
        VerifyCommand command;
        command.poiId = order.value("poi_id").toString();
        command.count = count;
        command.extra = QJsonObject{{"operator_id", "cashier-1"}, {"note", "前台"}};
        if (mode == "code") {
            command.code = order.value("codes").toArray().at(0).toString();
        } else if (mode == "short_link") {
            command.shortLink = order.value("short_link").toString();
        } else {
            PrepareCommand prep;
            prep.poiId = command.poiId;
            prep.shortLink = order.value("short_link").toString();
            const PrepareOutcome prepared = prepare(prep);
            QCOMPARE(prepared.kind, PrepareOutcome::Kind::Prepared);
            QCOMPARE(prepared.prepared.certificates.size(), certificates);
            command.encryptedCode = prepared.prepared.certificates.first().encryptedCode;
            command.verifyToken = prepared.prepared.verifyToken;
        }
        const int verifiesBefore = m_control.stat("verify");
        const VerifyOutcome outcome = verify(command);
        QVERIFY2(outcome.kind == Kind::Answered, qPrintable(outcome.error.message));
        QCOMPARE(outcome.records.size(), count);
        QCOMPARE(m_control.stat("verify") - verifiesBefore, 1); // one verify call for all of them
        for (const VerificationRecord &record : outcome.records) {
            QCOMPARE(record.verifyStatus, Status::Success);
            QVERIFY(record.id > 0);
            QVERIFY(!record.verifyId.isEmpty());
            QVERIFY(!record.certificateId.isEmpty());
            QCOMPARE(record.orderId, orderId);
            QCOMPARE(record.extra.value("operator_id").toString(), QString("cashier-1"));
            QVERIFY(!record.platformResponse.isEmpty());
            QCOMPARE(record.mode, *VerificationRecord::modeFromString(mode));
            if (mode != "encrypted_code" || true)
                QCOMPARE(record.payAmount.value_or(-1), 1990);
        }
        QList<int> statuses = certificateStatuses(orderId);
        QCOMPARE(int(std::count(statuses.cbegin(), statuses.cend(),
                                int(DouyinApi::CertificateStatus::Verified))),
                 count);

        // Enrichment fills order details without touching verify_status.
        const qint64 id = outcome.records.first().id;
        QTRY_COMPARE_WITH_TIMEOUT(reload(id).enrichmentStatus,
                                  VerificationRecord::Enrichment::Success, 10000);
        const VerificationRecord enriched = reload(id);
        QCOMPARE(enriched.verifyStatus, Status::Success);
        QVERIFY(enriched.orderStatus.has_value());
        QCOMPARE(enriched.couponStatus.value_or(0), int(DouyinApi::CertificateStatus::Verified));
    }

    void douyinRefusals_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<int>("kind");
        QTest::addColumn<qint64>("recordCode"); // per-code result when verify answered

        QTest::newRow("already used") << "used" << int(Kind::PrepareRejected) << qint64(0);
        QTest::newRow("expired") << "expired" << int(Kind::PrepareRejected) << qint64(0);
        QTest::newRow("wrong POI")
                << "wrong_poi" << int(Kind::Answered) << qint64(DouyinApi::POI_NOT_ALLOWED);
        QTest::newRow("too frequent") << "rate_limit" << int(Kind::Cooldown) << qint64(0);
        QTest::newRow("verify busy")
                << "verify_busy" << int(Kind::Answered) << qint64(DouyinApi::SYSTEM_BUSY);
    }

    void douyinRefusals()
    {
        QFETCH(QString, setup);
        QFETCH(int, kind);
        QFETCH(qint64, recordCode);

        QJsonObject extra;
        if (setup == "expired")
            extra.insert("expire_in_days", -1);
        const QJsonObject order = m_control.mintOrder(1, extra);
        VerifyCommand command = byCode(order);
        if (setup == "used")
            QCOMPARE(verify(command).kind, Kind::Answered);
        if (setup == "wrong_poi")
            command.poiId = "7000000000000000999";
        if (setup == "rate_limit")
            m_control.fault("prepare", "rate_limit");
        if (setup == "verify_busy")
            m_control.fault("verify", "error_code", 1,
                            {{"error_code", qint64(DouyinApi::SYSTEM_BUSY)}});

        const VerifyOutcome outcome = verify(command);
        QCOMPARE(int(outcome.kind), kind);
        if (outcome.kind == Kind::Answered) {
            QCOMPARE(outcome.records.size(), 1);
            QCOMPARE(outcome.records.first().verifyStatus, Status::Failed);
            QCOMPARE(outcome.records.first().errorCode.value_or(-1), recordCode);
        } else {
            QVERIFY(outcome.records.isEmpty());
            if (kind == int(Kind::PrepareRejected))
                QVERIFY(outcome.platformError && outcome.platformError->code != 0);
        }
        if (setup == "rate_limit")
            QTRY_COMPARE_WITH_TIMEOUT(m_rig.client->cooldownRemaining(), 0, 5000);
    }

    void lostAnswersAreResolved_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<Status>("settled");
        QTest::addColumn<int>("extraVerifies"); // verify calls made by resolution
        // Verified on Douyin: the same-token resend (answered 2/1208) says it was ours.
        QTest::newRow("drop_after_commit: verified, the resend says by us")
                << "drop_after_commit" << Status::Success << 1;
        QTest::newRow("drop_before_commit: still usable, retried with the same token")
                << "drop_before_commit" << Status::Success << 1;
    }

    void lostAnswersAreResolved()
    {
        QFETCH(QString, mode);
        QFETCH(Status, settled);
        QFETCH(int, extraVerifies);

        const QJsonObject order = m_control.mintOrder(1);
        m_control.fault("verify", mode);
        const int before = m_control.stat("verify");
        const int preparesBefore = m_control.stat("prepare");
        const VerifyOutcome outcome = verify(byCode(order));
        QCOMPARE(outcome.kind, Kind::Unknown);
        QCOMPARE(outcome.records.size(), 1);
        QCOMPARE(outcome.records.first().verifyStatus, Status::Unknown);
        const qint64 id = outcome.records.first().id;
        QCOMPARE(reload(id).verifyStatus, Status::Unknown);

        QTRY_COMPARE_WITH_TIMEOUT(reload(id).verifyStatus, settled, 10000);
        QCOMPARE(m_control.stat("verify") - before, 1 + extraVerifies);
        QCOMPARE(m_control.stat("prepare") - preparesBefore, 1); // never a new prepare
        QCOMPARE(certificateStatuses(order.value("order_id").toString()),
                 QList<int>{int(DouyinApi::CertificateStatus::Verified)});
        QCOMPARE(m_rig.engine->resolutionBacklog(), 0);
    }

    void unreachableBeforeSendLeavesNothingPending()
    {
        const QJsonObject order = m_control.mintOrder(1);
        // Prepare works, then verify finds the port closed: nothing reached Douyin.
        const PrepareOutcome prepared =
                prepare(PrepareCommand{PlatformId::Douyin,
                                       0,
                                       order.value("poi_id").toString(),
                                       {},
                                       order.value("codes").toArray().at(0).toString(),
                                       {}});
        QCOMPARE(prepared.kind, PrepareOutcome::Kind::Prepared);
        DouyinClient::Config config = m_rig.client->config();
        const QUrl good = config.baseUrl;
        config.baseUrl = QUrl("http://127.0.0.1:1");
        m_rig.client->setConfig(config);
        VerifyCommand command;
        command.poiId = order.value("poi_id").toString();
        command.encryptedCode = prepared.prepared.certificates.first().encryptedCode;
        command.verifyToken = prepared.prepared.verifyToken;
        const VerifyOutcome outcome = verify(command);
        config.baseUrl = good;
        m_rig.client->setConfig(config);
        QCOMPARE(outcome.kind, Kind::Unavailable);
        for (const VerificationRecord &record : outcome.records)
            QCOMPARE(reload(record.id).verifyStatus, Status::Failed);
    }

    void sameVerifyTokenReturnsTheEarlierRecord()
    {
        const QJsonObject order = m_control.mintOrder(1);
        const PrepareOutcome prepared =
                prepare(PrepareCommand{PlatformId::Douyin,
                                       0,
                                       order.value("poi_id").toString(),
                                       {},
                                       order.value("codes").toArray().at(0).toString(),
                                       {}});
        VerifyCommand command;
        command.poiId = order.value("poi_id").toString();
        command.encryptedCode = prepared.prepared.certificates.first().encryptedCode;
        command.verifyToken = prepared.prepared.verifyToken;
        const VerifyOutcome first = verify(command);
        QCOMPARE(first.kind, Kind::Answered);
        const int before = m_control.stat("verify");
        const VerifyOutcome second = verify(command);
        QCOMPARE(second.kind, Kind::Answered);
        QVERIFY(second.replayed);
        QCOMPARE(second.records.first().id, first.records.first().id);
        QCOMPARE(m_control.stat("verify"), before);
    }

    void idempotencyKey()
    {
        const QJsonObject order = m_control.mintOrder(2);
        VerifyCommand command = byCode(order);
        command.appId = 0;
        command.idempotencyKey = "key-1";
        command.fingerprint = "same";
        const VerifyOutcome first = verify(command);
        QCOMPARE(first.kind, Kind::Answered);
        const int before = m_control.stat("prepare");
        const VerifyOutcome again = verify(command);
        QCOMPARE(again.kind, Kind::Answered);
        QVERIFY(again.replayed);
        QCOMPARE(again.records.first().id, first.records.first().id);
        QCOMPARE(m_control.stat("prepare"), before);

        VerifyCommand different = byCode(order, 1);
        different.idempotencyKey = "key-1";
        different.fingerprint = "other";
        QCOMPARE(verify(different).kind, Kind::Conflict);
    }

    void idempotencyKeyRetriedAtOnceIsReplayed()
    {
        VerifyCommand command = byCode(m_control.mintOrder(1));
        command.idempotencyKey = "key-at-once";
        command.fingerprint = "same";
        const int before = m_control.stat("verify");
        std::optional<VerifyOutcome> second;
        m_rig.engine->verify(command, this, [&](const VerifyOutcome &first) {
            QCOMPARE(first.kind, Kind::Answered);
            // The client retries the moment it has the answer: the outcome is stored by then.
            m_rig.engine->verify(command, this, [&](const VerifyOutcome &o) { second = o; });
        });
        QTRY_VERIFY_WITH_TIMEOUT(second.has_value(), 10000);
        QCOMPARE(second->kind, Kind::Answered);
        QVERIFY(second->replayed);
        QCOMPARE(m_control.stat("verify") - before, 1);
    }

    void badInputIsRefusedBeforeDouyin_data()
    {
        QTest::addColumn<QString>("field");
        QTest::newRow("no source") << "short_link, code, encrypted_code";
        QTest::newRow("two sources") << "short_link, code, encrypted_code";
        QTest::newRow("count 0") << "count";
        QTest::newRow("count 11") << "count";
        QTest::newRow("no poi") << "poi_id";
        QTest::newRow("encrypted without token") << "verify_token";
        QTest::newRow("oversized note") << "extra.note";
        QTest::newRow("unknown extra") << "extra.colour";
    }

    void badInputIsRefusedBeforeDouyin()
    {
        QFETCH(QString, field);
        VerifyCommand command;
        command.poiId = "7000000000000000001";
        const QString row = QTest::currentDataTag();
        if (row == "two sources") {
            command.code = "1";
            command.shortLink = "https://v.douyin.com/x/";
        } else if (row == "count 0" || row == "count 11") {
            command.code = "1";
            command.count = row == "count 0" ? 0 : 11;
        } else if (row == "no poi") {
            command.poiId.clear();
            command.code = "1";
        } else if (row == "encrypted without token") {
            command.encryptedCode = "abc";
        } else if (row == "oversized note") {
            command.code = "1";
            command.extra = QJsonObject{{"note", QString(257, u'x')}};
        } else if (row == "unknown extra") {
            command.code = "1";
            command.extra = QJsonObject{{"colour", "red"}};
        }
        const int before = m_control.stat("prepare") + m_control.stat("verify");
        const VerifyOutcome outcome = verify(command);
        QCOMPARE(outcome.kind, Kind::BadInput);
        QVERIFY2(outcome.error.message.startsWith(field), qPrintable(outcome.error.message));
        QCOMPARE(m_control.stat("prepare") + m_control.stat("verify"), before);
    }

    void countAboveAvailableIsRefused()
    {
        const QJsonObject order = m_control.mintOrder(2);
        VerifyCommand command;
        command.poiId = order.value("poi_id").toString();
        command.shortLink = order.value("short_link").toString();
        command.count = 3;
        const int before = m_control.stat("verify");
        const VerifyOutcome outcome = verify(command);
        QCOMPARE(outcome.kind, Kind::CountTooHigh);
        QVERIFY(outcome.error.message.startsWith("count"));
        QCOMPARE(m_control.stat("verify"), before);
    }

    void enrichmentAsksOnceForAWholeOrder()
    {
        const QJsonObject order = m_control.mintOrder(3);
        VerifyCommand command;
        command.poiId = order.value("poi_id").toString();
        command.shortLink = order.value("short_link").toString();
        command.count = 3;
        QTRY_COMPARE_WITH_TIMEOUT(m_rig.engine->enrichmentBacklog(), 0, 10000); // earlier tests'
        const int ordersBefore = m_control.stat("order_query");
        const int certificatesBefore = m_control.stat("certificate_query");
        const VerifyOutcome outcome = verify(command);
        QCOMPARE(outcome.kind, Kind::Answered);
        QCOMPARE(outcome.records.size(), 3);
        for (const VerificationRecord &record : outcome.records) {
            QTRY_COMPARE_WITH_TIMEOUT(reload(record.id).enrichmentStatus,
                                      VerificationRecord::Enrichment::Success, 10000);
            QCOMPARE(reload(record.id).couponStatus.value_or(0),
                     int(DouyinApi::CertificateStatus::Verified));
        }
        QCOMPARE(m_control.stat("order_query") - ordersBefore, 1);
        QCOMPARE(m_control.stat("certificate_query") - certificatesBefore, 1);
        QCOMPARE(m_rig.engine->enrichmentBacklog(), 0);
    }

    void enrichmentRetriesThenGivesUp_data()
    {
        QTest::addColumn<int>("refusals");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("retries");
        // The engine allows 3 attempts (startEngine()).
        QTest::newRow("refused once") << 1 << int(VerificationRecord::Enrichment::Success) << 1;
        QTest::newRow("refused every time")
                << 3 << int(VerificationRecord::Enrichment::Failed) << 3;
    }

    void enrichmentRetriesThenGivesUp()
    {
        QFETCH(int, refusals);
        QFETCH(int, status);
        QFETCH(int, retries);
        QTRY_COMPARE_WITH_TIMEOUT(m_rig.engine->enrichmentBacklog(), 0, 10000); // earlier tests'
        m_control.fault("order_query", "error_code", refusals,
                        {{"error_code", qint64(DouyinApi::BAD_PARAMETER)}});
        const VerifyOutcome outcome = verify(byCode(m_control.mintOrder(1)));
        QCOMPARE(outcome.kind, Kind::Answered);
        const qint64 id = outcome.records.first().id;
        QTRY_COMPARE_WITH_TIMEOUT(int(reload(id).enrichmentStatus), status, 10000);
        QCOMPARE(reload(id).enrichmentRetryCount, retries);
        QCOMPARE(reload(id).verifyStatus, Status::Success);
        QTRY_COMPARE_WITH_TIMEOUT(m_rig.engine->enrichmentBacklog(), 0, 5000);
    }

    void enrichmentLeftByAnEarlierRunIsDone()
    {
        const VerifyOutcome outcome = verify(byCode(m_control.mintOrder(1)));
        QCOMPARE(outcome.kind, Kind::Answered);
        const qint64 id = outcome.records.first().id;
        QTRY_COMPARE_WITH_TIMEOUT(reload(id).enrichmentStatus,
                                  VerificationRecord::Enrichment::Success, 10000);
        // As if the process had stopped before enriching: the record and its job are pending.
        {
            VerificationRecord pending = reload(id);
            pending.enrichmentStatus = VerificationRecord::Enrichment::Pending;
            pending.couponStatus.reset();
            QVERIFY(m_rig.engine->repository()->update({pending}).ok());
            QSqlQuery reopen(m_rig.database->connection());
            QVERIFY(reopen.exec(QStringLiteral("UPDATE enrichment_jobs SET status = 'pending' "
                                               "WHERE verification_id = %1")
                                        .arg(id)));
        }
        startEngine();
        QTRY_COMPARE_WITH_TIMEOUT(reload(id).enrichmentStatus,
                                  VerificationRecord::Enrichment::Success, 10000);
        QCOMPARE(reload(id).couponStatus.value_or(0), int(DouyinApi::CertificateStatus::Verified));
    }

    void restartResumesResolution()
    {
        const QJsonObject order = m_control.mintOrder(1);
        // Douyin stays silent long enough for the "process" to stop before resolution.
        VerificationService::Config slow = m_rig.engine->config();
        slow.resolveTimeScale = 120; // 10 minutes to the first pass
        m_rig.engine->setConfig(slow);
        m_control.fault("verify", "drop_before_commit");
        const VerifyOutcome outcome = verify(byCode(order));
        QCOMPARE(outcome.kind, Kind::Unknown);
        const qint64 id = outcome.records.first().id;

        startEngine(); // a new engine on the same database, as after a restart
        QTRY_COMPARE_WITH_TIMEOUT(reload(id).verifyStatus, Status::Success, 10000);
        QCOMPARE(certificateStatuses(order.value("order_id").toString()),
                 QList<int>{int(DouyinApi::CertificateStatus::Verified)});
    }
};

QTEST_GUILESS_MAIN(tst_VerificationService)
#include "tst_verificationservice.moc"
