#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include "tests/common/demoruntime.h"
#include "tests/common/lanclient.h"
#include "tests/common/sandboxcontrol.h"

#include "core/api/lanapiserver.h"
#include "core/config/gatewaysettings.h"
#include "core/runtime/gatewayruntime.h"
#include "core/sandbox/sandboxserver.h"
#include "core/verify/verificationservice.h"

// Cancel (撤销核销) as API.md's Extensions → Cancel promises it to a LAN device and to the
// manager, over real HTTP against the sandbox: who may cancel, the answers and error codes,
// the new VerificationView fields, the list filter and the summary's cancelled_count.
namespace {

const QByteArray ADMIN_TOKEN = "adm_canceltests_0123456789abcdefghijklmno";

bool isRfc3339(const QJsonValue &value)
{
    return value.isString() && QDateTime::fromString(value.toString(), Qt::ISODate).isValid();
}

} // namespace

class tst_CancelApi : public QObject
{
    Q_OBJECT

private:
    using Reply = LanClient::Reply;

    // A fresh sandbox coupon verified by app `client`; returns its record view.
    QJsonObject verified(const LanClient &client, QJsonObject *order = nullptr)
    {
        const QJsonObject minted = m_control.mintOrder(1);
        if (order)
            *order = minted;
        const Reply reply = client.post("/v1/open/coupons/verify",
                                        {{"poi_id", minted.value("poi_id")},
                                         {"code", minted.value("codes").toArray().first()}});
        if (reply.status != 200)
            qWarning() << "verify answered" << reply.status << reply.json;
        return reply.json.value("data").toObject();
    }

    static QByteArray cancelPath(const QString &group, qint64 id)
    {
        return "/v1/" + group.toLatin1() + "/verifications/" + QByteArray::number(id) + "/cancel";
    }

    QJsonObject record(qint64 id)
    {
        const Reply list = m_a.adminGet("/v1/internal/verifications?page_size=200");
        for (const QJsonValue &item : list.json.value("data").toObject().value("items").toArray()) {
            if (item.toObject().value("id").toInteger() == id)
                return item.toObject();
        }
        return {};
    }

    int certificateStatus(const QJsonObject &order)
    {
        const QJsonObject state =
                m_control.call("GET", "/sandbox/orders/" + order.value("order_id").toString());
        return state.value("certificates").toArray().first().toObject().value("status").toInt();
    }

    LanClient newApp(const QString &name)
    {
        LanClient client = m_a;
        const Reply created = client.adminPost("/v1/internal/apps", {{"name", name}});
        const QJsonObject data = created.json.value("data").toObject();
        client.key = data.value("app").toObject().value("client_key").toString().toLatin1();
        client.secret = data.value("client_secret").toString().toLatin1();
        return client;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<GatewayRuntime> m_runtime;
    SandboxControl m_control;
    LanClient m_a; // the app that verifies
    LanClient m_b; // another app of the same store

private slots:
    void initTestCase()
    {
        m_runtime = startDemoRuntime(m_dir.path(), ADMIN_TOKEN);
        QVERIFY(m_runtime);
        m_control.setBaseUrl(m_runtime->sandbox()->baseUrl().toString());
        m_a.port = m_runtime->api()->address().port;
        m_a.adminToken = ADMIN_TOKEN;
        m_a = newApp("cancel till A");
        m_b = newApp("cancel till B");
        QVERIFY(!m_a.key.isEmpty() && !m_b.key.isEmpty() && m_a.key != m_b.key);
    }

    void init() { m_control.clearFaults(); }

    void ownAppCancels()
    {
        QJsonObject order;
        const QJsonObject view = verified(m_a, &order);
        QCOMPARE(view.value("verify_status").toString(), "success");
        QVERIFY(view.value("cancel_status").isNull());
        QVERIFY(isRfc3339(view.value("cancel_deadline")));
        const qint64 id = view.value("id").toInteger();

        const Reply reply = m_a.post(cancelPath("open", id), {});
        QCOMPARE(reply.status, 200);
        const QJsonObject cancelled = reply.json.value("data").toObject();
        QCOMPARE(cancelled.value("id").toInteger(), id);
        QCOMPARE(cancelled.value("verify_status").toString(), "success"); // the verify's history
        QCOMPARE(cancelled.value("cancel_status").toString(), "cancelled");
        QVERIFY(isRfc3339(cancelled.value("cancelled_at")));
        QCOMPARE(certificateStatus(order), 1); // usable again

        // Again: nothing more to cancel; the record says why.
        const Reply again = m_a.post(cancelPath("open", id), {{"reason", "twice"}});
        QCOMPARE(again.status, 409);
        QCOMPARE(again.json.value("error").toObject().value("code").toString(), "not_cancellable");
        QCOMPARE(again.json.value("data").toObject().value("cancel_status").toString(),
                 "cancelled");
    }

    void anotherAppMayNot()
    {
        const qint64 id = verified(m_a).value("id").toInteger();
        const int cancels = m_control.stat("cancel");
        const Reply reply = m_b.post(cancelPath("open", id), {});
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.json.value("error").toObject().value("code").toString(),
                 "not_your_verification");
        QCOMPARE(m_control.stat("cancel"), cancels);
        QVERIFY(record(id).value("cancel_status").isNull());
    }

