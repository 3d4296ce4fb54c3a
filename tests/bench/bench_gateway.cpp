#include <algorithm>
#include <functional>

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <QHttpServer>

#include "core/api/requestsigner.h"
#include "core/crypto/crypto.h"
#include "tests/common/httpload.h"

// Load benchmark of the LAN API: N keep-alive clients send requests for a fixed time against
// a headless gateway (a child process, in demo mode, rate limit off) and report requests/s and
// latency percentiles. The same Douyin calls made directly to the gateway's sandbox, and a bare
// QHttpServer route computing an HMAC, run in the same session as baselines.
// DYGW_BENCH_SECONDS (default 3) and DYGW_BENCH_CLIENTS (default 32) change the load.
// Speed is printed, not asserted (it depends on the machine); a case fails when any of its
// requests failed or it completed none, because then the figure measures something else.
using namespace HttpLoad;

namespace {

QJsonObject dataOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object().value("data").toObject();
}

// Douyin's envelope: error codes in data and extra, both 0 on success.
bool douyinSucceeded(const QByteArray &body)
{
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    const QJsonObject data = answer.value("data").toObject();
    return !data.isEmpty() && data.value("error_code").toInteger(-1) == 0
            && answer.value("extra").toObject().value("error_code").toInteger(0) == 0;
}

bool douyinVerified(const QByteArray &body)
{
    if (!douyinSucceeded(body))
        return false;
    const QJsonArray results = dataOf(body).value("verify_results").toArray();
    return !results.isEmpty() && std::all_of(results.begin(), results.end(), [](const auto &r) {
        return r.toObject().value("result").toInteger(-1) == 0;
    });
}

bool gatewayPrepared(const QByteArray &body)
{
    return !dataOf(body).value("verify_token").toString().isEmpty();
}

bool gatewayVerified(const QByteArray &body)
{
    return dataOf(body).value("verify_status").toString() == "success";
}

} // namespace

class bench_Gateway : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcess m_gateway;
    QUrl m_gatewayUrl;
    QUrl m_sandboxUrl;
    QByteArray m_key;
    QByteArray m_secret;

