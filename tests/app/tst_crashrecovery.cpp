#include <csignal>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "tests/common/processoutput.h"
#include <QUrlQuery>

#include "core/api/requestsigner.h"
#include "core/sandbox/sandboxdemodata.h"

// The crash test of the verification engine: a headless gateway verifies sandbox coupons
// while being killed with SIGKILL at random moments, then restarted. The sandbox runs as its
// own process so it survives. At the end, what Douyin (the sandbox) says must match what the
// gateway recorded, exactly.
class tst_CrashRecovery : public QObject
{
    Q_OBJECT

private:
    QString program() const { return qEnvironmentVariable("DYGW_TEST_APP"); }
    static QString meituanStore() { return SandboxDemoData::stores().first().poiId; }

    static QString readLine(QProcess &process, const QString &prefix)
    {
        return waitForUrlLine(process, prefix);
    }

    QJsonObject http(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                     const QList<QPair<QByteArray, QByteArray>> &headers = {},
                     int *status = nullptr)
    {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, method, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(20000);
        if (status)
            *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

    QList<QPair<QByteArray, QByteArray>>
    signedHeaders(const QByteArray &method, const QByteArray &path, const QByteArray &body)
    {
        const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
        const QByteArray nonce = "crash-" + QByteArray::number(++m_nonce) + "-"
                + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
        return {{"X-Client-Key", m_clientKey},
                {"X-Timestamp", timestamp},
                {"X-Nonce", nonce},
                {"X-Signature",
                 RequestSigner::signature(m_clientSecret, method, path, {}, timestamp, nonce,
                                          body)}};
    }

    // The store's Meituan binding, made as a manager would from a shell.
    void bindMeituan(const QString &poiId)
    {
        QProcess bind;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("DYGW_MEITUAN_DEVELOPER_ID", "100001");
        env.insert("DYGW_MEITUAN_SIGN_KEY", "sandbox_meituan_sign_key");
        bind.setProcessEnvironment(env);
        bind.start(program(),
                   {"meituan-bind", poiId, "sandbox-auth-" + poiId, "--data-dir", m_dir.path(),
                    "--config", m_dir.filePath("s.ini"), "--meituan-base-url", m_sandboxUrl});
        QVERIFY(bind.waitForFinished(30000));
        QVERIFY2(bind.exitCode() == 0, bind.readAllStandardError().constData());
    }

    void startGateway(QProcess &gateway)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("DYGW_DOUYIN_CLIENT_KEY", "sandbox_client_key");
        env.insert("DYGW_DOUYIN_CLIENT_SECRET", "sandbox_client_secret");
        env.insert("DYGW_DOUYIN_ACCOUNT_ID", "sandbox_account");
        env.insert("DYGW_ADMIN_TOKEN", "crash-admin-token");
        env.insert("DYGW_API_RATE_LIMIT", "0");
        env.insert("DYGW_MEITUAN_DEVELOPER_ID", "100001");
        env.insert("DYGW_MEITUAN_SIGN_KEY", "sandbox_meituan_sign_key");
        gateway.setProcessEnvironment(env);
        gateway.start(program(),
                      {"--headless", "--listen", "127.0.0.1:0", "--data-dir", m_dir.path(),
                       "--config", m_dir.filePath("s.ini"), "--douyin-base-url", m_sandboxUrl,
                       "--short-link-base", m_sandboxUrl, "--meituan-base-url", m_sandboxUrl});
        QVERIFY(gateway.waitForStarted(10000));
        m_gatewayUrl = readLine(gateway, "listening on ");
        QVERIFY2(!m_gatewayUrl.isEmpty(), gateway.readAllStandardError().constData());
    }

    QTemporaryDir m_dir;
    QProcess m_sandbox;
    QString m_sandboxUrl;
    QString m_gatewayUrl;
    QByteArray m_clientKey;
    QByteArray m_clientSecret;
    quint64 m_nonce = 0;
    QNetworkAccessManager m_network;

