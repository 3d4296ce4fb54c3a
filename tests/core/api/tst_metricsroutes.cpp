#include <cstring>
#include <memory>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "tests/common/demoapi.h"
#include "tests/common/demoruntime.h"
#include "tests/common/lanclient.h"
#include "tests/common/sandboxcontrol.h"
#include "tests/common/signedget.h"
#include "tests/common/wholeanswer.h"

#include "core/api/lanapiserver.h"
#include "core/metrics/metricsregistry.h"
#include "core/runtime/gatewayruntime.h"
#include "core/sandbox/sandboxserver.h"
#include "core/version.h"

// GET /metrics (API.md, Extensions → Operations) against a demo gateway over real loopback:
// the admin token, the content type, an exposition that Prometheus' own promtool accepts and
// that a parser written here from the text format's rules reads back (HELP and TYPE before the
// samples, label escaping, histograms), and counters that move as requests and verifications
// are made.
namespace {

const QByteArray ADMIN_TOKEN = "adm_metricstests_0123456789abcdefghijklmn";

struct Scrape
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
};

Scrape fetch(quint16 port, const QByteArray &authorization)
{
    QTcpSocket socket;
    QByteArray received;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket,
                     [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(15000))
        return {};
    socket.write("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + authorization
                 + "\r\n");
    QTest::qWaitFor([&] { return isWholeHttpAnswer(received); }, 15000);
    Scrape scrape;
    const qsizetype end = received.indexOf("\r\n\r\n");
    scrape.status = received.mid(9, 3).toInt();
    for (const QByteArray &line : received.left(end).split('\n')) {
        if (line.toLower().startsWith("content-type:"))
            scrape.contentType = line.mid(13).trimmed();
    }
    scrape.body = received.mid(end + 4);
    return scrape;
}

// One sample line read back by the text format's rules.
struct Sample
{
    QByteArray name;
    QList<QPair<QByteArray, QString>> labels;
    double value = 0;
};

// Parses `{a="x",b="y\"z"}` from `at` (just after the name); false on any rule broken.
bool parseLabels(const QByteArray &line, qsizetype &at, Sample &sample)
{
    static const QRegularExpression LABEL_NAME("^[a-zA-Z_][a-zA-Z0-9_]*$");
    ++at; // '{'
    while (at < line.size() && line.at(at) != '}') {
        const qsizetype equals = line.indexOf('=', at);
        if (equals < 0 || line.at(equals + 1) != '"')
            return false;
        const QByteArray name = line.mid(at, equals - at);
        if (!LABEL_NAME.match(QString::fromLatin1(name)).hasMatch())
            return false;
        QByteArray value;
        qsizetype i = equals + 2;
        for (; i < line.size() && line.at(i) != '"'; ++i) {
            if (line.at(i) != '\\') {
                value += line.at(i);
                continue;
            }
            const char escaped = line.at(++i);
            if (escaped == 'n')
                value += '\n';
            else if (escaped == '\\' || escaped == '"')
                value += escaped;
            else
                return false; // only \\, \" and \n exist
        }
        if (i >= line.size())
            return false;
        sample.labels.append({name, QString::fromUtf8(value)});
        at = i + 1;
        if (line.at(at) == ',')
            ++at;
    }
    ++at; // '}'
    return at <= line.size();
}

struct Exposition
{
    QHash<QByteArray, QByteArray> types; // family -> counter | gauge | histogram
    QList<Sample> samples;
    QString error; // empty when every rule held

