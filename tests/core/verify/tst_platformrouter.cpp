#include <memory>
#include <optional>

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "tests/common/enginerig.h"
#include "tests/common/sandboxcontrol.h"

#include "core/douyin/douyinclient.h"
#include "core/douyin/douyinplatform.h"
#include "core/platform/platformregistry.h"
#include "core/sandbox/sandboxserver.h"
#include "core/verify/platformrouter.h"
#include "core/verify/preparecache.h"
#include "core/verify/preparer.h"
#include "core/verify/verifyoutcomes.h"

using Kind = VerifyOutcome::Kind;

// Which platform a scan goes to (MEITUAN.md §8), with the real DouyinPlatform against the
// sandbox over loopback: the router on its own (where it sends each kind of source, and that
// a route it can decide by itself asks no platform anything), then the engine around it.
class tst_PlatformRouter : public QObject
{
    Q_OBJECT

private:
    using Route = Result<PlatformRouter::Route, VerifyOutcome>;

    Route route(const PlatformRouter::Request &request, bool douyinSetUp)
    {
        PlatformRegistry registry;
        registry.add(douyinSetUp ? m_rig.platform.get() : m_bareDouyin.get());
        PrepareCache cache;
        Preparer preparer(&cache);
        PlatformRouter router(&registry, &preparer);
        std::optional<Route> answer;
        router.route(request, this, [&answer](const Route &r) { answer = r; });
        if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, EngineRig::WAIT_MS))
            return VerifyOutcomes::failure(Kind::StorageFailed, ErrorCode::Timeout, "timed out");
        return *answer;
    }

    // The command of one kind of source for a freshly minted order, as the till or the API
    // sends it; verify commands except for encrypted_data, which only a prepare has.
    PlatformRouter::Request requestFor(const QString &source, const QString &forced)
    {
        const QJsonObject order = m_control.mintOrder(1);
        m_poiId = order.value("poi_id").toString();
        const std::optional<PlatformId> platform = Platforms::fromString(forced);
        if (source == "encrypted_data") {
            PrepareCommand command;
            command.platform = platform;
            command.poiId = m_poiId;
            command.encryptedData = "object-id-of-a-scanned-link";
            return PlatformRouter::requestOf(command);
        }
        VerifyCommand command;
        command.platform = platform;
        command.poiId = m_poiId;
        if (source == "code")
            command.code = order.value("codes").toArray().first().toString();
        else if (source == "short_link")
            command.shortLink = order.value("short_link").toString();
        else if (source == "url")
            command.shortLink = "https://www.douyin.com/life/coupon?object_id=abc&utm=qr";
        else
            command.encryptedCode = order.value("encrypted_codes").toArray().first().toString();
        command.verifyToken = "token-of-an-earlier-prepare";
        return PlatformRouter::requestOf(command);
    }

    int douyinCalls()
    {
        return m_control.stat("prepare") + m_control.stat("short_link") + m_control.stat("verify");
    }

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_sandbox;
    SandboxControl m_control;
    EngineRig m_rig;
    // Douyin without credentials: registered, not set up.
    DouyinClient m_bareClient;
    std::unique_ptr<DouyinPlatform> m_bareDouyin;
    QString m_poiId;

