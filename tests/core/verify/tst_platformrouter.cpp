#include <memory>
#include <optional>

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "tests/common/twoplatformrig.h"

#include "core/platform/platformregistry.h"
#include "core/verify/platformrouter.h"
#include "core/verify/preparecache.h"
#include "core/verify/preparer.h"

using Kind = VerifyOutcome::Kind;

// Which platform a scan goes to (MEITUAN.md §8), on TwoPlatformRig (real Douyin sandbox,
// Meituan's literal answers; store A has both, store B Douyin only): the router on its own,
// then the engine around it.
class tst_PlatformRouter : public QObject
{
    Q_OBJECT

private:
    using Route = Result<PlatformRouter::Route, VerifyOutcome>;

    Route route(const PlatformRouter::Request &request, const QList<CouponPlatform *> &platforms)
    {
        PlatformRegistry registry;
        for (CouponPlatform *platform : platforms)
            registry.add(platform);
        PrepareCache cache;
        Preparer preparer(&cache);
        PlatformRouter router(&registry, &preparer);
        std::optional<Route> answer;
        router.route(request, this, [&answer](const Route &r) { answer = r; });
        if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, EngineRig::WAIT_MS))
            return VerifyOutcomes::failure(Kind::StorageFailed, ErrorCode::Timeout, "timed out");
        return *answer;
    }

    QList<CouponPlatform *> both() const { return m_rig.platforms(); }
    QJsonObject mint(const QString &poiId) { return m_rig.mint(poiId); }

    // A verify command of one kind of source for a fresh order of the store; encrypted_data
    // only a prepare has.
    PlatformRouter::Request requestFor(const QString &source, const QString &forced,
                                       const QString &poiId)
    {
        const QJsonObject order = mint(poiId);
        const std::optional<PlatformId> platform = Platforms::fromString(forced);
        if (source == "encrypted_data") {
            PrepareCommand command;
            command.platform = platform;
            command.poiId = poiId;
            command.encryptedData = "object-id-of-a-scanned-link";
            return PlatformRouter::requestOf(command);
        }
        VerifyCommand command;
        command.platform = platform;
        command.poiId = poiId;
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

    int platformCalls()
    {
        return m_control.stat("prepare") + m_control.stat("short_link") + m_control.stat("verify")
                + m_meituanServer.prepares() + m_meituanServer.consumes();
    }

    VerifyOutcome verify(const VerifyCommand &command) { return m_rig.verify(command, this); }

    QTemporaryDir m_dir;
    TwoPlatformRig m_rig;
    SandboxControl &m_control = m_rig.control;
    ScriptedMeituan &m_meituanServer = m_rig.meituanServer;
    // Douyin without credentials: registered, not set up.
    DouyinClient m_bareClient;
    std::unique_ptr<DouyinPlatform> m_bareDouyin;
    QString m_storeA;
    QString m_storeB;

private slots:
    void initTestCase()
    {
        QVERIFY(m_rig.start(m_dir.path()));
        m_storeA = m_rig.storeA;
        m_storeB = m_rig.storeB;
        m_bareDouyin = std::make_unique<DouyinPlatform>(&m_bareClient);
        QVERIFY(!m_bareDouyin->isConfigured());
    }

    void init()
    {
        m_control.clearFaults();
        m_meituanServer.reset();
    }

    void routesWithoutAskingAPlatform_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("forced"); // empty: the gateway decides
        QTest::addColumn<bool>("store_a"); // else store B, Douyin only
        QTest::addColumn<bool>("setUp"); // else Douyin has no credentials (and no Meituan)
        QTest::addColumn<QString>("expected"); // a platform, or a not_configured message's part

        QTest::newRow("short link → Douyin") << "short_link"
                                             << "" << true << true << "douyin";
        QTest::newRow("Douyin page URL → Douyin") << "url"
                                                  << "" << true << true << "douyin";
        QTest::newRow("encrypted data → Douyin") << "encrypted_data"
                                                 << "" << true << true << "douyin";
        QTest::newRow("encrypted code → Douyin") << "encrypted_code"
                                                 << "" << true << true << "douyin";
        QTest::newRow("plain code, the store's only platform") << "code"
                                                               << "" << false << true << "douyin";
        QTest::newRow("plain code forced to Douyin") << "code"
                                                     << "douyin" << true << true << "douyin";
        QTest::newRow("plain code forced to Meituan") << "code"
                                                      << "meituan" << true << true << "meituan";
        QTest::newRow("plain code forced to Meituan, store not bound")
                << "code"
                << "meituan" << false << true << "meituan is not set up for store";
        QTest::newRow("plain code, no platform set up")
                << "code"
                << "" << true << false << "no coupon platform is set up for store";
        QTest::newRow("short link, Douyin not set up")
                << "short_link"
                << "" << true << false << "douyin is not set up for store";
        QTest::newRow("plain code forced to Douyin, not set up")
                << "code"
                << "douyin" << true << false << "douyin is not set up for store";
    }

    void routesWithoutAskingAPlatform()
    {
        QFETCH(QString, source);
        QFETCH(QString, forced);
        QFETCH(bool, store_a);
        QFETCH(bool, setUp);
        QFETCH(QString, expected);

        const QString poiId = store_a ? m_storeA : m_storeB;
        const PlatformRouter::Request request = requestFor(source, forced, poiId);
        QCOMPARE(request.douyinOnly, source != "code");
        const int callsBefore = platformCalls();
        const Route answer =
                route(request, setUp ? both() : QList<CouponPlatform *>{m_bareDouyin.get()});
        QCOMPARE(platformCalls(), callsBefore); // decided from the request and the setup alone
        if (Platforms::fromString(expected)) {
            QVERIFY2(answer.ok(), qPrintable(answer.ok() ? "" : answer.error().error.message));
            QCOMPARE(Platforms::toString(answer.value().platform->id()), expected);
            QVERIFY(!answer.value().prepared);
            return;
        }
        QVERIFY(!answer.ok());
        QCOMPARE(answer.error().kind, Kind::NotConfigured);
        const QString message = answer.error().error.message;
        QVERIFY2(message.contains(expected) && message.contains(poiId), qPrintable(message));
    }

    // A plain code at a store with both: a prepare on each, and the one that knows it.
    void probesBothPlatforms_data()
    {
        QTest::addColumn<bool>("douyinCode"); // a code of a sandbox order, else one it lacks
        QTest::addColumn<bool>("douyinDown"); // the sandbox answers the prepare with HTTP 500
        QTest::addColumn<QString>("meituan"); // "knows", "1008" (used), "1006" (no such), "down"
        QTest::addColumn<QString>("expected"); // a platform, or "ambiguous", or "refused:…"
        QTest::addColumn<QString>("refusedBy");

        QTest::newRow("a Meituan code → Meituan") << false << false << "knows"
                                                  << "meituan"
                                                  << "";
        QTest::newRow("a Douyin code → Douyin") << true << false << "1006"
                                                << "douyin"
                                                << "";
        QTest::newRow("both know it → ambiguous") << true << false << "knows"
                                                  << "ambiguous"
                                                  << "";
        QTest::newRow("Douyin's, and used on Meituan → ambiguous") << true << false << "1008"
                                                                   << "ambiguous"
                                                                   << "";
        QTest::newRow("used on Meituan, unknown to Douyin → Meituan's refusal")
                << false << false << "1008"
                << "refused"
                << "meituan";
        QTest::newRow("neither knows it → Douyin's no such code") << false << false << "1006"
                                                                  << "refused"
                                                                  << "douyin";
        QTest::newRow("Meituan down, Douyin knows it → Douyin") << true << false << "down"
                                                                << "douyin"
                                                                << "";
        QTest::newRow("Meituan down, Douyin does not → Meituan's failure")
                << false << false << "down"
                << "unavailable"
                << "meituan";
        QTest::newRow("Douyin down, Meituan knows it → Meituan") << false << true << "knows"
                                                                 << "meituan"
                                                                 << "";
    }

    void probesBothPlatforms()
    {
        QFETCH(bool, douyinCode);
        QFETCH(bool, douyinDown);
        QFETCH(QString, meituan);
        QFETCH(QString, expected);
        QFETCH(QString, refusedBy);

        const QString code =
                douyinCode ? mint(m_storeA).value("codes")[0].toString() : m_rig.meituanCode();
        if (meituan == "knows")
            m_meituanServer.knows(code);
        else if (meituan == "down")
            m_meituanServer.unreachable();
        else
            m_meituanServer.refuses(meituan.toLatin1(), "券码状态不可用");
        if (douyinDown)
            m_control.fault("prepare", "http_500");
        const int douyinBefore = m_control.stat("prepare");
        const int meituanBefore = m_meituanServer.prepares();

        VerifyCommand command;
        command.poiId = m_storeA;
        command.code = code;
        const Route answer = route(PlatformRouter::requestOf(command), both());
        QCOMPARE(m_control.stat("prepare") - douyinBefore, 1);
        QVERIFY(m_meituanServer.prepares() - meituanBefore >= 1); // a lost read may be retried
        if (Platforms::fromString(expected)) {
            QVERIFY2(answer.ok(), qPrintable(answer.ok() ? "" : answer.error().error.message));
            QCOMPARE(Platforms::toString(answer.value().platform->id()), expected);
            QVERIFY(answer.value().prepared); // the verify goes on with it
            QCOMPARE(answer.value().prepared->platform, answer.value().platform->id());
            return;
        }
        QVERIFY(!answer.ok());
        const VerifyOutcome &outcome = answer.error();
        if (expected == "ambiguous") {
            QCOMPARE(outcome.kind, Kind::Ambiguous);
            QCOMPARE(outcome.platforms,
                     (QList<PlatformId>{PlatformId::Douyin, PlatformId::Meituan}));
            return;
        }
        QCOMPARE(outcome.kind, expected == "refused" ? Kind::PrepareRejected : Kind::Unavailable);
        QVERIFY(outcome.platformError);
        QCOMPARE(Platforms::toString(outcome.platformError->platform), refusedBy);
        if (refusedBy == "douyin" && expected == "refused") { // neither: both were asked
            QCOMPARE(outcome.platformError->reason, RejectReason::NotFound);
            QCOMPARE(outcome.platforms,
                     (QList<PlatformId>{PlatformId::Douyin, PlatformId::Meituan}));
        }
    }

    // The engine routes before it prepares: one platform at the store means one prepare, the
    // probe's prepare is the verify's, and a refusal or an ambiguous code verifies nothing.
    void engineRoutesItsCommands_data()
    {
        QTest::addColumn<QString>("code"); // "douyin", "meituan", "both"
        QTest::addColumn<bool>("store_a");
        QTest::addColumn<QString>("forced");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QList<int>>("prepares"); // on Douyin, on Meituan
        QTest::addColumn<QString>("platform"); // of the record

        using Calls = QList<int>;
        const int answered = int(Kind::Answered);
        QTest::newRow("Douyin-only store")
                << "douyin" << false << "" << 1 << answered << Calls{1, 0} << "douyin";
        QTest::newRow("Douyin code, both platforms")
                << "douyin" << true << "" << 1 << answered << Calls{1, 1} << "douyin";
        QTest::newRow("Meituan code, both platforms: one Meituan prepare")
                << "meituan" << true << "" << 1 << answered << Calls{1, 1} << "meituan";
        QTest::newRow("Meituan code forced")
                << "meituan" << true << "meituan" << 1 << answered << Calls{0, 1} << "meituan";
        QTest::newRow("code both know")
                << "both" << true << "" << 1 << int(Kind::Ambiguous) << Calls{1, 1} << "";
        QTest::newRow("code both know, forced to Douyin")
                << "both" << true << "douyin" << 1 << answered << Calls{1, 0} << "douyin";
        QTest::newRow("forced to Meituan, store not bound")
                << "douyin" << false << "meituan" << 1 << int(Kind::NotConfigured) << Calls{0, 0}
                << "";
        QTest::newRow("count 0") << "douyin" << true << "" << 0 << int(Kind::BadInput)
                                 << Calls{0, 0} << "";
        QTest::newRow("count over both platforms' limits")
                << "douyin" << true << "" << 11 << int(Kind::BadInput) << Calls{0, 0} << "";
        QTest::newRow("count over Meituan's limit, forced")
                << "meituan" << true << "meituan" << 2 << int(Kind::BadInput) << Calls{0, 0} << "";
    }

    void engineRoutesItsCommands()
    {
        QFETCH(QString, code);
        QFETCH(bool, store_a);
        QFETCH(QString, forced);
        QFETCH(int, count);
        QFETCH(int, kind);
        QFETCH(QList<int>, prepares);
        QFETCH(QString, platform);

        VerifyCommand command;
        command.poiId = store_a ? m_storeA : m_storeB;
        command.platform = Platforms::fromString(forced);
        command.count = count;
        command.code = code == "meituan" ? m_rig.meituanCode()
                                         : mint(command.poiId).value("codes")[0].toString();
        if (code != "douyin")
            m_meituanServer.knows(command.code);
        const QList<int> before{m_control.stat("prepare"), m_meituanServer.prepares()};
        const int consumesBefore = m_meituanServer.consumes();
        const int verifiesBefore = m_control.stat("verify");
        const VerifyOutcome outcome = verify(command);
        QVERIFY2(int(outcome.kind) == kind, qPrintable(outcome.error.message));
        QCOMPARE((QList<int>{m_control.stat("prepare") - before[0],
                             m_meituanServer.prepares() - before[1]}),
                 prepares);
        const bool sent = outcome.kind == Kind::Answered;
        QCOMPARE(m_control.stat("verify") - verifiesBefore, int(sent && platform == "douyin"));
        QCOMPARE(m_meituanServer.consumes() - consumesBefore, int(sent && platform == "meituan"));
        if (!sent) {
            QVERIFY(outcome.records.isEmpty());
            return;
        }
        QCOMPARE(outcome.records.size(), 1);
        const VerificationRecord &record = outcome.records.first();
        QCOMPARE(Platforms::toString(record.platform), platform);
        QCOMPARE(record.verifyStatus, VerificationRecord::Status::Success);
        QCOMPARE(m_rig.engine->repository()->get(record.id).value().platform, record.platform);
    }

    void platformsServingTheStore()
    {
        QCOMPARE(m_rig.engine->platformsServing(m_storeA),
                 (QList<PlatformId>{PlatformId::Douyin, PlatformId::Meituan}));
        QCOMPARE(m_rig.engine->platformsServing(m_storeB), QList<PlatformId>{PlatformId::Douyin});
        PlatformRegistry registry;
        registry.add(m_bareDouyin.get());
        PrepareCache cache;
        Preparer preparer(&cache);
        QCOMPARE(PlatformRouter(&registry, &preparer).platformsServing(m_storeA),
                 QList<PlatformId>());
    }
};

QTEST_GUILESS_MAIN(tst_PlatformRouter)
#include "tst_platformrouter.moc"