private slots:
    void initTestCase()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("DYGW_API_RATE_LIMIT", "0");
        env.insert("DYGW_ADMIN_TOKEN", "bench-admin");
        m_gateway.setProcessEnvironment(env);
        m_gateway.setProcessChannelMode(QProcess::SeparateChannels);
        m_gateway.setStandardErrorFile(QProcess::nullDevice());
        m_gateway.start(qEnvironmentVariable("DYGW_TEST_APP"),
                        {"--headless", "--demo", "--listen", "127.0.0.1:0", "--data-dir",
                         m_dir.path(), "--config", m_dir.filePath("s.ini")});
        QVERIFY(m_gateway.waitForStarted(10000));
        QByteArray out;
        while (!out.contains("\nlistening on ") && m_gateway.waitForReadyRead(20000))
            out += m_gateway.readAllStandardOutput();
        const QRegularExpression sandbox("sandbox listening on (\\S+)");
        const QRegularExpression api("\nlistening on (\\S+)");
        m_sandboxUrl = QUrl(sandbox.match(QString::fromUtf8(out)).captured(1));
        m_gatewayUrl = QUrl(api.match(QString::fromUtf8(out)).captured(1));
        QVERIFY(m_gatewayUrl.port() > 0 && m_sandboxUrl.port() > 0);
        const QJsonObject app = callJson(QUrl(m_gatewayUrl.toString() + "/v1/internal/apps"),
                                         "POST", R"({"name":"bench"})", "bench-admin");
        m_key = app["data"]["app"]["client_key"].toString().toUtf8();
        m_secret = app["data"]["client_secret"].toString().toUtf8();
        QVERIFY(!m_key.isEmpty());
        const QJsonObject token =
                callJson(QUrl(m_sandboxUrl.toString() + "/oauth/client_token/"), "POST",
                         R"({"client_key":"sandbox_client_key","client_secret":)"
                         R"("sandbox_client_secret","grant_type":"client_credential"})");
        m_token = token["data"]["access_token"].toString().toUtf8();
        QVERIFY(!m_token.isEmpty());
    }

    void cleanupTestCase()
    {
        m_gateway.terminate();
        m_gateway.waitForFinished(10000);
    }

    void load()
    {
        const int seconds = qEnvironmentVariableIntValue("DYGW_BENCH_SECONDS") > 0
                ? qEnvironmentVariableIntValue("DYGW_BENCH_SECONDS")
                : 3;
        const int clients = qEnvironmentVariableIntValue("DYGW_BENCH_CLIENTS") > 0
                ? qEnvironmentVariableIntValue("DYGW_BENCH_CLIENTS")
                : 32;
        std::printf("\nLAN API load: %d keep-alive clients, %d s per case, %d cores\n", clients,
                    seconds, QThread::idealThreadCount());
        QStringList problems;
        const auto report = [&problems](const Stats &stats) {
            print(stats);
            if (const QString problem = problemWith(stats); !problem.isEmpty())
                problems << problem;
        };

        // Baseline: a bare QHttpServer route that computes an HMAC, on a thread of its own.
        QThread baselineThread;
        auto *baseline = new QHttpServer;
        baseline->route("/hmac", [](const QHttpServerRequest &request) {
            return QHttpServerResponse(
                    Crypto::hmacSha256("secret", request.url().path().toUtf8()).toHex());
        });
        const quint16 baselinePort = baseline->listen(QHostAddress::LocalHost, 0);
        baseline->moveToThread(&baselineThread);
        baselineThread.start();
        const auto plain = [](const QByteArray &target) {
            return [target](int, qint64) {
                return httpRequest("GET", target, {}, {});
            };
        };
        report(runLoad("baseline: bare QHttpServer route with HMAC",
                       QUrl(QString("http://127.0.0.1:%1").arg(baselinePort)), clients, seconds,
                       plain("/hmac")));
        QMetaObject::invokeMethod(
                baseline, [baseline] { delete baseline; }, Qt::BlockingQueuedConnection);
        baselineThread.quit();
        baselineThread.wait();

        report(runLoad("gateway GET /health", m_gatewayUrl, clients, seconds, plain("/health")));

        const auto sign = [this](const QByteArray &method, const QByteArray &path,
                                 const QByteArray &query, const QByteArray &body, int client,
                                 qint64 sequence) {
            const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
            Q_UNUSED(client);
            Q_UNUSED(sequence);
            const QByteArray nonce =
                    "bench-nonce-" + QByteArray::number(++m_nonce).rightJustified(10, '0');
            return QList<QPair<QByteArray, QByteArray>>{
                    {"X-Client-Key", m_key},
                    {"X-Timestamp", timestamp},
                    {"X-Nonce", nonce},
                    {"X-Signature",
                     RequestSigner::signature(m_secret, method, path, query, timestamp, nonce,
                                              body)}};
        };
        // The POI list is cached by the gateway: this measures signature checking and routing.
        report(runLoad("gateway signed GET /v1/open/pois (auth path)", m_gatewayUrl, clients,
                       seconds, [&](int client, qint64 sequence) {
                           return httpRequest("GET", "/v1/open/pois?page=1&size=20",
                                              sign("GET", "/v1/open/pois", "page=1&size=20", {},
                                                   client, sequence),
                                              {});
                       }));

        // Coupons for prepare and verify, minted in the sandbox beforehand.
        const int coupons = 4000 * seconds;
        QList<QPair<QString, QString>> codes; // code, poi
        for (int i = 0; i < coupons / 10; ++i) {
            const QJsonObject order = callJson(QUrl(m_sandboxUrl.toString() + "/sandbox/orders"),
                                               "POST", R"({"certificates":10})");
            for (const QJsonValue &code : order["codes"].toArray())
                codes.append({code.toString(), order["poi_id"].toString()});
        }
        QVERIFY(codes.size() >= coupons / 2);

        report(runLoad(
                "sandbox direct: prepare", m_sandboxUrl, clients, seconds,
                [&](int, qint64 sequence) {
                    const auto &[code, poi] = codes.at(sequence % codes.size());
                    Q_UNUSED(poi);
                    return httpRequest("GET",
                                       "/goodlife/v1/fulfilment/certificate/prepare/?code="
                                               + code.toUtf8(),
                                       {{"access-token", m_token}}, {});
                },
                douyinSucceeded));
        // Direct verifies need their own prepares first (one verify_token each).
        QList<QByteArray> directVerifies;
        const int directCount = qMin(int(codes.size() / 2), 1500 * seconds);
        for (int i = 0; i < directCount; ++i) {
            const auto &[code, poi] = codes.takeLast();
            QTcpSocket socket;
            const QJsonObject prepared = [&] {
                QUrl url(m_sandboxUrl.toString()
                         + "/goodlife/v1/fulfilment/certificate/prepare/?code=" + code);
                socket.connectToHost(QHostAddress(url.host()), quint16(url.port()));
                socket.waitForConnected(5000);
                socket.write(httpRequest("GET", url.path().toUtf8() + "?code=" + code.toUtf8(),
                                         {{"access-token", m_token}, {"Connection", "close"}}, {}));
                return QJsonDocument::fromJson(readAnswer(socket)).object();
            }();
            const QJsonObject data = prepared["data"].toObject();
            directVerifies.append(
                    QJsonDocument(
                            QJsonObject{{"verify_token", data["verify_token"]},
                                        {"poi_id", poi},
                                        {"encrypted_codes",
                                         QJsonArray{data["certificates"][0]["encrypted_code"]}}})
                            .toJson(QJsonDocument::Compact));
        }
        std::atomic<qint64> nextDirect{0};
        report(runLoad(
                "sandbox direct: verify", m_sandboxUrl, clients, seconds,
                [&](int, qint64) {
                    const qint64 index = nextDirect++;
                    if (index >= directVerifies.size())
                        return QByteArray();
                    return httpRequest("POST", "/goodlife/v1/fulfilment/certificate/verify/",
                                       {{"access-token", m_token}}, directVerifies.at(index));
                },
                douyinVerified));

        report(runLoad(
                "gateway POST /v1/open/coupons/prepare", m_gatewayUrl, clients, seconds,
                [&](int client, qint64 sequence) {
                    const auto &[code, poi] = codes.at(sequence % codes.size());
                    const QByteArray body =
                            QJsonDocument(QJsonObject{{"poi_id", poi}, {"code", code}})
                                    .toJson(QJsonDocument::Compact);
                    return httpRequest(
                            "POST", "/v1/open/coupons/prepare",
                            sign("POST", "/v1/open/coupons/prepare", {}, body, client, sequence),
                            body);
                },
                gatewayPrepared));

        // Each verify consumes a coupon: every client takes its own slice.
        std::atomic<qint64> nextCoupon{0};
        report(runLoad(
                "gateway POST /v1/open/coupons/verify (code)", m_gatewayUrl, clients, seconds,
                [&](int client, qint64 sequence) {
                    const qint64 index = nextCoupon++;
                    if (index >= codes.size())
                        return QByteArray();
                    const auto &[code, poi] = codes.at(index);
                    const QByteArray body =
                            QJsonDocument(QJsonObject{{"poi_id", poi}, {"code", code}})
                                    .toJson(QJsonDocument::Compact);
                    return httpRequest(
                            "POST", "/v1/open/coupons/verify",
                            sign("POST", "/v1/open/coupons/verify", {}, body, client, sequence),
                            body);
                },
                gatewayVerified));

        report(runLoad("gateway GET /v1/internal/verifications", m_gatewayUrl, clients, seconds,
                       [](int, qint64) {
                           return httpRequest("GET",
                                              "/v1/internal/verifications?page=1&page_size=20",
                                              {{"Authorization", "Bearer bench-admin"}}, {});
                       }));

        // Checked once every case has run, so that all figures are printed either way.
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
    }

private:
    QByteArray m_token;
    quint64 m_nonce = 0;
};

QTEST_GUILESS_MAIN(bench_Gateway)
#include "bench_gateway.moc"
