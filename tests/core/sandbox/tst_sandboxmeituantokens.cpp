#include <memory>

#include <QJsonObject>
#include <QTest>

#include "tests/core/sandbox/sandboxmeituanrig.h"

#include "core/meituan/meituanapi.h"

// The Meituan sandbox's authorization (MEITUAN.md §1, SandboxMeituanTokens) through the
// product's MeituanClient: code exchange, refresh with its grace, lifetimes by the sandbox
// clock, and the control API that expires a store's tokens for the client's refresh tests.
class tst_SandboxMeituanTokens : public QObject
{
    Q_OBJECT

private:
    using Rig = SandboxMeituanRig;

    std::unique_ptr<Rig> m_rig;

    // A prepare of one of the store's receipts: "" when the token works, else Meituan's code.
    QString use(const QString &token, int store = 0)
    {
        const auto prepared = m_rig->prepare(token, m_rig->mint(Rig::store(store)).codes.first());
        return prepared.ok() ? QString() : prepared.error().code;
    }

    Meituan::TokenPair bind(int store)
    {
        const auto pair = m_rig->exchange(SandboxState::meituanAuthCode(Rig::store(store)));
        return pair.ok() ? pair.value() : Meituan::TokenPair();
    }

private slots:
    void init() { m_rig = std::make_unique<Rig>(); }
    void cleanup() { m_rig.reset(); }

    void exchangeAnswersAPair()
    {
        const auto pair = m_rig->exchange(SandboxState::meituanAuthCode(Rig::store(2)));
        QVERIFY2(pair.ok(), qPrintable(pair.ok() ? QString() : pair.error().message));
        QCOMPARE(pair.value().opBizCode, QStringLiteral("mt-") + Rig::store(2));
        QCOMPARE(pair.value().scope, QStringLiteral("all"));
        QCOMPARE(pair.value().expireInSeconds, MeituanApi::ACCESS_TOKEN_LIFETIME_SECONDS);
        QVERIFY(!pair.value().refreshToken.isEmpty());
        QVERIFY(pair.value().accessToken != pair.value().refreshToken);
        QCOMPARE(m_rig->stat(QStringLiteral("meituan.oauth_token")), 1);
    }

    // The standing code exchanges again and again; each pair replaces the one before, which
    // keeps working for the grace.
    void standingCodeExchangesAgain()
    {
        const Meituan::TokenPair first = bind(0);
        const Meituan::TokenPair second = bind(0);
        QVERIFY(!first.accessToken.isEmpty() && !second.accessToken.isEmpty());
        QVERIFY(first.accessToken != second.accessToken);
        QCOMPARE(use(first.accessToken), QString());
        m_rig->advanceClock(60);
        QCOMPARE(use(first.accessToken), QStringLiteral("OP_TOKEN_EXPIRED"));
        QCOMPARE(use(second.accessToken), QString());
        const Meituan::TokenPair third = bind(0);
        QCOMPARE(use(second.accessToken), QString());
        QCOMPARE(use(third.accessToken), QString());
    }

