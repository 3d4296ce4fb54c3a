#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "tests/core/sandbox/sandboxmeituanrig.h"

#include "core/meituan/meituanapi.h"

// How the sandbox reads a Meituan request (MEITUAN.md §Conventions, §1, §7; SandboxMeituanForm):
// raw form posts over loopback HTTP, signed right or broken on purpose, since the product's
// client never sends most of these. Every refusal is an envelope with HTTP 200.
class tst_SandboxMeituanForm : public QObject
{
    Q_OBJECT

private:
    using Rig = SandboxMeituanRig;
    using Fields = Rig::Fields;

    std::unique_ptr<Rig> m_rig;
    QString m_token;
    QString m_code; // an unused receipt of the first store

    static void set(Fields &fields, const QString &key, const QString &value)
    {
        for (auto &field : fields) {
            if (field.first == key)
                field.second = value;
        }
    }

    static void drop(Fields &fields, const QString &key)
    {
        fields.removeIf([&key](const auto &field) { return field.first == key; });
    }

    // Applies how (set, drop, twice, add, after_sign, wrong_key, upper) to the unsigned
    // fields and signs them, or breaks the signature as asked.
    static Fields mutate(Fields fields, const QString &how, const QString &key,
                         const QString &value)
    {
        if (how == u"set")
            set(fields, key, value);
        if (how == u"drop")
            drop(fields, key);
        if (how == u"twice" || how == u"add")
            fields.append({key, value});
        if (how == u"wrong_key")
            return Rig::withSign(fields, QStringLiteral("not_the_sign_key"));
        Fields signedFields = Rig::withSign(fields);
        if (how == u"after_sign")
            set(signedFields, key, value);
        if (how == u"upper")
            set(signedFields, QStringLiteral("sign"),
                Rig::withSign(fields).last().second.toUpper());
        if (how == u"drop" && key == u"sign")
            drop(signedFields, key);
        return signedFields;
    }

    static void checkRefusal(const Rig::Reply &reply, const QString &code, const QString &field)
    {
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.code(), code);
        QVERIFY(reply.json.value(QStringLiteral("data")).isNull());
        QVERIFY2(reply.msg().contains(field), qPrintable(reply.msg()));
    }

