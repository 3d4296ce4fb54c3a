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

// Load benchmark of the LAN API: N keep-alive clients send requests for a fixed time against
// a headless gateway (a child process, in demo mode, rate limit off) and report requests/s and
// latency percentiles. The same Douyin calls made directly to the gateway's sandbox, and a bare
// QHttpServer route computing an HMAC, run in the same session as baselines.
// DYGW_BENCH_SECONDS (default 3) and DYGW_BENCH_CLIENTS (default 32) change the load.
// Speed is printed, not asserted (it depends on the machine); a case fails when any of its
// requests failed or it completed none, because then the figure measures something else.
namespace {

struct Stats
{
    QString name;
    bool skipped = false;
    qint64 requests = 0;
    qint64 failures = 0;
    double seconds = 0;
    QList<double> latenciesMs;

    double percentile(double p) const
    {
        if (latenciesMs.isEmpty())
            return 0;
        QList<double> sorted = latenciesMs;
        std::sort(sorted.begin(), sorted.end());
        return sorted.at(qMin(sorted.size() - 1, qsizetype(p * double(sorted.size()))));
    }
};

using RequestMaker = std::function<QByteArray(int client, qint64 sequence)>;
// Whether a 2xx answer's body is what the case measures; an empty check accepts any 2xx.
// Douyin and the gateway both answer some failures with 200 and an error in the body.
using AnswerCheck = std::function<bool(const QByteArray &body)>;

// One keep-alive HTTP/1.1 connection that sends the next request as soon as the answer to
// the previous one is complete.
class Connection final : public QObject
{
public:
    Connection(const QHostAddress &host, quint16 port, int index, RequestMaker maker,
               AnswerCheck check, Stats &stats, const QElapsedTimer &clock, qint64 endMs)
        : m_index(index),
          m_maker(std::move(maker)),
          m_check(std::move(check)),
          m_stats(stats),
          m_clock(clock),
          m_endMs(endMs)
    {
        // Requests and answers are small: without this, Nagle and delayed ACKs add ~20 ms.
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(&m_socket, &QTcpSocket::connected, this, &Connection::send);
        connect(&m_socket, &QTcpSocket::readyRead, this, &Connection::read);
        connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
            if (!m_done) {
                ++m_stats.failures;
                m_done = true;
            }
        });
        m_socket.connectToHost(host, port);
    }

    bool isDone() const { return m_done; }

private:
    void send()
    {
        if (m_clock.elapsed() >= m_endMs) {
            m_done = true;
            m_socket.disconnectFromHost();
            return;
        }
        m_buffer.clear();
        const QByteArray request = m_maker(m_index, m_sequence++);
        if (request.isEmpty()) { // nothing left to send (e.g. coupons used up)
            m_done = true;
            m_socket.disconnectFromHost();
            return;
        }
        m_sentAtNs = m_clock.nsecsElapsed();
        m_socket.write(request);
    }

    void read()
    {
        m_buffer += m_socket.readAll();
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        static const QRegularExpression lengthPattern(
                QStringLiteral("(?i)content-length:\\s*(\\d+)"));
        const auto match = lengthPattern.match(QString::fromLatin1(m_buffer.left(headEnd)));
        const qsizetype length = match.hasMatch() ? match.captured(1).toLongLong() : 0;
        if (m_buffer.size() < headEnd + 4 + length)
            return;
        const bool ok = m_buffer.startsWith("HTTP/1.1 2")
                && (!m_check || m_check(m_buffer.mid(headEnd + 4, length)));
        ++m_stats.requests;
        if (!ok && m_stats.failures++ == 0)
            qWarning("%s: first failure: %s", qPrintable(m_stats.name),
                     m_buffer.left(headEnd + 4 + length).constData());
        m_stats.latenciesMs.append(double(m_clock.nsecsElapsed() - m_sentAtNs) / 1e6);
        send();
    }

    QTcpSocket m_socket;
    int m_index;
    RequestMaker m_maker;
    AnswerCheck m_check;
    Stats &m_stats;
    const QElapsedTimer &m_clock;
    qint64 m_endMs;
    qint64 m_sequence = 0;
    qint64 m_sentAtNs = 0;
    QByteArray m_buffer;
    bool m_done = false;
};