private slots:
    void initTestCase()
    {
        m_sandbox = std::make_unique<SandboxServer>();
        QVERIFY(m_sandbox->listen({"127.0.0.1", 0}).ok());
        m_control.setBaseUrl(m_sandbox->baseUrl().toString());
        DouyinClient::Config config = EngineRig::sandboxConfig(m_sandbox->baseUrl());
        config.accountId = "sandbox_account";
        QVERIFY(m_rig.start(m_dir.path(), config, {}));
        m_bareDouyin = std::make_unique<DouyinPlatform>(&m_bareClient);
        QVERIFY(!m_bareDouyin->isConfigured());
    }

    void init() { m_control.clearFaults(); }

    void routesWithoutAskingAPlatform_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("forced"); // empty: the gateway decides
        QTest::addColumn<bool>("douyinSetUp");
        QTest::addColumn<QString>("expected"); // "douyin" or a not_configured message's part

        QTest::newRow("short link → Douyin") << "short_link"
                                             << "" << true << "douyin";
        QTest::newRow("Douyin page URL → Douyin") << "url"
                                                  << "" << true << "douyin";
        QTest::newRow("encrypted data → Douyin") << "encrypted_data"
                                                 << "" << true << "douyin";
        QTest::newRow("encrypted code → Douyin") << "encrypted_code"
                                                 << "" << true << "douyin";
        QTest::newRow("plain code, the store's only platform") << "code"
                                                               << "" << true << "douyin";
        QTest::newRow("plain code forced to Douyin") << "code"
                                                     << "douyin" << true << "douyin";
        QTest::newRow("short link forced to Douyin") << "short_link"
                                                     << "douyin" << true << "douyin";
        QTest::newRow("plain code forced to Meituan, not set up")
                << "code"
                << "meituan" << true << "meituan is not set up for store";
        QTest::newRow("plain code, no platform set up")
                << "code"
                << "" << false << "no coupon platform is set up for store";
        QTest::newRow("short link, Douyin not set up")
                << "short_link"
                << "" << false << "douyin is not set up for store";
        QTest::newRow("plain code forced to Douyin, not set up")
                << "code"
                << "douyin" << false << "douyin is not set up for store";
    }

    void routesWithoutAskingAPlatform()
    {
        QFETCH(QString, source);
        QFETCH(QString, forced);
        QFETCH(bool, douyinSetUp);
        QFETCH(QString, expected);

        const PlatformRouter::Request request = requestFor(source, forced);
        QCOMPARE(request.douyinOnly, source != "code");
        const int callsBefore = douyinCalls();
        const Route answer = route(request, douyinSetUp);
        QCOMPARE(douyinCalls(), callsBefore); // decided from the request and the setup alone
        if (expected == "douyin") {
            QVERIFY2(answer.ok(), qPrintable(answer.ok() ? "" : answer.error().error.message));
            QCOMPARE(answer.value().platform->id(), PlatformId::Douyin);
            QVERIFY(!answer.value().prepared);
            return;
        }
        QVERIFY(!answer.ok());
        QCOMPARE(answer.error().kind, Kind::NotConfigured);
        const QString message = answer.error().error.message;
        QVERIFY2(message.contains(expected) && message.contains(m_poiId), qPrintable(message));
    }

    // The engine routes before it prepares: one platform at the store means one prepare, a
    // forced platform the store lacks means none, and a bad request never reaches a platform.
    void engineRoutesItsCommands_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("forced");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("prepares");

        QTest::newRow("plain code") << "code"
                                    << "" << 1 << int(Kind::Answered) << 1;
        QTest::newRow("short link") << "short_link"
                                    << "" << 1 << int(Kind::Answered) << 1;
        QTest::newRow("plain code forced to Douyin") << "code"
                                                     << "douyin" << 1 << int(Kind::Answered) << 1;
        QTest::newRow("plain code forced to Meituan")
                << "code"
                << "meituan" << 1 << int(Kind::NotConfigured) << 0;
        QTest::newRow("count 0") << "code"
                                 << "" << 0 << int(Kind::BadInput) << 0;
        QTest::newRow("count over Douyin's limit") << "code"
                                                   << "" << 11 << int(Kind::BadInput) << 0;
    }

    void engineRoutesItsCommands()
    {
        QFETCH(QString, source);
        QFETCH(QString, forced);
        QFETCH(int, count);
        QFETCH(int, kind);
        QFETCH(int, prepares);

        const QJsonObject order = m_control.mintOrder(1);
        VerifyCommand command;
        command.poiId = order.value("poi_id").toString();
        command.platform = Platforms::fromString(forced);
        command.count = count;
        if (source == "code")
            command.code = order.value("codes").toArray().first().toString();
        else
            command.shortLink = order.value("short_link").toString();
        const int preparesBefore = m_control.stat("prepare");
        const VerifyOutcome outcome = m_rig.verify(command, this);
        QVERIFY2(int(outcome.kind) == kind, qPrintable(outcome.error.message));
        QCOMPARE(m_control.stat("prepare") - preparesBefore, prepares);
        if (outcome.kind == Kind::Answered) {
            QCOMPARE(outcome.records.size(), 1);
            QCOMPARE(outcome.records.first().platform, PlatformId::Douyin);
            QCOMPARE(outcome.records.first().verifyStatus, VerificationRecord::Status::Success);
            QCOMPARE(m_rig.reload(outcome.records.first().id).platform, PlatformId::Douyin);
        } else {
            QVERIFY(outcome.records.isEmpty());
        }
    }

    // A prepare says where it was made and whether its token can be verified by itself.
    void prepareNamesItsPlatform()
    {
        const QJsonObject order = m_control.mintOrder(2);
        PrepareCommand command;
        command.poiId = order.value("poi_id").toString();
        command.code = order.value("codes").toArray().first().toString();
        const PrepareOutcome prepared = m_rig.prepare(command, this);
        QCOMPARE(prepared.kind, PrepareOutcome::Kind::Prepared);
        QCOMPARE(prepared.prepared.platform, PlatformId::Douyin);
        QVERIFY(prepared.verifiableByToken);
        QVERIFY(prepared.platforms.isEmpty());

        command.platform = PlatformId::Meituan;
        const PrepareOutcome refused = m_rig.prepare(command, this);
        QCOMPARE(refused.kind, PrepareOutcome::Kind::NotConfigured);
        QVERIFY2(refused.error.message.contains("meituan"), qPrintable(refused.error.message));
    }

    void platformsServingTheStore()
    {
        QCOMPARE(m_rig.engine->platformsServing("7000000000000000001"),
                 QList<PlatformId>{PlatformId::Douyin});
        PlatformRegistry registry;
        registry.add(m_bareDouyin.get());
        PrepareCache cache;
        Preparer preparer(&cache);
        QCOMPARE(PlatformRouter(&registry, &preparer).platformsServing("7000000000000000001"),
                 QList<PlatformId>());
    }
};

QTEST_GUILESS_MAIN(tst_PlatformRouter)
#include "tst_platformrouter.moc"
