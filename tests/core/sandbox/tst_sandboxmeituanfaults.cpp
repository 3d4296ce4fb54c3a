#include <memory>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "tests/core/sandbox/sandboxmeituanrig.h"

#include "core/meituan/meituanapi.h"

// The Douyin sandbox's fault modes on each Meituan endpoint ("endpoint": "meituan.consume"
// …), what they put on the wire and whether the call was applied; the lost-consume shapes
// through the product's MeituanClient; the error_code formats; the stats keys.
class tst_SandboxMeituanFaults : public QObject
{
    Q_OBJECT

private:
    using Rig = SandboxMeituanRig;

    // What a call of each endpoint needs, and whether it took effect.
    struct Call
    {
        const char *path = nullptr;
        Rig::Fields fields; // signed
        std::function<bool()> applied; // empty: the call has no effect to see
    };

    std::unique_ptr<Rig> m_rig;
    Meituan::TokenPair m_pair;

    static Rig::Fields oauthFields(bool refresh, const QString &value)
    {
        Rig::Fields fields = {{QStringLiteral("developerId"), QString::number(Rig::DEVELOPER_ID)},
                              {QStringLiteral("businessId"), QStringLiteral("58")},
                              {QStringLiteral("timestamp"), Rig::now()},
                              {QStringLiteral("charset"), QStringLiteral("UTF-8")}};
        if (refresh)
            fields << qMakePair(QStringLiteral("refreshToken"), value)
                   << qMakePair(QStringLiteral("grantType"), QStringLiteral("refresh_token"))
                   << qMakePair(QStringLiteral("scope"), QStringLiteral("all"));
        else
            fields << qMakePair(QStringLiteral("code"), value)
                   << qMakePair(QStringLiteral("grantType"), QStringLiteral("authorization_code"));
        return Rig::withSign(fields);
    }

    Call business(const char *path, const QJsonObject &biz, std::function<bool()> applied = {})
    {
        return {path, Rig::withSign(Rig::businessFields(m_pair.accessToken, Rig::json(biz))),
                std::move(applied)};
    }

    // The store's pair in force before the call was replaced (oauth calls apply so): after
    // the grace its accessToken is refused.
    bool pairReplaced()
    {
        m_rig->advanceClock(60);
        const auto prepared = m_rig->prepare(m_pair.accessToken, QStringLiteral("1234567890"));
        return !prepared.ok() && prepared.error().code == u"OP_TOKEN_EXPIRED";
    }

    Call arrange(const QString &endpoint)
    {
        const Rig::Order order = m_rig->mint(Rig::store(0));
        const QString code = order.codes.first();
        const QString name = endpoint.mid(int(qstrlen("meituan.")));
        if (name == u"prepare")
            return business(MeituanApi::PATH_PREPARE, {{"receiptCode", code}});
        if (name == u"consume")
            return business(MeituanApi::PATH_CONSUME,
                            {{"receiptCode", code}, {"count", 1}, {"requestId", "fault-1"}},
                            [this, code] { return m_rig->receiptStatus(code) == u"used"; });
        if (name == u"getconsumed")
            return business(MeituanApi::PATH_GET_CONSUMED, {{"receiptCode", code}});
        if (name == u"reverseconsume") {
            if (!m_rig->consume(m_pair.accessToken, code, 1, QStringLiteral("before")).ok())
                qFatal("consume failed");
            return business(MeituanApi::PATH_REVERSE_CONSUME,
                            {{"receiptCode", code}, {"dealId", order.dealId}},
                            [this, code] { return m_rig->receiptStatus(code) == u"unused"; });
        }
        if (name == u"querylistbydate")
            return business(MeituanApi::PATH_QUERY_LIST_BY_DATE,
                            {{"date", "2024-06-01"}, {"offset", 0}, {"limit", 10}});
        if (name == u"oauth_token")
            return {MeituanApi::PATH_TOKEN,
                    oauthFields(false, SandboxState::meituanAuthCode(Rig::store(0))), [this] {
                        return pairReplaced();
                    }};
        return {MeituanApi::PATH_REFRESH, oauthFields(true, m_pair.refreshToken), [this] {
                    return pairReplaced();
                }};
    }