    // One Meituan receipt after the kills: consumed at most once (or once more after each
    // cancel), one standing success here exactly when Meituan says it is used, and every
    // cancel here is a reversal there. Returns (used, cancelled).
    QPair<int, int> checkMeituan(const QString &code)
    {
        const QJsonObject receipt =
                http("GET", QUrl(m_sandboxUrl + "/sandbox/meituan/receipts/" + code));
        const QJsonObject list = http(
                "GET", QUrl(m_gatewayUrl + "/v1/internal/verifications?page_size=50&q=" + code), {},
                {{"Authorization", "Bearer crash-admin-token"}});
        int successes = 0;
        int cancelledHere = 0;
        for (const QJsonValue &value : list.value("data").toObject().value("items").toArray()) {
            const QJsonObject record = value.toObject();
            const bool wasCancelled = record.value("cancel_status").toString() == "cancelled";
            successes += record.value("verify_status").toString() == "success" && !wasCancelled;
            cancelledHere += wasCancelled ? 1 : 0;
        }
        const bool usedThere = receipt.value("status").toString() == "used";
        const int consumptions = receipt.value("consumptions").toInt();
        const int reversals = receipt.value("reversals").toInt();
        [&] {
            QVERIFY2(consumptions - reversals <= 1 && consumptions <= 1 + reversals,
                     qPrintable(code + " consumed " + QString::number(consumptions)));
            QVERIFY2(cancelledHere == reversals,
                     qPrintable(QString("%1 cancelled here %2, on Meituan %3")
                                        .arg(code)
                                        .arg(cancelledHere)
                                        .arg(reversals)));
            QVERIFY2(successes == (usedThere ? 1 : 0),
                     qPrintable(QString("%1 used %2 successes %3")
                                        .arg(code)
                                        .arg(usedThere)
                                        .arg(successes)));
        }();
        return {usedThere ? 1 : 0, cancelledHere};
    }

private slots:
    void initTestCase()
    {
        m_sandbox.start(program(), {"--sandbox-only", "--listen", "127.0.0.1:0"});
        QVERIFY(m_sandbox.waitForStarted(10000));
        m_sandboxUrl = readLine(m_sandbox, "sandbox listening on ");
        QVERIFY(!m_sandboxUrl.isEmpty());
    }

    void cleanupTestCase()
    {
        m_sandbox.terminate();
        m_sandbox.waitForFinished(10000);
    }

