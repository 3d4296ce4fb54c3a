#include <QJsonArray>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "tests/common/enginerig.h"
#include "tests/common/sandboxcontrol.h"

#include "core/douyin/douyinapi.h"
#include "core/douyin/douyinclient.h"
#include "core/sandbox/sandboxserver.h"
#include "core/store/verificationcancels.h"
#include "core/store/verificationqueries.h"
#include "core/store/verificationrepository.h"
#include "core/verify/cancelresolver.h"
#include "core/verify/verificationservice.h"

using Status = VerificationRecord::Status;
using CancelStatus = VerificationRecord::Cancel::Status;
using Kind = CancelOutcome::Kind;

Q_DECLARE_METATYPE(Kind)
Q_DECLARE_METATYPE(SummaryQuery::Source)

// Cancels (撤销核销, DOUYIN.md §12) against the sandbox over loopback: the cancel applied once
// whatever happens to its answer, the window by our clock and by Douyin's, the refusals, one
// cancel per record under concurrency and across a restart, and the summary without it.
class tst_Cancel : public QObject
{
    Q_OBJECT

private:
    CancelOutcome cancel(qint64 id, const QString &reason = {})
    {
        CancelCommand command;
        command.recordId = id;
        command.reason = reason;
        command.requestedBy = "tst_cancel";
        return m_rig.cancel(command, this);
    }

    VerificationRecord reload(qint64 id) const { return m_rig.reload(id); }

    static QString statusText(const VerificationRecord &record)
    {
        return record.cancel.status ? VerificationRecord::toString(*record.cancel.status)
                                    : QString("none");
    }

    // Verifies the order's first code; the record, or id 0 when it did not succeed.
    VerificationRecord verified(const QJsonObject &order)
    {
        const VerifyOutcome outcome = m_rig.verify(EngineRig::byCode(order), this);
        if (outcome.kind != VerifyOutcome::Kind::Answered || outcome.records.size() != 1
            || outcome.records.first().verifyStatus != Status::Success)
            return {};
        return outcome.records.first();
    }

    void startEngine()
    {
        DouyinClient::Config config = EngineRig::sandboxConfig(m_sandbox->baseUrl());
        config.requestTimeoutMs = 1000;
        config.cooldownSeconds = 0; // a rate_limit row must not hold back the next test
        VerificationService::Config engineConfig;
        engineConfig.resolveTimeScale = 0.02;
        engineConfig.enrichmentBaseDelayMs = 100;
        QVERIFY(m_rig.start(m_dir.path(), config, engineConfig));
    }

    // The sandbox's view of the order's first certificate (control API: cancelled records too).
    QJsonObject certificateOnDouyin(const QJsonObject &order)
    {
        const QJsonObject shown =
                m_control.call("GET", "/sandbox/orders/" + order.value("order_id").toString());
        return shown.value("certificates").toArray().first().toObject();
    }

    int cancelsOnDouyin(const QJsonObject &order)
    {
        int cancelled = 0;
        const QJsonArray records = certificateOnDouyin(order).value("verify_records").toArray();
        for (const QJsonValue &record : records)
            cancelled += record.toObject().value("cancelled").toBool() ? 1 : 0;
        return cancelled;
    }

    // A record stored with `status`, as a verify that failed or lost its answer leaves it.
    qint64 storedRecord(Status status)
    {
        VerificationRecord record;
        record.poiId = "poi-stored";
        record.sourceInput = "stored";
        QList<VerificationRecord> records{record};
        const auto ids = m_rig.engine->repository()->insertPending(records);
        if (!ids.ok())
            return 0;
        records.first().verifyStatus = status;
        if (!m_rig.engine->repository()->update(records).ok())
            return 0;
        return ids.value().first();
    }

    VerificationSummaryRow totals(SummaryQuery::Source source)
    {
        SummaryQuery query;
        query.from = QDate::currentDate().addDays(-1);
        query.to = QDate::currentDate().addDays(1);
        query.source = source;
        const auto summary = m_rig.engine->repository()->summary(query);
        return summary.ok() ? summary.value().totals : VerificationSummaryRow{};
    }

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_sandbox;
    EngineRig m_rig;
    SandboxControl m_control;
    qint64 m_now = 0; // the resolver's clock in the tests that move it themselves

