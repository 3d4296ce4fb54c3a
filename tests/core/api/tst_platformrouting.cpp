#include <memory>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include "tests/common/demoruntime.h"
#include "tests/common/lanclient.h"
#include "tests/common/sandboxcontrol.h"
#include "tests/common/scriptedmeituan.h"

#include "core/api/lanapiserver.h"
#include "core/config/gatewaysettings.h"
#include "core/runtime/gatewayruntime.h"
#include "core/sandbox/sandboxserver.h"

// API.md, Extensions → Platforms, over real HTTP against a whole gateway whose Douyin is the
// sandbox and whose Meituan answers literally (ScriptedMeituan), so a code can be one both
// know; store A is bound to Meituan, store B is not. Then a demo gateway, where the sandbox
// plays both platforms. A prepare or verify without "platform" goes where the gateway decides
// (MEITUAN.md §8), with it where it says, and each way of not finding one platform has its own
// answer.
namespace {

const QByteArray ADMIN_TOKEN = "adm_routingtests_0123456789abcdefghijklmn";
const QByteArray VERIFY = "/v1/open/coupons/verify";
const QByteArray PREPARE = "/v1/open/coupons/prepare";

} // namespace

class tst_PlatformRouting : public QObject
{
    Q_OBJECT

private:
    using Reply = LanClient::Reply;

    // The body of a request for a coupon of `whose`: "douyin" (a fresh sandbox order),
    // "meituan" (a code only Meituan knows), "both", "neither", "used" (Meituan's, used).
    QJsonObject bodyFor(const QString &whose, const QString &source, const QString &poiId,
                        const QJsonValue &platform)
    {
        const QJsonObject order =
                m_control.call("POST", "/sandbox/orders", {{"certificates", 1}, {"poi_id", poiId}});
        const bool douyins = whose == "douyin" || whose == "both";
        const QString code = douyins ? order.value("codes")[0].toString()
                                     : QString::number(5100000000LL + ++m_codes);
        if (whose == "meituan" || whose == "both")
            m_meituan.knows(code);
        if (whose == "used")
            m_meituan.refuses("1008", "券码已使用");
        QJsonObject body{{"poi_id", poiId}};
        if (!platform.isUndefined())
            body.insert("platform", platform);
        if (source == "code")
            body.insert("code", code);
        else if (source == "short_link")
            body.insert("short_link", order.value("short_link"));
        else if (source == "encrypted_data")
            body.insert("encrypted_data", "object-id-of-a-resolved-link");
        else
            body.insert("encrypted_code", order.value("encrypted_codes")[0]);
        if (source == "encrypted_code")
            body.insert("verify_token", "token-of-an-earlier-prepare");
        return body;
    }