Stats runLoad(const QString &name, const QUrl &base, int clients, int seconds, RequestMaker maker,
              AnswerCheck check = {})
{
    Stats stats;
    stats.name = name;
    // DYGW_BENCH_ONLY=verify runs only the cases whose name contains that text.
    const QString only = qEnvironmentVariable("DYGW_BENCH_ONLY");
    if (!only.isEmpty() && !name.contains(only)) {
        stats.skipped = true;
        stats.seconds = 1;
        return stats;
    }
    QElapsedTimer clock;
    clock.start();
    std::vector<std::unique_ptr<Connection>> connections;
    for (int i = 0; i < clients; ++i)
        connections.push_back(std::make_unique<Connection>(QHostAddress(base.host()),
                                                           quint16(base.port()), i, maker, check,
                                                           stats, clock, seconds * 1000));
    // A real event loop: QTest::qWaitFor sleeps between polls and would pace every request.
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        const bool done = std::all_of(connections.cbegin(), connections.cend(),
                                      [](const auto &c) { return c->isDone(); });
        if (done || clock.elapsed() > (seconds + 30) * 1000)
            loop.quit();
    });
    poll.start(50);
    loop.exec();
    stats.seconds = double(clock.elapsed()) / 1000.0;
    // A connection still waiting after the grace period lost a request.
    stats.failures += std::count_if(connections.cbegin(), connections.cend(),
                                    [](const auto &c) { return !c->isDone(); });
    return stats;
}

QByteArray httpRequest(const QByteArray &method, const QByteArray &target,
                       const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body)
{
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto &[name, value] : headers)
        request += name + ": " + value + "\r\n";
    if (!body.isEmpty() || method == "POST")
        request += "Content-Type: application/json\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n";
    return request + "\r\n" + body;
}

// Reads one whole answer (head + Content-Length body) from a blocking socket; returns the body.
QByteArray readAnswer(QTcpSocket &socket)
{
    QByteArray answer;
    static const QRegularExpression lengthPattern(QStringLiteral("(?i)content-length:\\s*(\\d+)"));
    while (socket.waitForReadyRead(10000)) {
        answer += socket.readAll();
        const qsizetype headEnd = answer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            continue;
        const auto match = lengthPattern.match(QString::fromLatin1(answer.left(headEnd)));
        const qsizetype length = match.hasMatch() ? match.captured(1).toLongLong() : 0;
        if (answer.size() >= headEnd + 4 + length)
            return answer.mid(headEnd + 4, length);
    }
    return {};
}

void print(const Stats &stats)
{
    if (stats.skipped)
        return;
    std::printf("%-44s %9.0f req/s  p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  (%lld requests, %lld "
                "failed)\n",
                qPrintable(stats.name), double(stats.requests) / stats.seconds,
                stats.percentile(0.5), stats.percentile(0.9), stats.percentile(0.99),
                stats.requests, stats.failures);
    std::fflush(stdout);
}

// Empty when the case measured what it claims to; else why its figure means nothing.
QString problemWith(const Stats &stats)
{
    if (stats.skipped)
        return {};
    if (stats.requests == 0)
        return QStringLiteral("%1: no request completed").arg(stats.name);
    if (stats.failures > 0)
        return QStringLiteral("%1: %2 of %3 requests failed")
                .arg(stats.name)
                .arg(stats.failures)
                .arg(stats.requests);
    return {};
}

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
    QJsonObject call(const QUrl &url, const QByteArray &method, const QByteArray &body = {},
                     const QByteArray &auth = {})
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress(url.host()), quint16(url.port()));
        if (!socket.waitForConnected(5000))
            return {};
        QList<QPair<QByteArray, QByteArray>> headers{{"Connection", "close"}};
        if (!auth.isEmpty())
            headers.append({"Authorization", "Bearer " + auth});
        socket.write(httpRequest(method, url.path(QUrl::FullyEncoded).toUtf8(), headers, body));
        return QJsonDocument::fromJson(readAnswer(socket)).object();
    }

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
        const QJsonObject app = call(QUrl(m_gatewayUrl.toString() + "/v1/internal/apps"), "POST",
                                     R"({"name":"bench"})", "bench-admin");
        m_key = app["data"]["app"]["client_key"].toString().toUtf8();
        m_secret = app["data"]["client_secret"].toString().toUtf8();
        QVERIFY(!m_key.isEmpty());
        const QJsonObject token =
                call(QUrl(m_sandboxUrl.toString() + "/oauth/client_token/"), "POST",
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
            const QJsonObject order = call(QUrl(m_sandboxUrl.toString() + "/sandbox/orders"),
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