    static QStringList endpoints()
    {
        return {QStringLiteral("meituan.prepare"),         QStringLiteral("meituan.consume"),
                QStringLiteral("meituan.getconsumed"),     QStringLiteral("meituan.reverseconsume"),
                QStringLiteral("meituan.querylistbydate"), QStringLiteral("meituan.oauth_token"),
                QStringLiteral("meituan.oauth_refresh")};
    }

    // The answer an endpoint gives when Qt resends a request whose connection closed before
    // any answer byte (fin / rst_after_commit): the first one was applied.
    static QString resentCode(const QString &endpoint)
    {
        if (endpoint == u"meituan.reverseconsume")
            return QStringLiteral("OP_REVERSE_NOT_ALLOWED"); // cancelled by the first one
        if (endpoint == u"meituan.getconsumed")
            return QStringLiteral("1006"); // its receipt is not consumed
        if (endpoint.contains(u"oauth"))
            return QStringLiteral("0"); // a new pair again, or the same one for the refresh
        return QStringLiteral("OP_SUCCESS"); // consume: the same requestId, the first result
    }

private slots:
    void init()
    {
        m_rig = std::make_unique<Rig>();
        const auto pair = m_rig->exchange(SandboxState::meituanAuthCode(Rig::store(0)));
        QVERIFY(pair.ok());
        m_pair = pair.value();
    }

    void cleanup() { m_rig.reset(); }

