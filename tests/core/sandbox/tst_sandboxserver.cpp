#include <memory>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxserver.h"

namespace {

struct Reply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QJsonObject json;
    QByteArray contentType;
    QByteArray location;
    QByteArray logIdHeader;

    QJsonObject data() const { return json.value(QStringLiteral("data")).toObject(); }
    QJsonObject extra() const { return json.value(QStringLiteral("extra")).toObject(); }
    // As a client reads it: Douyin puts an error in extra or in data, never both.
    qint64 errorCode() const
    {
        const qint64 platform = extra().value(QStringLiteral("error_code")).toInteger(0);
        return platform != 0 ? platform : data().value(QStringLiteral("error_code")).toInteger(-1);
    }
    QJsonObject result(int index = 0) const
    {
        return data().value(QStringLiteral("verify_results")).toArray().at(index).toObject();
    }
    qint64 resultCode(int index = 0) const
    {
        return result(index).value(QStringLiteral("result")).toInteger(-1);
    }
    QJsonObject errorObject() const { return json.value(QStringLiteral("error")).toObject(); }
};

struct Order
{
    QString orderId;
    QString shortLink;
    QString poiId;
    QStringList codes;
    QStringList encryptedCodes;
    QStringList certificateIds;
};

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list.append(item.toString());
    return list;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class tst_SandboxServer : public QObject
{
    Q_OBJECT

private:
    enum class Auth { Token, None };

    Reply send(const QByteArray &verb, const QString &path, const QByteArray &body = {},
               Auth auth = Auth::Token, QNetworkReply **started = nullptr)
    {
        const QUrl url = path.startsWith(u"http") ? QUrl(path) : QUrl(m_base + path);
        QNetworkRequest request(url);
        // Short links are read, not followed: the client must see the 302 itself.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        if (auth == Auth::Token && !m_token.isEmpty())
            request.setRawHeader("access-token", m_token.toLatin1());
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, verb, body));
        if (started)
            *started = reply.get();
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        Reply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.error = reply->error();
        result.body = reply->readAll();
        result.json = QJsonDocument::fromJson(result.body).object();
        result.contentType = reply->rawHeader("Content-Type");
        result.location = reply->rawHeader("Location");
        result.logIdHeader = reply->rawHeader("X-Tt-Logid");
        return result;
    }

    Reply get(const QString &path, Auth auth = Auth::Token) { return send("GET", path, {}, auth); }

    Reply post(const QString &path, const QJsonObject &body, Auth auth = Auth::Token)
    {
        return send("POST", path, json(body), auth);
    }

    Order mint(const QJsonObject &spec = {})
    {
        const Reply reply = post(QStringLiteral("/sandbox/orders"), spec, Auth::None);
        if (reply.status != 200)
            qFatal("mint failed: %s", reply.body.constData());
        return {reply.json.value(QStringLiteral("order_id")).toString(),
                reply.json.value(QStringLiteral("short_link")).toString(),
                reply.json.value(QStringLiteral("poi_id")).toString(),
                strings(reply.json.value(QStringLiteral("codes"))),
                strings(reply.json.value(QStringLiteral("encrypted_codes"))),
                strings(reply.json.value(QStringLiteral("certificate_ids")))};
    }

    QString fetchToken()
    {
        const Reply reply = post(QString::fromLatin1(DouyinApi::PATH_CLIENT_TOKEN),
                                 {{"client_key", "sandbox_client_key"},
                                  {"client_secret", "sandbox_client_secret"},
                                  {"grant_type", "client_credential"}},
                                 Auth::None);
        return reply.data().value(QStringLiteral("access_token")).toString();
    }

    Reply prepare(const QString &key, const QString &value)
    {
        QUrlQuery query;
        query.addQueryItem(key, value);
        return get(QString::fromLatin1(DouyinApi::PATH_PREPARE) + u'?'
                   + query.toString(QUrl::FullyEncoded));
    }

    Reply verify(const QString &verifyToken, const QString &poiId, const QStringList &codes)
    {
        return post(QString::fromLatin1(DouyinApi::PATH_VERIFY),
                    {{"verify_token", verifyToken},
                     {"poi_id", poiId},
                     {"encrypted_codes", QJsonArray::fromStringList(codes)}});
    }

    QJsonObject snapshot(const QString &orderId)
    {
        return get(QStringLiteral("/sandbox/orders/") + orderId, Auth::None).json;
    }

    int certificateStatus(const QString &orderId, int index = 0)
    {
        return snapshot(orderId)
                .value(QStringLiteral("certificates"))
                .toArray()
                .at(index)
                .toObject()
                .value(QStringLiteral("status"))
                .toInt();
    }

    qint64 stat(const char *name)
    {
        return get(QStringLiteral("/sandbox/stats"), Auth::None)
                .json.value(QLatin1String(name))
                .toInteger(-1);
    }

    void addFault(const QJsonObject &fault)
    {
        const Reply reply = post(QStringLiteral("/sandbox/faults"), fault, Auth::None);
        QCOMPARE(reply.status, 200);
    }

    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_network;
    QString m_base;
    QString m_token;

