#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "tests/common/demoapi.h"
#include "tests/common/demoruntime.h"
#include "tests/common/lanclient.h"
#include "tests/common/sandboxcontrol.h"

#include "core/api/lanapiserver.h"
#include "core/reconcile/reconciliationservice.h"
#include "core/runtime/gatewayruntime.h"
#include "core/sandbox/sandboxserver.h"

// API.md's Extensions → Reconciliation as a manager's script sees it, over real HTTP against a
// demo gateway and its sandbox: the report's shape and fields, starting a run (202, then 409
// while it runs), every bad request, the admin token, and settlement in the views and the
// summary once the sandbox's clock has passed the ledger's hour.
namespace {

const QByteArray ADMIN_TOKEN = "adm_reconciliationtests_0123456789abcdefgh";

QString today()
{
    return QDate::currentDate().toString(Qt::ISODate);
}

} // namespace

class tst_ReconciliationApi : public QObject
{
    Q_OBJECT

private:
    using Reply = LanClient::Reply;

    QJsonObject verified()
    {
        const QJsonObject minted = m_control.mintOrder(1);
        const Reply reply = m_app.post("/v1/open/coupons/verify",
                                       {{"poi_id", minted.value("poi_id")},
                                        {"code", minted.value("codes").toArray().first()}});
        if (reply.status != 200)
            qWarning() << "verify answered" << reply.status << reply.json;
        return reply.json.value("data").toObject();
    }

    // Starts a run of today over the API and waits for its end.
    bool runToday()
    {
        QSignalSpy finished(m_runtime->reconciliation(), &ReconciliationService::runFinished);
        const Reply started =
                m_app.adminPost("/v1/internal/reconciliation/runs", {{"date", today()}});
        if (started.status != 202) {
            qWarning() << "run answered" << started.status << started.json;
            return false;
        }
        return finished.wait(30000);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<GatewayRuntime> m_runtime;
    SandboxControl m_control;
    LanClient m_app;

private slots:
    void initTestCase()
    {
        m_runtime = startDemoApi(m_dir.path(), ADMIN_TOKEN, m_control, m_app,
                                 QStringLiteral("recon till"));
        QVERIFY(m_runtime);
        // The start-up's catch-up of missed days runs first; wait for it to settle.
        QTest::qWait(500);
    }

    void badRequests_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("no date") << QByteArray("/v1/internal/reconciliation") << 400;
        QTest::newRow("not a date")
                << QByteArray("/v1/internal/reconciliation?date=yesterday") << 400;
        QTest::newRow("no such day")
                << QByteArray("/v1/internal/reconciliation?date=2026-02-30") << 400;
        QTest::newRow("unknown platform")
                << QByteArray("/v1/internal/reconciliation?date=2026-11-30&platform=eleme") << 400;
    }