    void adminCancelsAnyWithReason()
    {
        QJsonObject order;
        const qint64 id = verified(m_b, &order).value("id").toInteger();
        const Reply reply = m_a.adminPost(cancelPath("internal", id), {{"reason", "顾客改主意"}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value("data").toObject().value("cancel_reason").toString(),
                 "顾客改主意");
        QCOMPARE(certificateStatus(order), 1);
    }

    void refusedRequests_data()
    {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QByteArray>("id");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("unknown id")
                << "internal" << QByteArray("999999") << QByteArray("{}") << 404 << "not_found";
        QTest::newRow("id not a number")
                << "internal" << QByteArray("abc") << QByteArray("{}") << 404 << "not_found";
        QTest::newRow("reason too long")
                << "internal" << QByteArray()
                << QByteArray("{\"reason\":\"" + QByteArray(257, 'x') + "\"}") << 400
                << "invalid_request";
        QTest::newRow("reason not text")
                << "internal" << QByteArray() << QByteArray("{\"reason\":5}") << 400
                << "invalid_request";
        QTest::newRow("unknown field") << "internal" << QByteArray()
                                       << QByteArray("{\"why\":\"x\"}") << 400 << "invalid_request";
        QTest::newRow("malformed JSON") << "internal" << QByteArray() << QByteArray("{\"reason\":")
                                        << 400 << "invalid_request";
        QTest::newRow("no admin token")
                << "no-auth" << QByteArray() << QByteArray("{}") << 401 << QString();
    }

    void refusedRequests()
    {
        QFETCH(QString, group);
        QFETCH(QByteArray, id);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        if (id.isEmpty())
            id = QByteArray::number(verified(m_a).value("id").toInteger());
        const QByteArray path = "/v1/internal/verifications/" + id + "/cancel";
        QByteArray request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        if (group != "no-auth")
            request += "Authorization: Bearer " + ADMIN_TOKEN + "\r\n";
        request += "Content-Type: application/json\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        const int cancels = m_control.stat("cancel");
        const Reply reply = m_a.sendAll({request}).first();
        QCOMPARE(reply.status, status);
        if (!code.isEmpty())
            QCOMPARE(reply.json.value("error").toObject().value("code").toString(), code);
        QCOMPARE(m_control.stat("cancel"), cancels);
    }

    void failedVerifyIsNotCancellable()
    {
        const QJsonObject order = m_control.mintOrder(1);
        m_control.fault("verify", "error_code", 1, {{"error_code", 1222}});
        const Reply verify = m_a.post("/v1/open/coupons/verify",
                                      {{"poi_id", order.value("poi_id")},
                                       {"code", order.value("codes").toArray().first()}});
        const qint64 id = verify.json.value("data").toObject().value("id").toInteger();
        QVERIFY(id > 0);
        QCOMPARE(verify.json.value("data").toObject().value("verify_status").toString(), "failed");
        QVERIFY(verify.json.value("data").toObject().value("cancel_deadline").isNull());
        const Reply reply = m_a.post(cancelPath("open", id), {});
        QCOMPARE(reply.status, 409);
        QCOMPARE(reply.json.value("error").toObject().value("code").toString(), "not_cancellable");
    }

    void lostCancelAnswerIsResolved()
    {
        QJsonObject order;
        const qint64 id = verified(m_a, &order).value("id").toInteger();
        const int cancels = m_control.stat("cancel");
        m_control.fault("cancel", "drop_after_commit");
        const Reply reply = m_a.post(cancelPath("open", id), {});
        QCOMPARE(reply.status, 502);
        QCOMPARE(reply.json.value("error").toObject().value("code").toString(),
                 "upstream_outcome_unknown");
        QCOMPARE(reply.json.value("data").toObject().value("cancel_status").toString(), "unknown");
        QTRY_COMPARE_WITH_TIMEOUT(record(id).value("cancel_status").toString(), "cancelled", 15000);
        QCOMPARE(certificateStatus(order), 1);
        // The status query settled it: the one cancel that was applied, nothing sent again.
        QCOMPARE(m_control.stat("cancel"), cancels + 1);
    }

    void listFilterAndSummary()
    {
        const Reply list =
                m_a.adminGet("/v1/internal/verifications?cancel_status=cancelled&page_size=200");
        QCOMPARE(list.status, 200);
        const QJsonArray items = list.json.value("data").toObject().value("items").toArray();
        QVERIFY(items.size() >= 3);
        for (const QJsonValue &item : items)
            QCOMPARE(item.toObject().value("cancel_status").toString(), "cancelled");
        QCOMPARE(m_a.adminGet("/v1/internal/verifications?cancel_status=done").status, 400);

        const QString today = QDate::currentDate().toString(Qt::ISODate);
        const Reply summary = m_a.adminGet("/v1/internal/verifications/summary?from="
                                           + today.toLatin1() + "&to=" + today.toLatin1());
        QCOMPARE(summary.status, 200);
        const QJsonObject totals = summary.json.value("data").toObject().value("totals").toObject();
        QCOMPARE(totals.value("cancelled_count").toInteger(), qint64(items.size()));
        const Reply successes = m_a.adminGet("/v1/internal/verifications?verify_status=success"
                                             "&page_size=200");
        const qint64 allSuccesses =
                successes.json.value("data").toObject().value("total").toInteger();
        QCOMPARE(totals.value("success_count").toInteger(), allSuccesses - items.size());
    }

    // Last: it moves the sandbox's clock past every window so far.
    void platformClosesTheWindow()
    {
        const qint64 id = verified(m_a).value("id").toInteger();
        m_control.advanceClock(3601);
        const Reply reply = m_a.post(cancelPath("open", id), {});
        QCOMPARE(reply.status, 409);
        const QJsonObject error = reply.json.value("error").toObject();
        QCOMPARE(error.value("code").toString(), "cancel_window_closed");
        QCOMPARE(error.value("douyin").toObject().value("error_code").toInteger(), 3000001);
        QCOMPARE(reply.json.value("data").toObject().value("cancel_status").toString(), "failed");
    }
};

QTEST_GUILESS_MAIN(tst_CancelApi)
#include "tst_cancelapi.moc"