    static Exposition parse(const QByteArray &text)
    {
        static const QRegularExpression METRIC_NAME("^[a-zA-Z_:][a-zA-Z0-9_:]*$");
        Exposition parsed;
        QSet<QByteArray> helped;
        if (!text.endsWith('\n'))
            parsed.error = "the exposition must end with a line feed";
        for (const QByteArray &line : text.split('\n')) {
            if (line.isEmpty())
                continue;
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                const QList<QByteArray> parts = line.mid(7).split(' ');
                const QByteArray &name = parts.first();
                if (!METRIC_NAME.match(QString::fromLatin1(name)).hasMatch())
                    parsed.error = "bad metric name in " + line;
                if (line.startsWith("# HELP ")) {
                    helped.insert(name);
                } else {
                    if (parsed.types.contains(name) || parts.size() != 2)
                        parsed.error = "a second or malformed TYPE: " + line;
                    parsed.types.insert(name, parts.at(1));
                }
                continue;
            }
            Sample sample;
            qsizetype at = 0;
            while (at < line.size() && line.at(at) != '{' && line.at(at) != ' ')
                ++at;
            sample.name = line.left(at);
            if (at < line.size() && line.at(at) == '{' && !parseLabels(line, at, sample))
                parsed.error = "bad labels in " + line;
            bool ok = false;
            const QByteArray value = line.mid(at).trimmed();
            sample.value = value == "+Inf" ? qInf() : value.toDouble(&ok);
            if (!ok && value != "+Inf")
                parsed.error = "bad value in " + line;
            QByteArray family = sample.name;
            for (const char *suffix : {"_bucket", "_sum", "_count"}) {
                const QByteArray base =
                        family.chopped(qMin(family.size(), qsizetype(strlen(suffix))));
                if (family.endsWith(suffix) && parsed.types.value(base) == "histogram")
                    family = base;
            }
            if (!parsed.types.contains(family) || !helped.contains(family))
                parsed.error = "a sample before its HELP and TYPE: " + line;
            parsed.samples.append(sample);
        }
        return parsed;
    }

    // The value of the sample with exactly these labels (in any order); -1 when absent.
    double value(const QByteArray &name, const QList<QPair<QByteArray, QString>> &labels) const
    {
        for (const Sample &sample : samples) {
            if (sample.name != name || sample.labels.size() != labels.size())
                continue;
            if (std::all_of(labels.begin(), labels.end(),
                            [&](const auto &label) { return sample.labels.contains(label); }))
                return sample.value;
        }
        return -1;
    }
};

} // namespace

class tst_MetricsRoutes : public QObject
{
    Q_OBJECT

private:
    quint16 port() const { return m_runtime->api()->address().port; }

    Exposition scrape()
    {
        const Scrape got = fetch(port(), "Authorization: Bearer " + ADMIN_TOKEN + "\r\n");
        if (got.status != 200)
            qWarning() << "scrape answered" << got.status << got.body;
        return Exposition::parse(got.body);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<GatewayRuntime> m_runtime;
    SandboxControl m_control;
    LanClient m_app;

private slots:
    void initTestCase()
    {
        m_runtime = startDemoApi(m_dir.path(), ADMIN_TOKEN, m_control, m_app,
                                 QStringLiteral("metrics till"));
        QVERIFY(m_runtime);
    }

    void theAdminTokenIsRequired_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("none") << QByteArray();
        QTest::newRow("wrong token") << QByteArray("Authorization: Bearer adm_wrong\r\n");
        QTest::newRow("a signed app") << signedGetRequest(m_app.key, m_app.secret, "/metrics")
                                                 .split('\n')
                                                 .mid(2)
                                                 .join('\n')
                                                 .chopped(2);
    }

    void theAdminTokenIsRequired()
    {
        QFETCH(QByteArray, authorization);
        const Scrape got = fetch(port(), authorization);
        QCOMPARE(got.status, 401);
        QCOMPARE(QJsonDocument::fromJson(got.body)
                         .object()
                         .value("error")
                         .toObject()
                         .value("code")
                         .toString(),
                 "invalid_admin_token");
    }

    void theTextFormat()
    {
        // A label value with every character the format escapes.
        MetricsRegistry::global()
                .gauge("dygw_test_escaping", "a test gauge: back\\slash\nnewline", {"value"})
                ->series({"quote\" backslash\\ newline\n end"})
                ->set(1.5);
        const Scrape got = fetch(port(), "Authorization: Bearer " + ADMIN_TOKEN + "\r\n");
        QCOMPARE(got.status, 200);
        QCOMPARE(got.contentType, "text/plain; version=0.0.4; charset=utf-8");
        QVERIFY(got.body.contains(
                "dygw_test_escaping{value=\"quote\\\" backslash\\\\ newline\\n end\"} 1.5\n"));
        QVERIFY(got.body.contains(
                "# HELP dygw_test_escaping a test gauge: back\\\\slash\\nnewline\n"));

        const Exposition parsed = Exposition::parse(got.body);
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.value("dygw_test_escaping",
                              {{"value", "quote\" backslash\\ newline\n end"}}),
                 1.5);
        for (const char *family :
             {"dygw_http_requests_total", "dygw_http_request_duration_seconds",
              "dygw_verifications_total", "dygw_cancels_total", "dygw_enrichment_backlog",
              "dygw_resolution_backlog", "dygw_platform_call_duration_seconds",
              "dygw_platform_call_errors_total", "dygw_token_expiry_seconds",
              "dygw_database_write_duration_seconds", "dygw_event_readers", "dygw_build_info"})
            QVERIFY2(parsed.types.contains(family), family);
        QCOMPARE(parsed.types.value("dygw_http_request_duration_seconds"), "histogram");
        QCOMPARE(parsed.value(
                         "dygw_build_info",
                         {{"version", DYGW_VERSION}, {"gateway", ""}, {"database_kind", "sqlite"}}),
                 1.0);

