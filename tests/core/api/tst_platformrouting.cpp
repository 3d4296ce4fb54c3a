#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "tests/common/demoruntime.h"
#include "tests/common/lanclient.h"
#include "tests/common/sandboxcontrol.h"

#include "core/api/lanapiserver.h"
#include "core/runtime/gatewayruntime.h"
#include "core/sandbox/sandboxserver.h"

// API.md, Extensions → Platforms, over real HTTP against a demo gateway: a prepare or verify
// without "platform" goes where the gateway decides (MEITUAN.md §8), with it where it says,
// and each way of not finding one platform has its own answer.
namespace {

const QByteArray ADMIN_TOKEN = "adm_routingtests_0123456789abcdefghijklmn";

} // namespace

class tst_PlatformRouting : public QObject
{
    Q_OBJECT

private:
    using Reply = LanClient::Reply;

    // A body for a fresh Douyin order of the demo's first store, naming its source.
    QJsonObject bodyFor(const QString &source, const QJsonValue &platform, QJsonObject *order)
    {
        *order = m_control.mintOrder(1);
        QJsonObject body{{"poi_id", order->value("poi_id")}};
        if (!platform.isUndefined())
            body.insert("platform", platform);
        if (source == "code")
            body.insert("code", order->value("codes").toArray().first());
        else if (source == "short_link")
            body.insert("short_link", order->value("short_link"));
        else if (source == "encrypted_data")
            body.insert("encrypted_data", "object-id-of-a-resolved-link");
        else if (source == "encrypted_code")
            body.insert("encrypted_code", order->value("encrypted_codes").toArray().first());
        if (source == "encrypted_code")
            body.insert("verify_token", "token-of-an-earlier-prepare");
        return body;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<GatewayRuntime> m_runtime;
    LanClient m_lan;
    SandboxControl m_control;

private slots:
    void initTestCase()
    {
        m_runtime = startDemoRuntime(m_dir.path(), ADMIN_TOKEN);
        QVERIFY(m_runtime);
        m_lan.port = m_runtime->api()->address().port;
        m_lan.adminToken = ADMIN_TOKEN;
        m_control.setBaseUrl(m_runtime->sandbox()->baseUrl().toString());
        const Reply created = m_lan.adminPost("/v1/internal/apps", {{"name", "routing till"}});
        QCOMPARE(created.status, 201);
        const QJsonObject data = created.json.value("data").toObject();
        m_lan.key = data.value("app").toObject().value("client_key").toString().toLatin1();
        m_lan.secret = data.value("client_secret").toString().toLatin1();
    }

    void init() { m_control.clearFaults(); }

    // The answers that hold whatever platforms the store has; a Douyin order throughout.
    void routesDouyinCoupons_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QJsonValue>("platform"); // undefined: not sent
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code"); // error.code, or the answer's data.platform
        QTest::addColumn<QString>("messagePart");

        const QByteArray verify = "/v1/open/coupons/verify";
        const QByteArray prepare = "/v1/open/coupons/prepare";
        const QJsonValue absent(QJsonValue::Undefined);
        QTest::newRow("verify, plain code, no platform")
                << verify << "code" << absent << 200 << "douyin" << QString();
        QTest::newRow("verify, short link, no platform")
                << verify << "short_link" << absent << 200 << "douyin" << QString();
        QTest::newRow("prepare, plain code, no platform")
                << prepare << "code" << absent << 200 << "douyin" << QString();
        QTest::newRow("prepare, short link, no platform")
                << prepare << "short_link" << absent << 200 << "douyin" << QString();
        QTest::newRow("verify, plain code, douyin")
                << verify << "code" << QJsonValue("douyin") << 200 << "douyin" << QString();
        QTest::newRow("prepare, encrypted data, meituan")
                << prepare << "encrypted_data" << QJsonValue("meituan") << 400 << "invalid_request"
                << "encrypted_data";
        QTest::newRow("prepare, short link, meituan")
                << prepare << "short_link" << QJsonValue("meituan") << 400 << "invalid_request"
                << "short_link";
        QTest::newRow("verify, encrypted code, meituan")
                << verify << "encrypted_code" << QJsonValue("meituan") << 400 << "invalid_request"
                << "encrypted_code";
    }

    void routesDouyinCoupons()
    {
        QFETCH(QByteArray, path);
        QFETCH(QString, source);
        QFETCH(QJsonValue, platform);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, messagePart);

        QJsonObject order;
        const QJsonObject body = bodyFor(source, platform, &order);
        const int preparesBefore = m_control.stat("prepare");
        const Reply reply = m_lan.post(path, body);
        QVERIFY2(reply.status == status, qPrintable(QString::number(reply.status)));
        if (status == 200) {
            QCOMPARE(reply.json.value("data").toObject().value("platform").toString(), code);
            // One prepare on Douyin: no other platform asked, no second prepare.
            QCOMPARE(m_control.stat("prepare") - preparesBefore, 1);
            return;
        }
        const QJsonObject error = reply.json.value("error").toObject();
        QCOMPARE(error.value("code").toString(), code);
        QVERIFY2(error.value("message").toString().contains(messagePart),
                 qPrintable(error.value("message").toString()));
        QVERIFY(!error.contains("platforms"));
        QCOMPARE(m_control.stat("prepare"), preparesBefore);
    }

    void cleanupTestCase() { m_runtime.reset(); }
};

QTEST_GUILESS_MAIN(tst_PlatformRouting)
#include "tst_platformrouting.moc"
