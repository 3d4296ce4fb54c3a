#include <memory>

#include <QCryptographicHash>
#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QProcessEnvironment>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include "tests/common/demoruntime.h"
#include "tests/common/lanclient.h"
#include "tests/common/sandboxcontrol.h"

#include "core/api/lanapiserver.h"
#include "core/config/gatewaysettings.h"
#include "core/runtime/gatewayruntime.h"
#include "core/sandbox/sandboxserver.h"
#include "core/verify/verificationservice.h"

// The safety rules of a verify as a LAN device meets them, over real HTTP: every way Douyin's
// answer gets lost ends as one success record, and many concurrent requests naming one
// verification (one verify_token, one Idempotency-Key) make one record and one Douyin verify.
namespace {

const QByteArray ADMIN_TOKEN = "adm_safetytests_0123456789abcdefghijklmno";

} // namespace

class tst_VerifySafety : public QObject
{
    Q_OBJECT

private:
    using Reply = LanClient::Reply;

    QList<Reply> sendAll(quint16 port, const QList<QByteArray> &requests)
    {
        LanClient client = m_lan;
        client.port = port;
        return client.sendAll(requests);
    }
    QByteArray signedPost(const QByteArray &path, const QJsonObject &body,
                          const QByteArray &idempotencyKey = {})
    {
        return m_lan.signedPost(path, body, idempotencyKey);
    }
    Reply post(const QByteArray &path, const QJsonObject &body) { return m_lan.post(path, body); }
    Reply adminPost(const QByteArray &path, const QJsonObject &body)
    {
        return m_lan.adminPost(path, body);
    }

    QJsonObject record(qint64 id)
    {
        const QByteArray head = "GET /v1/internal/verifications?page_size=200 HTTP/1.1\r\nHost: "
                                "127.0.0.1\r\nAuthorization: Bearer "
                + ADMIN_TOKEN + "\r\n\r\n";
        const Reply list = sendAll(m_port, {head}).first();
        for (const QJsonValue &item : list.json.value("data").toObject().value("items").toArray()) {
            if (item.toObject().value("id").toInteger() == id)
                return item.toObject();
        }
        return {};
    }

    int recordsOf(const QString &certificateId)
    {
        const QByteArray head = "GET /v1/internal/verifications?q=" + certificateId.toLatin1()
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ADMIN_TOKEN
                + "\r\n\r\n";
        return sendAll(m_port, {head})
                .first()
                .json.value("data")
                .toObject()
                .value("total")
                .toInt(-1);
    }

    int verificationsOnDouyin(const QString &orderId)
    {
        const QJsonObject order = m_control.call("GET", "/sandbox/orders/" + orderId);
        return int(order.value("certificates")
                           .toArray()
                           .first()
                           .toObject()
                           .value("verify_records")
                           .toArray()
                           .size());
    }

    QTemporaryDir m_dir;
    std::unique_ptr<GatewayRuntime> m_runtime;
    quint16 m_port = 0;
    LanClient m_lan;
    SandboxControl m_control;

private slots:
    void initTestCase()
    {
        m_runtime = startDemoRuntime(m_dir.path(), ADMIN_TOKEN);
        QVERIFY(m_runtime);
        m_port = m_runtime->api()->address().port;
        m_lan.port = m_port;
        m_lan.adminToken = ADMIN_TOKEN;
        m_control.setBaseUrl(m_runtime->sandbox()->baseUrl().toString());

        const Reply created = adminPost("/v1/internal/apps", {{"name", "safety till"}});
        QCOMPARE(created.status, 201);
        const QJsonObject data = created.json.value("data").toObject();
        m_lan.key = data.value("app").toObject().value("client_key").toString().toLatin1();
        m_lan.secret = data.value("client_secret").toString().toLatin1();
        QVERIFY(!m_lan.key.isEmpty() && !m_lan.secret.isEmpty());
    }

    void init() { m_control.clearFaults(); }

