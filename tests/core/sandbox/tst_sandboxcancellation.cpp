#include <memory>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxcancellation.h"
#include "core/sandbox/sandboxserver.h"

namespace {

// The sandbox's own clock stands still at START, so only /sandbox/clock moves time and every
// second of the window is exact.
constexpr qint64 START = 1750000000;
constexpr qint64 REFUSED = SandboxCancellation::CANCEL_REFUSED;
constexpr qint64 TOO_LATE = SandboxCancellation::WINDOW_CLOSED;
constexpr qint64 ALREADY = SandboxCancellation::ALREADY_CANCELLED;
constexpr int USABLE = int(DouyinApi::CertificateStatus::Usable);
constexpr int VERIFIED = int(DouyinApi::CertificateStatus::Verified);

struct Reply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QJsonObject json;

    QJsonObject data() const { return json.value("data").toObject(); }
    QJsonObject extra() const { return json.value("extra").toObject(); }
    // As a client reads it: Douyin puts an error in extra or in data.
    qint64 errorCode() const
    {
        const qint64 platform = extra().value("error_code").toInteger(0);
        return platform != 0 ? platform : data().value("error_code").toInteger(-1);
    }
    qint64 subCode() const { return extra().value("sub_error_code").toInteger(-1); }
    // extra without the parts that change on every call
    QJsonObject stableExtra() const
    {
        QJsonObject stable = extra();
        stable.remove("logid");
        stable.remove("now");
        return stable;
    }
};

struct Verified
{
    QString orderId;
    QString certificateId;
    QString encryptedCode;
    QString code;
    QString poiId;
    QString verifyId;
};

QJsonObject extraOf(qint64 sub, const QString &text)
{
    return {{"error_code", 0},
            {"description", ""},
            {"sub_error_code", sub},
            {"sub_description", text}};
}

} // namespace

class tst_SandboxCancellation : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_network;
    QString m_token;

    Reply send(const QByteArray &verb, const QString &path, const QJsonObject &body = {},
               int timeoutMs = 0)
    {
        QNetworkRequest request(QUrl(m_server->baseUrl().toString() + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        request.setRawHeader("access-token", m_token.toLatin1());
        if (timeoutMs)
            request.setTransferTimeout(timeoutMs);
        const QByteArray payload =
                body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, verb, payload));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        // A reply the client timed out is closed: nothing to read.
        const QByteArray answer = reply->isOpen() ? reply->readAll() : QByteArray();
        return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->error(),
                QJsonDocument::fromJson(answer).object()};
    }

    Reply cancel(const Verified &v, const QString &cancelToken = {}, int timeoutMs = 0)
    {
        QJsonObject body{{"verify_id", v.verifyId}, {"certificate_id", v.certificateId}};
        if (!cancelToken.isEmpty())
            body.insert("cancel_token", cancelToken);
        return send("POST", QString::fromLatin1(DouyinApi::PATH_CANCEL), body, timeoutMs);
    }

    QString verifyByCode(const QString &code, const QString &encryptedCode, const QString &poiId)
    {
        const Reply prepared =
                send("GET", QString::fromLatin1(DouyinApi::PATH_PREPARE) + "?code=" + code);
        const Reply verified = send("POST", QString::fromLatin1(DouyinApi::PATH_VERIFY),
                                    {{"verify_token", prepared.data().value("verify_token")},
                                     {"poi_id", poiId},
                                     {"encrypted_codes", QJsonArray{encryptedCode}}});
        return verified.data()
                .value("verify_results")
                .toArray()
                .first()
                .toObject()
                .value("verify_id")
                .toString();
    }

    // A fresh order of `certificates`, the first of them verified.
    Verified mintAndVerify(QJsonObject spec = {})
    {
        const QJsonObject order = send("POST", "/sandbox/orders", spec).json;
        Verified v{order.value("order_id").toString(),
                   order.value("certificate_ids").toArray().first().toString(),
                   order.value("encrypted_codes").toArray().first().toString(),
                   order.value("codes").toArray().first().toString(),
                   order.value("poi_id").toString(),
                   {}};
        v.verifyId = verifyByCode(v.code, v.encryptedCode, v.poiId);
        if (v.verifyId.isEmpty())
            qFatal("the verify before the cancel failed");
        return v;
    }

    QJsonObject certificateGet(const Verified &v)
    {
        return send("GET",
                    QString::fromLatin1(DouyinApi::PATH_CERTIFICATE_GET)
                            + "?encrypted_code=" + v.encryptedCode)
                .data()
                .value("certificate")
                .toObject();
    }

    QJsonObject batchQuery(const Verified &v)
    {
        return send("GET",
                    QString::fromLatin1(DouyinApi::PATH_CERTIFICATE_QUERY)
                            + "?order_id=" + v.orderId)
                .data()
                .value("certificates")
                .toArray()
                .first()
                .toObject();
    }

    // The control API's view: every verification, cancelled ones marked.
    QJsonArray controlRecords(const Verified &v)
    {
        return send("GET", "/sandbox/orders/" + v.orderId)
                .json.value("certificates")
                .toArray()
                .first()
                .toObject()
                .value("verify_records")
                .toArray();
    }

    int status(const Verified &v) { return certificateGet(v).value("status").toInt(); }

    qint64 stat(const char *name)
    {
        return send("GET", "/sandbox/stats").json.value(QLatin1String(name)).toInteger(-1);
    }

    void advance(qint64 seconds)
    {
        const qint64 before = send("GET", "/sandbox/clock").json.value("now").toInteger();
        QCOMPARE(send("POST", "/sandbox/clock", {{"advance_seconds", seconds}})
                         .json.value("now")
                         .toInteger(),
                 before + seconds);
    }