    void exchangeRefusals_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<qint64>("wait"); // seconds between minting a one-time code and using it
        QTest::addColumn<bool>("accepted");
        QTest::newRow("a one-time code at once") << "once" << qint64(0) << true;
        QTest::newRow("a one-time code after 599 s") << "once" << qint64(599) << true;
        QTest::newRow("a one-time code after 600 s") << "once" << qint64(600) << false;
        QTest::newRow("a one-time code used twice") << "twice" << qint64(0) << false;
        QTest::newRow("an unknown code") << "unknown" << qint64(0) << false;
        QTest::newRow("the standing code of no store") << "nostore" << qint64(0) << false;
    }

    void exchangeRefusals()
    {
        QFETCH(QString, setup);
        QFETCH(qint64, wait);
        QFETCH(bool, accepted);
        QString code = QStringLiteral("sandbox-code-unknown");
        if (setup == u"once" || setup == u"twice") {
            const Rig::Reply minted =
                    m_rig->control("POST", QStringLiteral("/sandbox/meituan/auth_codes"),
                                   {{"poi_id", Rig::store(1)}});
            QCOMPARE(minted.status, 200);
            QCOMPARE(minted.json.value(QStringLiteral("expires_in")).toInt(), 600);
            QCOMPARE(minted.json.value(QStringLiteral("op_biz_code")).toString(),
                     QStringLiteral("mt-") + Rig::store(1));
            code = minted.json.value(QStringLiteral("code")).toString();
        }
        if (setup == u"twice")
            QVERIFY(m_rig->exchange(code).ok());
        if (setup == u"nostore")
            code = SandboxState::meituanAuthCode(QStringLiteral("7000000000000000999"));
        m_rig->advanceClock(wait);
        const auto pair = m_rig->exchange(code);
        QCOMPARE(pair.ok(), accepted);
        if (accepted) {
            QCOMPARE(pair.value().opBizCode, QStringLiteral("mt-") + Rig::store(1));
            return;
        }
        QCOMPARE(pair.error().kind, PlatformError::Kind::Rejected);
        QCOMPARE(pair.error().code, QStringLiteral("OP_PARAM_ERROR"));
        QCOMPARE(pair.error().reason, RejectReason::NotAuthorised);
        QVERIFY2(pair.error().msg.contains(u"code"), qPrintable(pair.error().msg));
    }

    void refreshRules_data()
    {
        QTest::addColumn<qint64>("after"); // seconds after the refresh
        QTest::addColumn<QString>("token"); // old/new access/refresh
        QTest::addColumn<QString>("expected"); // "ok", "same pair" or Meituan's code
        const qint64 day = 86400;
        QTest::newRow("old accessToken at once") << qint64(0) << "old access"
                                                 << "ok";
        QTest::newRow("old accessToken after 59 s") << qint64(59) << "old access"
                                                    << "ok";
        QTest::newRow("old accessToken after 60 s") << qint64(60) << "old access"
                                                    << "OP_TOKEN_EXPIRED";
        QTest::newRow("new accessToken after 60 s") << qint64(60) << "new access"
                                                    << "ok";
        QTest::newRow("old refreshToken again at once: the same new pair")
                << qint64(0) << "old refresh"
                << "same pair";
        QTest::newRow("old refreshToken after 60 s") << qint64(60) << "old refresh"
                                                     << "OP_TOKEN_EXPIRED";
        QTest::newRow("new refreshToken after 60 s") << qint64(60) << "new refresh"
                                                     << "ok";
        QTest::newRow("new accessToken after 30 days") << 30 * day << "new access"
                                                       << "OP_TOKEN_EXPIRED";
        QTest::newRow("new accessToken a second before 30 days") << 30 * day - 1 << "new access"
                                                                 << "ok";
        QTest::newRow("new refreshToken after 30 days") << 30 * day << "new refresh"
                                                        << "ok";
        QTest::newRow("new refreshToken after 35 days") << 35 * day << "new refresh"
                                                        << "OP_TOKEN_EXPIRED";
    }

    void refreshRules()
    {
        QFETCH(qint64, after);
        QFETCH(QString, token);
        QFETCH(QString, expected);
        const Meituan::TokenPair old = bind(0);
        const auto refreshed = m_rig->refresh(old.refreshToken);
        QVERIFY(refreshed.ok());
        const Meituan::TokenPair fresh = refreshed.value();
        QVERIFY(fresh.accessToken != old.accessToken && fresh.refreshToken != old.refreshToken);
        QCOMPARE(fresh.opBizCode, old.opBizCode);
        QCOMPARE(m_rig->stat(QStringLiteral("meituan.oauth_refresh")), 1);
        m_rig->advanceClock(after);

        if (token.endsWith(u"access")) {
            const QString code =
                    use(token.startsWith(u"old") ? old.accessToken : fresh.accessToken);
            QCOMPARE(code, expected == u"ok" ? QString() : expected);
            return;
        }
        const auto again =
                m_rig->refresh(token.startsWith(u"old") ? old.refreshToken : fresh.refreshToken);
        if (expected == u"ok" || expected == u"same pair") {
            QVERIFY(again.ok());
            QCOMPARE(again.value().accessToken == fresh.accessToken, expected == u"same pair");
            QCOMPARE(use(again.value().accessToken), QString());
            return;
        }
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, expected);
        QCOMPARE(again.error().reason, RejectReason::NotAuthorised);
    }

    void expireControl_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("expired"); // access tokens that were still valid
        QTest::addColumn<bool>("otherStoreWorks");
        QTest::addColumn<bool>("refreshWorks");
        QTest::newRow("one store") << QJsonObject{{"poi_id", Rig::store(0)}} << 1 << true << true;
        QTest::newRow("every store") << QJsonObject() << 2 << false << true;
        QTest::newRow("one store, refresh tokens too")
                << QJsonObject{{"poi_id", Rig::store(0)}, {"refresh_tokens", true}} << 1 << true
                << false;
    }

    // What the client's refresh-once-retry-once test needs: a store's token refused at once.
    void expireControl()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, expired);
        QFETCH(bool, otherStoreWorks);
        QFETCH(bool, refreshWorks);
        const Meituan::TokenPair mine = bind(0);
        const Meituan::TokenPair theirs = bind(1);
        const Rig::Reply reply =
                m_rig->control("POST", QStringLiteral("/sandbox/meituan/tokens/expire"), body);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json, QJsonObject({{"expired", expired}}));

        const auto prepared = m_rig->prepare(mine.accessToken, QStringLiteral("1234567890"));
        QVERIFY(!prepared.ok());
        QCOMPARE(prepared.error().code, QStringLiteral("OP_TOKEN_EXPIRED"));
        QCOMPARE(prepared.error().reason, RejectReason::NotAuthorised);
        QCOMPARE(use(theirs.accessToken, 1).isEmpty(), otherStoreWorks);
        const auto refreshed = m_rig->refresh(mine.refreshToken);
        QCOMPARE(refreshed.ok(), refreshWorks);
        if (refreshWorks)
            QCOMPARE(use(refreshed.value().accessToken), QString());
    }

    void expireControlRefusals_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("unknown store") << QJsonObject{{"poi_id", "7000000000000000999"}} << 404;
        QTest::newRow("refresh_tokens not a bool") << QJsonObject{{"refresh_tokens", "yes"}} << 400;
        QTest::newRow("unknown field") << QJsonObject{{"store", "x"}} << 400;
    }

    void expireControlRefusals()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        QCOMPARE(m_rig->control("POST", QStringLiteral("/sandbox/meituan/tokens/expire"), body)
                         .status,
                 status);
    }

    // Tests may shorten the lifetimes (SandboxConfig).
    void shortenedLifetimes()
    {
        SandboxConfig config = Rig::emptyConfig();
        config.meituanAccessTokenLifetimeSeconds = 5;
        config.meituanRefreshTokenLifetimeSeconds = 8;
        m_rig = std::make_unique<Rig>(config);
        const Meituan::TokenPair pair = bind(0);
        QCOMPARE(pair.expireInSeconds, 5);
        m_rig->advanceClock(5);
        QCOMPARE(use(pair.accessToken), QStringLiteral("OP_TOKEN_EXPIRED"));
        m_rig->advanceClock(3);
        QVERIFY(!m_rig->refresh(pair.refreshToken).ok());
    }
};

QTEST_GUILESS_MAIN(tst_SandboxMeituanTokens)
#include "tst_sandboxmeituantokens.moc"