    void killedAtRandomMomentsLosesNothing()
    {
        const int kills = qEnvironmentVariableIntValue("DYGW_CRASH_KILLS") > 0
                ? qEnvironmentVariableIntValue("DYGW_CRASH_KILLS")
                : 50;
        // Coupons: single-certificate orders by code, 3-certificate orders by short link
        // verifying 2 at once, and Meituan receipts by code (the gateway routes them).
        struct Coupon
        {
            QString orderId;
            QString poiId;
            QString code;
            QString shortLink;
            bool answered = false;
            bool meituan = false;
        };
        QList<Coupon> coupons;
        for (int i = 0; i < 3 * kills; ++i) {
            if (i % 4 == 1) {
                const QJsonObject order =
                        http("POST", QUrl(m_sandboxUrl + "/sandbox/meituan/orders"),
                             QJsonDocument(QJsonObject{{"poi_id", meituanStore()}, {"receipts", 1}})
                                     .toJson());
                QVERIFY(!order.value("order_id").toString().isEmpty());
                coupons.append({order.value("order_id").toString(),
                                meituanStore(),
                                order.value("receipt_codes").toArray().at(0).toString(),
                                {},
                                false,
                                true});
                continue;
            }
            const bool batch = i % 4 == 3;
            const QJsonObject order =
                    http("POST", QUrl(m_sandboxUrl + "/sandbox/orders"),
                         QJsonDocument(QJsonObject{{"certificates", batch ? 3 : 1}}).toJson());
            QVERIFY(!order.value("order_id").toString().isEmpty());
            coupons.append({order.value("order_id").toString(), order.value("poi_id").toString(),
                            batch ? QString() : order.value("codes").toArray().at(0).toString(),
                            batch ? order.value("short_link").toString() : QString()});
        }

        bindMeituan(meituanStore());
        QProcess gateway;
        startGateway(gateway);
        const QJsonObject created = http("POST", QUrl(m_gatewayUrl + "/v1/internal/apps"),
                                         R"({"name":"crash-test-device"})",
                                         {{"Authorization", "Bearer crash-admin-token"}});
        m_clientKey = created.value("data")
                              .toObject()
                              .value("app")
                              .toObject()
                              .value("client_key")
                              .toString()
                              .toUtf8();
        m_clientSecret =
                created.value("data").toObject().value("client_secret").toString().toUtf8();
        QVERIFY(!m_clientKey.isEmpty());

        // Verified records (by id) a device may cancel; cancels are sent while killing too.
        QList<qint64> cancellable;
        int cancelsSent = 0;
        int next = 0;
        for (int round = 0; round < kills; ++round) {
            if (gateway.state() != QProcess::Running)
                startGateway(gateway);
            // A few verifies in flight, then the power goes at a random instant.
            QList<QPair<QNetworkReply *, int>> replies;
            for (int k = 0; k < 4 && next < coupons.size(); ++k, ++next) {
                const Coupon &coupon = coupons.at(next);
                QJsonObject body{{"poi_id", coupon.poiId}};
                if (coupon.shortLink.isEmpty())
                    body.insert("code", coupon.code);
                else {
                    body.insert("short_link", coupon.shortLink);
                    body.insert("count", 2);
                }
                const QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
                QNetworkRequest request(QUrl(m_gatewayUrl + "/v1/open/coupons/verify"));
                request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
                for (const auto &[name, value] :
                     signedHeaders("POST", "/v1/open/coupons/verify", bytes))
                    request.setRawHeader(name, value);
                replies.append({m_network.post(request, bytes), next});
            }
            QList<QNetworkReply *> cancels;
            for (int c = 0; c < 2 && !cancellable.isEmpty(); ++c) {
                const QByteArray path = "/v1/open/verifications/"
                        + QByteArray::number(cancellable.takeFirst()) + "/cancel";
                QNetworkRequest request(QUrl(m_gatewayUrl + QString::fromLatin1(path)));
                request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
                for (const auto &[name, value] : signedHeaders("POST", path, "{}"))
                    request.setRawHeader(name, value);
                cancels.append(m_network.post(request, QByteArray("{}")));
                ++cancelsSent;
            }
            QTest::qWait(int(QRandomGenerator::global()->bounded(1, 80)));
            ::kill(pid_t(gateway.processId()), SIGKILL);
            QVERIFY(gateway.waitForFinished(10000));
            for (const auto &[reply, index] : replies) {
                QSignalSpy finished(reply, &QNetworkReply::finished);
                if (!reply->isFinished())
                    finished.wait(5000);
                const int status =
                        reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                coupons[index].answered = status == 200 || status == 422;
                const QJsonObject data =
                        QJsonDocument::fromJson(reply->readAll()).object().value("data").toObject();
                if (status == 200 && coupons.at(index).shortLink.isEmpty())
                    cancellable.append(data.value("id").toInteger());
                reply->deleteLater();
            }
            for (QNetworkReply *reply : std::as_const(cancels)) {
                QSignalSpy finished(reply, &QNetworkReply::finished);
                if (!reply->isFinished())
                    finished.wait(5000);
                reply->deleteLater();
            }
        }

        // The last start runs resolution to the end.
        startGateway(gateway);
        const auto openCount = [this](const QString &status) {
            const QJsonObject list =
                    http("GET",
                         QUrl(m_gatewayUrl
                              + "/v1/internal/verifications?page_size=1&verify_status=" + status),
                         {}, {{"Authorization", "Bearer crash-admin-token"}});
            return list.value("data").toObject().value("total").toInt(-1);
        };
        QTRY_COMPARE_WITH_TIMEOUT(openCount("pending"), 0, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(openCount("unknown"), 0, 30000);
        const auto openCancels = [this](const QString &status) {
            const QJsonObject list =
                    http("GET",
                         QUrl(m_gatewayUrl
                              + "/v1/internal/verifications?page_size=1&cancel_status=" + status),
                         {}, {{"Authorization", "Bearer crash-admin-token"}});
            return list.value("data").toObject().value("total").toInt(-1);
        };
        QTRY_COMPARE_WITH_TIMEOUT(openCancels("pending"), 0, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(openCancels("unknown"), 0, 30000);

        // A device whose request got no answer sends it again: the gateway must not verify
        // anything a second time (the coupon is either verified once now, or refused as used).
        int resent = 0;
        for (const Coupon &coupon : std::as_const(coupons)) {
            if (coupon.answered)
                continue;
            QJsonObject body{{"poi_id", coupon.poiId}};
            if (coupon.shortLink.isEmpty())
                body.insert("code", coupon.code);
            else {
                body.insert("short_link", coupon.shortLink);
                body.insert("count", 2);
            }
            const QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
            int status = 0;
            const QJsonObject answer =
                    http("POST", QUrl(m_gatewayUrl + "/v1/open/coupons/verify"), bytes,
                         signedHeaders("POST", "/v1/open/coupons/verify", bytes), &status);
            // 400 "count": 2 of the order's 3 were verified before, 1 is left for a count of 2.
            const QString message = answer.value("error").toObject().value("message").toString();
            QVERIFY2(status == 200 || status == 422
                             || (status == 400 && message.startsWith("count")),
                     qPrintable(QString::number(status) + " " + message));
            ++resent;
        }

        int used = 0;
        int checked = 0;
        int cancelled = 0;
        int meituanChecked = 0;
        int meituanUsed = 0;
        for (const Coupon &coupon : std::as_const(coupons)) {
            if (coupon.meituan) {
                const auto [usedHere, cancelledHere] = checkMeituan(coupon.code);
                used += usedHere;
                meituanUsed += usedHere;
                ++meituanChecked;
                cancelled += cancelledHere;
                ++checked;
                continue;
            }
            const QJsonObject order =
                    http("GET", QUrl(m_sandboxUrl + "/sandbox/orders/" + coupon.orderId));
            for (const QJsonValue &value : order.value("certificates").toArray()) {
                const QJsonObject certificate = value.toObject();
                const QString id = certificate.value("certificate_id").toString();
                // Never verified twice by the gateway's own doing.
                QVERIFY2(certificate.value("verify_records").toArray().size() <= 1, qPrintable(id));
                const QJsonObject list =
                        http("GET",
                             QUrl(m_gatewayUrl + "/v1/internal/verifications?page_size=50&q=" + id),
                             {}, {{"Authorization", "Bearer crash-admin-token"}});
                int successes = 0; // standing: not cancelled since
                int cancelledHere = 0;
                for (const QJsonValue &record :
                     list.value("data").toObject().value("items").toArray()) {
                    const bool success =
                            record.toObject().value("verify_status").toString() == "success";
                    const bool wasCancelled =
                            record.toObject().value("cancel_status").toString() == "cancelled";
                    successes += success && !wasCancelled ? 1 : 0;
                    cancelledHere += wasCancelled ? 1 : 0;
                }
                int cancelledOnDouyin = 0;
                for (const QJsonValue &record : certificate.value("verify_records").toArray())
                    cancelledOnDouyin += record.toObject().value("cancelled").toBool() ? 1 : 0;
                // Every certificate usable again after a cancel has exactly one cancelled
                // record; none was cancelled twice or behind the gateway's back.
                QVERIFY2(cancelledHere == cancelledOnDouyin,
                         qPrintable(QString("%1 cancelled here %2, on Douyin %3")
                                            .arg(id)
                                            .arg(cancelledHere)
                                            .arg(cancelledOnDouyin)));
                cancelled += cancelledHere;
                const bool verified = certificate.value("status").toInt() == 2;
                // Exactly one success record for every used certificate, none for the others.
                QVERIFY2(successes == (verified ? 1 : 0),
                         qPrintable(QString("%1 status %2 successes %3")
                                            .arg(id)
                                            .arg(certificate.value("status").toInt())
                                            .arg(successes)));
                used += verified ? 1 : 0;
                ++checked;
            }
        }
        qInfo("%d kills, %d requests resent after a crash, %d certificates checked (%d Meituan "
              "receipts), %d verified by the sandbox (%d Meituan), %d cancels sent, %d cancelled",
              kills, resent, checked, meituanChecked, used, meituanUsed, cancelsSent, cancelled);
        QVERIFY(used > 0);
        QVERIFY(cancelled > 0);
        gateway.terminate();
        QVERIFY(gateway.waitForFinished(10000));
    }
};

QTEST_GUILESS_MAIN(tst_CrashRecovery)
#include "tst_crashrecovery.moc"