        // Every histogram series: cumulative buckets ending in le="+Inf" == _count, and a _sum.
        int histograms = 0;
        for (const Sample &sample : parsed.samples) {
            if (!sample.name.endsWith("_count")
                || parsed.types.value(sample.name.chopped(6)) != "histogram")
                continue;
            ++histograms;
            const QByteArray base = sample.name.chopped(6);
            auto withLe = sample.labels;
            withLe.append(qMakePair(QByteArray("le"), QStringLiteral("+Inf")));
            QCOMPARE(parsed.value(base + "_bucket", withLe), sample.value);
            QVERIFY(parsed.value(base + "_sum", sample.labels) >= 0);
            double previous = 0;
            for (const Sample &bucket : parsed.samples) {
                if (bucket.name != base + "_bucket")
                    continue;
                auto rest = bucket.labels;
                rest.removeIf([](const auto &label) { return label.first == "le"; });
                if (rest != sample.labels)
                    continue;
                QVERIFY(bucket.value >= previous);
                previous = bucket.value;
            }
        }
        QVERIFY(histograms > 0);
    }

    void promtoolAcceptsIt()
    {
        const QString promtool = QStandardPaths::findExecutable("promtool");
        if (promtool.isEmpty())
            QSKIP("promtool (Debian's prometheus) is not installed");
        // Some traffic first, so every kind of series is there to check.
        QCOMPARE(m_app.adminGet("/v1/internal/apps").status, 200);
        const Scrape got = fetch(port(), "Authorization: Bearer " + ADMIN_TOKEN + "\r\n");
        QCOMPARE(got.status, 200);
        QProcess process;
        process.start(promtool, {"check", "metrics"});
        QVERIFY(process.waitForStarted());
        process.write(got.body);
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(30000));
        const QByteArray said = process.readAllStandardOutput() + process.readAllStandardError();
        QVERIFY2(process.exitCode() == 0, said.constData());
    }

    void countersMoveWithRequests()
    {
        const QList<QPair<QByteArray, QString>> labels{
                {"route", "/v1/open/pois"}, {"method", "GET"}, {"status", "200"}};
        const double before = qMax(0.0, scrape().value("dygw_http_requests_total", labels));
        const double countBefore =
                qMax(0.0, scrape().value("dygw_http_request_duration_seconds_count", labels));
        QList<QByteArray> requests;
        for (int i = 0; i < 3; ++i)
            requests.append(signedGetRequest(m_app.key, m_app.secret, "/v1/open/pois"));
        for (const LanClient::Reply &reply : m_app.sendAll(requests))
            QCOMPARE(reply.status, 200);
        const Exposition after = scrape();
        QCOMPARE(after.value("dygw_http_requests_total", labels), before + 3);
        QCOMPARE(after.value("dygw_http_request_duration_seconds_count", labels), countBefore + 3);
        // Unknown paths share one label instead of a series each.
        QCOMPARE(m_app.adminGet("/no/such/path/12345").status, 404);
        QVERIFY(scrape().value("dygw_http_requests_total",
                               {{"route", "(unmatched)"}, {"method", "any"}, {"status", "404"}})
                >= 1);
    }

    void countersMoveWithAVerify()
    {
        const QList<QPair<QByteArray, QString>> success{{"platform", "douyin"},
                                                        {"status", "success"}};
        const Exposition before = scrape();
        const double verified = qMax(0.0, before.value("dygw_verifications_total", success));
        const double writes =
                before.value("dygw_database_write_duration_seconds_count", {{"result", "ok"}});
        const QJsonObject minted = m_control.mintOrder(1);
        const LanClient::Reply reply =
                m_app.post("/v1/open/coupons/verify",
                           {{"poi_id", minted.value("poi_id")},
                            {"code", minted.value("codes").toArray().first()}});
        QCOMPARE(reply.status, 200);
        const Exposition after = scrape();
        QCOMPARE(after.value("dygw_verifications_total", success), verified + 1);
        QVERIFY(after.value("dygw_database_write_duration_seconds_count", {{"result", "ok"}})
                > writes);
        bool verifyCalls = false;
        for (const Sample &sample : after.samples) {
            verifyCalls |= sample.name == "dygw_platform_call_duration_seconds_count"
                    && sample.labels.contains({"platform", "douyin"}) && sample.value >= 1
                    && std::any_of(sample.labels.begin(), sample.labels.end(), [](const auto &l) {
                               return l.first == "endpoint" && l.second.contains("verify");
                           });
        }
        QVERIFY(verifyCalls);
        QVERIFY(after.value("dygw_token_expiry_seconds", {{"platform", "douyin"}, {"poi_id", ""}})
                > 0);
    }
};

QTEST_GUILESS_MAIN(tst_MetricsRoutes)
#include "tst_metricsroutes.moc"