private slots:
    void init()
    {
        m_server = std::make_unique<SandboxServer>();
        const auto bound = m_server->listen({QStringLiteral("127.0.0.1"), 0});
        QVERIFY2(bound.ok(), qPrintable(bound.ok() ? QString() : bound.error().message));
        QVERIFY(bound.value().port != 0);
        m_base = m_server->baseUrl().toString();
        QCOMPARE(m_base, QStringLiteral("http://127.0.0.1:%1").arg(bound.value().port));
        m_token = fetchToken();
        QVERIFY(m_token.startsWith(u"clt."));
    }

    void cleanup()
    {
        m_network.clearConnectionCache();
        m_server.reset();
    }

    // The "done means": mint, token, prepare by code, verify, and a second verify of
    // the same coupon refused with 1241.
    void fullFlow()
    {
        const Order order = mint({{"certificates", 2}, {"pay_amount", 1990}});
        QCOMPARE(order.codes.size(), 2);
        QVERIFY(order.shortLink.startsWith(m_base + QStringLiteral("/v/")));

        const Reply first = prepare(QStringLiteral("code"), order.codes.at(0));
        QCOMPARE(first.status, 200);
        QCOMPARE(first.errorCode(), 0);
        QCOMPARE(first.extra().value(QStringLiteral("error_code")).toInteger(-1), 0);
        const QJsonArray listed = first.data().value(QStringLiteral("certificates")).toArray();
        QCOMPARE(listed.size(), 1);
        const QJsonObject certificate = listed.first().toObject();
        QCOMPARE(certificate.value(QStringLiteral("encrypted_code")).toString(),
                 order.encryptedCodes.at(0));
        QCOMPARE(certificate.value(QStringLiteral("certificate_id")).toString(),
                 order.certificateIds.at(0));
        QCOMPARE(certificate.value(QStringLiteral("amount"))
                         .toObject()
                         .value(QStringLiteral("pay_amount"))
                         .toInteger(),
                 1990);
        // A second till prepared the same coupon before the first one verified it.
        const Reply second = prepare(QStringLiteral("code"), order.codes.at(0));
        const QString firstToken = first.data().value(QStringLiteral("verify_token")).toString();
        const QString secondToken = second.data().value(QStringLiteral("verify_token")).toString();
        QVERIFY(firstToken != secondToken);

        const Reply verified = verify(firstToken, order.poiId, {order.encryptedCodes.at(0)});
        QCOMPARE(verified.errorCode(), 0);
        QCOMPARE(verified.resultCode(), 0);
        const QJsonObject result = verified.result();
        QCOMPARE(result.value(QStringLiteral("certificate_id")).toString(),
                 order.certificateIds.at(0));
        QCOMPARE(result.value(QStringLiteral("origin_code")).toString(), order.codes.at(0));
        QCOMPARE(result.value(QStringLiteral("order_id")).toString(), order.orderId);
        QCOMPARE(result.value(QStringLiteral("account_id")).toString(),
                 QStringLiteral("sandbox_account"));
        QVERIFY(!result.value(QStringLiteral("verify_id")).toString().isEmpty());
        QVERIFY(result.value(QStringLiteral("verify_time")).toInteger() > 0);

        const Reply again = verify(secondToken, order.poiId, {order.encryptedCodes.at(0)});
        QCOMPARE(again.errorCode(), 0);
        QCOMPARE(again.resultCode(), qint64(DouyinApi::CERTIFICATE_USED));
        // [choice] prepare of a used code answers the reason as the call's error.
        const Reply third = prepare(QStringLiteral("code"), order.codes.at(0));
        QCOMPARE(third.errorCode(), qint64(DouyinApi::CERTIFICATE_USED));
        QVERIFY(!third.data().value(QStringLiteral("description")).toString().isEmpty());

        const QJsonObject state = snapshot(order.orderId);
        QCOMPARE(state.value(QStringLiteral("order_id")).toString(), order.orderId);
        QCOMPARE(state.value(QStringLiteral("poi_id")).toString(), order.poiId);
        const QJsonArray certificates = state.value(QStringLiteral("certificates")).toArray();
        QCOMPARE(certificates.size(), 2);
        QCOMPARE(certificates.at(0).toObject().value(QStringLiteral("status")).toInt(),
                 int(DouyinApi::CertificateStatus::Verified));
        QCOMPARE(certificates.at(0)
                         .toObject()
                         .value(QStringLiteral("verify_records"))
                         .toArray()
                         .size(),
                 1);
        QCOMPARE(certificates.at(1).toObject().value(QStringLiteral("status")).toInt(),
                 int(DouyinApi::CertificateStatus::Usable));
    }

    void envelopeCarriesLogIds()
    {
        const Reply first = get(QString::fromLatin1(DouyinApi::PATH_POI_QUERY));
        const Reply second = get(QString::fromLatin1(DouyinApi::PATH_POI_QUERY));
        QVERIFY(first.contentType.startsWith("application/json"));
        for (const Reply *reply : {&first, &second}) {
            const QJsonObject extra = reply->extra();
            for (const char *key :
                 {"error_code", "description", "sub_error_code", "sub_description", "logid", "now"})
                QVERIFY2(extra.contains(QLatin1String(key)), key);
            QCOMPARE(extra.value(QStringLiteral("logid")).toString().toLatin1(),
                     reply->logIdHeader);
            QVERIFY(qAbs(extra.value(QStringLiteral("now")).toInteger()
                         - QDateTime::currentSecsSinceEpoch())
                    < 60);
            QVERIFY(reply->data().contains(QStringLiteral("description")));
        }
        QVERIFY(first.extra().value(QStringLiteral("logid"))
                != second.extra().value(QStringLiteral("logid")));
        // Compact JSON, as Douyin sends it.
        QVERIFY(!first.body.contains('\n'));
    }

    void clientToken_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("json") << QByteArray("{\"client_key\":\"sandbox_client_key\","
                                            "\"client_secret\":\"sandbox_client_secret\","
                                            "\"grant_type\":\"client_credential\"}")
                              << QByteArray("application/json") << qint64(0);
        QTest::newRow("form") << QByteArray("client_key=sandbox_client_key&client_secret="
                                            "sandbox_client_secret&grant_type=client_credential")
                              << QByteArray("application/x-www-form-urlencoded") << qint64(0);
        QTest::newRow("wrong key")
                << QByteArray("{\"client_key\":\"x\",\"client_secret\":\"sandbox_client_secret\","
                              "\"grant_type\":\"client_credential\"}")
                << QByteArray("application/json") << qint64(DouyinApi::CLIENT_KEY_INVALID);
        QTest::newRow("wrong secret")
                << QByteArray("{\"client_key\":\"sandbox_client_key\",\"client_secret\":\"x\","
                              "\"grant_type\":\"client_credential\"}")
                << QByteArray("application/json") << qint64(DouyinApi::CLIENT_SECRET_INVALID);
        QTest::newRow("key of the wrong type")
                << QByteArray("{\"client_key\":12,\"client_secret\":\"sandbox_client_secret\"}")
                << QByteArray("application/json") << qint64(DouyinApi::CLIENT_KEY_INVALID);
        QTest::newRow("not json") << QByteArray("{{{{") << QByteArray("application/json")
                                  << qint64(DouyinApi::BAD_PARAMETER);
        QTest::newRow("json array") << QByteArray("[1,2]") << QByteArray("application/json")
                                    << qint64(DouyinApi::BAD_PARAMETER);
    }

    void clientToken()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(qint64, expected);
        QNetworkRequest request(QUrl(m_base + QString::fromLatin1(DouyinApi::PATH_CLIENT_TOKEN)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        std::unique_ptr<QNetworkReply> reply(m_network.post(request, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        const QJsonObject data = answer.value(QStringLiteral("data")).toObject();
        QCOMPARE(data.value(QStringLiteral("error_code")).toInteger(-1), expected);
        QCOMPARE(answer.value(QStringLiteral("message")).toString(),
                 expected == 0 ? QStringLiteral("success") : QStringLiteral("error"));
        QVERIFY(answer.contains(QStringLiteral("extra")));
        if (expected == 0) {
            QVERIFY(data.value(QStringLiteral("access_token")).toString().startsWith(u"clt."));
            QCOMPARE(data.value(QStringLiteral("expires_in")).toInt(),
                     DouyinApi::TOKEN_LIFETIME_SECONDS);
        } else {
            QVERIFY(!data.value(QStringLiteral("description")).toString().isEmpty());
        }
    }

    void businessCallsNeedAValidToken_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("token");
        QTest::addColumn<qint64>("expected");
        const QString prepare = QString::fromLatin1(DouyinApi::PATH_PREPARE) + "?code=1";
        const QString verify = QString::fromLatin1(DouyinApi::PATH_VERIFY);
        const QString poi = QString::fromLatin1(DouyinApi::PATH_POI_QUERY);
        const QString query =
                QString::fromLatin1(DouyinApi::PATH_CERTIFICATE_QUERY) + "?order_id=1";
        QTest::newRow("prepare without token")
                << QByteArray("GET") << prepare << "" << qint64(DouyinApi::TOKEN_INVALID);
        QTest::newRow("verify without token")
                << QByteArray("POST") << verify << "" << qint64(DouyinApi::TOKEN_INVALID);
        QTest::newRow("poi query with a made-up token")
                << QByteArray("GET") << poi << "clt.madeup" << qint64(DouyinApi::TOKEN_INVALID);
        QTest::newRow("prepare with an expired token")
                << QByteArray("GET") << prepare << "expire" << qint64(DouyinApi::TOKEN_EXPIRED);
        QTest::newRow("batch query with an expired token")
                << QByteArray("GET") << query << "expire" << qint64(DouyinApi::TOKEN_EXPIRED);
        QTest::newRow("verify with an expired token")
                << QByteArray("POST") << verify << "expire" << qint64(DouyinApi::TOKEN_EXPIRED);
    }

    void businessCallsNeedAValidToken()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QString, token);
        QFETCH(qint64, expected);
        if (token == u"expire") {
            const Reply expired = post(QStringLiteral("/sandbox/tokens/expire"), {}, Auth::None);
            QCOMPARE(expired.json.value(QStringLiteral("expired")).toInt(), 1);
        } else {
            m_token = token;
        }
        const Reply reply = send(verb, path, "{}", m_token.isEmpty() ? Auth::None : Auth::Token);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.errorCode(), expected);
        // A token error is the platform's: in extra only.
        QCOMPARE(reply.extra().value(QStringLiteral("error_code")).toInteger(), expected);
        QCOMPARE(reply.data().value(QStringLiteral("error_code")).toInteger(-1), 0);
        // A fresh token works again.
        m_token = fetchToken();
        QCOMPARE(get(QString::fromLatin1(DouyinApi::PATH_POI_QUERY)).errorCode(), 0);
    }

    void bigIdsTravelAsStrings()
    {
        const Order order = mint();
        // poi_id as a bare 19-digit JSON number must keep every digit.
        const Reply prepared = prepare(QStringLiteral("code"), order.codes.at(0));
        const QByteArray body = "{\"verify_token\":\""
                + prepared.data().value(QStringLiteral("verify_token")).toString().toLatin1()
                + "\",\"poi_id\":" + order.poiId.toLatin1() + ",\"encrypted_codes\":[\""
                + order.encryptedCodes.at(0).toLatin1() + "\"]}";
        const Reply verified = send("POST", QString::fromLatin1(DouyinApi::PATH_VERIFY), body);
        QCOMPARE(verified.resultCode(), 0);
        QVERIFY(verified.body.contains("\"certificate_id\":\""));
        QVERIFY(verified.body.contains("\"order_id\":\""));

        const Reply queried = get(QString::fromLatin1(DouyinApi::PATH_CERTIFICATE_QUERY)
                                  + QStringLiteral("?order_id=") + order.orderId);
        QCOMPARE(queried.errorCode(), 0);
        // The batch query answers them as JSON numbers, as seed 003's example does: exact
        // digits, never a rounded double.
        const QByteArray certificateId =
                "\"certificate_id\":" + order.certificateIds.at(0).toLatin1() + ',';
        QVERIFY2(queried.body.contains(certificateId), queried.body.constData());
    }

    void shortLinkRedirectsToObjectId_data()
    {
        QTest::addColumn<int>("redirects");
        QTest::newRow("one redirect") << 1;
        QTest::newRow("through a hop") << 2;
    }

    void shortLinkRedirectsToObjectId()
    {
        QFETCH(int, redirects);
        const Order order = mint({{"certificates", 2}, {"redirects", redirects}});
        QString url = order.shortLink;
        Reply reply;
        for (int hop = 0; hop < redirects; ++hop) {
            reply = get(url, Auth::None);
            QCOMPARE(reply.status, 302);
            QVERIFY(!reply.location.isEmpty());
            url = QUrl(url).resolved(QUrl(QString::fromLatin1(reply.location))).toString();
        }
        QVERIFY2(url.contains(u"/life/coupon?"), qPrintable(url));
        const QString objectId = QUrlQuery(QUrl(url)).queryItemValue(QStringLiteral("object_id"),
                                                                     QUrl::FullyDecoded);
        QVERIFY(!objectId.isEmpty());
        QCOMPARE(get(url, Auth::None).status, 200); // the landing page exists

        const Reply prepared = prepare(QStringLiteral("encrypted_data"), objectId);
        QCOMPARE(prepared.errorCode(), 0);
        QCOMPARE(prepared.data().value(QStringLiteral("certificates")).toArray().size(), 2);
        QCOMPARE(prepared.data().value(QStringLiteral("order_id")).toString(), order.orderId);

        // Verifying the whole order kills the link.
        const Reply verified =
                verify(prepared.data().value(QStringLiteral("verify_token")).toString(),
                       order.poiId, order.encryptedCodes);
        QCOMPARE(verified.resultCode(0), 0);
        QCOMPARE(verified.resultCode(1), 0);
        const Reply dead = get(order.shortLink, Auth::None);
        QCOMPARE(dead.status, 404);
        QVERIFY(dead.contentType.startsWith("application/json"));
        QCOMPARE(get(m_base + QStringLiteral("/v/NoSuchId/"), Auth::None).status, 404);
    }

    void faults_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("mode");
        QTest::addColumn<qint64>("errorCode");
        QTest::addColumn<int>("httpStatus"); // 0: the connection is cut in the answer
        QTest::addColumn<qint64>("expected"); // data.error_code when JSON
        QTest::newRow("http_500 on verify") << "verify"
                                            << "http_500" << qint64(0) << 500 << qint64(-1);
        QTest::newRow("error_code on verify") << "verify"
                                              << "error_code" << qint64(DouyinApi::SYSTEM_BUSY)
                                              << 200 << qint64(DouyinApi::SYSTEM_BUSY);
        QTest::newRow("rate_limit on verify")
                << "verify"
                << "rate_limit" << qint64(0) << 200 << qint64(DouyinApi::TOO_FREQUENT);
        QTest::newRow("drop_before_commit on verify")
                << "verify"
                << "drop_before_commit" << qint64(0) << 0 << qint64(-1);
        QTest::newRow("error_code on every endpoint")
                << "*"
                << "error_code" << qint64(DouyinApi::BUSY) << 200 << qint64(DouyinApi::BUSY);
    }

    // None of these faults applies the verify: the coupon stays usable and the same
    // verify_token still works once the fault is spent.
    void faults()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, mode);
        QFETCH(qint64, errorCode);
        QFETCH(int, httpStatus);
        QFETCH(qint64, expected);
        const Order order = mint();
        const QString token = prepare(QStringLiteral("code"), order.codes.at(0))
                                      .data()
                                      .value(QStringLiteral("verify_token"))
                                      .toString();
        QJsonObject fault{{"endpoint", endpoint}, {"mode", mode}};
        if (errorCode)
            fault.insert(QStringLiteral("error_code"), errorCode);
        addFault(fault);

        const Reply faulted = verify(token, order.poiId, order.encryptedCodes);
        if (httpStatus == 0) {
            QCOMPARE(faulted.error, QNetworkReply::RemoteHostClosedError);
            QVERIFY(faulted.json.isEmpty());
        } else if (faulted.status != httpStatus) {
            QCOMPARE(faulted.status, httpStatus);
        } else if (expected == -1) {
            QVERIFY(faulted.json.isEmpty());
            QVERIFY(!faulted.body.isEmpty());
        } else {
            QCOMPARE(faulted.errorCode(), expected);
            QCOMPARE(faulted.extra().value(QStringLiteral("error_code")).toInteger(), expected);
            QVERIFY(!faulted.extra().value(QStringLiteral("logid")).toString().isEmpty());
        }
        QCOMPARE(certificateStatus(order.orderId), int(DouyinApi::CertificateStatus::Usable));
        QCOMPARE(stat("verify"), 1);

        const Reply retried = verify(token, order.poiId, order.encryptedCodes);
        QCOMPARE(retried.resultCode(), 0);
        QCOMPARE(stat("verify"), 2);
    }

    void faultCountAndClear()
    {
        addFault({{"endpoint", "poi_query"}, {"mode", "rate_limit"}, {"count", 2}});
        const QString poi = QString::fromLatin1(DouyinApi::PATH_POI_QUERY);
        QCOMPARE(get(poi).errorCode(), qint64(DouyinApi::TOO_FREQUENT));
        QCOMPARE(get(poi).errorCode(), qint64(DouyinApi::TOO_FREQUENT));
        QCOMPARE(get(poi).errorCode(), 0);

        addFault({{"endpoint", "poi_query"}, {"mode", "http_500"}, {"count", 5}});
        const Reply listed = get(QStringLiteral("/sandbox/faults"), Auth::None);
        QCOMPARE(listed.json.value(QStringLiteral("faults")).toArray().size(), 1);
        const Reply cleared = send("DELETE", QStringLiteral("/sandbox/faults"), {}, Auth::None);
        QCOMPARE(cleared.status, 200);
        QCOMPARE(cleared.json.value(QStringLiteral("cleared")).toInt(), 1);
        QCOMPARE(get(poi).errorCode(), 0);
    }

    void faultOnClientTokenAndShortLink()
    {
        addFault({{"endpoint", "client_token"}, {"mode", "http_500"}});
        QVERIFY(fetchToken().isEmpty());
        QVERIFY(!fetchToken().isEmpty());

        const Order order = mint();
        addFault({{"endpoint", "short_link"}, {"mode", "drop_before_commit"}});
        const Reply dropped = get(order.shortLink, Auth::None);
        QCOMPARE(dropped.error, QNetworkReply::RemoteHostClosedError);
        QVERIFY(dropped.location.isEmpty());
        QCOMPARE(get(order.shortLink, Auth::None).status, 302);
    }

    // The answer is lost, yet the verify happened: the case the status query exists for.
    void dropAfterCommitAppliesTheVerify()
    {
        const Order order = mint();
        const QString token = prepare(QStringLiteral("code"), order.codes.at(0))
                                      .data()
                                      .value(QStringLiteral("verify_token"))
                                      .toString();
        addFault({{"endpoint", "verify"}, {"mode", "drop_after_commit"}});
        const Reply lost = verify(token, order.poiId, order.encryptedCodes);
        QCOMPARE(lost.error, QNetworkReply::RemoteHostClosedError);
        QVERIFY(lost.body.isEmpty());
        QCOMPARE(stat("verify"), 1); // the client did not quietly resend it

        QCOMPARE(certificateStatus(order.orderId), int(DouyinApi::CertificateStatus::Verified));
        const Reply status = get(QString::fromLatin1(DouyinApi::PATH_CERTIFICATE_QUERY)
                                 + QStringLiteral("?encrypted_code=") + order.encryptedCodes.at(0));
        const QJsonObject certificate =
                status.data().value(QStringLiteral("certificates")).toArray().first().toObject();
        QCOMPARE(certificate.value(QStringLiteral("status")).toInt(),
                 int(DouyinApi::CertificateStatus::Verified));
        const QString verifyId = certificate.value(QStringLiteral("verify"))
                                         .toObject()
                                         .value(QStringLiteral("verify_id"))
                                         .toString();
        QVERIFY(!verifyId.isEmpty());

        // Douyin's retry rule: the identical request again says "already applied" (2 at once,
        // 1208 later).
        const Reply retried = verify(token, order.poiId, order.encryptedCodes);
        QCOMPARE(retried.resultCode(), qint64(DouyinApi::VERIFY_REPEATED));
        QCOMPARE(retried.result().value(QStringLiteral("verify_id")).toString(), verifyId);
    }

    void delayAnswersLate()
    {
        addFault({{"endpoint", "prepare"}, {"mode", "delay"}, {"delay_ms", 300}});
        const Order order = mint();
        QElapsedTimer timer;
        timer.start();
        const Reply prepared = prepare(QStringLiteral("code"), order.codes.at(0));
        QVERIFY2(timer.elapsed() >= 290, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(prepared.errorCode(), 0);
        QVERIFY(!prepared.data().value(QStringLiteral("verify_token")).toString().isEmpty());
    }

    // A client that gives up before a delayed answer must not crash the server, and the
    // late verify still happens, as it would on a slow Douyin.
    void delayedAnswerToAClientThatLeft()
    {
        const Order order = mint();
        const QString token = prepare(QStringLiteral("code"), order.codes.at(0))
                                      .data()
                                      .value(QStringLiteral("verify_token"))
                                      .toString();
        addFault({{"endpoint", "verify"}, {"mode", "delay"}, {"delay_ms", 1000}});
        QNetworkRequest request(QUrl(m_base + QString::fromLatin1(DouyinApi::PATH_VERIFY)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        request.setRawHeader("access-token", m_token.toLatin1());
        request.setTransferTimeout(50);
        std::unique_ptr<QNetworkReply> reply(m_network.post(
                request,
                json({{"verify_token", token},
                      {"poi_id", order.poiId},
                      {"encrypted_codes", QJsonArray::fromStringList(order.encryptedCodes)}})));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        QTRY_COMPARE_WITH_TIMEOUT(
                m_server->state().certificate(order.certificateIds.at(0))->storedStatus,
                DouyinApi::CertificateStatus::Verified, 5000);
        QCOMPARE(get(QString::fromLatin1(DouyinApi::PATH_POI_QUERY)).errorCode(), 0);
    }

    void statsCountCalls()
    {
        const Order order = mint();
        prepare(QStringLiteral("code"), order.codes.at(0));
        prepare(QStringLiteral("code"), QStringLiteral("1"));
        verify(QStringLiteral("x"), order.poiId, order.encryptedCodes);
        get(order.shortLink, Auth::None);
        get(QString::fromLatin1(DouyinApi::PATH_ORDER_QUERY));
        const Reply stats = get(QStringLiteral("/sandbox/stats"), Auth::None);
        QCOMPARE(stats.status, 200);
        // Meituan's endpoints are counted beside Douyin's (tst_sandboxmeituanfaults).
        const QJsonObject expected{{"client_token", 1},
                                   {"prepare", 2},
                                   {"verify", 1},
                                   {"certificate_get", 0},
                                   {"certificate_query", 0},
                                   {"order_query", 1},
                                   {"poi_query", 0},
                                   {"short_link", 1},
                                   {"cancel", 0},
                                   {"verify_record_query", 0},
                                   {"ledger_query", 0},
                                   {"meituan.prepare", 0},
                                   {"meituan.consume", 0},
                                   {"meituan.getconsumed", 0},
                                   {"meituan.reverseconsume", 0},
                                   {"meituan.querylistbydate", 0},
                                   {"meituan.oauth_token", 0},
                                   {"meituan.oauth_refresh", 0}};
        QCOMPARE(stats.json, expected);
    }

    void cancelOverHttp()
    {
        const Order order = mint();
        const QString token = prepare(QStringLiteral("code"), order.codes.at(0))
                                      .data()
                                      .value(QStringLiteral("verify_token"))
                                      .toString();
        const Reply verified = verify(token, order.poiId, order.encryptedCodes);
        const QString verifyId = verified.result().value(QStringLiteral("verify_id")).toString();
        const Reply cancelled =
                post(QString::fromLatin1(DouyinApi::PATH_CANCEL),
                     {{"verify_id", verifyId}, {"certificate_id", order.certificateIds.at(0)}});
        QCOMPARE(cancelled.errorCode(), 0);
        QCOMPARE(certificateStatus(order.orderId), int(DouyinApi::CertificateStatus::Usable));
        const Reply got = get(QString::fromLatin1(DouyinApi::PATH_CERTIFICATE_GET)
                              + QStringLiteral("?encrypted_code=") + order.encryptedCodes.at(0));
        const QJsonObject certificate = got.data().value(QStringLiteral("certificate")).toObject();
        QCOMPARE(certificate.value(QStringLiteral("status")).toInt(),
                 int(DouyinApi::CertificateStatus::Usable));
        QVERIFY(!certificate.contains(QStringLiteral("verify")));
        QCOMPARE(prepare(QStringLiteral("code"), order.codes.at(0)).errorCode(), 0);
    }

    void refundControl()
    {
        const Order order = mint({{"certificates", 2}});
        const Reply refunded =
                post(QStringLiteral("/sandbox/orders/") + order.orderId + QStringLiteral("/refund"),
                     {{"certificate_ids", QJsonArray{order.certificateIds.at(1)}}}, Auth::None);
        QCOMPARE(refunded.status, 200);
        QCOMPARE(certificateStatus(order.orderId, 1), int(DouyinApi::CertificateStatus::Refunded));
        QCOMPARE(prepare(QStringLiteral("code"), order.codes.at(1)).errorCode(),
                 qint64(DouyinApi::CERTIFICATE_REFUNDED));
        QCOMPARE(post(QStringLiteral("/sandbox/orders/1/refund"), {}, Auth::None).status, 404);
    }

    void expiredOrdersFromControlApi()
    {
        const Order order = mint({{"expire_in_days", -1}});
        QCOMPARE(certificateStatus(order.orderId), int(DouyinApi::CertificateStatus::Expired));
        QCOMPARE(prepare(QStringLiteral("code"), order.codes.at(0)).errorCode(),
                 qint64(DouyinApi::CERTIFICATE_EXPIRED));
        QCOMPARE(get(order.shortLink, Auth::None).status, 404);
    }

    void ordersAndStoresQueries()
    {
        const Order order =
                mint({{"product_name", "测试套餐"}, {"poi_id", qint64(7212541306826811437)}});
        QCOMPARE(order.poiId, QStringLiteral("7212541306826811437"));
        const Reply orders =
                get(QString::fromLatin1(DouyinApi::PATH_ORDER_QUERY)
                    + QStringLiteral("?account_id=sandbox_account&order_id=") + order.orderId);
        QCOMPARE(orders.errorCode(), 0);
        const QJsonObject first =
                orders.data().value(QStringLiteral("orders")).toArray().first().toObject();
        QCOMPARE(first.value(QStringLiteral("order_id")).toString(), order.orderId);
        QCOMPARE(first.value(QStringLiteral("product_name")).toString(),
                 QStringLiteral("测试套餐"));
        QCOMPARE(first.value(QStringLiteral("order_status")).toInt(), 1);

        const Reply stores = get(QString::fromLatin1(DouyinApi::PATH_POI_QUERY)
                                 + QStringLiteral("?page=1&size=2"));
        QCOMPARE(stores.data().value(QStringLiteral("total")).toInt(), 3);
        const QJsonArray pois = stores.data().value(QStringLiteral("pois")).toArray();
        QCOMPARE(pois.size(), 2);
        QVERIFY(pois.first()
                        .toObject()
                        .value(QStringLiteral("poi_name"))
                        .toString()
                        .contains(QStringLiteral("抖音示例门店")));

        // The demo catalogue is there from the start.
        const Reply all = get(QStringLiteral("/sandbox/orders"), Auth::None);
        QCOMPARE(all.json.value(QStringLiteral("orders")).toArray().size(), 7);
    }

    void malformedDouyinInput_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        const QString verify = QString::fromLatin1(DouyinApi::PATH_VERIFY);
        const QString prepare = QString::fromLatin1(DouyinApi::PATH_PREPARE);
        QTest::newRow("verify: not json") << QByteArray("POST") << verify << QByteArray("nope");
        QTest::newRow("verify: empty body") << QByteArray("POST") << verify << QByteArray();
        QTest::newRow("verify: codes not an array")
                << QByteArray("POST") << verify
                << QByteArray(
                           "{\"verify_token\":\"t\",\"poi_id\":\"1\",\"encrypted_codes\":\"abc\"}");
        QTest::newRow("verify: numbers as codes")
                << QByteArray("POST") << verify
                << QByteArray(
                           "{\"verify_token\":\"t\",\"poi_id\":\"1\",\"encrypted_codes\":[1,2]}");
        QTest::newRow("verify: both code lists")
                << QByteArray("POST") << verify
                << QByteArray(
                           "{\"verify_token\":\"t\",\"poi_id\":\"1\",\"encrypted_codes\":[\"a\"],"
                           "\"codes\":[\"b\"]}");
        QTest::newRow("verify: token as object")
                << QByteArray("POST") << verify
                << QByteArray("{\"verify_token\":{},\"poi_id\":\"1\",\"encrypted_codes\":[\"a\"]}");
        QTest::newRow("verify: huge poi_id")
                << QByteArray("POST") << verify
                << QByteArray(
                           "{\"verify_token\":\"t\",\"poi_id\":1e400,\"encrypted_codes\":[\"a\"]}");
        QTest::newRow("verify: 2 MB of garbage")
                << QByteArray("POST") << verify << QByteArray(2 * 1024 * 1024, '[');
        QTest::newRow("prepare: code twice")
                << QByteArray("GET") << prepare + "?code=1&code=2" << QByteArray();
        QTest::newRow("prepare: nothing") << QByteArray("GET") << prepare << QByteArray();
        QTest::newRow("order query: page_num not a number")
                << QByteArray("GET")
                << QString::fromLatin1(DouyinApi::PATH_ORDER_QUERY) + "?page_num=abc"
                << QByteArray();
        QTest::newRow("cancel: ids missing")
                << QByteArray("POST") << QString::fromLatin1(DouyinApi::PATH_CANCEL)
                << QByteArray("{\"verify_id\":[]}");
    }

    void malformedDouyinInput()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        const Reply reply = send(verb, path, body);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.errorCode(), qint64(DouyinApi::BAD_PARAMETER));
        // A parameter error is the platform's: described in extra, data's code stays 0.
        QVERIFY(!reply.extra().value(QStringLiteral("description")).toString().isEmpty());
        QCOMPARE(reply.data().value(QStringLiteral("error_code")).toInteger(-1), 0);
    }

    void controlRejectsBadInput_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        const QString orders = QStringLiteral("/sandbox/orders");
        const QString faults = QStringLiteral("/sandbox/faults");
        QTest::newRow("order: not json") << orders << QByteArray("{oops") << "body";
        QTest::newRow("order: zero certificates")
                << orders << QByteArray("{\"certificates\":0}") << "certificates";
        QTest::newRow("order: eleven certificates")
                << orders << QByteArray("{\"certificates\":11}") << "certificates";
        QTest::newRow("order: certificates as text")
                << orders << QByteArray("{\"certificates\":\"two\"}") << "certificates";
        QTest::newRow("order: fractional certificates")
                << orders << QByteArray("{\"certificates\":1.5}") << "certificates";
        QTest::newRow("order: huge pay_amount")
                << orders << QByteArray("{\"pay_amount\":99999999999999999999999}") << "pay_amount";
        QTest::newRow("order: negative pay_amount")
                << orders << QByteArray("{\"pay_amount\":-5}") << "pay_amount";
        QTest::newRow("order: product_name as number")
                << orders << QByteArray("{\"product_name\":5}") << "product_name";
        QTest::newRow("order: empty poi_id")
                << orders << QByteArray("{\"poi_id\":\"\"}") << "poi_id";
        QTest::newRow("order: unknown field")
                << orders << QByteArray("{\"certficates\":2}") << "certficates";
        QTest::newRow("fault: unknown mode")
                << faults << QByteArray("{\"endpoint\":\"verify\",\"mode\":\"explode\"}") << "mode";
        QTest::newRow("fault: unknown endpoint")
                << faults << QByteArray("{\"endpoint\":\"refund\",\"mode\":\"http_500\"}")
                << "endpoint";
        QTest::newRow("fault: delay without delay_ms")
                << faults << QByteArray("{\"endpoint\":\"verify\",\"mode\":\"delay\"}")
                << "delay_ms";
        QTest::newRow("fault: error_code without a code")
                << faults << QByteArray("{\"endpoint\":\"verify\",\"mode\":\"error_code\"}")
                << "error_code";
        QTest::newRow("fault: count zero")
                << faults << QByteArray("{\"endpoint\":\"*\",\"mode\":\"http_500\",\"count\":0}")
                << "count";
        QTest::newRow("fault: empty body") << faults << QByteArray() << "body";
    }

    void controlRejectsBadInput()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const Reply reply = send("POST", path, body, Auth::None);
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.contentType.startsWith("application/json"));
        QCOMPARE(reply.errorObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("bad_request"));
        QCOMPARE(reply.errorObject().value(QStringLiteral("field")).toString(), field);
        QVERIFY2(reply.errorObject().value(QStringLiteral("message")).toString().contains(field),
                 reply.body.constData());
        QVERIFY(get(QStringLiteral("/sandbox/faults"), Auth::None)
                        .json.value(QStringLiteral("faults"))
                        .toArray()
                        .isEmpty());
    }

    void unknownPathsAnswerJson_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("unknown path") << QByteArray("GET") << "/nope" << 404;
        QTest::newRow("douyin path without trailing slash")
                << QByteArray("GET") << "/goodlife/v1/fulfilment/certificate/prepare" << 404;
        QTest::newRow("unknown order") << QByteArray("GET") << "/sandbox/orders/123" << 404;
        QTest::newRow("verify with GET")
                << QByteArray("GET") << QString::fromLatin1(DouyinApi::PATH_VERIFY) << 405;
        QTest::newRow("stats with POST") << QByteArray("POST") << "/sandbox/stats" << 405;
    }

    void unknownPathsAnswerJson()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(int, status);
        const Reply reply = send(verb, path, {}, Auth::None);
        QCOMPARE(reply.status, status);
        QVERIFY(reply.contentType.startsWith("application/json"));
        QVERIFY(!reply.errorObject().value(QStringLiteral("message")).toString().isEmpty());
    }

    void listenErrorNamesTheAddress()
    {
        QTcpServer occupier;
        QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
        SandboxServer second;
        const auto bound = second.listen({QStringLiteral("127.0.0.1"), occupier.serverPort()});
        QVERIFY(!bound.ok());
        QCOMPARE(bound.error().code, ErrorCode::Network);
        QVERIFY2(bound.error().message.contains(
                         QStringLiteral("127.0.0.1:%1").arg(occupier.serverPort())),
                 qPrintable(bound.error().message));
    }
};

QTEST_GUILESS_MAIN(tst_SandboxServer)
#include "tst_sandboxserver.moc"