    void lostAnswer_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("firstStatus");
        QTest::newRow("FIN before any byte") << "fin_after_commit" << 200;
        QTest::newRow("RST before any byte") << "rst_after_commit" << 200;
        QTest::newRow("half an answer") << "half_answer_after_commit" << 502;
        QTest::newRow("headers, then nothing") << "drop_after_commit" << 502;
    }

    void lostAnswer()
    {
        QFETCH(QString, fault);
        QFETCH(int, firstStatus);
        const QJsonObject order = m_control.mintOrder(1);
        m_control.fault("verify", fault);
        const int prepares = m_control.stat("prepare");
        const Reply reply = post("/v1/open/coupons/verify",
                                 {{"poi_id", order.value("poi_id")},
                                  {"code", order.value("codes").toArray().first()}});
        QCOMPARE(reply.status, firstStatus);
        const QJsonObject view = reply.json.value("data").toObject();
        const qint64 id = view.value("id").toInteger();
        QVERIFY(id > 0);
        if (firstStatus == 200) {
            QCOMPARE(view.value("verify_status").toString(), "success");
        } else {
            QCOMPARE(reply.json.value("error").toObject().value("code").toString(),
                     "upstream_outcome_unknown");
            QCOMPARE(view.value("verify_status").toString(), "unknown");
        }
        QTRY_COMPARE_WITH_TIMEOUT(record(id).value("verify_status").toString(), "success", 15000);
        QVERIFY(!record(id).value("verify_id").toString().isEmpty());
        QCOMPARE(recordsOf(order.value("certificate_ids").toArray().first().toString()), 1);
        QCOMPARE(verificationsOnDouyin(order.value("order_id").toString()), 1);
        QCOMPARE(m_control.stat("prepare"), prepares + 1);
    }

    void platformField_data()
    {
        QTest::addColumn<QJsonValue>("platform");
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("douyin") << QJsonValue("douyin") << "code" << 200 << QString() << QString();
        QTest::newRow("null is douyin")
                << QJsonValue(QJsonValue::Null) << "code" << 200 << QString() << QString();
        // Demo mode binds every demo store to Meituan, which does not know a Douyin code.
        QTest::newRow("meituan, a Douyin code")
                << QJsonValue("meituan") << "code" << 422 << "platform_rejected"
                << "";
        QTest::newRow("meituan with a short link")
                << QJsonValue("meituan") << "short_link" << 400 << "invalid_request"
                << "short_link";
        QTest::newRow("unknown platform")
                << QJsonValue("tiktok") << "code" << 400 << "invalid_request"
                << "platform";
        QTest::newRow("platform as a number") << QJsonValue(5) << "code" << 400 << "invalid_request"
                                              << "platform";
    }

    void platformField()
    {
        QFETCH(QJsonValue, platform);
        QFETCH(QString, source);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, messagePart);
        const QJsonObject order = m_control.mintOrder(1);
        QJsonObject body{{"poi_id", order.value("poi_id")}, {"platform", platform}};
        body.insert(source,
                    source == "code" ? order.value("codes").toArray().first()
                                     : order.value("short_link"));
        const Reply reply = post("/v1/open/coupons/verify", body);
        QCOMPARE(reply.status, status);
        if (status == 200) {
            const QJsonObject view = reply.json.value("data").toObject();
            QCOMPARE(view.value("platform").toString(), "douyin");
            QCOMPARE(view.value("platform_response").toObject(),
                     view.value("douyin_response").toObject());
            return;
        }
        const QJsonObject error = reply.json.value("error").toObject();
        QCOMPARE(error.value("code").toString(), code);
        QVERIFY2(error.value("message").toString().contains(messagePart),
                 qPrintable(error.value("message").toString()));
    }

    // API.md, Extensions → Platforms: the list filters by platform, the summary groups by it.
    void platformInListAndSummary()
    {
        const QJsonObject order = m_control.mintOrder(1);
        QCOMPARE(post("/v1/open/coupons/verify",
                      {{"poi_id", order.value("poi_id")},
                       {"code", order.value("codes").toArray().first()}})
                         .status,
                 200);
        const auto get = [this](const QByteArray &target) {
            return sendAll(m_port,
                           {"GET " + target
                            + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              "Authorization: Bearer "
                            + ADMIN_TOKEN + "\r\n\r\n"})
                    .first();
        };
        const Reply douyin = get("/v1/internal/verifications?platform=douyin");
        QCOMPARE(douyin.status, 200);
        QVERIFY(douyin.json.value("data").toObject().value("total").toInt() > 0);
        const Reply meituan = get("/v1/internal/verifications?platform=meituan");
        QCOMPARE(meituan.json.value("data").toObject().value("total").toInt(-1), 0);
        const Reply bad = get("/v1/internal/verifications?platform=tiktok");
        QCOMPARE(bad.status, 400);
        QVERIFY(bad.json.value("error").toObject().value("message").toString().startsWith(
                "platform"));

        const QByteArray today = QDate::currentDate().toString(Qt::ISODate).toLatin1();
        const Reply summary = get("/v1/internal/verifications/summary?from=" + today
                                  + "&to=" + today + "&group_by=date,platform");
        QCOMPARE(summary.status, 200);
        const QJsonArray rows = summary.json.value("data").toObject().value("rows").toArray();
        QVERIFY(!rows.isEmpty());
        qint64 successes = 0;
        for (const QJsonValue &row : rows) {
            QCOMPARE(row.toObject().value("platform").toString(), "douyin");
            successes += row.toObject().value("success_count").toInteger();
        }
        const Reply all = get("/v1/internal/verifications/summary?from=" + today + "&to=" + today);
        QCOMPARE(successes,
                 all.json.value("data")
                         .toObject()
                         .value("totals")
                         .toObject()
                         .value("success_count")
                         .toInteger());
    }

    // A real Douyin account without account_id: /health says so (DOUYIN.md §11).
    void healthPointsOutAMissingAccountId_data()
    {
        QTest::addColumn<QString>("accountId");
        QTest::addColumn<bool>("missing");
        QTest::newRow("no account id") << QString() << true;
        QTest::newRow("with account id") << "7000000000000000001" << false;
    }

    void healthPointsOutAMissingAccountId()
    {
        QFETCH(QString, accountId);
        QFETCH(bool, missing);
        QTemporaryDir dir;
        QProcessEnvironment env;
        env.insert("DYGW_LISTEN", "127.0.0.1:0");
        env.insert("DYGW_DATA_DIR", dir.path());
        env.insert("DYGW_DOUYIN_CLIENT_KEY", "real_key");
        env.insert("DYGW_DOUYIN_CLIENT_SECRET", "real_secret");
        // Nothing is sent: this gateway is only asked about its health.
        env.insert("DYGW_DOUYIN_BASE_URL", "https://open.douyin.com");
        if (!accountId.isEmpty())
            env.insert("DYGW_DOUYIN_ACCOUNT_ID", accountId);
        const auto settings = GatewaySettings::load(dir.path() + "/dy-gateway.ini", env);
        QVERIFY(settings.ok());
        GatewayRuntime real(settings.value());
        GatewayRuntime::Options options;
        options.adminTokenFromEnvironment = QString::fromLatin1(ADMIN_TOKEN);
        QVERIFY(real.start(options).ok());
        const Reply health =
                sendAll(real.api()->address().port, {"GET /health HTTP/1.1\r\nHost: x\r\n\r\n"})
                        .first();
        QCOMPARE(health.status, 200);
        const QJsonObject douyin = health.json.value("douyin").toObject();
        QCOMPARE(douyin.value("configured").toBool(), true);
        QCOMPARE(douyin.value("account_id_set").toBool(), !missing);
        const QJsonArray warnings = douyin.value("warnings").toArray();
        QCOMPARE(warnings.isEmpty(), !missing);
        if (missing)
            QVERIFY(warnings.first().toString().startsWith("account_id is not set"));
    }

    void sameVerifyTokenConcurrently_data()
    {
        QTest::addColumn<int>("requests");
        QTest::newRow("20") << 20;
        QTest::newRow("200") << 200;
    }

    void sameVerifyTokenConcurrently()
    {
        QFETCH(int, requests);
        const QJsonObject order = m_control.mintOrder(1);
        const Reply prepared = post("/v1/open/coupons/prepare",
                                    {{"poi_id", order.value("poi_id")},
                                     {"code", order.value("codes").toArray().first()}});
        QCOMPARE(prepared.status, 200);
        const QJsonObject data = prepared.json.value("data").toObject();
        const QJsonObject body{
                {"poi_id", order.value("poi_id")},
                {"encrypted_code",
                 data.value("certificates").toArray().first().toObject().value("encrypted_code")},
                {"verify_token", data.value("verify_token")}};
        const int verifies = m_control.stat("verify");
        QList<QByteArray> all;
        for (int i = 0; i < requests; ++i)
            all.append(signedPost("/v1/open/coupons/verify", body));
        const QList<Reply> replies = sendAll(m_port, all);
        const qint64 id = replies.first().json.value("data").toObject().value("id").toInteger();
        QVERIFY(id > 0);
        for (const Reply &reply : replies) {
            QCOMPARE(reply.status, 200);
            const QJsonObject view = reply.json.value("data").toObject();
            QCOMPARE(view.value("id").toInteger(), id);
            QCOMPARE(view.value("verify_status").toString(), "success");
        }
        QCOMPARE(recordsOf(order.value("certificate_ids").toArray().first().toString()), 1);
        QCOMPARE(m_control.stat("verify"), verifies + 1);
    }

    void sameIdempotencyKeyConcurrently_data() { sameVerifyTokenConcurrently_data(); }

    void sameIdempotencyKeyConcurrently()
    {
        QFETCH(int, requests);
        const QJsonObject order = m_control.mintOrder(1);
        const QJsonObject body{{"poi_id", order.value("poi_id")},
                               {"code", order.value("codes").toArray().first()}};
        const QByteArray key = "idem-" + order.value("order_id").toString().toLatin1();
        const int verifies = m_control.stat("verify");
        const int prepares = m_control.stat("prepare");
        QList<QByteArray> all;
        for (int i = 0; i < requests; ++i)
            all.append(signedPost("/v1/open/coupons/verify", body, key));
        const QList<Reply> replies = sendAll(m_port, all);
        const qint64 id = replies.first().json.value("data").toObject().value("id").toInteger();
        QVERIFY(id > 0);
        for (const Reply &reply : replies) {
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.json.value("data").toObject().value("id").toInteger(), id);
        }
        QCOMPARE(recordsOf(order.value("certificate_ids").toArray().first().toString()), 1);
        QCOMPARE(m_control.stat("verify"), verifies + 1);
        QCOMPARE(m_control.stat("prepare"), prepares + 1);
    }
};

QTEST_GUILESS_MAIN(tst_VerifySafety)
#include "tst_verifysafety.moc"