    void holdResolverClock()
    {
        m_now = QDateTime::currentMSecsSinceEpoch();
        m_rig.engine->cancelResolver()->setClock([this] { return m_now; });
    }

private slots:
    void initTestCase()
    {
        m_sandbox = std::make_unique<SandboxServer>();
        QVERIFY(m_sandbox->listen({"127.0.0.1", 0}).ok());
        m_control.setBaseUrl(m_sandbox->baseUrl().toString());
        startEngine();
    }

    void init() { m_control.clearFaults(); }

    void cleanup()
    {
        m_rig.engine->cancelResolver()->setClock(
                [] { return QDateTime::currentMSecsSinceEpoch(); });
    }

    void cancelThenVerifyAgain()
    {
        const QJsonObject order = m_control.mintOrder(1);
        const VerificationRecord record = verified(order);
        QVERIFY(record.id);
        QVERIFY(record.cancelDeadline.has_value());
        const int calls = m_control.stat("cancel");

        const CancelOutcome outcome = cancel(record.id, "wrong coupon");
        QCOMPARE(outcome.kind, Kind::Cancelled);
        QVERIFY(outcome.record.has_value());
        QCOMPARE(outcome.record->cancel.status, CancelStatus::Cancelled);
        const VerificationRecord stored = reload(record.id);
        QCOMPARE(stored.cancel.status, CancelStatus::Cancelled);
        QVERIFY(stored.cancel.cancelledAt.has_value());
        QVERIFY(!stored.cancel.token.isEmpty());
        QCOMPARE(stored.cancel.reason, QString("wrong coupon"));
        QCOMPARE(stored.cancel.requestedBy, QString("tst_cancel"));
        QCOMPARE(stored.verifyStatus, Status::Success); // the history of the verify stays
        QCOMPARE(m_control.stat("cancel"), calls + 1);
        QCOMPARE(certificateOnDouyin(order).value("status").toInt(),
                 int(DouyinApi::CertificateStatus::Usable));
        QCOMPARE(cancelsOnDouyin(order), 1);

        const VerificationRecord again = verified(order);
        QVERIFY(again.id);
        QVERIFY(again.id != record.id);
        QVERIFY(again.verifyId != record.verifyId);
        QVERIFY(!again.cancel.status.has_value());
        QCOMPARE(certificateOnDouyin(order).value("status").toInt(),
                 int(DouyinApi::CertificateStatus::Verified));
        QCOMPARE(certificateOnDouyin(order).value("verify_records").toArray().size(), 2);
        QCOMPARE(reload(record.id).cancel.status, CancelStatus::Cancelled);
    }