    QTemporaryDir m_dir;
    SandboxServer m_sandbox;
    SandboxControl m_control;
    ScriptedMeituan m_meituan;
    std::unique_ptr<GatewayRuntime> m_runtime;
    LanClient m_lan;
    QTemporaryDir m_demoDir;
    std::unique_ptr<GatewayRuntime> m_demo;
    LanClient m_demoLan;
    SandboxControl m_demoControl;
    QString m_storeA;
    QString m_storeB;
    int m_codes = 0;

private slots:
    void initTestCase()
    {
        QVERIFY(m_sandbox.listen({"127.0.0.1", 0}).ok());
        m_control.setBaseUrl(m_sandbox.baseUrl().toString());
        m_storeA = m_sandbox.state().pois().at(0).poiId;
        m_storeB = m_sandbox.state().pois().at(1).poiId;
        QProcessEnvironment env;
        env.insert("DYGW_LISTEN", "127.0.0.1:0");
        env.insert("DYGW_DATA_DIR", m_dir.path());
        env.insert("DYGW_API_RATE_LIMIT", "0");
        env.insert("DYGW_DOUYIN_BASE_URL", m_sandbox.baseUrl().toString());
        env.insert("DYGW_SHORT_LINK_BASE", m_sandbox.baseUrl().toString());
        env.insert("DYGW_DOUYIN_CLIENT_KEY", "sandbox_client_key");
        env.insert("DYGW_DOUYIN_CLIENT_SECRET", "sandbox_client_secret");
        env.insert("DYGW_DOUYIN_ACCOUNT_ID", "sandbox_account");
        env.insert("DYGW_MEITUAN_BASE_URL", m_meituan.config().baseUrl.toString());
        env.insert("DYGW_MEITUAN_DEVELOPER_ID", QString::number(ScriptedMeituan::DEVELOPER_ID));
        env.insert("DYGW_MEITUAN_SIGN_KEY", ScriptedMeituan::SIGN_KEY);
        const auto settings = GatewaySettings::load(m_dir.filePath("dy-gateway.ini"), env);
        QVERIFY2(settings.ok(), qPrintable(settings.ok() ? "" : settings.error().message));
        m_runtime = std::make_unique<GatewayRuntime>(settings.value());
        GatewayRuntime::Options options;
        options.adminTokenFromEnvironment = QString::fromLatin1(ADMIN_TOKEN);
        const auto started = m_runtime->start(options);
        QVERIFY2(started.ok(), qPrintable(started.ok() ? "" : started.error().message));
        QVERIFY(ScriptedMeituan::bind(m_runtime->meituan(), m_storeA));

        m_lan.port = m_runtime->api()->address().port;
        m_lan.adminToken = ADMIN_TOKEN;
        const Reply created = m_lan.adminPost("/v1/internal/apps", {{"name", "routing till"}});
        QCOMPARE(created.status, 201);
        const QJsonObject data = created.json.value("data").toObject();
        m_lan.key = data.value("app").toObject().value("client_key").toString().toLatin1();
        m_lan.secret = data.value("client_secret").toString().toLatin1();
    }

    void init()
    {
        m_control.clearFaults();
        m_meituan.reset();
    }

    void routes_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("whose");
        QTest::addColumn<QString>("source");
        QTest::addColumn<bool>("storeA"); // else store B: Douyin only
        QTest::addColumn<QJsonValue>("platform"); // undefined: not sent
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code"); // error.code, or data.platform of a 200
        QTest::addColumn<QString>("messagePart");

