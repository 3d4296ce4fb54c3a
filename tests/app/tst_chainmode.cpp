#include <csignal>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "tests/common/processoutput.h"

#include "core/api/requestsigner.h"
#include "core/crypto/secretbox.h"
#include "core/store/database.h"
#include "tests/common/pgserver.h"

// Chain mode end to end: three headless gateway processes on one PostgreSQL database (the
// test's own server) in front of one sandbox process. They share apps, records and nonces;
// each record names the gateway that made it.
class tst_ChainMode : public QObject
{
    Q_OBJECT

private:
    static constexpr int GATEWAYS = 3;
    static constexpr auto ADMIN = "Bearer chain-admin-token";

    struct Reply
    {
        int status = 0;
        QJsonObject body;
    };

    QString program() const { return qEnvironmentVariable("DYGW_TEST_APP"); }

    static QString readLine(QProcess &process, const QString &prefix)
    {
        return waitForUrlLine(process, prefix);
    }

    QNetworkReply *send(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                        const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        return m_network.sendCustomRequest(request, method, body);
    }

    static Reply await(QNetworkReply *reply)
    {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(30000);
        Reply answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                     QJsonDocument::fromJson(reply->readAll()).object()};
        reply->deleteLater();
        return answer;
    }

    Reply http(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
               const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return await(send(method, url, body, headers));
    }

    QList<QPair<QByteArray, QByteArray>>
    signedHeaders(const QByteArray &body, const QByteArray &nonce = {},
                  const QByteArray &path = "/v1/open/coupons/verify")
    {
        const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
        const QByteArray used = nonce.isEmpty() ? "chain-" + QByteArray::number(++m_nonce) + "-"
                        + QByteArray::number(QRandomGenerator::global()->generate64(), 16)
                                                : nonce;
        return {{"X-Client-Key", m_clientKey},
                {"X-Timestamp", timestamp},
                {"X-Nonce", used},
                {"X-Signature",
                 RequestSigner::signature(m_clientSecret, "POST", path, {}, timestamp, used,
                                          body)}};
    }

    QString startGateway(QProcess &gateway, int index)
    {
        const QString dataDir = m_dir.filePath(QStringLiteral("gw%1").arg(index));
        QDir().mkpath(dataDir);
        // The apps' secrets and the tokens are sealed with the master key: a chain's
        // gateways share it.
        QFile::copy(m_dir.filePath(QString::fromLatin1(SecretBox::KEY_FILE_NAME)),
                    QDir(dataDir).filePath(QString::fromLatin1(SecretBox::KEY_FILE_NAME)));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("DYGW_DOUYIN_CLIENT_KEY", "sandbox_client_key");
        env.insert("DYGW_DOUYIN_CLIENT_SECRET", "sandbox_client_secret");
        env.insert("DYGW_DOUYIN_ACCOUNT_ID", "sandbox_account");
        env.insert("DYGW_ADMIN_TOKEN", "chain-admin-token");
        env.insert("DYGW_API_RATE_LIMIT", "0");
        env.insert("DYGW_DATABASE", m_url);
        env.insert("DYGW_GATEWAY_NAME", QStringLiteral("till-%1").arg(index));
        // A gone gateway's work is taken over after this, rather than after two minutes.
        env.insert("DYGW_CLAIM_LEASE_SECONDS", "2");
        gateway.setProcessEnvironment(env);
        gateway.start(program(),
                      {"--headless", "--listen", "127.0.0.1:0", "--data-dir", dataDir, "--config",
                       QDir(dataDir).filePath("s.ini"), "--douyin-base-url", m_sandboxUrl,
                       "--short-link-base", m_sandboxUrl});
        if (!gateway.waitForStarted(10000))
            return {};
        return readLine(gateway, "listening on ");
    }

    // A fresh single-certificate sandbox order: its POI and code.
    QPair<QString, QString> newCoupon()
    {
        const Reply order = http("POST", QUrl(m_sandboxUrl + "/sandbox/orders"),
                                 QJsonDocument(QJsonObject{{"certificates", 1}}).toJson());
        return {order.body.value("poi_id").toString(),
                order.body.value("codes").toArray().at(0).toString()};
    }

    int sandboxCalls(const QString &endpoint)
    {
        return http("GET", QUrl(m_sandboxUrl + "/sandbox/stats")).body.value(endpoint).toInt(-1);
    }

    static QByteArray verifyBody(const QPair<QString, QString> &coupon)
    {
        return QJsonDocument(QJsonObject{{"poi_id", coupon.first}, {"code", coupon.second}})
                .toJson(QJsonDocument::Compact);
    }

    QNetworkReply *sendVerify(int gateway, const QByteArray &body, const QByteArray &nonce = {})
    {
        return send("POST", QUrl(m_gatewayUrls.at(gateway) + "/v1/open/coupons/verify"), body,
                    signedHeaders(body, nonce));
    }

    QTemporaryDir m_dir;
    QString m_url;
    QProcess m_sandbox;
    QString m_sandboxUrl;
    QProcess m_gateways[GATEWAYS];
    QStringList m_gatewayUrls;
    QByteArray m_clientKey;
    QByteArray m_clientSecret;
    quint64 m_nonce = 0;
    QNetworkAccessManager m_network;