private slots:
    void init()
    {
        SandboxConfig config;
        config.seedDemoData = false;
        config.clock = [] {
            return START;
        };
        m_server = std::make_unique<SandboxServer>(config);
        QVERIFY(m_server->listen({QStringLiteral("127.0.0.1"), 0}).ok());
        m_token.clear();
        m_token = send("POST", QString::fromLatin1(DouyinApi::PATH_CLIENT_TOKEN),
                       {{"client_key", "sandbox_client_key"},
                        {"client_secret", "sandbox_client_secret"},
                        {"grant_type", "client_credential"}})
                          .data()
                          .value("access_token")
                          .toString();
        QVERIFY(!m_token.isEmpty());
    }

    void cleanup()
    {
        m_network.clearConnectionCache();
        m_server.reset();
    }

    void window_data()
    {
        QTest::addColumn<qint64>("after");
        QTest::addColumn<bool>("cancels");
        QTest::newRow("at once") << qint64(0) << true;
        QTest::newRow("3599 s later") << qint64(3599) << true;
        QTest::newRow("3600 s later, the last second") << qint64(3600) << true;
        QTest::newRow("3601 s later, too late") << qint64(3601) << false;
    }

    void window()
    {
        QFETCH(qint64, after);
        QFETCH(bool, cancels);
        const Verified v = mintAndVerify();
        advance(after);
        const Reply answer = cancel(v);
        QCOMPARE(answer.status, 200);
        if (cancels) {
            const QJsonObject data{{"error_code", 0},
                                   {"description", ""},
                                   {"cancel_results",
                                    QJsonArray{QJsonObject{{"result_code", 0},
                                                           {"result_msg", ""},
                                                           {"verify_id", v.verifyId},
                                                           {"order_id", v.orderId}}}}};
            QCOMPARE(answer.data(), data);
            QCOMPARE(answer.stableExtra(), extraOf(0, ""));
            QCOMPARE(status(v), USABLE);
        } else {
            const QString text = QStringLiteral("已超过可撤销时限,无法撤销核销");
            QCOMPARE(answer.data(), QJsonObject({{"error_code", REFUSED}, {"description", text}}));
            QCOMPARE(answer.stableExtra(), extraOf(TOO_LATE, text));
            QCOMPARE(status(v), VERIFIED);
            QCOMPARE(certificateGet(v).value("verify").toObject().value("can_cancel").toBool(true),
                     false);
        }
        QCOMPARE(answer.extra().value("now").toInteger(), START + after);
    }

    void alreadyCancelled_data()
    {
        QTest::addColumn<QString>("firstToken");
        QTest::addColumn<QString>("secondToken");
        QTest::newRow("no token either time") << ""
                                              << "";
        QTest::newRow("a token, then none") << "ct-a"
                                            << "";
        QTest::newRow("a token, then another") << "ct-a"
                                               << "ct-b";
        QTest::newRow("no token, then one") << ""
                                            << "ct-b";
    }

    void alreadyCancelled()
    {
        QFETCH(QString, firstToken);
        QFETCH(QString, secondToken);
        const Verified v = mintAndVerify();
        QCOMPARE(cancel(v, firstToken).errorCode(), 0);
        const Reply again = cancel(v, secondToken);
        const QString text = QStringLiteral("该核销记录已撤销");
        QCOMPARE(again.data(), QJsonObject({{"error_code", REFUSED}, {"description", text}}));
        QCOMPARE(again.stableExtra(), extraOf(ALREADY, text));
        QCOMPARE(status(v), USABLE);
        QCOMPARE(controlRecords(v).size(), 1);
    }

    // A resend after a lost answer: the same cancel_token cancels once and answers success again.
    void sameCancelTokenCancelsOnce()
    {
        const Verified v = mintAndVerify();
        const Reply first = cancel(v, QStringLiteral("ct-1"));
        QCOMPARE(first.errorCode(), 0);
        const qint64 cancelTime =
                controlRecords(v).first().toObject().value("cancel_time").toInteger();
        advance(120);
        const Reply second = cancel(v, QStringLiteral("ct-1"));
        QCOMPARE(second.errorCode(), 0);
        QCOMPARE(second.data(), first.data());
        const QJsonArray records = controlRecords(v);
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first().toObject().value("cancelled").toBool(), true);
        QCOMPARE(records.first().toObject().value("cancel_time").toInteger(), cancelTime);
        QCOMPARE(stat("cancel"), 2);
    }

    void unknownOrMismatched_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<qint64>("expected");
        QTest::addColumn<bool>("inExtra"); // the platform's parameter error, or data's
        QTest::newRow("unknown verify_id")
                << QJsonObject{{"verify_id", "7000000000000000001"}, {"certificate_id", "1"}}
                << qint64(DouyinApi::CERTIFICATE_NOT_FOUND) << false;
        QTest::newRow("certificate_id of another certificate")
                << QJsonObject{{"certificate_id", "1"}} << qint64(DouyinApi::BAD_PARAMETER) << true;
        QTest::newRow("no certificate_id") << QJsonObject{{"certificate_id", QJsonValue()}}
                                           << qint64(DouyinApi::BAD_PARAMETER) << true;
        QTest::newRow("verify_id of the wrong type") << QJsonObject{{"verify_id", QJsonArray{}}}
                                                     << qint64(DouyinApi::BAD_PARAMETER) << true;
        QTest::newRow("another merchant") << QJsonObject{{"account_id", "someone_else"}}
                                          << qint64(DouyinApi::MERCHANT_NOT_AUTHORISED) << true;
    }

    void unknownOrMismatched()
    {
        QFETCH(QJsonObject, body);
        QFETCH(qint64, expected);
        QFETCH(bool, inExtra);
        const Verified v = mintAndVerify();
        QJsonObject request{{"verify_id", v.verifyId}, {"certificate_id", v.certificateId}};
        for (auto it = body.begin(); it != body.end(); ++it)
            request.insert(it.key(), it.value());
        const Reply answer = send("POST", QString::fromLatin1(DouyinApi::PATH_CANCEL), request);
        QCOMPARE(answer.errorCode(), expected);
        const QJsonObject part = inExtra ? answer.extra() : answer.data();
        QCOMPARE(part.value("error_code").toInteger(), expected);
        QVERIFY(!part.value("description").toString().isEmpty());
        QCOMPARE(answer.subCode(), 0);
        QCOMPARE(status(v), VERIFIED);
    }
    // Douyin's answers forget a cancelled verification; the certificate and its order count
    // as unused again, and a NEW prepare and verify can use it.
    void usableAgainAndVerifiableAgain()
    {
        const Verified v = mintAndVerify({{"certificates", 2}});
        QCOMPARE(cancel(v).errorCode(), 0);

        const QJsonObject got = certificateGet(v);
        QCOMPARE(got.value("status").toInt(), USABLE);
        QVERIFY(!got.contains("verify"));
        QCOMPARE(got.value("verify_records").toArray().size(), 0);
        const QJsonObject queried = batchQuery(v);
        QCOMPARE(queried.value("status").toInt(), USABLE);
        QVERIFY(!queried.contains("verify"));
        QCOMPARE(queried.value("verify_records").toArray().size(), 0);
        const QJsonObject order =
                send("GET",
                     QString::fromLatin1(DouyinApi::PATH_ORDER_QUERY) + "?order_id=" + v.orderId)
                        .data()
                        .value("orders")
                        .toArray()
                        .first()
                        .toObject();
        QCOMPARE(order.value("order_status").toInt(), int(DouyinApi::OrderStatus::Paid));
        QCOMPARE(order.value("certificate")
                         .toArray()
                         .first()
                         .toObject()
                         .value("item_status")
                         .toInt(),
                 USABLE);

        advance(600);
        const QString again = verifyByCode(v.code, v.encryptedCode, v.poiId);
        QVERIFY(!again.isEmpty());
        QVERIFY(again != v.verifyId);
        const QJsonObject reverified = batchQuery(v);
        QCOMPARE(reverified.value("status").toInt(), VERIFIED);
        QCOMPARE(reverified.value("verify").toObject().value("verify_id").toString(), again);
        QCOMPARE(reverified.value("verify_records").toArray().size(), 1);
        const QJsonArray records = controlRecords(v);
        QCOMPARE(records.size(), 2);
        QCOMPARE(records.at(0).toObject().value("cancelled").toBool(), true);
        QCOMPARE(records.at(0).toObject().value("cancel_time").toInteger(), START);
        QCOMPARE(records.at(1).toObject().value("cancelled").toBool(), false);
        // The new verification has a window of its own: 3599 s after it, not after the first.
        advance(3599);
        QCOMPARE(cancel({v.orderId, v.certificateId, {}, {}, {}, again}).errorCode(), 0);
    }

    void timesCardCountsFollow()
    {
        const Verified v = mintAndVerify({{"groupon_type", 3}, {"times_count", 5}});
        QCOMPARE(certificateGet(v).value("time_card").toObject().value("times_used").toInt(), 5);
        QCOMPARE(cancel(v).errorCode(), 0);
        QCOMPARE(certificateGet(v).value("time_card").toObject().value("times_used").toInt(), 0);
        QCOMPARE(batchQuery(v).value("time_card").toObject().value("times_used").toInt(), 0);
    }

    void faultsOnCancel_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("cancelToken");
        QTest::addColumn<int>("httpStatus"); // 0: no answer (cut, or the client gave up)
        QTest::addColumn<qint64>("seen"); // the code the client reads; -1: not JSON
        QTest::addColumn<qint64>("seenSub");
        QTest::addColumn<bool>("applied");
        QTest::addColumn<int>("calls"); // cancel calls the sandbox saw
        // clang-format off
        QTest::newRow("error_code")         << "error_code" << "ct" << 200 << qint64(DouyinApi::BUSY) << qint64(0) << false << 1;
        QTest::newRow("http_500")           << "http_500" << "ct" << 500 << qint64(-1) << qint64(0) << false << 1;
        QTest::newRow("rate_limit")         << "rate_limit" << "ct" << 200 << qint64(DouyinApi::TOO_FREQUENT) << qint64(0) << false << 1;
        QTest::newRow("drop_before_commit") << "drop_before_commit" << "ct" << 0 << qint64(-1) << qint64(0) << false << 1;
        QTest::newRow("drop_after_commit")  << "drop_after_commit" << "ct" << 0 << qint64(-1) << qint64(0) << true << 1;
        QTest::newRow("half_answer_after_commit") << "half_answer_after_commit" << "ct" << 0 << qint64(-1) << qint64(0) << true << 1;
        QTest::newRow("timeout (delay)")    << "delay" << "ct" << 0 << qint64(-1) << qint64(0) << true << 1;
        // FIN or RST before any answer byte: Qt sends the POST again and shows that answer.
        QTest::newRow("fin_after_commit, with a cancel_token")    << "fin_after_commit" << "ct" << 200 << qint64(0) << qint64(0) << true << 2;
        QTest::newRow("rst_after_commit, with a cancel_token")    << "rst_after_commit" << "ct" << 200 << qint64(0) << qint64(0) << true << 2;
        QTest::newRow("fin_after_commit, without a cancel_token") << "fin_after_commit" << "" << 200 << REFUSED << ALREADY << true << 2;
        QTest::newRow("rst_after_commit, without a cancel_token") << "rst_after_commit" << "" << 200 << REFUSED << ALREADY << true << 2;
        // clang-format on
    }

    void faultsOnCancel()
    {
        QFETCH(QString, mode);
        QFETCH(QString, cancelToken);
        QFETCH(int, httpStatus);
        QFETCH(qint64, seen);
        QFETCH(qint64, seenSub);
        QFETCH(bool, applied);
        QFETCH(int, calls);
        const Verified v = mintAndVerify();
        QJsonObject fault{{"endpoint", "cancel"}, {"mode", mode}};
        if (mode == u"error_code")
            fault.insert("error_code", qint64(DouyinApi::BUSY));
        if (mode == u"delay")
            fault.insert("delay_ms", 1000);
        QCOMPARE(send("POST", "/sandbox/faults", fault).status, 200);

        const Reply faulted = cancel(v, cancelToken, mode == u"delay" ? 200 : 0);
        if (httpStatus == 0)
            QVERIFY(faulted.error != QNetworkReply::NoError);
        else
            QCOMPARE(faulted.status, httpStatus);
        if (seen == -1) {
            QVERIFY(faulted.json.isEmpty());
        } else {
            QCOMPARE(faulted.errorCode(), seen);
            QCOMPARE(faulted.subCode(), seenSub);
        }
        // A lost cancel is resolved by the status: 1 again means it was applied.
        QTRY_COMPARE_WITH_TIMEOUT(status(v), applied ? USABLE : VERIFIED, 5000);
        QCOMPARE(stat("cancel"), calls);

        // Then the resend, fault spent: with the same cancel_token it succeeds either way.
        const Reply resent = cancel(v, QStringLiteral("ct"));
        QCOMPARE(resent.errorCode(), !applied || cancelToken == u"ct" ? 0 : REFUSED);
        QCOMPARE(status(v), USABLE);
        QCOMPARE(controlRecords(v).size(), 1);
    }

    void statsCountCancels()
    {
        const Verified v = mintAndVerify();
        QCOMPARE(stat("cancel"), 0);
        send("POST", QString::fromLatin1(DouyinApi::PATH_CANCEL), {{"verify_id", "1"}});
        QCOMPARE(send("POST", "/sandbox/faults", {{"endpoint", "cancel"}, {"mode", "http_500"}})
                         .status,
                 200);
        QCOMPARE(cancel(v).status, 500);
        QCOMPARE(cancel(v).errorCode(), 0);
        QCOMPARE(stat("cancel"), 3);
        QCOMPARE(stat("verify"), 1);
    }
};

QTEST_GUILESS_MAIN(tst_SandboxCancellation)
#include "tst_sandboxcancellation.moc"