        const QJsonValue absent(QJsonValue::Undefined);
        const QJsonValue meituan("meituan");
        // clang-format off
        QTest::newRow("verify, Douyin code, Douyin-only store")
                << VERIFY << "douyin" << "code" << false << absent << 200 << "douyin" << "";
        QTest::newRow("verify, short link") << VERIFY << "douyin" << "short_link" << true << absent << 200 << "douyin" << "";
        QTest::newRow("prepare, short link") << PREPARE << "douyin" << "short_link" << true << absent << 200 << "douyin" << "";
        QTest::newRow("verify, Douyin code, both platforms")
                << VERIFY << "douyin" << "code" << true << absent << 200 << "douyin" << "";
        QTest::newRow("verify, Meituan code, both platforms")
                << VERIFY << "meituan" << "code" << true << absent << 200 << "meituan" << "";
        QTest::newRow("prepare, Meituan code, both platforms")
                << PREPARE << "meituan" << "code" << true << absent << 200 << "meituan" << "";
        QTest::newRow("verify, a code both know")
                << VERIFY << "both" << "code" << true << absent << 422 << "platform_ambiguous" << "douyin and meituan";
        QTest::newRow("prepare, a code both know")
                << PREPARE << "both" << "code" << true << absent << 422 << "platform_ambiguous" << "douyin and meituan";
        QTest::newRow("verify, a code both know, forced to Meituan")
                << VERIFY << "both" << "code" << true << meituan << 200 << "meituan" << "";
        QTest::newRow("verify, a code neither knows")
                << VERIFY << "neither" << "code" << true << absent << 422 << "douyin_rejected" << "asked: douyin, meituan";
        QTest::newRow("verify, used on Meituan")
                << VERIFY << "used" << "code" << true << absent << 422 << "platform_rejected" << "";
        QTest::newRow("verify, forced to Meituan, store not bound")
                << VERIFY << "douyin" << "code" << false << meituan << 503 << "not_configured" << "meituan is not set up for store";
        QTest::newRow("prepare, forced to Meituan, store not bound")
                << PREPARE << "douyin" << "code" << false << meituan << 503 << "not_configured" << "meituan is not set up for store";
        QTest::newRow("prepare, encrypted data, Meituan")
                << PREPARE << "douyin" << "encrypted_data" << true << meituan << 400 << "invalid_request" << "encrypted_data";
        QTest::newRow("prepare, short link, Meituan")
                << PREPARE << "douyin" << "short_link" << true << meituan << 400 << "invalid_request" << "short_link";
        QTest::newRow("verify, encrypted code, Meituan")
                << VERIFY << "douyin" << "encrypted_code" << true << meituan << 400 << "invalid_request" << "encrypted_code";
        // clang-format on
    }

    void routes()
    {
        QFETCH(QByteArray, path);
        QFETCH(QString, whose);
        QFETCH(QString, source);
        QFETCH(bool, storeA);
        QFETCH(QJsonValue, platform);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, messagePart);

        const QString poiId = storeA ? m_storeA : m_storeB;
        const QJsonObject body = bodyFor(whose, source, poiId, platform);
        const int verifies = m_control.stat("verify");
        const int consumes = m_meituan.consumes();
        const Reply reply = m_lan.post(path, body);
        QVERIFY2(reply.status == status,
                 qPrintable(QString::number(reply.status) + ' '
                            + QJsonDocument(reply.json).toJson()));
        const bool verified = status == 200 && path == VERIFY;
        QCOMPARE(m_control.stat("verify") - verifies, int(verified && code == "douyin"));
        QCOMPARE(m_meituan.consumes() - consumes, int(verified && code == "meituan"));
        if (status == 200) {
            const QJsonObject data = reply.json.value("data").toObject();
            QCOMPARE(data.value("platform").toString(), code);
            if (verified)
                QCOMPARE(data.value("verify_status").toString(), "success");
            return;
        }
        const QJsonObject error = reply.json.value("error").toObject();
        QCOMPARE(error.value("code").toString(), code);
        QVERIFY2(error.value("message").toString().contains(messagePart),
                 qPrintable(error.value("message").toString()));
        const QJsonArray ambiguousOnes{"douyin", "meituan"};
        QCOMPARE(error.value("platforms").toArray(),
                 code == "platform_ambiguous" ? ambiguousOnes : QJsonArray());
        QCOMPARE(error.contains("douyin"), code == "douyin_rejected");
        QCOMPARE(error.contains("platform"), code == "platform_rejected");
        if (code == "platform_rejected") {
            const QJsonObject detail = error.value("platform").toObject();
            QCOMPARE(detail.value("platform").toString(), "meituan");
            QCOMPARE(detail.value("code").toInteger(), 1008);
            QCOMPARE(detail.value("msg").toString(), "券码已使用");
            QCOMPARE(detail.value("trace_id").toString(), "trace-scripted-error");
        }
    }

    // An ambiguous answer is not kept under the Idempotency-Key: the same key sent again with
    // the platform named goes through instead of being a conflict.
    void ambiguousAnswerLeavesTheKeyFree()
    {
        QJsonObject body = bodyFor("both", "code", m_storeA, QJsonValue(QJsonValue::Undefined));
        const Reply first =
                m_lan.sendAll({m_lan.signedPost(VERIFY, body, "key-ambiguous-1")}).first();
        QCOMPARE(first.status, 422);
        body.insert("platform", "douyin");
        const Reply second =
                m_lan.sendAll({m_lan.signedPost(VERIFY, body, "key-ambiguous-1")}).first();
        QCOMPARE(second.status, 200);
        QCOMPARE(second.json.value("data").toObject().value("platform").toString(), "douyin");
        const Reply again =
                m_lan.sendAll({m_lan.signedPost(VERIFY, body, "key-ambiguous-1")}).first();
        QCOMPARE(again.status, 200); // now stored: the same record
        QCOMPARE(again.json.value("data").toObject().value("id"),
                 second.json.value("data").toObject().value("id"));
    }

    // The demo gateway: the sandbox's Douyin and Meituan paths, every demo store bound.
    void demoGatewayRoutesBothPlatforms_data()
    {
        QTest::addColumn<QString>("whose"); // "douyin", "meituan", "used" (Meituan's), "neither"
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code"); // error.code, or data.platform of a 200
        QTest::newRow("a Douyin code") << "douyin" << 200 << "douyin";
        QTest::newRow("a Meituan code") << "meituan" << 200 << "meituan";
        QTest::newRow("a used Meituan code") << "used" << 422 << "platform_rejected";
        QTest::newRow("a code neither knows") << "neither" << 422 << "douyin_rejected";
    }

    void demoGatewayRoutesBothPlatforms()
    {
        QFETCH(QString, whose);
        QFETCH(int, status);
        QFETCH(QString, code);
        if (!m_demo) {
            m_demo = startDemoRuntime(m_demoDir.path(), ADMIN_TOKEN);
            QVERIFY(m_demo);
            m_demoLan = m_lan;
            m_demoLan.port = m_demo->api()->address().port;
            m_demoControl.setBaseUrl(m_demo->sandbox()->baseUrl().toString());
            const Reply created = m_demoLan.adminPost("/v1/internal/apps", {{"name", "demo"}});
            const QJsonObject data = created.json.value("data").toObject();
            m_demoLan.key = data.value("app").toObject().value("client_key").toString().toLatin1();
            m_demoLan.secret = data.value("client_secret").toString().toLatin1();
        }
        const QString poiId = m_demo->sandbox()->state().pois().at(0).poiId;
        QTRY_COMPARE_WITH_TIMEOUT(m_demo->engine()->platformsServing(poiId).size(), 2, 10000);
        QString couponCode = "0000000001"; // ten digits: no Douyin code, no Meituan receipt
        if (whose == "douyin") {
            couponCode = m_demoControl
                                 .call("POST", "/sandbox/orders",
                                       {{"certificates", 1}, {"poi_id", poiId}})
                                 .value("codes")[0]
                                 .toString();
        } else if (whose != "neither") {
            couponCode = m_demoControl
                                 .call("POST", "/sandbox/meituan/orders",
                                       {{"poi_id", poiId}, {"receipts", 1}})
                                 .value("receipt_codes")[0]
                                 .toString();
        }
        const QJsonObject body{{"poi_id", poiId}, {"code", couponCode}};
        if (whose == "used")
            QCOMPARE(m_demoLan.post(VERIFY, body).status, 200);
        const int prepares = m_demoControl.stat("meituan.prepare");
        const int consumes = m_demoControl.stat("meituan.consume");
        const Reply reply = m_demoLan.post(VERIFY, body);
        QVERIFY2(reply.status == status, qPrintable(QJsonDocument(reply.json).toJson()));
        // One Meituan prepare whatever the code: the probe's, which a Meituan verify reuses.
        QCOMPARE(m_demoControl.stat("meituan.prepare") - prepares, 1);
        QCOMPARE(m_demoControl.stat("meituan.consume") - consumes,
                 int(status == 200 && code == "meituan"));
        if (status == 200)
            QCOMPARE(reply.json.value("data").toObject().value("platform").toString(), code);
        else
            QCOMPARE(reply.json.value("error").toObject().value("code").toString(), code);
    }

    void cleanupTestCase()
    {
        m_demo.reset();
        m_runtime.reset();
    }
};

QTEST_GUILESS_MAIN(tst_PlatformRouting)
#include "tst_platformrouting.moc"