    void faultModes_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("wire"); // late, http_500, a Meituan code, cut, resent
        QTest::addColumn<bool>("applied");
        for (const QString &endpoint : endpoints()) {
            const auto row = [&endpoint](const char *mode, const QString &wire, bool applied) {
                QTest::newRow(qPrintable(endpoint + u' ' + QLatin1String(mode)))
                        << endpoint << QString::fromLatin1(mode) << wire << applied;
            };
            row("delay", QStringLiteral("late"), true);
            row("http_500", QStringLiteral("http_500"), false);
            row("error_code", QStringLiteral("OP_SYSTEM_BUSY"), false);
            row("rate_limit", QStringLiteral("OP_RATE_LIMIT"), false);
            row("drop_before_commit", QStringLiteral("cut"), false);
            row("drop_after_commit", QStringLiteral("cut"), true);
            row("fin_after_commit", QStringLiteral("resent"), true);
            row("rst_after_commit", QStringLiteral("resent"), true);
            row("half_answer_after_commit", QStringLiteral("cut"), true);
        }
    }

    void faultModes()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, mode);
        QFETCH(QString, wire);
        QFETCH(bool, applied);
        const Call call = arrange(endpoint);
        const int before = m_rig->stat(endpoint);
        QVERIFY(m_rig->fault({{"endpoint", endpoint},
                              {"mode", mode},
                              {"delay_ms", 300},
                              {"error_code", "OP_SYSTEM_BUSY"}}));
        QElapsedTimer timer;
        timer.start();
        const Rig::Reply reply = m_rig->postForm(call.path, call.fields);

        if (wire == u"late") {
            QVERIFY2(timer.elapsed() >= 290, qPrintable(QString::number(timer.elapsed())));
            QCOMPARE(reply.status, 200);
            QVERIFY(!reply.code().isEmpty());
        } else if (wire == u"http_500") {
            QCOMPARE(reply.status, 500);
            QVERIFY(reply.json.isEmpty());
            QVERIFY(!reply.body.isEmpty());
        } else if (wire == u"cut") {
            QVERIFY(reply.error != QNetworkReply::NoError);
            QVERIFY(reply.json.isEmpty());
        } else if (wire == u"resent") {
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.code(), resentCode(endpoint));
            QCOMPARE(m_rig->stat(endpoint), before + 2);
        } else {
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.code(), wire);
            QVERIFY(reply.json.value(QStringLiteral("data")).isNull());
            QVERIFY(!reply.msg().isEmpty());
        }
        if (wire != u"resent")
            QCOMPARE(m_rig->stat(endpoint), before + 1);
        if (call.applied)
            QCOMPARE(call.applied(), applied);
        QVERIFY(m_rig->control("GET", QStringLiteral("/sandbox/faults"))
                        .json.value(QStringLiteral("faults"))
                        .toArray()
                        .isEmpty());
    }

    void lostConsume_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("delayMs");
        QTest::addColumn<bool>("answered"); // the client got the consume's answer at once
        QTest::newRow("FIN before any answer byte") << "fin_after_commit" << 0 << true;
        QTest::newRow("RST before any answer byte") << "rst_after_commit" << 0 << true;
        QTest::newRow("half an answer") << "half_answer_after_commit" << 0 << false;
        QTest::newRow("headers, then nothing") << "drop_after_commit" << 0 << false;
        QTest::newRow("closed before it was applied") << "drop_before_commit" << 0 << false;
        QTest::newRow("HTTP 500") << "http_500" << 0 << false;
        QTest::newRow("no answer within the client's timeout") << "delay" << 4500 << false;
    }

    // MEITUAN.md §4: a lost consume is resolved by getconsumed, then resent with the SAME
    // requestId. Every shape ends as one consumption, answered with one flowId.
    void lostConsume()
    {
        QFETCH(QString, mode);
        QFETCH(int, delayMs);
        QFETCH(bool, answered);
        const Rig::Order order = m_rig->mint(Rig::store(0));
        const QString code = order.codes.first();
        QJsonObject fault{{"endpoint", "meituan.consume"}, {"mode", mode}};
        if (delayMs)
            fault.insert(QStringLiteral("delay_ms"), delayMs);
        QVERIFY(m_rig->fault(fault));

        const auto first = m_rig->consume(m_pair.accessToken, code, 1, QStringLiteral("lost-1"));
        QCOMPARE(first.ok(), answered);
        if (!answered) {
            QCOMPARE(first.error().kind, PlatformError::Kind::Unknown);
            // A slow Meituan applies the consume late, after the client gave up on it.
            if (delayMs)
                QTRY_COMPARE_WITH_TIMEOUT(m_rig->receiptStatus(code), QStringLiteral("used"),
                                          delayMs + 2000);
            const auto status = m_rig->consumed(m_pair.accessToken, code);
            QVERIFY(status.ok());
            QCOMPARE(status.value().consumed, m_rig->receiptStatus(code) == u"used");
        }
        const auto resent = m_rig->consume(m_pair.accessToken, code, 1, QStringLiteral("lost-1"));
        QVERIFY2(resent.ok(), qPrintable(resent.ok() ? QString() : resent.error().message));
        const QString flowId = resent.value().receipts.first().flowId;
        if (answered)
            QCOMPARE(first.value().receipts.first().flowId, flowId);
        QCOMPARE(m_rig->state().meituanBook().consumptions().size(), 1);
        QCOMPARE(m_rig->receipt(code).value(QStringLiteral("flow_id")).toString(), flowId);
        QCOMPARE(m_rig->receipt(code).value(QStringLiteral("request_id")).toString(),
                 QStringLiteral("lost-1"));
    }

    // A busy read is retried by the client (reads retry ≤ 3); the fault's count is honoured.
    void busyReadsAreRetried()
    {
        QVERIFY(m_rig->fault({{"endpoint", "meituan.getconsumed"},
                              {"mode", "error_code"},
                              {"error_code", "OP_SYSTEM_BUSY"},
                              {"count", 2}}));
        const auto status = m_rig->consumed(m_pair.accessToken, QStringLiteral("1234567890"));
        QVERIFY(status.ok());
        QVERIFY(!status.value().consumed);
        QCOMPARE(m_rig->stat(QStringLiteral("meituan.getconsumed")), 3);
    }

    void errorCodeFormats_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QJsonValue>("given");
        QTest::addColumn<QJsonValue>("answered"); // the envelope's code
        QTest::newRow("a string on prepare") << "meituan.prepare" << QJsonValue("OP_SYSTEM_BUSY")
                                             << QJsonValue("OP_SYSTEM_BUSY");
        QTest::newRow("a number on prepare: a string in the envelope")
                << "meituan.prepare" << QJsonValue(1008) << QJsonValue("1008");
        QTest::newRow("a numeric string on consume")
                << "meituan.consume" << QJsonValue("1010") << QJsonValue("1010");
        QTest::newRow("a number on oauth: a number there")
                << "meituan.oauth_token" << QJsonValue(1006) << QJsonValue(1006);
        QTest::newRow("a string on oauth") << "meituan.oauth_token" << QJsonValue("OP_SYSTEM_BUSY")
                                           << QJsonValue("OP_SYSTEM_BUSY");
        QTest::newRow("a Douyin code on every endpoint")
                << "*" << QJsonValue(2100004) << QJsonValue("2100004");
    }

    void errorCodeFormats()
    {
        QFETCH(QString, endpoint);
        QFETCH(QJsonValue, given);
        QFETCH(QJsonValue, answered);
        const Rig::Reply added = m_rig->control(
                "POST", QStringLiteral("/sandbox/faults"),
                {{"endpoint", endpoint}, {"mode", "error_code"}, {"error_code", given}});
        QCOMPARE(added.status, 200);
        QCOMPARE(added.json.value(QStringLiteral("fault"))
                         .toObject()
                         .value(QStringLiteral("error_code")),
                 given);
        const Call call = arrange(endpoint == u"*" ? QStringLiteral("meituan.prepare") : endpoint);
        const Rig::Reply reply = m_rig->postForm(call.path, call.fields);
        QCOMPARE(reply.json.value(QStringLiteral("code")), answered);
    }

    void errorCodeRefusals_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QJsonValue>("given");
        QTest::newRow("a string on a Douyin endpoint") << "verify" << QJsonValue("OP_SYSTEM_BUSY");
        QTest::newRow("a string on every endpoint") << "*" << QJsonValue("OP_SYSTEM_BUSY");
        QTest::newRow("success in disguise") << "meituan.consume" << QJsonValue("OP_SUCCESS");
        QTest::newRow("zero as a string") << "meituan.oauth_token" << QJsonValue("0");
        QTest::newRow("zero") << "meituan.consume" << QJsonValue(0);
        QTest::newRow("empty") << "meituan.consume" << QJsonValue("");
        QTest::newRow("too long") << "meituan.consume" << QJsonValue(QString(65, u'E'));
        QTest::newRow("missing") << "meituan.consume" << QJsonValue(QJsonValue::Undefined);
    }

    void errorCodeRefusals()
    {
        QFETCH(QString, endpoint);
        QFETCH(QJsonValue, given);
        QJsonObject fault{{"endpoint", endpoint}, {"mode", "error_code"}};
        if (!given.isUndefined())
            fault.insert(QStringLiteral("error_code"), given);
        const Rig::Reply reply = m_rig->control("POST", QStringLiteral("/sandbox/faults"), fault);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json.value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("field"))
                         .toString(),
                 QStringLiteral("error_code"));
    }

    // A fault for every endpoint hits Meituan's too.
    void everyEndpointFaultHitsMeituan()
    {
        QVERIFY(m_rig->fault({{"endpoint", "*"}, {"mode", "http_500"}}));
        const Call call = arrange(QStringLiteral("meituan.querylistbydate"));
        QCOMPARE(m_rig->postForm(call.path, call.fields).status, 500);
        QCOMPARE(m_rig->postForm(call.path, call.fields).code(), QStringLiteral("OP_SUCCESS"));
    }

    // Every endpoint's calls since start, faulted or refused ones included; Douyin's keys too.
    void statsKeys()
    {
        for (const QString &endpoint : endpoints()) {
            const Call call = arrange(endpoint);
            m_rig->postForm(call.path, call.fields);
        }
        m_rig->postForm(MeituanApi::PATH_PREPARE, {}); // refused, and counted
        const QJsonObject stats = m_rig->control("GET", QStringLiteral("/sandbox/stats")).json;
        // init() exchanged once; reverseconsume's arrange consumed once through the client.
        const QJsonObject expected{{"client_token", 0},
                                   {"prepare", 0},
                                   {"verify", 0},
                                   {"certificate_get", 0},
                                   {"certificate_query", 0},
                                   {"order_query", 0},
                                   {"poi_query", 0},
                                   {"short_link", 0},
                                   {"cancel", 0},
                                   {"verify_record_query", 0},
                                   {"ledger_query", 0},
                                   {"meituan.prepare", 2},
                                   {"meituan.consume", 2},
                                   {"meituan.getconsumed", 1},
                                   {"meituan.reverseconsume", 1},
                                   {"meituan.querylistbydate", 1},
                                   {"meituan.oauth_token", 2},
                                   {"meituan.oauth_refresh", 1}};
        QCOMPARE(stats, expected);
    }
};

QTEST_GUILESS_MAIN(tst_SandboxMeituanFaults)
#include "tst_sandboxmeituanfaults.moc"