    void badRequests()
    {
        QFETCH(QByteArray, path);
        QFETCH(int, status);
        const Reply reply = m_app.adminGet(path);
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.json.value("error").toObject().value("code").toString(), "invalid_request");
    }

    void badRuns_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::newRow("no date") << QJsonObject{};
        QTest::newRow("a number") << QJsonObject{{"date", 20261130}};
        QTest::newRow("tomorrow") << QJsonObject{
                {"date", QDate::currentDate().addDays(1).toString(Qt::ISODate)}};
        QTest::newRow("an unknown field") << QJsonObject{{"date", today()}, {"poi", "x"}};
    }

    void badRuns()
    {
        QFETCH(QJsonObject, body);
        const Reply reply = m_app.adminPost("/v1/internal/reconciliation/runs", body);
        QCOMPARE(reply.status, 400);
    }

    void adminTokenRequired()
    {
        LanClient stranger = m_app;
        stranger.adminToken = "adm_wrong";
        QCOMPARE(stranger.adminGet("/v1/internal/reconciliation?date=" + today().toLatin1()).status,
                 401);
        QCOMPARE(stranger.adminPost("/v1/internal/reconciliation/runs", {{"date", today()}}).status,
                 401);
    }

    void aNeverFetchedDay()
    {
        const Reply reply = m_app.adminGet("/v1/internal/reconciliation?date=2026-01-05");
        QCOMPARE(reply.status, 200);
        const QJsonObject data = reply.json.value("data").toObject();
        QCOMPARE(data.value("date").toString(), "2026-01-05");
        QCOMPARE(data.value("state").toString(), "not_fetched");
        QVERIFY(data.value("fetched_at").isNull());
        QVERIFY(data.value("platform").isNull());
        QVERIFY(data.value("poi_id").isNull());
        QCOMPARE(data.value("matched").toInt(), 0);
        for (const char *list :
             {"only_platform", "only_local", "status_mismatch", "amount_mismatch"})
            QVERIFY2(data.value(list).isArray(), list);
    }

    void aRunAndItsReport()
    {
        const QJsonObject here = verified();
        QCOMPARE(here.value("verify_status").toString(), "success");
        QCOMPARE(here.value("settlement_status").toString(), "pending");
        QVERIFY(here.value("receipt_amount").isNull());
        QVERIFY(here.value("commission_amount").isNull());
        QVERIFY(here.value("settled_at").isNull());
        const QJsonObject outside = m_control.mintOrder(1);
        m_control.call("POST",
                       "/sandbox/orders/" + outside.value("order_id").toString()
                               + "/verify_elsewhere",
                       {{"count", 1}});

        QSignalSpy finished(m_runtime->reconciliation(), &ReconciliationService::runFinished);
        const Reply started =
                m_app.adminPost("/v1/internal/reconciliation/runs", {{"date", today()}});
        QCOMPARE(started.status, 202);
        QCOMPARE(started.json.value("data").toObject().value("running").toBool(), true);
        const Reply again =
                m_app.adminPost("/v1/internal/reconciliation/runs", {{"date", today()}});
        QCOMPARE(again.status, 409);
        QCOMPARE(again.json.value("error").toObject().value("code").toString(),
                 "reconciliation_running");
        QVERIFY(finished.wait(30000));

        const Reply reply = m_app.adminGet("/v1/internal/reconciliation?date=" + today().toLatin1()
                                           + "&platform=douyin&poi_id="
                                           + outside.value("poi_id").toString().toLatin1());
        QCOMPARE(reply.status, 200);
        const QJsonObject data = reply.json.value("data").toObject();
        QCOMPARE(data.value("state").toString(), "partial");
        QCOMPARE(data.value("platform").toString(), "douyin");
        QVERIFY(!data.value("fetched_at").isNull());
        QVERIFY(data.value("matched").toInt() >= 1);
        const QJsonArray onlyPlatform = data.value("only_platform").toArray();
        bool found = false;
        for (const QJsonValue &value : onlyPlatform) {
            const QJsonObject row = value.toObject();
            if (row.value("certificate_id")
                != outside.value("certificate_ids").toArray().first().toString())
                continue;
            found = true;
            const QStringList fields = row.keys();
            for (const char *field :
                 {"platform", "certificate_id", "verify_id", "verify_time", "status", "poi_id",
                  "product_name", "pay_amount", "cancel_time"})
                QVERIFY2(fields.contains(field), field);
            QCOMPARE(row.value("platform").toString(), "douyin");
            QCOMPARE(row.value("status").toString(), "verified");
            QVERIFY(row.value("cancel_time").isNull());
        }
        QVERIFY(found);
    }

    // Chain mode's filter: a lone gateway's records carry no gateway name, so another
    // gateway's name finds none of them, in the list and in the summary.
    void filtersByGateway()
    {
        QVERIFY(!verified().isEmpty());
        const QByteArray day = today().toLatin1();
        const Reply all = m_app.adminGet("/v1/internal/verifications?page_size=200");
        QVERIFY(all.json.value("data").toObject().value("total").toInt() > 0);
        const Reply none = m_app.adminGet("/v1/internal/verifications?gateway=till-9");
        QCOMPARE(none.status, 200);
        QCOMPARE(none.json.value("data").toObject().value("total").toInt(), 0);
        const Reply summary = m_app.adminGet("/v1/internal/verifications/summary?from=" + day
                                             + "&to=" + day + "&gateway=till-9");
        QCOMPARE(summary.status, 200);
        QCOMPARE(summary.json.value("data")
                         .toObject()
                         .value("totals")
                         .toObject()
                         .value("success_count")
                         .toInt(),
                 0);
        QCOMPARE(m_app.adminGet("/v1/internal/verifications?gateway=").status, 400);
    }

    void settlementReachesTheViewsAndTheSummary()
    {
        const QJsonObject here = verified();
        const qint64 id = here.value("id").toInteger();
        m_control.advanceClock(61 * 60);
        QVERIFY(runToday());
        const Reply list = m_app.adminGet("/v1/internal/verifications?page_size=200");
        QJsonObject view;
        for (const QJsonValue &item : list.json.value("data").toObject().value("items").toArray()) {
            if (item.toObject().value("id").toInteger() == id)
                view = item.toObject();
        }
        QCOMPARE(view.value("settlement_status").toString(), "settled");
        QVERIFY(view.value("receipt_amount").toInteger() > 0);
        QVERIFY(view.value("receipt_amount").toInteger() < view.value("pay_amount").toInteger());
        QVERIFY(view.value("commission_amount").toInteger() > 0);
        QVERIFY(!view.value("settled_at").isNull());

        const Reply summary = m_app.adminGet("/v1/internal/verifications/summary?from="
                                             + today().toLatin1() + "&to=" + today().toLatin1());
        QCOMPARE(summary.status, 200);
        const QJsonObject totals = summary.json.value("data").toObject().value("totals").toObject();
        QVERIFY(totals.value("settled_count").toInt() >= 1);
        QVERIFY(totals.contains("settlement_pending_count"));
        QVERIFY(totals.value("receipt_amount").toInteger()
                >= view.value("receipt_amount").toInteger());
    }
};

// The stores' days are Beijing days, as Douyin's and Meituan's are (see tst_reconciliation).
int main(int argc, char **argv)
{
    qputenv("TZ", "Asia/Shanghai");
    QCoreApplication app(argc, argv);
    tst_ReconciliationApi test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_reconciliationapi.moc"