private slots:
    void initTestCase()
    {
        QVERIFY(QFile::exists(program()));
        PgServer *server = PgServer::shared();
        QVERIFY(server);
        const auto created = server->createDatabase();
        QVERIFY(created.ok());
        m_url = created.value();
        QVERIFY(SecretBox::openOrCreate(m_dir.path()).ok());

        m_sandbox.start(program(), {"--sandbox-only", "--listen", "127.0.0.1:0"});
        QVERIFY(m_sandbox.waitForStarted(10000));
        m_sandboxUrl = readLine(m_sandbox, "sandbox listening on ");
        QVERIFY(!m_sandboxUrl.isEmpty());
        for (int i = 0; i < GATEWAYS; ++i) {
            const QString url = startGateway(m_gateways[i], i + 1);
            QVERIFY2(!url.isEmpty(), m_gateways[i].readAllStandardError().constData());
            m_gatewayUrls << url;
        }
        // An app created at one gateway signs at every gateway.
        const Reply created2 = http("POST", QUrl(m_gatewayUrls.at(0) + "/v1/internal/apps"),
                                    R"({"name":"chain-device"})", {{"Authorization", ADMIN}});
        const QJsonObject data = created2.body.value("data").toObject();
        m_clientKey = data.value("app").toObject().value("client_key").toString().toUtf8();
        m_clientSecret = data.value("client_secret").toString().toUtf8();
        QVERIFY(!m_clientKey.isEmpty());
    }

    void cleanupTestCase()
    {
        for (QProcess &gateway : m_gateways) {
            gateway.terminate();
            gateway.waitForFinished(10000);
        }
        m_sandbox.terminate();
        m_sandbox.waitForFinished(10000);
    }

    void healthNamesTheDatabaseAndTheGateway()
    {
        for (int i = 0; i < GATEWAYS; ++i) {
            const Reply health = http("GET", QUrl(m_gatewayUrls.at(i) + "/health"));
            QCOMPARE(health.status, 200);
            QCOMPARE(health.body.value("database").toString(), QStringLiteral("ok"));
            QCOMPARE(health.body.value("database_kind").toString(), QStringLiteral("postgresql"));
            QCOMPARE(health.body.value("gateway").toString(), QStringLiteral("till-%1").arg(i + 1));
        }
    }

    // Distinct coupons spread over the gateways: all succeed, each once, and each record names
    // the gateway that verified it.
    void concurrentVerifiesOfDistinctCoupons()
    {
        const int count = qEnvironmentVariableIntValue("DYGW_CHAIN_VERIFIES") > 0
                ? qEnvironmentVariableIntValue("DYGW_CHAIN_VERIFIES")
                : 300;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < count; ++i)
            replies << sendVerify(i % GATEWAYS, verifyBody(newCoupon()));
        int successes = 0;
        for (QNetworkReply *reply : replies) {
            const Reply answer = await(reply);
            QVERIFY2(answer.status == 200,
                     qPrintable(QString::number(answer.status) + " "
                                + QJsonDocument(answer.body).toJson(QJsonDocument::Compact)));
            successes += answer.body.value("data").toObject().value("verify_status").toString()
                            == u"success"
                    ? 1
                    : 0;
        }
        QCOMPARE(successes, count);

        auto db = Database::open(m_url);
        QVERIFY(db.ok());
        QSqlQuery byGateway(db.value()->connection());
        QVERIFY(byGateway.exec("SELECT gateway_name, COUNT(*) FROM verifications WHERE "
                               "verify_status = 'success' GROUP BY gateway_name "
                               "ORDER BY gateway_name"));
        QStringList rows;
        while (byGateway.next())
            rows << byGateway.value(0).toString() + u'=' + byGateway.value(1).toString();
        const int each = count / GATEWAYS;
        QCOMPARE(rows,
                 (QStringList{QStringLiteral("till-1=%1").arg(each),
                              QStringLiteral("till-2=%1").arg(each),
                              QStringLiteral("till-3=%1").arg(each)}));
    }

    // Three gateways needed a token at once: one fetched it, the others took it from the
    // shared row (each fetch would retire the token the others hold).
    void oneGatewayFetchedTheToken()
    {
        int fetched = 0;
        int taken = 0;
        for (int i = 1; i <= GATEWAYS; ++i) {
            QFile log(m_dir.filePath(QStringLiteral("gw%1/logs/dy-gateway.log").arg(i)));
            QVERIFY(log.open(QIODevice::ReadOnly));
            const QByteArray text = log.readAll();
            fetched += text.count("client_token refreshed");
            taken += text.count("client_token taken from the shared store");
        }
        QCOMPARE(fetched, 1);
        QCOMPARE(taken, GATEWAYS - 1);
    }

    // The same coupon at every gateway at once: Douyin verifies it once.
    void sameCouponAtEveryGatewayOnce()
    {
        const QByteArray body = verifyBody(newCoupon());
        QList<QNetworkReply *> replies;
        for (int i = 0; i < GATEWAYS; ++i)
            replies << sendVerify(i, body);
        int successes = 0;
        for (QNetworkReply *reply : replies) {
            const Reply answer = await(reply);
            if (answer.status == 200
                && answer.body.value("data").toObject().value("verify_status").toString()
                        == u"success")
                ++successes;
        }
        QCOMPARE(successes, 1);
    }

    // SIGKILL at random gateways at random moments while verifies are in flight; each killed
    // gateway restarts under its name. Then: every unsettled record settles (0 stuck), no
    // certificate is verified twice (0 double) and every certificate Douyin verified has
    // exactly one success record (0 lost).
    void killedGatewaysLoseNothing()
    {
        const int kills = qEnvironmentVariableIntValue("DYGW_CHAIN_KILLS") > 0
                ? qEnvironmentVariableIntValue("DYGW_CHAIN_KILLS")
                : 12;
        struct Coupon
        {
            QString orderId;
            QByteArray body;
            bool answered = false;
        };
        QList<Coupon> coupons;
        for (int i = 0; i < 6 * kills; ++i) {
            const Reply order = http("POST", QUrl(m_sandboxUrl + "/sandbox/orders"),
                                     QJsonDocument(QJsonObject{{"certificates", 1}}).toJson());
            coupons.append({order.body.value("order_id").toString(),
                            verifyBody({order.body.value("poi_id").toString(),
                                        order.body.value("codes").toArray().at(0).toString()})});
        }
        int next = 0;
        for (int round = 0; round < kills; ++round) {
            QList<QPair<QNetworkReply *, int>> replies;
            for (int k = 0; k < 6; ++k, ++next)
                replies.append({sendVerify(next % GATEWAYS, coupons.at(next).body), next});
            QTest::qWait(int(QRandomGenerator::global()->bounded(1, 80)));
            const int victim = int(QRandomGenerator::global()->bounded(GATEWAYS));
            ::kill(pid_t(m_gateways[victim].processId()), SIGKILL);
            QVERIFY(m_gateways[victim].waitForFinished(10000));
            for (const auto &[reply, index] : replies) {
                const Reply answer = await(reply);
                coupons[index].answered = answer.status == 200 || answer.status == 422;
            }
            const QString url = startGateway(m_gateways[victim], victim + 1);
            QVERIFY(!url.isEmpty());
            m_gatewayUrls[victim] = url;
        }

        const auto openCount = [this](const QString &status) {
            return http("GET",
                        QUrl(m_gatewayUrls.at(0)
                             + "/v1/internal/verifications?page_size=1&verify_status=" + status),
                        {}, {{"Authorization", ADMIN}})
                    .body.value("data")
                    .toObject()
                    .value("total")
                    .toInt(-1);
        };
        QTRY_COMPARE_WITH_TIMEOUT(openCount("pending"), 0, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(openCount("unknown"), 0, 30000);
        // A device that got no answer sends again, to any gateway.
        int resent = 0;
        for (int i = 0; i < coupons.size(); ++i) {
            if (coupons.at(i).answered)
                continue;
            ++resent;
            const Reply answer = await(sendVerify(i % GATEWAYS, coupons.at(i).body));
            QVERIFY2(answer.status == 200 || answer.status == 422,
                     qPrintable(QString::number(answer.status)));
        }
        int verified = 0;
        for (const Coupon &coupon : std::as_const(coupons)) {
            const Reply order =
                    http("GET", QUrl(m_sandboxUrl + "/sandbox/orders/" + coupon.orderId));
            for (const QJsonValue &value : order.body.value("certificates").toArray()) {
                const QJsonObject certificate = value.toObject();
                const QString id = certificate.value("certificate_id").toString();
                QVERIFY2(certificate.value("verify_records").toArray().size() <= 1, qPrintable(id));
                const Reply list = http("GET",
                                        QUrl(m_gatewayUrls.at(1)
                                             + "/v1/internal/verifications?page_size=50&q=" + id),
                                        {}, {{"Authorization", ADMIN}});
                int successes = 0;
                for (const QJsonValue &record :
                     list.body.value("data").toObject().value("items").toArray())
                    successes += record.toObject().value("verify_status").toString() == u"success";
                const bool used = certificate.value("status").toInt() == 2;
                QVERIFY2(successes == (used ? 1 : 0), qPrintable(id));
                verified += used ? 1 : 0;
            }
        }
        qInfo("%d kills over %d gateways, %d requests resent after a kill, %d certificates "
              "verified",
              kills, GATEWAYS, resent, verified);
        QVERIFY(verified > 0);
    }

    // One verify_token sent to two gateways at once: one verify call, one record, and both
    // answers carry it.
    void oneVerifyTokenIsVerifiedOnceAcrossGateways()
    {
        const auto coupon = newCoupon();
        const QByteArray prepareBody = verifyBody(coupon);
        const Reply prepared =
                http("POST", QUrl(m_gatewayUrls.at(0) + "/v1/open/coupons/prepare"), prepareBody,
                     signedHeaders(prepareBody, {}, "/v1/open/coupons/prepare"));
        QCOMPARE(prepared.status, 200);
        const QJsonObject data = prepared.body.value("data").toObject();
        const QByteArray body =
                QJsonDocument(QJsonObject{{"poi_id", coupon.first},
                                          {"verify_token", data.value("verify_token")},
                                          {"encrypted_code",
                                           data.value("certificates")
                                                   .toArray()
                                                   .at(0)
                                                   .toObject()
                                                   .value("encrypted_code")}})
                        .toJson(QJsonDocument::Compact);
        const int verifiesBefore = sandboxCalls("verify");
        QNetworkReply *first = sendVerify(1, body);
        QNetworkReply *second = sendVerify(2, body);
        const Reply answers[] = {await(first), await(second)};
        QStringList ids;
        for (const Reply &answer : answers) {
            QVERIFY2(answer.status == 200 || answer.status == 409,
                     qPrintable(QString::number(answer.status) + u' '
                                + QJsonDocument(answer.body.value("error").toObject())
                                          .toJson(QJsonDocument::Compact)
                                + u' '
                                + answer.body.value("data")
                                          .toObject()
                                          .value("verify_status")
                                          .toString()));
            if (answer.status == 200)
                ids << answer.body.value("data").toObject().value("id").toVariant().toString();
        }
        QVERIFY(!ids.isEmpty());
        QCOMPARE(ids.first(), ids.last());
        QCOMPARE(sandboxCalls("verify") - verifiesBefore, 1);
        auto db = Database::open(m_url);
        QVERIFY(db.ok());
        QSqlQuery records(db.value()->connection());
        QVERIFY(records.prepare("SELECT COUNT(*) FROM verifications WHERE verify_token = ?"));
        records.addBindValue(data.value("verify_token").toString());
        QVERIFY(records.exec() && records.next());
        QCOMPARE(records.value(0).toInt(), 1);
    }

    // A gateway that dies with verifies in flight and does not come back: after a lease the
    // others settle its pending records (status query, then the same token again), each once.
    void aGoneGatewaysVerifiesAreTakenOver()
    {
        const int victim = GATEWAYS - 1;
        QCOMPARE(http("POST", QUrl(m_sandboxUrl + "/sandbox/faults"),
                      R"({"endpoint":"verify","mode":"delay","delay_ms":3000,"count":4})")
                         .status,
                 200);
        QList<QNetworkReply *> replies;
        QStringList orders;
        for (int i = 0; i < 4; ++i) {
            const Reply order = http("POST", QUrl(m_sandboxUrl + "/sandbox/orders"),
                                     QJsonDocument(QJsonObject{{"certificates", 1}}).toJson());
            orders << order.body.value("order_id").toString();
            replies << sendVerify(
                    victim,
                    verifyBody({order.body.value("poi_id").toString(),
                                order.body.value("codes").toArray().at(0).toString()}));
        }
        QTest::qWait(1000); // the records are stored as pending, the answers are held back
        ::kill(pid_t(m_gateways[victim].processId()), SIGKILL);
        QVERIFY(m_gateways[victim].waitForFinished(10000));
        for (QNetworkReply *reply : replies)
            await(reply);

        const auto openOfVictim = [this, victim] {
            auto db = Database::open(m_url);
            QSqlQuery open(db.value()->connection());
            open.prepare("SELECT COUNT(*) FROM verifications WHERE gateway_name = ? AND "
                         "verify_status IN ('pending', 'unknown')");
            open.addBindValue(QStringLiteral("till-%1").arg(victim + 1));
            return open.exec() && open.next() ? open.value(0).toInt() : -1;
        };
        QTRY_COMPARE_WITH_TIMEOUT(openOfVictim(), 0, 30000);
        for (const QString &orderId : std::as_const(orders)) {
            const Reply order = http("GET", QUrl(m_sandboxUrl + "/sandbox/orders/" + orderId));
            const QJsonObject certificate =
                    order.body.value("certificates").toArray().at(0).toObject();
            QCOMPARE(certificate.value("verify_records").toArray().size(), 1);
        }
        // Back under its name for whatever runs next.
        const QString url = startGateway(m_gateways[victim], victim + 1);
        QVERIFY(!url.isEmpty());
        m_gatewayUrls[victim] = url;
    }

    // A till set up without the chain's master.key cannot open the shared secrets: it stops
    // at start-up and says why, rather than failing each token refresh later.
    void aGatewayWithAnotherMasterKeyIsRefused()
    {
        const QString dataDir = m_dir.filePath(QStringLiteral("stranger"));
        QVERIFY(SecretBox::openOrCreate(dataDir).ok()); // a key of its own
        QProcess gateway;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("DYGW_ADMIN_TOKEN", "chain-admin-token");
        env.insert("DYGW_DATABASE", m_url);
        env.insert("DYGW_GATEWAY_NAME", "stranger");
        gateway.setProcessEnvironment(env);
        gateway.start(program(),
                      {"--headless", "--listen", "127.0.0.1:0", "--data-dir", dataDir, "--config",
                       QDir(dataDir).filePath("s.ini")});
        QVERIFY(gateway.waitForFinished(30000));
        QCOMPARE(gateway.exitCode(), 1);
        const QByteArray said = gateway.readAllStandardError() + gateway.readAllStandardOutput();
        QVERIFY2(said.contains("master key does not open"), said.constData());
    }

    // One nonce at two gateways: the second is a replay.
    void oneNonceIsAcceptedOnceAcrossGateways()
    {
        const QByteArray nonce =
                "shared-nonce-" + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
        const Reply first = await(sendVerify(0, verifyBody(newCoupon()), nonce));
        QCOMPARE(first.status, 200);
        const Reply second = await(sendVerify(1, verifyBody(newCoupon()), nonce));
        QCOMPARE(second.status, 401);
        QCOMPARE(second.body.value("error").toObject().value("code").toString(),
                 QStringLiteral("nonce_replayed"));
    }
};

QTEST_GUILESS_MAIN(tst_ChainMode)
#include "tst_chainmode.moc"