    // Each way a cancel's answer can go missing or wrong. A lost answer (any shape after the
    // request left) is unknown and resolved: status query, then a resend with the same
    // cancel_token, so the cancel lands exactly once. An error answer cancelled nothing.
    void lostCancelAnswer_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("delayMs");
        QTest::addColumn<qint64>("errorCode");
        QTest::addColumn<Kind>("firstKind");
        QTest::addColumn<QString>("finalStatus");
        QTest::addColumn<int>("cancelledOnDouyin");
        // Qt resends the POST after a FIN/RST before any answer byte; the cancel_token makes
        // the sandbox answer the resend with the first success.
        QTest::newRow("FIN before any byte")
                << "fin_after_commit" << 0 << 0ll << Kind::Cancelled << "cancelled" << 1;
        QTest::newRow("RST before any byte")
                << "rst_after_commit" << 0 << 0ll << Kind::Cancelled << "cancelled" << 1;
        QTest::newRow("headers, then nothing")
                << "drop_after_commit" << 0 << 0ll << Kind::Unknown << "cancelled" << 1;
        QTest::newRow("half an answer")
                << "half_answer_after_commit" << 0 << 0ll << Kind::Unknown << "cancelled" << 1;
        QTest::newRow("timeout, applied late")
                << "delay" << 1500 << 0ll << Kind::Unknown << "cancelled" << 1;
        // The client cannot tell these from the losses above: unknown, and the resend with the
        // same token applies the cancel the user asked for, once.
        QTest::newRow("headers, then nothing, not applied")
                << "drop_before_commit" << 0 << 0ll << Kind::Unknown << "cancelled" << 1;
        QTest::newRow("HTTP 500, not applied")
                << "http_500" << 0 << 0ll << Kind::Unknown << "cancelled" << 1;
        // Douyin's own error answers: nothing cancelled, the code kept.
        QTest::newRow("error answer: busy")
                << "error_code" << 0 << qint64(DouyinApi::BUSY) << Kind::Rejected << "failed" << 0;
        QTest::newRow("error answer: bad parameter")
                << "error_code" << 0 << qint64(DouyinApi::BAD_PARAMETER) << Kind::Rejected
                << "failed" << 0;
        QTest::newRow("error answer: too frequent")
                << "rate_limit" << 0 << 0ll << Kind::Unavailable << "failed" << 0;
    }

    void lostCancelAnswer()
    {
        QFETCH(QString, fault);
        QFETCH(int, delayMs);
        QFETCH(qint64, errorCode);
        QFETCH(Kind, firstKind);
        QFETCH(QString, finalStatus);
        QFETCH(int, cancelledOnDouyin);
        const QJsonObject order = m_control.mintOrder(1);
        const VerificationRecord record = verified(order);
        QVERIFY(record.id);
        QJsonObject extra;
        if (delayMs)
            extra.insert("delay_ms", delayMs);
        if (errorCode)
            extra.insert("error_code", errorCode);
        m_control.fault("cancel", fault, 1, extra);
        const int calls = m_control.stat("cancel");

        const CancelOutcome outcome = cancel(record.id);
        QVERIFY(outcome.record.has_value());
        QTRY_VERIFY_WITH_TIMEOUT(!reload(record.id).cancel.isOpen(), 15000);
        QTest::qWait(delayMs + 200); // a late original lands before counting
        const VerificationRecord stored = reload(record.id);
        qInfo().noquote() << QString("%1: first %2, final %3, cancel calls %4, cancelled on "
                                     "Douyin %5")
                                     .arg(QTest::currentDataTag())
                                     .arg(int(outcome.kind))
                                     .arg(statusText(stored))
                                     .arg(m_control.stat("cancel") - calls)
                                     .arg(cancelsOnDouyin(order));
        QCOMPARE(outcome.kind, firstKind);
        QCOMPARE(statusText(stored), finalStatus);
        QCOMPARE(cancelsOnDouyin(order), cancelledOnDouyin);
        const bool cancelled = stored.cancel.status == CancelStatus::Cancelled;
        QCOMPARE(stored.cancel.cancelledAt.has_value(), cancelled);
        QCOMPARE(certificateOnDouyin(order).value("status").toInt(),
                 int(cancelled ? DouyinApi::CertificateStatus::Usable
                               : DouyinApi::CertificateStatus::Verified));
        if (!cancelled) {
            QCOMPARE(m_control.stat("cancel"), calls + 1); // refused: never resent
            if (errorCode)
                QCOMPARE(stored.cancel.errorCode.value_or(0), errorCode);
            // Nothing was cancelled, so a new cancel may be asked for, and goes through.
            QCOMPARE(cancel(record.id).kind, Kind::Cancelled);
            QCOMPARE(cancelsOnDouyin(order), 1);
        }
    }

    // Nothing reaches Douyin (connection refused): nothing was cancelled, and a later cancel
    // may go ahead.
    void douyinUnreachable()
    {
        const QJsonObject order = m_control.mintOrder(1);
        const VerificationRecord record = verified(order);
        QVERIFY(record.id);
        const DouyinClient::Config reachable = m_rig.client->config();
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        DouyinClient::Config unreachable = reachable;
        unreachable.baseUrl = QUrl(QString("http://127.0.0.1:%1").arg(closed.serverPort()));
        closed.close();
        m_rig.client->setConfig(unreachable);
        const CancelOutcome outcome = cancel(record.id);
        m_rig.client->setConfig(reachable);
        QCOMPARE(outcome.kind, Kind::Unavailable);
        QCOMPARE(reload(record.id).cancel.status, CancelStatus::Failed);
        QCOMPARE(cancelsOnDouyin(order), 0);
        QCOMPARE(cancel(record.id).kind, Kind::Cancelled);
        QCOMPARE(cancelsOnDouyin(order), 1);
    }

    // Our clock says the window closed: refused before anything is sent or stored.
    void windowClosedLocally_data()
    {
        QTest::addColumn<bool>("moveEngineClock"); // else: the stored deadline is in the past
        QTest::newRow("deadline stored in the past") << false;
        QTest::newRow("engine clock past the deadline") << true;
    }

    void windowClosedLocally()
    {
        QFETCH(bool, moveEngineClock);
        const QJsonObject order = m_control.mintOrder(1);
        VerificationRecord record = verified(order);
        QVERIFY(record.id);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (moveEngineClock) {
            const qint64 later = *record.cancelDeadline + 1000;
            m_rig.engine->cancelResolver()->setClock([later] { return later; });
        } else {
            // Enrichment writes its own copy of the record: let it finish first.
            QTRY_VERIFY(reload(record.id).enrichmentStatus
                        != VerificationRecord::Enrichment::Pending);
            record = reload(record.id);
            record.cancelDeadline = now - 1000;
            QVERIFY(m_rig.engine->repository()->update({record}).ok());
        }
        const int calls = m_control.stat("cancel");

        const CancelOutcome outcome = cancel(record.id);
        QCOMPARE(outcome.kind, Kind::WindowClosed);
        QVERIFY(outcome.record.has_value());
        QCOMPARE(outcome.error.code, ErrorCode::Conflict);
        QVERIFY(!reload(record.id).cancel.status.has_value());
        QCOMPARE(m_control.stat("cancel"), calls);
        QCOMPARE(certificateOnDouyin(order).value("status").toInt(),
                 int(DouyinApi::CertificateStatus::Verified));
    }

    void refused_data()
    {
        QTest::addColumn<QString>("record"); // success, cancelled, failed, unknown, pending, none
        QTest::addColumn<qint64>("onlyAppId"); // -1: the till (any record)
        QTest::addColumn<int>("reasonLength");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<bool>("recordAttached");
        QTest::newRow("cancelled already")
                << "cancelled" << -1ll << 0 << Kind::NotCancellable << true;
        QTest::newRow("failed verification")
                << "failed" << -1ll << 0 << Kind::NotCancellable << true;
        QTest::newRow("unknown verification")
                << "unknown" << -1ll << 0 << Kind::NotCancellable << true;
        QTest::newRow("pending verification")
                << "pending" << -1ll << 0 << Kind::NotCancellable << true;
        QTest::newRow("another app's") << "success" << 7ll << 0 << Kind::NotYours << false;
        QTest::newRow("no such verification") << "none" << -1ll << 0 << Kind::NotFound << false;
        QTest::newRow("reason of 257 characters")
                << "success" << -1ll << 257 << Kind::BadInput << false;
    }

    void refused()
    {
        QFETCH(QString, record);
        QFETCH(qint64, onlyAppId);
        QFETCH(int, reasonLength);
        QFETCH(Kind, kind);
        QFETCH(bool, recordAttached);
        qint64 id = 999999;
        if (record == "success" || record == "cancelled") {
            const QJsonObject order = m_control.mintOrder(1);
            id = verified(order).id;
            QVERIFY(id);
            if (record == "cancelled")
                QCOMPARE(cancel(id).kind, Kind::Cancelled);
        } else if (record != "none") {
            const Status status = record == "failed" ? Status::Failed
                    : record == "unknown"            ? Status::Unknown
                                                     : Status::Pending;
            id = storedRecord(status);
            QVERIFY(id);
        }
        const VerificationRecord before = record == "none" ? VerificationRecord{} : reload(id);
        const int calls = m_control.stat("cancel");

        CancelCommand command;
        command.recordId = id;
        if (onlyAppId >= 0)
            command.onlyAppId = onlyAppId;
        command.reason = QString(reasonLength, QChar(u'撤'));
        const CancelOutcome outcome = m_rig.cancel(command, this);
        QCOMPARE(outcome.kind, kind);
        QCOMPARE(outcome.record.has_value(), recordAttached);
        if (recordAttached)
            QCOMPARE(outcome.record->id, id);
        QVERIFY(!outcome.error.message.isEmpty());
        QCOMPARE(m_control.stat("cancel"), calls);
        if (record != "none") {
            const VerificationRecord after = reload(id);
            QCOMPARE(after.cancel.status, before.cancel.status);
            QCOMPARE(after.cancel.token, before.cancel.token);
        }
        // A reason of exactly the limit is fine.
        if (kind == Kind::BadInput) {
            command.reason = QString(CancelCommand::MAX_REASON_LENGTH, QChar(u'撤'));
            QCOMPARE(m_rig.cancel(command, this).kind, Kind::Cancelled);
        }
    }

    // Cancels of one record at once: one platform call, every caller the same outcome.
    void concurrentCancels_data()
    {
        QTest::addColumn<QString>("fault"); // on the first cancel call; "" for none
        QTest::addColumn<Kind>("kind");
        QTest::newRow("answered") << "" << Kind::Cancelled;
        QTest::newRow("answer lost") << "drop_after_commit" << Kind::Unknown;
    }

    void concurrentCancels()
    {
        QFETCH(QString, fault);
        QFETCH(Kind, kind);
        const QJsonObject order = m_control.mintOrder(1);
        const VerificationRecord record = verified(order);
        QVERIFY(record.id);
        if (!fault.isEmpty())
            m_control.fault("cancel", fault);
        const int calls = m_control.stat("cancel");

        constexpr int CALLERS = 5;
        QList<CancelOutcome> outcomes;
        for (int i = 0; i < CALLERS; ++i) {
            CancelCommand command;
            command.recordId = record.id;
            command.requestedBy = QString("caller %1").arg(i);
            m_rig.engine->cancel(command, this,
                                 [&](const CancelOutcome &o) { outcomes.append(o); });
        }
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), CALLERS, 10000);
        for (const CancelOutcome &outcome : std::as_const(outcomes)) {
            QCOMPARE(outcome.kind, kind);
            QVERIFY(outcome.record.has_value());
            QCOMPARE(outcome.record->id, record.id);
            QCOMPARE(outcome.record->cancel.token, outcomes.first().record->cancel.token);
            QCOMPARE(outcome.record->cancel.status, outcomes.first().record->cancel.status);
        }
        QCOMPARE(m_control.stat("cancel"), calls + 1);
        QTRY_COMPARE_WITH_TIMEOUT(reload(record.id).cancel.status, CancelStatus::Cancelled, 15000);
        QCOMPARE(reload(record.id).cancel.requestedBy, QString("caller 0"));
        QCOMPARE(cancelsOnDouyin(order), 1);
    }

    // Cancels of many records at once, half of them losing their answer: each record is
    // cancelled exactly once, and resolution tells them apart.
    void manyRecordsAtOnce()
    {
        constexpr int RECORDS = 10;
        constexpr int LOST = 5;
        QList<QJsonObject> orders;
        QList<qint64> ids;
        for (int i = 0; i < RECORDS; ++i) {
            orders.append(m_control.mintOrder(1));
            ids.append(verified(orders.last()).id);
            QVERIFY(ids.last());
        }
        m_control.fault("cancel", "drop_after_commit", LOST);
        const int calls = m_control.stat("cancel");
        QList<CancelOutcome> outcomes;
        for (const qint64 id : std::as_const(ids)) {
            CancelCommand command;
            command.recordId = id;
            m_rig.engine->cancel(command, this,
                                 [&](const CancelOutcome &o) { outcomes.append(o); });
        }
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), RECORDS, 10000);
        int unknown = 0;
        for (const CancelOutcome &outcome : std::as_const(outcomes)) {
            QVERIFY(outcome.kind == Kind::Cancelled || outcome.kind == Kind::Unknown);
            unknown += outcome.kind == Kind::Unknown ? 1 : 0;
        }
        QCOMPARE(unknown, LOST);
        for (int i = 0; i < RECORDS; ++i) {
            QTRY_COMPARE_WITH_TIMEOUT(reload(ids.at(i)).cancel.status, CancelStatus::Cancelled,
                                      15000);
            QCOMPARE(cancelsOnDouyin(orders.at(i)), 1);
        }
        QCOMPARE(m_control.stat("cancel"), calls + RECORDS); // the status query settled the lost
        QCOMPARE(m_rig.engine->cancelResolver()->backlog(), 0);
    }

    // The program stopped with a cancel open: stored as pending (before the call, or after a
    // call that applied), or unknown (its answer lost). The next start settles it with the
    // stored token and cancels once.
    void openCancelResumedAfterStart_data()
    {
        QTest::addColumn<QString>("state");
        QTest::newRow("pending, never sent") << "pending";
        QTest::newRow("pending, sent and applied") << "sent";
        QTest::newRow("unknown, answer lost") << "unknown";
    }

    void openCancelResumedAfterStart()
    {
        QFETCH(QString, state);
        const QJsonObject order = m_control.mintOrder(1);
        const VerificationRecord record = verified(order);
        QVERIFY(record.id);
        const int calls = m_control.stat("cancel");
        QString token;
        if (state == "unknown") {
            holdResolverClock(); // no pass before the stop
            m_control.fault("cancel", "drop_after_commit");
            QCOMPARE(cancel(record.id).kind, Kind::Unknown);
            token = reload(record.id).cancel.token;
        } else {
            token = "restart-" + order.value("order_id").toString();
            VerificationRecord::Cancel pending;
            pending.status = CancelStatus::Pending;
            pending.token = token;
            pending.requestedBy = "tst_cancel";
            pending.requestedAt = QDateTime::currentMSecsSinceEpoch();
            const auto claim = m_rig.engine->repository()->cancels()->claim(record.id, pending);
            QVERIFY(claim.ok());
            QVERIFY(claim.value().claimed);
            // A second claim of the same record is refused by the store itself.
            pending.token = "another token";
            const auto second = m_rig.engine->repository()->cancels()->claim(record.id, pending);
            QVERIFY(second.ok());
            QVERIFY(!second.value().claimed);
            QCOMPARE(second.value().record.cancel.token, token);
        }
        if (state == "sent") {
            DouyinClient lastRun; // the call the stopped program made
            lastRun.setConfig(m_rig.client->config());
            std::optional<Result<QJsonObject, Douyin::Error>> sent;
            lastRun.cancel({record.verifyId, record.certificateId, token}, this,
                           [&](const Result<QJsonObject, Douyin::Error> &r) { sent = r; });
            QTRY_VERIFY(sent.has_value());
            QVERIFY(sent->ok());
        }
        // While it is open, a cancel request answers that it is in progress, and sends nothing.
        const int before = m_control.stat("cancel");
        QCOMPARE(cancel(record.id).kind, Kind::Unknown);
        QCOMPARE(m_control.stat("cancel"), before);

        startEngine();
        QTRY_COMPARE_WITH_TIMEOUT(reload(record.id).cancel.status, CancelStatus::Cancelled, 15000);
        QTest::qWait(200);
        QCOMPARE(reload(record.id).cancel.token, token);
        QVERIFY(reload(record.id).cancel.cancelledAt.has_value());
        // One call in all: the first attempt, or the resend of one never sent.
        QCOMPARE(m_control.stat("cancel"), calls + 1);
        QCOMPARE(cancelsOnDouyin(order), 1);
        QCOMPARE(m_rig.engine->cancelResolver()->backlog(), 0);
    }

    // A verify whose answer was lost and that the status query settled: the cancel needs the
    // verify_id the query found.
    void cancelAfterALostVerifyAnswer()
    {
        const QJsonObject order = m_control.mintOrder(1);
        m_control.fault("verify", "drop_after_commit");
        const VerifyOutcome verify = m_rig.verify(EngineRig::byCode(order), this);
        QCOMPARE(verify.kind, VerifyOutcome::Kind::Unknown);
        const qint64 id = verify.records.first().id;
        QTRY_COMPARE_WITH_TIMEOUT(reload(id).verifyStatus, Status::Success, 15000);
        QVERIFY(!reload(id).verifyId.isEmpty());

        const CancelOutcome outcome = cancel(id);
        QCOMPARE(outcome.kind, Kind::Cancelled);
        QCOMPARE(cancelsOnDouyin(order), 1);
    }

    // Someone cancelled it in the merchant app first: Douyin answers "already cancelled". The
    // verification is cancelled, which is what was asked: the caller hears Cancelled (as it
    // would for Qt's own resend of our request), and the record keeps Douyin's answer.
    void cancelledElsewhereFirst()
    {
        const QJsonObject order = m_control.mintOrder(1);
        const VerificationRecord record = verified(order);
        QVERIFY(record.id);
        DouyinClient merchantApp;
        merchantApp.setConfig(m_rig.client->config());
        std::optional<Result<QJsonObject, Douyin::Error>> theirs;
        merchantApp.cancel({record.verifyId, record.certificateId, {}}, this,
                           [&](const Result<QJsonObject, Douyin::Error> &r) { theirs = r; });
        QTRY_VERIFY(theirs.has_value());
        QVERIFY(theirs->ok());
        QCOMPARE(cancelsOnDouyin(order), 1);

        const CancelOutcome outcome = cancel(record.id);
        QCOMPARE(outcome.kind, Kind::Cancelled);
        QVERIFY(outcome.platformError.has_value());
        QCOMPARE(outcome.platformError->reason, RejectReason::AlreadyCancelled);
        const VerificationRecord stored = reload(record.id);
        QCOMPARE(stored.cancel.status, CancelStatus::Cancelled);
        QCOMPARE(stored.cancel.errorCode.value_or(0), qint64(DouyinApi::CANCEL_REFUSED));
        QCOMPARE(cancelsOnDouyin(order), 1);
    }

    // Our cancel's answer was lost, and the coupon was verified again before resolution ran:
    // the status shows another verify_id, which only our applied cancel allows. No resend.
    void verifiedAgainBeforeResolution()
    {
        holdResolverClock();
        const QJsonObject order = m_control.mintOrder(1);
        const VerificationRecord record = verified(order);
        QVERIFY(record.id);
        m_control.fault("cancel", "drop_after_commit");
        const int calls = m_control.stat("cancel");
        QCOMPARE(cancel(record.id).kind, Kind::Unknown);
        const VerificationRecord again = verified(order);
        QVERIFY(again.id);

        m_now = reload(record.id).cancel.nextResolveAt.value_or(m_now);
        m_rig.engine->cancelResolver()->runDue();
        QTRY_COMPARE_WITH_TIMEOUT(reload(record.id).cancel.status, CancelStatus::Cancelled, 10000);
        QCOMPARE(m_control.stat("cancel"), calls + 1);
        QCOMPARE(cancelsOnDouyin(order), 1);
        QVERIFY(!reload(again.id).cancel.status.has_value());
    }

    void summaryLeavesTheCancelledOut_data()
    {
        QTest::addColumn<SummaryQuery::Source>("source");
        QTest::newRow("daily totals") << SummaryQuery::Source::DailyTotals;
        QTest::newRow("records") << SummaryQuery::Source::Records;
    }

    void summaryLeavesTheCancelledOut()
    {
        QFETCH(SummaryQuery::Source, source);
        const QJsonObject order = m_control.mintOrder(1, {{"pay_amount", 1234}});
        const VerificationRecord record = verified(order);
        QVERIFY(record.id);
        QTRY_COMPARE_WITH_TIMEOUT(reload(record.id).enrichmentStatus,
                                  VerificationRecord::Enrichment::Success, 10000);
        const qint64 paid = reload(record.id).payAmount.value_or(0);
        QCOMPARE(paid, 1234);
        const VerificationSummaryRow before = totals(source);

        QCOMPARE(cancel(record.id).kind, Kind::Cancelled);
        const VerificationSummaryRow after = totals(source);
        QCOMPARE(after.cancelledCount, before.cancelledCount + 1);
        QCOMPARE(after.successCount, before.successCount - 1);
        QCOMPARE(after.failedCount, before.failedCount);
        QCOMPARE(after.unknownCount, before.unknownCount);
        QCOMPARE(after.payAmount, before.payAmount - paid);
        QCOMPARE(after.receiptAmount,
                 before.receiptAmount - reload(record.id).receiptAmount.value_or(0));
        QCOMPARE(after.discountAmount,
                 before.discountAmount - reload(record.id).discountAmount.value_or(0));
        // Both tables agree.
        const VerificationSummaryRow other =
                totals(source == SummaryQuery::Source::Records ? SummaryQuery::Source::DailyTotals
                                                               : SummaryQuery::Source::Records);
        QCOMPARE(other.cancelledCount, after.cancelledCount);
        QCOMPARE(other.successCount, after.successCount);
        QCOMPARE(other.payAmount, after.payAmount);
        // Filtered on verify_status success (which a cancelled record keeps), and grouped.
        SummaryQuery query;
        query.from = QDate::currentDate().addDays(-1);
        query.to = QDate::currentDate().addDays(1);
        query.verifyStatus = Status::Success;
        query.groupBy = {SummaryQuery::GroupKey::Date, SummaryQuery::GroupKey::Poi};
        query.source = SummaryQuery::Source::DailyTotals;
        const auto byTotals = m_rig.engine->repository()->summary(query);
        query.source = SummaryQuery::Source::Records;
        const auto byRecords = m_rig.engine->repository()->summary(query);
        QVERIFY(byTotals.ok());
        QVERIFY(byRecords.ok());
        QCOMPARE(byTotals.value().totals.cancelledCount, after.cancelledCount);
        QCOMPARE(byRecords.value().totals.cancelledCount, after.cancelledCount);
        QCOMPARE(byTotals.value().totals.successCount, after.successCount);
        QCOMPARE(byRecords.value().totals.successCount, after.successCount);
        QCOMPARE(byTotals.value().totals.payAmount, after.payAmount);
        QCOMPARE(byRecords.value().totals.payAmount, after.payAmount);
        QCOMPARE(byTotals.value().rows.size(), byRecords.value().rows.size());
        // Only the cancelled ones: the records answer (the totals do not know cancel_status).
        query.verifyStatus.reset();
        query.groupBy.clear();
        query.cancelStatus = CancelStatus::Cancelled;
        query.source = SummaryQuery::Source::Auto;
        const auto onlyCancelled = m_rig.engine->repository()->summary(query);
        QVERIFY(onlyCancelled.ok());
        QCOMPARE(onlyCancelled.value().source, SummaryQuery::Source::Records);
        QCOMPARE(onlyCancelled.value().totals.cancelledCount, after.cancelledCount);
        QCOMPARE(onlyCancelled.value().totals.successCount, 0);
        QCOMPARE(onlyCancelled.value().totals.payAmount, 0);

        VerificationFilter filter;
        filter.cancelStatus = CancelStatus::Cancelled;
        const auto cancelled = m_rig.engine->repository()->list(filter, 1, 100);
        QVERIFY(cancelled.ok());
        QCOMPARE(cancelled.value().total, after.cancelledCount);
        bool listed = false;
        for (const VerificationRecord &item : cancelled.value().items) {
            QCOMPARE(item.cancel.status, CancelStatus::Cancelled);
            listed = listed || item.id == record.id;
        }
        QVERIFY(listed);
        filter.cancelStatus = CancelStatus::Failed;
        const auto failed = m_rig.engine->repository()->list(filter, 1, 100);
        QVERIFY(failed.ok());
        for (const VerificationRecord &item : failed.value().items) {
            QCOMPARE(item.cancel.status, CancelStatus::Failed);
            QVERIFY(item.id != record.id);
        }
    }

    // Douyin's clock says the hour is over (ours does not): its refusal wins. Last, because
    // the sandbox clock stays an hour ahead.
    void windowClosedOnDouyin()
    {
        const QJsonObject order = m_control.mintOrder(1);
        const VerificationRecord record = verified(order);
        QVERIFY(record.id);
        // The tests before may leave a cancel for the resolver; its resend would count here.
        QTRY_COMPARE_WITH_TIMEOUT(m_rig.engine->cancelResolver()->backlog(), 0, 15000);
        QVERIFY(m_control.advanceClock(DouyinApi::CANCEL_WINDOW_SECONDS + 1) > 0);
        const int calls = m_control.stat("cancel");

        const CancelOutcome outcome = cancel(record.id);
        QCOMPARE(outcome.kind, Kind::WindowClosed);
        QVERIFY(outcome.platformError.has_value());
        QCOMPARE(outcome.platformError->code, qint64(DouyinApi::CANCEL_REFUSED));
        QCOMPARE(outcome.platformError->reason, RejectReason::TooLateToCancel);
        const VerificationRecord stored = reload(record.id);
        QCOMPARE(stored.cancel.status, CancelStatus::Failed);
        QCOMPARE(stored.cancel.errorCode.value_or(0), qint64(DouyinApi::CANCEL_REFUSED));
        // Douyin's own words, for the till to show.
        QCOMPARE(stored.cancel.errorDescription, QString("已超过可撤销时限,无法撤销核销"));
        QVERIFY(!stored.cancel.cancelledAt.has_value());
        // At least our call; Qt may resend a POST on a keep-alive connection the server closed
        // (same token). What matters: nothing was cancelled.
        QVERIFY(m_control.stat("cancel") >= calls + 1);
        QCOMPARE(cancelsOnDouyin(order), 0);
        QCOMPARE(certificateOnDouyin(order).value("status").toInt(),
                 int(DouyinApi::CertificateStatus::Verified));
    }

    // The first attempt was lost before Douyin applied it, and the hour ran out before the
    // resend: the status query says the coupon is still ours, so the refusal settles it.
    void windowClosedBeforeTheResend()
    {
        holdResolverClock();
        const QJsonObject order = m_control.mintOrder(1);
        const VerificationRecord record = verified(order);
        QVERIFY(record.id);
        m_control.fault("cancel", "drop_before_commit");
        QCOMPARE(cancel(record.id).kind, Kind::Unknown);
        QVERIFY(m_control.advanceClock(DouyinApi::CANCEL_WINDOW_SECONDS + 1) > 0);

        m_now = reload(record.id).cancel.nextResolveAt.value_or(m_now);
        m_rig.engine->cancelResolver()->runDue();
        QTRY_COMPARE_WITH_TIMEOUT(reload(record.id).cancel.status, CancelStatus::Failed, 10000);
        QCOMPARE(reload(record.id).cancel.errorCode.value_or(0), qint64(DouyinApi::CANCEL_REFUSED));
        QCOMPARE(cancelsOnDouyin(order), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Cancel)
#include "tst_cancel.moc"