private slots:
    void init()
    {
        m_rig = std::make_unique<Rig>();
        m_token = m_rig->bind(Rig::store(0));
        QVERIFY(!m_token.isEmpty());
        m_code = m_rig->mint(Rig::store(0)).codes.first();
    }

    void cleanup() { m_rig.reset(); }

    void systemFields_data()
    {
        QTest::addColumn<QString>("how");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field"); // what msg must name
        // The window's edges are timestampWindow's; these are far from them.
        const QString old = QString::number(QDateTime::currentSecsSinceEpoch() - 400);
        const QString ahead = QString::number(QDateTime::currentSecsSinceEpoch() + 400);
        const QString recent = QString::number(QDateTime::currentSecsSinceEpoch() - 200);
        const QString ms = QString::number(QDateTime::currentMSecsSinceEpoch());
        // clang-format off
        QTest::newRow("correct") << "" << "" << "" << "OP_SUCCESS" << "";
        QTest::newRow("bad sign") << "after_sign" << "sign" << QString(40, u'0') << "OP_SIGN_ERROR" << "sign";
        QTest::newRow("sign in upper case") << "upper" << "" << "" << "OP_SIGN_ERROR" << "sign";
        QTest::newRow("signed with another key") << "wrong_key" << "" << "" << "OP_SIGN_ERROR" << "sign";
        QTest::newRow("biz changed after signing") << "after_sign" << "biz" << "{\"receiptCode\":\"1\"}" << "OP_SIGN_ERROR" << "sign";
        QTest::newRow("token changed after signing") << "after_sign" << "appAuthToken" << "other" << "OP_SIGN_ERROR" << "sign";
        QTest::newRow("timestamp 400 s old") << "set" << "timestamp" << old << "OP_PARAM_ERROR" << "timestamp";
        QTest::newRow("timestamp 400 s ahead") << "set" << "timestamp" << ahead << "OP_PARAM_ERROR" << "timestamp";
        QTest::newRow("timestamp 200 s old") << "set" << "timestamp" << recent << "OP_SUCCESS" << "";
        QTest::newRow("timestamp in milliseconds") << "set" << "timestamp" << ms << "OP_PARAM_ERROR" << "timestamp";
        QTest::newRow("timestamp not a number") << "set" << "timestamp" << "now" << "OP_PARAM_ERROR" << "timestamp";
        for (const char *key : {"developerId", "businessId", "timestamp", "charset", "version", "appAuthToken", "biz", "sign"})
            QTest::newRow(qPrintable(QStringLiteral("missing %1").arg(QLatin1String(key)))) << "drop" << key << "" << "OP_PARAM_ERROR" << key;
        QTest::newRow("empty appAuthToken") << "set" << "appAuthToken" << "" << "OP_PARAM_ERROR" << "appAuthToken";
        QTest::newRow("version twice") << "twice" << "version" << "2" << "OP_PARAM_ERROR" << "version";
        QTest::newRow("an unknown field") << "add" << "session" << "x" << "OP_PARAM_ERROR" << "session";
        QTest::newRow("businessId 59") << "set" << "businessId" << "59" << "OP_PARAM_ERROR" << "businessId";
        QTest::newRow("another developerId") << "set" << "developerId" << "100002" << "OP_PARAM_ERROR" << "developerId";
        QTest::newRow("charset GBK") << "set" << "charset" << "GBK" << "OP_PARAM_ERROR" << "charset";
        QTest::newRow("charset in lower case") << "set" << "charset" << "utf-8" << "OP_SUCCESS" << "";
        QTest::newRow("version 1") << "set" << "version" << "1" << "OP_PARAM_ERROR" << "version";
        QTest::newRow("an unknown appAuthToken") << "set" << "appAuthToken" << "nope" << "OP_TOKEN_EXPIRED" << "appAuthToken";
        QTest::newRow("biz not JSON") << "set" << "biz" << "receiptCode=1" << "OP_PARAM_ERROR" << "biz";
        QTest::newRow("biz a JSON array") << "set" << "biz" << "[1]" << "OP_PARAM_ERROR" << "biz";
        QTest::newRow("biz names the store") << "set" << "biz" << "{\"receiptCode\":\"1\",\"opBizCode\":\"x\"}" << "OP_PARAM_ERROR" << "biz.opBizCode";
        QTest::newRow("biz without receiptCode") << "set" << "biz" << "{}" << "OP_PARAM_ERROR" << "biz.receiptCode";
        QTest::newRow("receiptCode a number") << "set" << "biz" << "{\"receiptCode\":1234567890}" << "OP_PARAM_ERROR" << "biz.receiptCode";
        // clang-format on
    }

    // A prepare of a usable receipt, with one thing wrong: the first refusal §7 gives.
    void systemFields()
    {
        QFETCH(QString, how);
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, code);
        QFETCH(QString, field);
        const Fields fields =
                mutate(Rig::businessFields(m_token, Rig::json({{"receiptCode", m_code}})), how, key,
                       value);
        const Rig::Reply reply = m_rig->postForm(MeituanApi::PATH_PREPARE, fields);
        if (code == u"OP_SUCCESS") {
            QCOMPARE(reply.code(), code);
            QCOMPARE(reply.data().value(QStringLiteral("receiptCode")).toString(), m_code);
            return;
        }
        checkRefusal(reply, code, field);
        QVERIFY(!reply.json.value(QStringLiteral("traceId")).toString().isEmpty());
    }

    void timestampWindow_data()
    {
        QTest::addColumn<qint64>("advance"); // POST /sandbox/clock first
        QTest::addColumn<qint64>("offset"); // the timestamp, from the unmoved clock
        QTest::addColumn<bool>("accepted");
        QTest::newRow("301 s old") << qint64(0) << qint64(-301) << false;
        QTest::newRow("300 s old") << qint64(0) << qint64(-300) << true;
        QTest::newRow("300 s ahead") << qint64(0) << qint64(300) << true;
        QTest::newRow("301 s ahead") << qint64(0) << qint64(301) << false;
        QTest::newRow("moved an hour: the client's clock") << qint64(3600) << qint64(0) << true;
        QTest::newRow("moved an hour: the sandbox clock") << qint64(3600) << qint64(3600) << true;
        QTest::newRow("moved an hour: 300 s past the sandbox clock")
                << qint64(3600) << qint64(3900) << true;
        QTest::newRow("moved an hour: 301 s past the sandbox clock")
                << qint64(3600) << qint64(3901) << false;
        QTest::newRow("moved an hour: half way") << qint64(3600) << qint64(1800) << false;
    }

    // The ±300 s window, exactly, on a fixed clock: around the sandbox's time, with or without
    // what POST /sandbox/clock moved it by.
    void timestampWindow()
    {
        QFETCH(qint64, advance);
        QFETCH(qint64, offset);
        QFETCH(bool, accepted);
        constexpr qint64 START = 1717207200;
        SandboxConfig config = Rig::emptyConfig();
        config.clock = [] {
            return START;
        };
        Rig rig(config);
        const SandboxMeituanAnswer pair =
                rig.state().meituanTokens().exchange(SandboxState::meituanAuthCode(Rig::store(0)));
        const QString token = pair.data.toObject().value(QStringLiteral("accessToken")).toString();
        QVERIFY(!token.isEmpty());
        QCOMPARE(rig.advanceClock(advance), START + advance);
        Fields fields = Rig::businessFields(token, Rig::json({{"receiptCode", "1234567890"}}));
        set(fields, QStringLiteral("timestamp"), QString::number(START + offset));
        const Rig::Reply reply = rig.postForm(MeituanApi::PATH_PREPARE, Rig::withSign(fields));
        QCOMPARE(reply.code(),
                 accepted ? QStringLiteral("1006") : QStringLiteral("OP_PARAM_ERROR"));
    }

    void bizFields_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QJsonObject>("biz"); // "$code" stands for a usable receipt
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        const QByteArray consume = MeituanApi::PATH_CONSUME;
        const QByteArray reverse = MeituanApi::PATH_REVERSE_CONSUME;
        const QByteArray list = MeituanApi::PATH_QUERY_LIST_BY_DATE;
        const QJsonObject c{{"receiptCode", "$code"}, {"count", 1}, {"requestId", "b-1"}};
        const auto with = [](QJsonObject object, const char *key, const QJsonValue &value) {
            if (value.isUndefined())
                object.remove(QLatin1String(key));
            else
                object.insert(QLatin1String(key), value);
            return object;
        };
        const QJsonObject l{{"date", "2024-06-01"}, {"offset", 0}, {"limit", 10}, {"type", 0}};
        const QJsonValue none = QJsonValue::Undefined;
        // clang-format off
        QTest::newRow("consume: count 0") << consume << with(c, "count", 0) << "1018" << "count";
        QTest::newRow("consume: count 101") << consume << with(c, "count", 101) << "1018" << "count";
        QTest::newRow("consume: count as a string") << consume << with(c, "count", "1") << "OP_PARAM_ERROR" << "biz.count";
        QTest::newRow("consume: count 1.5") << consume << with(c, "count", 1.5) << "OP_PARAM_ERROR" << "biz.count";
        QTest::newRow("consume: no count") << consume << with(c, "count", none) << "OP_PARAM_ERROR" << "biz.count";
        QTest::newRow("consume: no requestId") << consume << with(c, "requestId", none) << "OP_PARAM_ERROR" << "biz.requestId";
        QTest::newRow("consume: empty requestId") << consume << with(c, "requestId", "") << "OP_PARAM_ERROR" << "biz.requestId";
        QTest::newRow("consume: requestId of 129") << consume << with(c, "requestId", QString(129, u'r')) << "OP_PARAM_ERROR" << "biz.requestId";
        QTest::newRow("consume: appShopAccount a number") << consume << with(c, "appShopAccount", 7) << "OP_PARAM_ERROR" << "biz.appShopAccount";
        QTest::newRow("consume: a field of prepare's answer") << consume << with(c, "dealId", 1) << "OP_PARAM_ERROR" << "biz.dealId";
        QTest::newRow("reverse: dealId a number") << reverse << QJsonObject{{"receiptCode", "$code"}, {"dealId", 600000001}} << "OP_PARAM_ERROR" << "biz.dealId";
        QTest::newRow("reverse: no dealId") << reverse << QJsonObject{{"receiptCode", "$code"}} << "OP_PARAM_ERROR" << "biz.dealId";
        QTest::newRow("list: limit 301") << list << with(l, "limit", 301) << "OP_PARAM_ERROR" << "biz.limit";
        QTest::newRow("list: limit 0") << list << with(l, "limit", 0) << "OP_PARAM_ERROR" << "biz.limit";
        QTest::newRow("list: offset -1") << list << with(l, "offset", -1) << "OP_PARAM_ERROR" << "biz.offset";
        QTest::newRow("list: no offset") << list << with(l, "offset", none) << "OP_PARAM_ERROR" << "biz.offset";
        QTest::newRow("list: date with slashes") << list << with(l, "date", "2024/06/01") << "OP_PARAM_ERROR" << "biz.date";
        QTest::newRow("list: 31 February") << list << with(l, "date", "2024-02-31") << "OP_PARAM_ERROR" << "biz.date";
        QTest::newRow("list: type a string") << list << with(l, "type", "0") << "OP_PARAM_ERROR" << "biz.type";
        QTest::newRow("list: limit 300") << list << with(l, "limit", 300) << "OP_SUCCESS" << "";
        QTest::newRow("list: without type") << list << with(l, "type", none) << "OP_SUCCESS" << "";
        // clang-format on
    }

    // biz checks, for what the client refuses to send or cannot get wrong.
    void bizFields()
    {
        QFETCH(QByteArray, path);
        QFETCH(QJsonObject, biz);
        QFETCH(QString, code);
        QFETCH(QString, field);
        if (biz.value(QStringLiteral("receiptCode")).toString() == u"$code")
            biz.insert(QStringLiteral("receiptCode"), m_code);
        const Rig::Reply reply = m_rig->business(path.constData(), m_token, biz);
        if (code == u"OP_SUCCESS") {
            QCOMPARE(reply.code(), code);
            return;
        }
        checkRefusal(reply, code, field);
        QCOMPARE(m_rig->receiptStatus(m_code), QStringLiteral("unused"));
    }

    void oauthFields_data()
    {
        QTest::addColumn<bool>("refresh");
        QTest::addColumn<QString>("how");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        // clang-format off
        QTest::newRow("token: correct") << false << "" << "" << "" << "0" << "";
        QTest::newRow("token: bad sign") << false << "after_sign" << "sign" << QString(40, u'a') << "OP_SIGN_ERROR" << "sign";
        QTest::newRow("token: grantType refresh_token") << false << "set" << "grantType" << "refresh_token" << "OP_PARAM_ERROR" << "grantType";
        QTest::newRow("token: with version") << false << "add" << "version" << "2" << "OP_PARAM_ERROR" << "version";
        QTest::newRow("token: with appAuthToken") << false << "add" << "appAuthToken" << "x" << "OP_PARAM_ERROR" << "appAuthToken";
        QTest::newRow("token: no code") << false << "drop" << "code" << "" << "OP_PARAM_ERROR" << "code";
        QTest::newRow("token: stale timestamp") << false << "set" << "timestamp" << "1700000000" << "OP_PARAM_ERROR" << "timestamp";
        QTest::newRow("token: unknown code") << false << "set" << "code" << "sandbox-auth-nope" << "OP_PARAM_ERROR" << "code";
        QTest::newRow("refresh: correct") << true << "" << "" << "" << "0" << "";
        QTest::newRow("refresh: scope other than all") << true << "set" << "scope" << "read" << "OP_PARAM_ERROR" << "scope";
        QTest::newRow("refresh: grantType authorization_code") << true << "set" << "grantType" << "authorization_code" << "OP_PARAM_ERROR" << "grantType";
        QTest::newRow("refresh: no scope") << true << "drop" << "scope" << "" << "OP_PARAM_ERROR" << "scope";
        QTest::newRow("refresh: unknown refreshToken") << true << "set" << "refreshToken" << "nope" << "OP_TOKEN_EXPIRED" << "refreshToken";
        // clang-format on
    }

    // The oauth endpoints: the same system checks, their own fields, {"code": 0} on success.
    void oauthFields()
    {
        QFETCH(bool, refresh);
        QFETCH(QString, how);
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, code);
        QFETCH(QString, field);
        const auto pair = m_rig->exchange(SandboxState::meituanAuthCode(Rig::store(1)));
        QVERIFY(pair.ok());
        Fields fields = {{QStringLiteral("developerId"), QString::number(Rig::DEVELOPER_ID)},
                         {QStringLiteral("businessId"), QStringLiteral("58")},
                         {QStringLiteral("timestamp"), Rig::now()},
                         {QStringLiteral("charset"), QStringLiteral("UTF-8")}};
        if (refresh)
            fields << qMakePair(QStringLiteral("refreshToken"), pair.value().refreshToken)
                   << qMakePair(QStringLiteral("grantType"), QStringLiteral("refresh_token"))
                   << qMakePair(QStringLiteral("scope"), QStringLiteral("all"));
        else
            fields << qMakePair(QStringLiteral("code"),
                                SandboxState::meituanAuthCode(Rig::store(1)))
                   << qMakePair(QStringLiteral("grantType"), QStringLiteral("authorization_code"));
        const Rig::Reply reply =
                m_rig->postForm(refresh ? MeituanApi::PATH_REFRESH : MeituanApi::PATH_TOKEN,
                                mutate(fields, how, key, value));
        if (code == u"0") {
            QVERIFY(reply.json.value(QStringLiteral("code")).isDouble());
            QCOMPARE(reply.json.value(QStringLiteral("code")).toInt(-1), 0);
            QCOMPARE(reply.data().value(QStringLiteral("opBizCode")).toString(),
                     QStringLiteral("mt-") + Rig::store(1));
            QVERIFY(!reply.data().value(QStringLiteral("accessToken")).toString().isEmpty());
            return;
        }
        QVERIFY(reply.json.value(QStringLiteral("code")).isString());
        checkRefusal(reply, code, field);
    }

    void contentTypes_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded") << true;
        QTest::newRow("form, UTF-8") << QByteArray("application/x-www-form-urlencoded; "
                                                   "charset=UTF-8")
                                     << true;
        QTest::newRow("form, GBK") << QByteArray("application/x-www-form-urlencoded; "
                                                 "charset=GBK")
                                   << false;
        QTest::newRow("JSON") << QByteArray("application/json") << false;
        QTest::newRow("multipart") << QByteArray("multipart/form-data; boundary=x") << false;
    }

    void contentTypes()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(bool, accepted);
        const Fields fields =
                Rig::withSign(Rig::businessFields(m_token, Rig::json({{"receiptCode", m_code}})));
        const Rig::Reply reply = m_rig->post(QLatin1String(MeituanApi::PATH_PREPARE),
                                             Rig::encode(fields), contentType);
        if (accepted) {
            QCOMPARE(reply.code(), QStringLiteral("OP_SUCCESS"));
            return;
        }
        checkRefusal(reply, QStringLiteral("OP_PARAM_ERROR"), QStringLiteral("Content-Type"));
    }

    // Form decoding: '+' is a space, %2B a plus, UTF-8 percent-encoded; the signature covers the
    // decoded values, so a server that read '+' literally would answer OP_SIGN_ERROR here.
    void formDecoding()
    {
        const QString requestId = QStringLiteral("a+b c 收银");
        const QString biz = Rig::json({{"receiptCode", m_code},
                                       {"count", 1},
                                       {"requestId", requestId},
                                       {"appShopAccountName", "张 三"}});
        const Fields fields = Rig::withSign(Rig::businessFields(m_token, biz));
        QByteArray body;
        for (const auto &[key, value] : fields) {
            if (!body.isEmpty())
                body += '&';
            body += key.toUtf8() + '=' + QUrl::toPercentEncoding(value, " ").replace(' ', '+');
        }
        QVERIFY(body.contains('+'));
        const Rig::Reply reply = m_rig->post(QLatin1String(MeituanApi::PATH_CONSUME), body);
        QCOMPARE(reply.code(), QStringLiteral("OP_SUCCESS"));
        QCOMPARE(m_rig->receipt(m_code).value(QStringLiteral("request_id")).toString(), requestId);
    }

    void notUtf8()
    {
        QByteArray body = Rig::encode(
                Rig::withSign(Rig::businessFields(m_token, Rig::json({{"receiptCode", m_code}}))));
        body += "&biz%FF=%C3%28";
        checkRefusal(m_rig->post(QLatin1String(MeituanApi::PATH_PREPARE), body),
                     QStringLiteral("OP_PARAM_ERROR"), QStringLiteral("UTF-8"));
    }

    // Business answers: code a string, data, a traceId of their own, compact JSON.
    void envelope()
    {
        const Rig::Reply first =
                m_rig->business(MeituanApi::PATH_PREPARE, m_token, {{"receiptCode", m_code}});
        const Rig::Reply second =
                m_rig->business(MeituanApi::PATH_PREPARE, m_token, {{"receiptCode", "3333333333"}});
        QCOMPARE(first.json.value(QStringLiteral("code")), QJsonValue("OP_SUCCESS"));
        QVERIFY(first.json.value(QStringLiteral("data")).isObject());
        QCOMPARE(second.json.value(QStringLiteral("code")), QJsonValue("1006"));
        QCOMPARE(second.status, 200);
        const QString a = first.json.value(QStringLiteral("traceId")).toString();
        const QString b = second.json.value(QStringLiteral("traceId")).toString();
        QVERIFY(!a.isEmpty() && !b.isEmpty() && a != b);
        QVERIFY(!first.body.contains('\n'));
    }

    void onlyPost_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::newRow("GET prepare")
                << QByteArray("GET") << QString::fromLatin1(MeituanApi::PATH_PREPARE);
        QTest::newRow("PUT consume")
                << QByteArray("PUT") << QString::fromLatin1(MeituanApi::PATH_CONSUME);
        QTest::newRow("GET oauth token")
                << QByteArray("GET") << QString::fromLatin1(MeituanApi::PATH_TOKEN);
    }

    void onlyPost()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        const Rig::Reply reply = m_rig->post(path, {}, "application/x-www-form-urlencoded", verb);
        QCOMPARE(reply.status, 405);
        QVERIFY(reply.json.contains(QStringLiteral("error")));
    }
};

QTEST_GUILESS_MAIN(tst_SandboxMeituanForm)
#include "tst_sandboxmeituanform.moc"
