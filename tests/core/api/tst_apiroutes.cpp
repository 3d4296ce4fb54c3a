#include <algorithm>
#include <cstring>
#include <memory>

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

#include "core/api/lanapiserver.h"
#include "core/api/requestsigner.h"
#include "core/config/gatewaysettings.h"
#include "core/douyin/douyinapi.h"
#include "core/douyin/douyinclient.h"
#include "core/runtime/gatewayruntime.h"
#include "core/sandbox/sandboxserver.h"
#include "core/store/apprepository.h"
#include "core/verify/verificationservice.h"

// The LAN API as an integrator meets it: a whole gateway (GatewayRuntime in demo mode, with
// its embedded Douyin sandbox) in this process, reached only over real HTTP, with requests
// signed by a small signer written here from API.md alone. The sandbox's control API sets
// up orders and faults and counts the Douyin calls the gateway makes.
namespace {

const QByteArray ADMIN_TOKEN = "adm_apitests_0123456789abcdefghijklmnop";
constexpr int USABLE = int(DouyinApi::CertificateStatus::Usable);
constexpr int VERIFIED = int(DouyinApi::CertificateStatus::Verified);
constexpr int WAIT_MS = 30000;

// ---- The integrator's signer (API.md, "Open endpoints"), deliberately not RequestSigner. ----
namespace Integrator {

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
            || c == '.' || c == '_' || c == '~';
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// '+' is a literal plus; a '%' not followed by two hex digits is a literal '%'.
QByteArray percentDecode(const QByteArray &text)
{
    QByteArray out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == '%' && i + 2 < text.size() && hexDigit(text.at(i + 1)) >= 0
            && hexDigit(text.at(i + 2)) >= 0) {
            out += char(hexDigit(text.at(i + 1)) * 16 + hexDigit(text.at(i + 2)));
            i += 2;
        } else {
            out += text.at(i);
        }
    }
    return out;
}

QByteArray percentEncode(const QByteArray &bytes)
{
    static const char HEX[] = "0123456789ABCDEF";
    QByteArray out;
    for (const char c : bytes) {
        if (isUnreserved(c)) {
            out += c;
        } else {
            out += '%';
            out += HEX[(uchar(c) >> 4) & 0xF];
            out += HEX[uchar(c) & 0xF];
        }
    }
    return out;
}

QByteArray canonicalQuery(const QByteArray &rawQuery)
{
    QList<std::pair<QByteArray, QByteArray>> pairs;
    for (const QByteArray &piece : rawQuery.split('&')) {
        if (piece.isEmpty())
            continue;
        const qsizetype equals = piece.indexOf('=');
        const QByteArray name = equals < 0 ? piece : piece.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : piece.mid(equals + 1);
        pairs.append({percentEncode(percentDecode(name)), percentEncode(percentDecode(value))});
    }
    std::sort(pairs.begin(), pairs.end());
    QList<QByteArray> joined;
    for (const auto &[name, value] : std::as_const(pairs))
        joined.append(name + '=' + value);
    return joined.join('&');
}

QByteArray stringToSign(const QByteArray &method, const QByteArray &path,
                        const QByteArray &rawQuery, const QByteArray &timestamp,
                        const QByteArray &nonce, const QByteArray &body)
{
    return method.toUpper() + '\n' + path + '\n' + canonicalQuery(rawQuery) + '\n' + timestamp
            + '\n' + nonce + '\n'
            + QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
}

QByteArray signature(const QByteArray &secret, const QByteArray &stringToSign)
{
    return QMessageAuthenticationCode::hash(stringToSign, secret, QCryptographicHash::Sha256)
            .toHex();
}

} // namespace Integrator

QByteArray newNonce()
{
    return "t-" + QUuid::createUuid().toByteArray(QUuid::Id128);
}

qint64 nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A verifier app as the integrator holds it after creating it.
struct App
{
    qint64 id = 0;
    QString name;
    QByteArray key;
    QByteArray secret;
};

// One HTTP request, exactly as it will be sent.
struct Call
{
    QByteArray method = "GET";
    QString path;
    QByteArray query; // raw, without '?'
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QString base; // empty: the main gateway

    void setHeader(const QByteArray &name, const QByteArray &value)
    {
        removeHeader(name);
        headers.append({name, value});
    }
    void removeHeader(const QByteArray &name)
    {
        headers.removeIf(
                [&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

struct Answer
{
    bool finished = false;
    int status = 0;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QByteArray body;
    QJsonObject json;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray sentRequestId;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QJsonObject data() const { return json.value("data").toObject(); }
    QJsonObject error() const { return json.value("error").toObject(); }
    QString code() const { return error().value("code").toString(); }
    QString message() const { return error().value("message").toString(); }
};

QByteArray describe(const Answer &answer)
{
    QByteArray text = "HTTP " + QByteArray::number(answer.status) + ' ' + answer.body.left(600);
    if (answer.networkError != QNetworkReply::NoError)
        text += " [network error " + QByteArray::number(int(answer.networkError)) + ']';
    if (!answer.finished)
        text += " [no answer]";
    return text;
}

// Empty when the answer has the status, is JSON, echoes X-Request-Id and (for errors) carries
// the error code, a message and the request id; otherwise what differs.
QByteArray mismatch(const Answer &answer, int status, const QString &code)
{
    if (answer.status != status)
        return "expected HTTP " + QByteArray::number(status) + ", got " + describe(answer);
    if (!answer.header("content-type").startsWith("application/json"))
        return "not JSON: " + answer.header("content-type") + ' ' + describe(answer);
    if (answer.header("x-request-id") != answer.sentRequestId)
        return "X-Request-Id '" + answer.header("x-request-id") + "' is not the one sent ("
                + answer.sentRequestId + "): " + describe(answer);
    if (status >= 400) {
        if (!code.isEmpty() && answer.code() != code)
            return "expected error.code " + code.toUtf8() + ": " + describe(answer);
        if (answer.message().isEmpty())
            return "error.message is empty: " + describe(answer);
        if (answer.error().value("request_id").toString().toUtf8() != answer.sentRequestId)
            return "error.request_id is not the one sent: " + describe(answer);
    } else if (!answer.json.contains("data") && !answer.json.contains("status")) {
        return "success without data: " + describe(answer);
    }
    return {};
}

#define EXPECT_ANSWER(answer, status, code)                     \
  do {                                                          \
    const QByteArray why_ = mismatch((answer), (status), code); \
    QVERIFY2(why_.isEmpty(), why_.constData());                 \
  } while (false)

#define EXPECT_FIELD_NAMED(answer, field)        \
  QVERIFY2((answer).message().startsWith(field), \
           qPrintable("message should name " + QString(field) + ": " + (answer).message()))

const QStringList VIEW_FIELDS{
        "id", "app_id", "app_name", "poi_id", "verify_status", "error_code", "error_description",
        "certificate_id", "encrypted_code", "origin_code", "coupon_status", "product_id",
        "product_name", "sku_id", "sku_name", "verify_records_count", "verify_id", "order_id",
        "source_order_id", "ext_order_id", "order_status", "pay_amount", "receipt_amount",
        "discount_amount", "enrichment_status", "enrichment_retry_count", "douyin_response",
        "verify_time", "create_order_time", "pay_time", "created_at", "updated_at", "extra",
        // Extensions → Platforms
        "platform", "platform_response",
        // Extensions → Cancel
        "cancel_status", "cancelled_at", "cancel_reason", "cancel_deadline",
        // Extensions → Reconciliation and settlement; Chain mode
        "settlement_status", "commission_amount", "settled_at", "gateway"};

const QStringList APP_FIELDS{
        "id",         "name",       "client_key",  "status", "allow_token_read",
        "created_at", "updated_at", "last_used_at"};

const QStringList SUMMARY_COUNTERS{"success_count",   "failed_count",   "unknown_count",
                                   "pay_amount",      "receipt_amount", "discount_amount",
                                   "cancelled_count", "settled_count",  "settlement_pending_count"};

bool isRfc3339Utc(const QJsonValue &value)
{
    static const QRegularExpression pattern(
            "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$");
    return value.isString() && pattern.match(value.toString()).hasMatch();
}

// Empty when the object has exactly these keys (plus the allowed extras).
QByteArray keysMismatch(const QJsonObject &object, const QStringList &expected,
                        const QStringList &optional = {})
{
    for (const QString &key : expected) {
        if (!object.contains(key))
            return "missing " + key.toUtf8() + " in " + json(object).left(600);
    }
    for (const QString &key : object.keys()) {
        if (!expected.contains(key) && !optional.contains(key))
            return "unexpected " + key.toUtf8() + " in " + json(object).left(600);
    }
    return {};
}

QByteArray viewMismatch(const QJsonObject &view)
{
    if (const QByteArray keys = keysMismatch(view, VIEW_FIELDS, {"batch"}); !keys.isEmpty())
        return keys;
    for (const char *field : {"created_at", "updated_at"}) {
        if (!isRfc3339Utc(view.value(field)))
            return QByteArray(field) + " is not RFC 3339 UTC: " + json(view).left(300);
    }
    for (const char *field : {"verify_time", "create_order_time", "pay_time"}) {
        if (!view.value(field).isNull() && !isRfc3339Utc(view.value(field)))
            return QByteArray(field) + " is not RFC 3339 UTC or null";
    }
    if (!view.value("id").isDouble() || !view.value("app_id").isDouble())
        return "id and app_id must be numbers";
    return {};
}

// VmRSS, VmHWM… of this process in KiB.
qint64 statusKb(const QByteArray &field)
{
    QFile file("/proc/self/status");
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Resets VmHWM to the current RSS (Linux clear_refs "5").
bool resetPeakRss()
{
    QFile file("/proc/self/clear_refs");
    return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
}

// A request body that exists only as it is read: 'x' bytes, produced on demand.
class GeneratedBody final : public QIODevice
{
public:
    explicit GeneratedBody(qint64 size) : m_size(size)
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }
    qint64 produced() const { return m_produced; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin(maxSize, m_size - pos());
        if (n <= 0)
            return 0;
        memset(data, 'x', size_t(n));
        m_produced = qMax(m_produced, pos() + n);
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 m_size;
    qint64 m_produced = 0;
};

// One raw HTTP exchange over a QTcpSocket, for what QNetworkAccessManager will not send as is.
struct RawExchange
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    qint64 bodyBytesSent = 0;
    bool connectionClosed = false;
    QAbstractSocket::SocketError socketError = QAbstractSocket::UnknownSocketError;

    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// Parses "HTTP/1.1 200 …\r\nheaders\r\n\r\nbody" once complete (Content-Length); false before.
bool parseResponse(const QByteArray &bytes, RawExchange &out)
{
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    out.head = bytes.left(end);
    const QList<QByteArray> statusLine = out.head.left(out.head.indexOf("\r\n")).split(' ');
    out.status = statusLine.size() > 1 ? statusLine.at(1).toInt() : 0;
    const qint64 length = out.header("content-length").toLongLong();
    if (bytes.size() - end - 4 < length)
        return false;
    out.body = bytes.mid(end + 4, length);
    return true;
}

} // namespace

class tst_ApiRoutes : public QObject
{
    Q_OBJECT

private:
    // ---- gateways ----
    std::unique_ptr<GatewayRuntime> startRuntime(const QString &dataDir, bool demo, int rate = 0,
                                                 int burst = 40)
    {
        QProcessEnvironment env; // nothing inherited: no credentials, no stray settings
        env.insert("DYGW_LISTEN", "127.0.0.1:0");
        env.insert("DYGW_DATA_DIR", dataDir);
        env.insert("DYGW_API_RATE_LIMIT", QString::number(rate));
        env.insert("DYGW_API_RATE_BURST", QString::number(burst));
        const auto settings = GatewaySettings::load(dataDir + "/dy-gateway.ini", env);
        if (!settings.ok()) {
            qWarning() << "settings:" << settings.error().message;
            return nullptr;
        }
        auto runtime = std::make_unique<GatewayRuntime>(settings.value());
        GatewayRuntime::Options options;
        options.demo = demo;
        options.adminTokenFromEnvironment = QString::fromLatin1(ADMIN_TOKEN);
        const auto started = runtime->start(options);
        if (!started.ok()) {
            qWarning() << "start:" << started.error().message;
            return nullptr;
        }
        if (demo) {
            // Douyin's retry schedule for lost answers, shortened so resolution fits a test.
            VerificationService::Config config = runtime->engine()->config();
            config.resolveTimeScale = 0.0125; // 62 ms, then 500 ms
            config.enrichmentBaseDelayMs = 100;
            runtime->engine()->setConfig(config);
        }
        return runtime;
    }

    static QString apiUrl(const GatewayRuntime *runtime)
    {
        return runtime->api()->address().toUrl();
    }

    void startMain()
    {
        m_runtime = startRuntime(m_dir.path(), true);
        QVERIFY(m_runtime);
        m_api = apiUrl(m_runtime.get());
        m_sandbox = m_runtime->sandbox()->baseUrl().toString();
    }

    // ---- HTTP ----
    Answer collect(QNetworkReply *reply, const QByteArray &sentRequestId)
    {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(WAIT_MS);
        Answer answer;
        answer.finished = reply->isFinished();
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.networkError = reply->error();
        answer.body = reply->readAll();
        answer.json = QJsonDocument::fromJson(answer.body).object();
        for (const auto &header : reply->rawHeaderPairs())
            answer.headers.insert(header.first.toLower(), header.second);
        answer.sentRequestId = sentRequestId;
        return answer;
    }

    QNetworkRequest networkRequest(const Call &call, QByteArray *requestId)
    {
        *requestId = "rid-" + QByteArray::number(++m_requestCounter);
        QUrl url((call.base.isEmpty() ? m_api : call.base) + call.path);
        if (!call.query.isEmpty())
            url.setQuery(QString::fromUtf8(call.query), QUrl::TolerantMode);
        QNetworkRequest request(url);
        request.setRawHeader("X-Request-Id", *requestId);
        if (!call.body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        for (const auto &[name, value] : call.headers)
            request.setRawHeader(name, value);
        return request;
    }

    Answer send(const Call &call)
    {
        QByteArray requestId;
        const QNetworkRequest request = networkRequest(call, &requestId);
        std::unique_ptr<QNetworkReply> reply(
                m_network.sendCustomRequest(request, call.method, call.body));
        return collect(reply.get(), requestId);
    }

    // Adds the four signature headers for app, as an integrator computes them.
    static void sign(Call &call, const App &app, qint64 timestamp = nowSeconds(),
                     const QByteArray &nonce = newNonce())
    {
        const QByteArray ts = QByteArray::number(timestamp);
        const QByteArray sts = Integrator::stringToSign(call.method, call.path.toUtf8(), call.query,
                                                        ts, nonce, call.body);
        call.setHeader("X-Client-Key", app.key);
        call.setHeader("X-Timestamp", ts);
        call.setHeader("X-Nonce", nonce);
        call.setHeader("X-Signature", Integrator::signature(app.secret, sts));
    }

    static Call signedCall(const App &app, const QByteArray &method, const QString &path,
                           const QByteArray &query = {}, const QByteArray &body = {})
    {
        Call call{method, path, query, body, {}, {}};
        sign(call, app);
        return call;
    }

    static Call adminCall(const QByteArray &method, const QString &path,
                          const QByteArray &query = {}, const QByteArray &body = {})
    {
        Call call{method, path, query, body, {}, {}};
        call.setHeader("Authorization", "Bearer " + ADMIN_TOKEN);
        return call;
    }

    Answer verify(const App &app, const QJsonObject &body, const QByteArray &idempotencyKey = {})
    {
        Call call{"POST", "/v1/open/coupons/verify", {}, json(body), {}, {}};
        if (!idempotencyKey.isEmpty())
            call.setHeader("Idempotency-Key", idempotencyKey);
        sign(call, app);
        return send(call);
    }

    Answer prepare(const App &app, const QJsonObject &body)
    {
        return send(signedCall(app, "POST", "/v1/open/coupons/prepare", {}, json(body)));
    }

    Answer list(const QByteArray &query)
    {
        return send(adminCall("GET", "/v1/internal/verifications", query));
    }

    App createApp(const QString &name, bool allowTokenRead = false, const QString &base = {})
    {
        Call call = adminCall("POST", "/v1/internal/apps", {},
                              json({{"name", name}, {"allow_token_read", allowTokenRead}}));
        call.base = base;
        const Answer answer = send(call);
        if (answer.status != 201) {
            qWarning() << "creating app" << name << "failed:" << describe(answer);
            return {};
        }
        const QJsonObject app = answer.data().value("app").toObject();
        return App{app.value("id").toInteger(), app.value("name").toString(),
                   app.value("client_key").toString().toUtf8(),
                   answer.data().value("client_secret").toString().toUtf8()};
    }

    // ---- the sandbox's control API ----
    QJsonObject control(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        QNetworkRequest request(QUrl(m_sandbox + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(
                request, method, body.isEmpty() ? QByteArray() : json(body)));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(WAIT_MS);
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

    QJsonObject mintOrder(int certificates, QJsonObject spec = {})
    {
        spec.insert("certificates", certificates);
        const QJsonObject order = control("POST", "/sandbox/orders", spec);
        if (order.value("order_id").toString().isEmpty())
            qWarning() << "minting failed:" << order;
        return order;
    }

    void fault(const QString &endpoint, const QString &mode, int count = 1, QJsonObject extra = {})
    {
        extra.insert("endpoint", endpoint);
        extra.insert("mode", mode);
        extra.insert("count", count);
        control("POST", "/sandbox/faults", extra);
    }

    int stat(const QString &endpoint)
    {
        return control("GET", "/sandbox/stats").value(endpoint).toInt(-1);
    }

    int douyinCalls() { return stat("prepare") + stat("verify") + stat("short_link"); }

    QList<int> certificateStatuses(const QString &orderId)
    {
        QList<int> statuses;
        const QJsonObject order = control("GET", "/sandbox/orders/" + orderId);
        for (const QJsonValue &certificate : order.value("certificates").toArray())
            statuses.append(certificate.toObject().value("status").toInt());
        return statuses;
    }

    // The short link's object_id, found as a client would: following Location by hand.
    QString objectIdOf(const QString &shortLink)
    {
        QUrl url(shortLink);
        for (int hop = 0; hop < 5; ++hop) {
            const QString objectId = QUrlQuery(url).queryItemValue("object_id");
            if (!objectId.isEmpty())
                return objectId;
            QNetworkRequest request(url);
            request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                 QNetworkRequest::ManualRedirectPolicy);
            std::unique_ptr<QNetworkReply> reply(m_network.get(request));
            QSignalSpy finished(reply.get(), &QNetworkReply::finished);
            if (!reply->isFinished())
                finished.wait(WAIT_MS);
            url = url.resolved(QUrl(QString::fromUtf8(reply->rawHeader("Location"))));
        }
        return {};
    }

    // A verify_token and the certificates of a prepare through the gateway.
    QJsonObject prepareByLink(const App &app, const QJsonObject &order)
    {
        const Answer answer = prepare(
                app,
                {{"poi_id", order.value("poi_id")}, {"short_link", order.value("short_link")}});
        if (answer.status != 200)
            qWarning() << "prepare failed:" << describe(answer);
        return answer.data();
    }

    // Busy-waits (processing events) until early in a second, so a request signed now reaches
    // the gateway within the same wall-clock second.
    static bool waitForFreshSecond()
    {
        return QTest::qWaitFor([] { return QDateTime::currentMSecsSinceEpoch() % 1000 < 200; },
                               2000);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<GatewayRuntime> m_runtime;
    QString m_api;
    QString m_sandbox;
    QNetworkAccessManager m_network;
    int m_requestCounter = 0;
    App m_app; // an ordinary till
    App m_tokenApp; // allowed to read the Douyin token
    App m_otherApp;
    App m_disabledApp; // disabled and enabled again by the tests that need it

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        startMain();
        m_app = createApp("till-2");
        m_tokenApp = createApp("mini-program backend", true);
        m_otherApp = createApp("kiosk-1");
        m_disabledApp = createApp("old tablet");
        QVERIFY(m_app.id > 0 && m_tokenApp.id > 0 && m_otherApp.id > 0 && m_disabledApp.id > 0);
    }

    void init()
    {
        if (m_runtime)
            control("DELETE", "/sandbox/faults");
    }

    // ------------------------------------------------------------------ success paths

    void health()
    {
        const Answer answer = send(Call{"GET", "/health", {}, {}, {}, {}});
        EXPECT_ANSWER(answer, 200, {});
        // The bare HealthResponse, no data wrapper.
        QVERIFY(!answer.json.contains("data"));
        QCOMPARE(answer.json.value("status").toString(), QString("ok"));
        QCOMPARE(answer.json.value("database").toString(), QString("ok"));
        QVERIFY(!answer.json.value("version").toString().isEmpty());
        QVERIFY(isRfc3339Utc(answer.json.value("time")));
        QCOMPARE(answer.json.value("douyin").toObject().value("configured").toBool(false), true);
        QVERIFY(answer.json.value("douyin").toObject().contains("token_valid_until"));
        QVERIFY(answer.json.value("enrichment_backlog").isDouble());
    }

    void createApp()
    {
        const Answer answer = send(
                adminCall("POST", "/v1/internal/apps", {}, R"({"name":"self-service kiosk 3"})"));
        EXPECT_ANSWER(answer, 201, {});
        const QJsonObject data = answer.data();
        QCOMPARE(keysMismatch(data, {"app", "client_secret"}), QByteArray());
        QVERIFY(data.value("client_secret").toString().size() >= 16);
        const QJsonObject app = data.value("app").toObject();
        QCOMPARE(keysMismatch(app, APP_FIELDS), QByteArray());
        QVERIFY(app.value("id").toInteger() > 0);
        QCOMPARE(app.value("name").toString(), QString("self-service kiosk 3"));
        QVERIFY(!app.value("client_key").toString().isEmpty());
        QCOMPARE(app.value("status").toString(), QString("active"));
        QCOMPARE(app.value("allow_token_read").toBool(true), false); // the default
        QVERIFY(isRfc3339Utc(app.value("created_at")));
        QVERIFY(isRfc3339Utc(app.value("updated_at")));
        QVERIFY(app.value("last_used_at").isNull());

        // The secret works at once.
        const App created{app.value("id").toInteger(), app.value("name").toString(),
                          app.value("client_key").toString().toUtf8(),
                          data.value("client_secret").toString().toUtf8()};
        EXPECT_ANSWER(send(signedCall(created, "GET", "/v1/open/pois")), 200, {});
    }

    void createAppRejected_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");

        const QString invalid = "invalid_request";
        QTest::newRow("name taken")
                << QByteArray(R"({"name":"till-2"})") << 409 << "app_name_taken" << QString();
        QTest::newRow("malformed JSON") << QByteArray(R"({"name":)") << 400 << invalid << "body";
        QTest::newRow("array instead of object")
                << QByteArray(R"(["x"])") << 400 << invalid << "body";
        QTest::newRow("empty body") << QByteArray() << 400 << invalid << "body";
        QTest::newRow("name missing") << QByteArray("{}") << 400 << invalid << "name";
        QTest::newRow("name empty") << QByteArray(R"({"name":""})") << 400 << invalid << "name";
        QTest::newRow("name of 65 characters")
                << json({{"name", QString(65, u'n')}}) << 400 << invalid << "name";
        QTest::newRow("name is a number")
                << QByteArray(R"({"name":5})") << 400 << invalid << "name";
        QTest::newRow("allow_token_read is a string")
                << QByteArray(R"({"name":"a1","allow_token_read":"yes"})") << 400 << invalid
                << "allow_token_read";
        QTest::newRow("unknown field")
                << QByteArray(R"({"name":"a2","colour":"red"})") << 400 << invalid << "colour";
    }

    void createAppRejected()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, field);
        const Answer answer = send(adminCall("POST", "/v1/internal/apps", {}, body));
        EXPECT_ANSWER(answer, status, code);
        EXPECT_FIELD_NAMED(answer, field);
    }

    void appNameLimits_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("one character") << "x";
        QTest::newRow("64 characters") << QString(64, u'y');
        QTest::newRow("64 Chinese characters") << QString(64, QChar(0x6536)); // 收
    }

    void appNameLimits()
    {
        QFETCH(QString, name);
        const Answer answer =
                send(adminCall("POST", "/v1/internal/apps", {}, json({{"name", name}})));
        EXPECT_ANSWER(answer, 201, {});
        QCOMPARE(answer.data().value("app").toObject().value("name").toString(), name);
    }

    void listApps()
    {
        const Answer answer = send(adminCall("GET", "/v1/internal/apps"));
        EXPECT_ANSWER(answer, 200, {});
        QCOMPARE(keysMismatch(answer.data(), {"items"}), QByteArray());
        const QJsonArray items = answer.data().value("items").toArray();
        QVERIFY(items.size() >= 4);
        QHash<QString, QJsonObject> byName;
        for (const QJsonValue &item : items) {
            const QJsonObject app = item.toObject();
            QCOMPARE(keysMismatch(app, APP_FIELDS), QByteArray()); // never the secret
            QVERIFY(app.value("id").toInteger() > 0); // not the built-in till app (id 0)
            byName.insert(app.value("name").toString(), app);
        }
        QCOMPARE(byName.value("till-2").value("client_key").toString().toUtf8(), m_app.key);
        QCOMPARE(byName.value("mini-program backend").value("allow_token_read").toBool(), true);
        QCOMPARE(byName.value("kiosk-1").value("status").toString(), QString("active"));
        QVERIFY(!answer.body.contains(m_app.secret));
    }

    void tokenAccess()
    {
        const App app = createApp("token toggler");
        const auto readToken = [&] {
            return send(signedCall(app, "GET", "/v1/open/douyin/access-token"));
        };
        EXPECT_ANSWER(readToken(), 403, "token_read_forbidden");

        const QString path = "/v1/internal/apps/" + QString::number(app.id) + "/token-access";
        Answer answer = send(adminCall("PATCH", path, {}, R"({"allow_token_read":true})"));
        EXPECT_ANSWER(answer, 200, {});
        QCOMPARE(keysMismatch(answer.data(), {"message"}), QByteArray());
        QVERIFY(!answer.data().value("message").toString().isEmpty());
        EXPECT_ANSWER(readToken(), 200, {});

        const Answer apps = send(adminCall("GET", "/v1/internal/apps"));
        bool seen = false;
        for (const QJsonValue &item : apps.data().value("items").toArray()) {
            if (item.toObject().value("id").toInteger() == app.id) {
                seen = true;
                QCOMPARE(item.toObject().value("allow_token_read").toBool(), true);
                QVERIFY(isRfc3339Utc(item.toObject().value("last_used_at")));
            }
        }
        QVERIFY(seen);

        answer = send(adminCall("PATCH", path, {}, R"({"allow_token_read":false})"));
        EXPECT_ANSWER(answer, 200, {});
        EXPECT_ANSWER(readToken(), 403, "token_read_forbidden");
    }

    void tokenAccessRejected_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");

        const QByteArray good = R"({"allow_token_read":true})";
        QTest::newRow("unknown id") << "999999" << good << 404 << "not_found" << QString();
        QTest::newRow("id not a number") << "abc" << good << 404 << "not_found" << QString();
        QTest::newRow("id zero, the built-in app")
                << "0" << good << 404 << "not_found" << QString();
        QTest::newRow("malformed JSON") << "$app" << QByteArray("{") << 400 << "invalid_request"
                                        << "body";
        QTest::newRow("field missing") << "$app" << QByteArray("{}") << 400 << "invalid_request"
                                       << "allow_token_read";
        QTest::newRow("field is a string") << "$app" << QByteArray(R"({"allow_token_read":"true"})")
                                           << 400 << "invalid_request"
                                           << "allow_token_read";
        QTest::newRow("unknown field")
                << "$app" << QByteArray(R"({"allow_token_read":true,"name":"x"})") << 400
                << "invalid_request"
                << "name";
    }

    void tokenAccessRejected()
    {
        QFETCH(QString, id);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, field);
        if (id == "$app")
            id = QString::number(m_otherApp.id);
        const Answer answer =
                send(adminCall("PATCH", "/v1/internal/apps/" + id + "/token-access", {}, body));
        EXPECT_ANSWER(answer, status, code);
        EXPECT_FIELD_NAMED(answer, field);
    }

    void accessToken()
    {
        const Answer answer = send(signedCall(m_tokenApp, "GET", "/v1/open/douyin/access-token"));
        EXPECT_ANSWER(answer, 200, {});
        const QJsonObject token = answer.data();
        QCOMPARE(keysMismatch(token, {"access_token", "expires_at", "expires_in"}), QByteArray());
        QVERIFY2(token.value("access_token").toString().startsWith("clt."),
                 answer.body.constData());
        QVERIFY(isRfc3339Utc(token.value("expires_at")));
        const qint64 expiresIn = token.value("expires_in").toInteger();
        QVERIFY(expiresIn > 0 && expiresIn <= 7200);
        const qint64 expiresAt =
                QDateTime::fromString(token.value("expires_at").toString(), Qt::ISODate)
                        .toSecsSinceEpoch();
        QVERIFY(qAbs(expiresAt - nowSeconds() - expiresIn) <= 5);

        // The one the gateway uses: a second read gives the same token, no new fetch.
        const int fetches = stat("client_token");
        const Answer again = send(signedCall(m_tokenApp, "GET", "/v1/open/douyin/access-token"));
        EXPECT_ANSWER(again, 200, {});
        QCOMPARE(again.data().value("access_token"), token.value("access_token"));
        QCOMPARE(stat("client_token"), fetches);

        EXPECT_ANSWER(send(signedCall(m_app, "GET", "/v1/open/douyin/access-token")), 403,
                      "token_read_forbidden");

        // /health reports the same token's validity.
        const Answer health = send(Call{"GET", "/health", {}, {}, {}, {}});
        EXPECT_ANSWER(health, 200, {});
        QCOMPARE(health.json.value("douyin").toObject().value("token_valid_until"),
                 token.value("expires_at"));
    }

    void pois_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<int>("page");
        QTest::addColumn<int>("size");
        QTest::newRow("defaults") << QByteArray() << 1 << 20;
        QTest::newRow("page 1, size 20") << QByteArray("page=1&size=20") << 1 << 20;
        QTest::newRow("size before page") << QByteArray("size=20&page=1") << 1 << 20;
    }

    void pois()
    {
        QFETCH(QByteArray, query);
        QFETCH(int, page);
        QFETCH(int, size);
        const Answer answer = send(signedCall(m_app, "GET", "/v1/open/pois", query));
        EXPECT_ANSWER(answer, 200, {});
        const QJsonObject data = answer.data();
        QCOMPARE(keysMismatch(data, {"items", "total", "page", "size"}), QByteArray());
        QCOMPARE(data.value("page").toInt(), page);
        QCOMPARE(data.value("size").toInt(), size);
        const QJsonArray items = data.value("items").toArray();
        QCOMPARE(items.size(), 3); // the sandbox's stores
        QCOMPARE(data.value("total").toInt(), 3);
        for (const QJsonValue &item : items) {
            const QJsonObject poi = item.toObject();
            QCOMPARE(keysMismatch(poi, {"poi_id", "poi_name", "address", "latitude", "longitude"}),
                     QByteArray());
            QVERIFY(!poi.value("poi_id").toString().isEmpty());
            QVERIFY(poi.value("latitude").isDouble());
        }
    }

    void poisRejected_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QString>("field");
        QTest::newRow("page 0") << QByteArray("page=0") << "page";
        QTest::newRow("page negative") << QByteArray("page=-1") << "page";
        QTest::newRow("page not a number") << QByteArray("page=one") << "page";
        QTest::newRow("size 0") << QByteArray("size=0") << "size";
        QTest::newRow("size a fraction") << QByteArray("size=2.5") << "size";
    }

    void poisRejected()
    {
        QFETCH(QByteArray, query);
        QFETCH(QString, field);
        const Answer answer = send(signedCall(m_app, "GET", "/v1/open/pois", query));
        EXPECT_ANSWER(answer, 400, "invalid_request");
        EXPECT_FIELD_NAMED(answer, field);
    }

    void prepareSources_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("certificates");
        QTest::addColumn<int>("listed");
        QTest::newRow("code") << "code" << 2 << 1; // a code names one certificate
        QTest::newRow("short_link") << "short_link" << 3 << 3;
        QTest::newRow("encrypted_data") << "encrypted_data" << 2 << 2;
    }

    void prepareSources()
    {
        QFETCH(QString, source);
        QFETCH(int, certificates);
        QFETCH(int, listed);
        const QJsonObject order = mintOrder(certificates, {{"pay_amount", 1234}});
        QJsonObject body{{"poi_id", order.value("poi_id")}};
        if (source == "code")
            body.insert("code", order.value("codes").toArray().at(0));
        else if (source == "short_link")
            body.insert("short_link", order.value("short_link"));
        else
            body.insert("encrypted_data", objectIdOf(order.value("short_link").toString()));
        const int prepares = stat("prepare");
        const Answer answer = prepare(m_app, body);
        EXPECT_ANSWER(answer, 200, {});
        QCOMPARE(stat("prepare") - prepares, 1);

        const QJsonObject data = answer.data();
        QCOMPARE(keysMismatch(data,
                              {"verify_token", "order_id", "certificates", "douyin_response",
                               "platform", "platform_response"}),
                 QByteArray());
        QVERIFY(!data.value("verify_token").toString().isEmpty());
        QCOMPARE(data.value("order_id").toString(), order.value("order_id").toString());
        QVERIFY(!data.value("douyin_response").toObject().isEmpty());
        const QJsonArray listedCertificates = data.value("certificates").toArray();
        QCOMPARE(listedCertificates.size(), listed);
        const QJsonArray encrypted = order.value("encrypted_codes").toArray();
        const QJsonArray ids = order.value("certificate_ids").toArray();
        for (const QJsonValue &value : listedCertificates) {
            const QJsonObject certificate = value.toObject();
            for (const char *field :
                 {"encrypted_code", "certificate_id", "expire_time", "product_id", "product_name",
                  "sku_id", "sku_name", "pay_amount", "status"})
                QVERIFY2(certificate.contains(field), field);
            QVERIFY(encrypted.contains(certificate.value("encrypted_code")));
            QVERIFY(ids.contains(certificate.value("certificate_id")));
            QCOMPARE(certificate.value("pay_amount").toInteger(), 1234);
            QVERIFY(isRfc3339Utc(certificate.value("expire_time")));
        }
        // Nothing was verified.
        QCOMPARE(certificateStatuses(order.value("order_id").toString()),
                 QList<int>(certificates, USABLE));
    }

    void verifyModes_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("certificates");
        QTest::addColumn<int>("count");
        QTest::newRow("code") << "code" << 1 << 1;
        QTest::newRow("short_link") << "short_link" << 1 << 1;
        QTest::newRow("short_link, 2 of 3 with data.batch") << "short_link" << 3 << 2;
        QTest::newRow("encrypted_code") << "encrypted_code" << 1 << 1;
        QTest::newRow("encrypted_code, 2 of 3 with data.batch") << "encrypted_code" << 3 << 2;
    }

    void verifyModes()
    {
        QFETCH(QString, mode);
        QFETCH(int, certificates);
        QFETCH(int, count);

        const QJsonObject order =
                mintOrder(certificates, {{"pay_amount", 1990}, {"product_name", "接口测试套餐"}});
        const QJsonObject extra{
                {"operator_id", "op-7"}, {"device_id", "kiosk-3"}, {"note", "前台"}};
        QJsonObject body{{"poi_id", order.value("poi_id")}, {"extra", extra}};
        if (count != 1)
            body.insert("count", count);
        if (mode == "code") {
            body.insert("code", order.value("codes").toArray().at(0));
            body.insert("verify_token", "ignored-in-this-mode");
        } else if (mode == "short_link") {
            body.insert("short_link", order.value("short_link"));
        } else {
            const QJsonObject prepared = prepareByLink(m_app, order);
            body.insert("encrypted_code",
                        prepared.value("certificates")
                                .toArray()
                                .at(0)
                                .toObject()
                                .value("encrypted_code"));
            body.insert("verify_token", prepared.value("verify_token"));
        }
        const int verifies = stat("verify");
        const Answer answer = verify(m_app, body);
        EXPECT_ANSWER(answer, 200, {});
        QCOMPARE(stat("verify") - verifies, 1); // all certificates in one verify call

        const QJsonObject data = answer.data();
        QJsonArray views{data};
        if (count == 1) {
            QVERIFY(!data.contains("batch"));
        } else {
            for (const QJsonValue &other : data.value("batch").toArray())
                views.append(other);
        }
        QCOMPARE(views.size(), count);
        QSet<QString> certificateIds;
        for (const QJsonValue &value : std::as_const(views)) {
            const QJsonObject view = value.toObject();
            QCOMPARE(viewMismatch(view), QByteArray());
            QCOMPARE(view.value("verify_status").toString(), QString("success"));
            QCOMPARE(view.value("error_code").toInt(-1), 0);
            QCOMPARE(view.value("app_id").toInteger(), m_app.id);
            QCOMPARE(view.value("app_name").toString(), m_app.name);
            QCOMPARE(view.value("poi_id").toString(), order.value("poi_id").toString());
            QCOMPARE(view.value("order_id").toString(), order.value("order_id").toString());
            QCOMPARE(view.value("pay_amount").toInteger(), 1990);
            QCOMPARE(view.value("product_name").toString(), QString("接口测试套餐"));
            QCOMPARE(view.value("extra").toObject(), extra);
            QVERIFY(!view.value("verify_id").toString().isEmpty());
            QVERIFY(view.value("douyin_response").isObject());
            QVERIFY(order.value("certificate_ids")
                            .toArray()
                            .contains(view.value("certificate_id")));
            certificateIds.insert(view.value("certificate_id").toString());
        }
        QCOMPARE(certificateIds.size(), count);
        const QList<int> statuses = certificateStatuses(order.value("order_id").toString());
        QCOMPARE(int(std::count(statuses.cbegin(), statuses.cend(), VERIFIED)), count);
    }

    void verifyRejected_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::addColumn<bool>("reachesDouyin");

        // $poi, $code, $code2, $link are replaced with a freshly minted order's values.
        // clang-format off
        QTest::newRow("malformed JSON")              << QByteArray(R"({"poi_id":"$poi",)") << "body" << false;
        QTest::newRow("array instead of object")     << QByteArray(R"([1,2])") << "body" << false;
        QTest::newRow("empty body")                  << QByteArray() << "body" << false;
        QTest::newRow("poi_id missing")              << QByteArray(R"({"code":"$code"})") << "poi_id" << false;
        QTest::newRow("poi_id is an object")         << QByteArray(R"({"poi_id":{},"code":"$code"})") << "poi_id" << false;
        QTest::newRow("code is a boolean")           << QByteArray(R"({"poi_id":"$poi","code":true})") << "code" << false;
        QTest::newRow("short_link is a number")      << QByteArray(R"({"poi_id":"$poi","short_link":5})") << "short_link" << false;
        QTest::newRow("no source")                   << QByteArray(R"({"poi_id":"$poi"})") << "short_link, code, encrypted_code" << false;
        QTest::newRow("two sources")                 << QByteArray(R"({"poi_id":"$poi","code":"$code","short_link":"$link"})") << "short_link, code, encrypted_code" << false;
        QTest::newRow("encrypted_code without verify_token") << QByteArray(R"({"poi_id":"$poi","encrypted_code":"abc"})") << "verify_token" << false;
        QTest::newRow("count is a string")           << QByteArray(R"({"poi_id":"$poi","code":"$code","count":"2"})") << "count" << false;
        QTest::newRow("count is a fraction")         << QByteArray(R"({"poi_id":"$poi","code":"$code","count":1.5})") << "count" << false;
        QTest::newRow("count 0")                     << QByteArray(R"({"poi_id":"$poi","code":"$code","count":0})") << "count" << false;
        QTest::newRow("count 11")                    << QByteArray(R"({"poi_id":"$poi","code":"$code","count":11})") << "count" << false;
        QTest::newRow("unknown field")               << QByteArray(R"({"poi_id":"$poi","code":"$code","colour":"red"})") << "colour" << false;
        QTest::newRow("extra is a string")           << QByteArray(R"({"poi_id":"$poi","code":"$code","extra":"x"})") << "extra" << false;
        QTest::newRow("extra with an unknown key")   << QByteArray(R"({"poi_id":"$poi","code":"$code","extra":{"colour":"red"}})") << "extra.colour" << false;
        QTest::newRow("extra.note is a number")      << QByteArray(R"({"poi_id":"$poi","code":"$code","extra":{"note":5}})") << "extra.note" << false;
        QTest::newRow("extra.note of 257 characters") << QByteArray(R"({"poi_id":"$poi","code":"$code","extra":{"note":"$257"}})") << "extra.note" << false;
        // Only Douyin's prepare says how many certificates there are.
        QTest::newRow("count above the code's certificates") << QByteArray(R"({"poi_id":"$poi","code":"$code","count":2})") << "count" << true;
        QTest::newRow("count above the order's certificates") << QByteArray(R"({"poi_id":"$poi","short_link":"$link","count":3})") << "count" << true;
        // clang-format on
    }

    void verifyRejected()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        QFETCH(bool, reachesDouyin);
        const QJsonObject order = mintOrder(2);
        body.replace("$poi", order.value("poi_id").toString().toUtf8());
        body.replace("$code2", order.value("codes").toArray().at(1).toString().toUtf8());
        body.replace("$code", order.value("codes").toArray().at(0).toString().toUtf8());
        body.replace("$link", order.value("short_link").toString().toUtf8());
        body.replace("$257", QByteArray(257, 'n'));
        const int verifies = stat("verify");
        const int calls = douyinCalls();
        const Answer answer = send(signedCall(m_app, "POST", "/v1/open/coupons/verify", {}, body));
        EXPECT_ANSWER(answer, 400, "invalid_request");
        EXPECT_FIELD_NAMED(answer, field);
        QCOMPARE(stat("verify"), verifies); // never a verify
        if (!reachesDouyin)
            QCOMPARE(douyinCalls(), calls);
        QCOMPARE(certificateStatuses(order.value("order_id").toString()), QList<int>(2, USABLE));
    }

    void prepareRejected_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        // clang-format off
        QTest::newRow("malformed JSON")       << QByteArray("{") << "body";
        QTest::newRow("poi_id missing")       << QByteArray(R"({"code":"$code"})") << "poi_id";
        QTest::newRow("no source")            << QByteArray(R"({"poi_id":"$poi"})") << "short_link, code, encrypted_data";
        QTest::newRow("two sources")          << QByteArray(R"({"poi_id":"$poi","code":"$code","encrypted_data":"x"})") << "short_link, code, encrypted_data";
        QTest::newRow("encrypted_data is a number") << QByteArray(R"({"poi_id":"$poi","encrypted_data":1})") << "encrypted_data";
        QTest::newRow("verify-only field")    << QByteArray(R"({"poi_id":"$poi","code":"$code","count":1})") << "count";
        QTest::newRow("extra is an array")    << QByteArray(R"({"poi_id":"$poi","code":"$code","extra":[]})") << "extra";
        // clang-format on
    }

    void prepareRejected()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const QJsonObject order = mintOrder(1);
        body.replace("$poi", order.value("poi_id").toString().toUtf8());
        body.replace("$code", order.value("codes").toArray().at(0).toString().toUtf8());
        const int calls = douyinCalls();
        const Answer answer = send(signedCall(m_app, "POST", "/v1/open/coupons/prepare", {}, body));
        EXPECT_ANSWER(answer, 400, "invalid_request");
        EXPECT_FIELD_NAMED(answer, field);
        QCOMPARE(douyinCalls(), calls);
    }

    void verifyTokenAlreadyUsedAnswersTheRecord()
    {
        const QJsonObject order = mintOrder(1);
        const QJsonObject prepared = prepareByLink(m_app, order);
        const QJsonObject body{
                {"poi_id", order.value("poi_id")},
                {"encrypted_code",
                 prepared.value("certificates").toArray().at(0).toObject().value("encrypted_code")},
                {"verify_token", prepared.value("verify_token")}};
        const Answer first = verify(m_app, body);
        EXPECT_ANSWER(first, 200, {});
        const int verifies = stat("verify");
        const Answer again = verify(m_app, body);
        EXPECT_ANSWER(again, 200, {});
        QCOMPARE(again.data().value("id"), first.data().value("id"));
        QCOMPARE(again.data().value("verify_status").toString(), QString("success"));
        QCOMPARE(stat("verify"), verifies);
    }

    void douyinAnsweredFailureIsStill200()
    {
        // Douyin refuses in verify itself (wrong POI): the request was processed.
        const QJsonObject order = mintOrder(1);
        const Answer answer = verify(m_app,
                                     {{"poi_id", "7000000000000000999"},
                                      {"code", order.value("codes").toArray().at(0)}});
        EXPECT_ANSWER(answer, 200, {});
        QCOMPARE(viewMismatch(answer.data()), QByteArray());
        QCOMPARE(answer.data().value("verify_status").toString(), QString("failed"));
        QVERIFY(answer.data().value("error_code").toInteger() != 0);
        QVERIFY(!answer.data().value("error_description").toString().isEmpty());
    }

    // ------------------------------------------------------------------ idempotency

    void idempotencyKey()
    {
        const QJsonObject order = mintOrder(2);
        const QJsonObject body{{"poi_id", order.value("poi_id")},
                               {"code", order.value("codes").toArray().at(0)}};
        const QByteArray key = "idem-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        const Answer first = verify(m_app, body, key);
        EXPECT_ANSWER(first, 200, {});

        const int prepares = stat("prepare");
        const int verifies = stat("verify");
        const Answer again = verify(m_app, body, key); // new nonce, same key and body
        EXPECT_ANSWER(again, 200, {});
        QCOMPARE(again.data().value("id"), first.data().value("id"));
        QCOMPARE(again.data().value("verify_status"), first.data().value("verify_status"));
        QCOMPARE(again.data().value("certificate_id"), first.data().value("certificate_id"));
        QCOMPARE(stat("prepare"), prepares);
        QCOMPARE(stat("verify"), verifies);

        const QJsonObject other{{"poi_id", order.value("poi_id")},
                                {"code", order.value("codes").toArray().at(1)}};
        EXPECT_ANSWER(verify(m_app, other, key), 409, "idempotency_conflict");
        QCOMPARE(stat("prepare"), prepares);
        QCOMPARE(stat("verify"), verifies);

        // Keys belong to an app: another app's identical key is a new request.
        const Answer otherApp = verify(m_otherApp, other, key);
        EXPECT_ANSWER(otherApp, 200, {});
        QVERIFY(otherApp.data().value("id") != first.data().value("id"));
    }

    void idempotencyKeySentTwiceAtOnce()
    {
        // A client that retries before the first answer came: one Douyin verify for both.
        const QJsonObject order = mintOrder(1);
        const QByteArray body = json({{"poi_id", order.value("poi_id")},
                                      {"code", order.value("codes").toArray().at(0)}});
        const QByteArray key = "idem-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        fault("verify", "delay", 1, {{"delay_ms", 300}});
        const int verifies = stat("verify");
        std::vector<std::unique_ptr<QNetworkReply>> replies;
        QList<QByteArray> ids;
        for (int i = 0; i < 2; ++i) {
            Call call{"POST", "/v1/open/coupons/verify", {}, body, {}, {}};
            call.setHeader("Idempotency-Key", key);
            sign(call, m_app);
            QByteArray id;
            replies.emplace_back(
                    m_network.sendCustomRequest(networkRequest(call, &id), "POST", call.body));
            ids.append(id);
        }
        const Answer first = collect(replies[0].get(), ids.at(0));
        const Answer second = collect(replies[1].get(), ids.at(1));
        EXPECT_ANSWER(first, 200, {});
        EXPECT_ANSWER(second, 200, {});
        QCOMPARE(second.data().value("id"), first.data().value("id"));
        QCOMPARE(stat("verify") - verifies, 1);
    }

    void idempotencyKeyTooLong()
    {
        const QJsonObject order = mintOrder(1);
        const int calls = douyinCalls();
        const Answer answer = verify(
                m_app,
                {{"poi_id", order.value("poi_id")}, {"code", order.value("codes").toArray().at(0)}},
                QByteArray(129, 'k'));
        EXPECT_ANSWER(answer, 400, "invalid_request");
        EXPECT_FIELD_NAMED(answer, "Idempotency-Key");
        QCOMPARE(douyinCalls(), calls);
    }

    void idempotencyKeyKeepsTheRefusal()
    {
        // The same status comes back for a stored refusal too, without asking Douyin again.
        const QJsonObject order = mintOrder(1);
        const QJsonObject body{{"poi_id", order.value("poi_id")},
                               {"code", order.value("codes").toArray().at(0)}};
        EXPECT_ANSWER(verify(m_app, body), 200, {});
        const QByteArray key = "idem-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        const Answer refused = verify(m_app, body, key);
        EXPECT_ANSWER(refused, 422, "douyin_rejected");
        const int calls = douyinCalls();
        const Answer again = verify(m_app, body, key);
        EXPECT_ANSWER(again, 422, "douyin_rejected");
        QCOMPARE(again.error().value("douyin"), refused.error().value("douyin"));
        QCOMPARE(douyinCalls(), calls);
    }

    // ------------------------------------------------------------------ Douyin refusals, 422

    void douyinRejected_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("setup");
        QTest::newRow("verify, coupon already used") << "/v1/open/coupons/verify"
                                                     << "used";
        QTest::newRow("verify, coupon expired") << "/v1/open/coupons/verify"
                                                << "expired";
        QTest::newRow("verify, unknown code") << "/v1/open/coupons/verify"
                                              << "unknown";
        QTest::newRow("prepare, coupon already used") << "/v1/open/coupons/prepare"
                                                      << "used";
        QTest::newRow("prepare, coupon expired") << "/v1/open/coupons/prepare"
                                                 << "expired";
        QTest::newRow("prepare, unknown code") << "/v1/open/coupons/prepare"
                                               << "unknown";
    }

    void douyinRejected()
    {
        QFETCH(QString, path);
        QFETCH(QString, setup);
        QJsonObject spec;
        if (setup == "expired")
            spec.insert("expire_in_days", -1);
        const QJsonObject order = mintOrder(1, spec);
        QJsonObject body{{"poi_id", order.value("poi_id")},
                         {"code", order.value("codes").toArray().at(0)}};
        if (setup == "used")
            EXPECT_ANSWER(verify(m_app, body), 200, {});
        if (setup == "unknown")
            body.insert("code", "999999999999");
        const int verifies = stat("verify");
        const Answer answer = send(signedCall(m_app, "POST", path, {}, json(body)));
        EXPECT_ANSWER(answer, 422, "douyin_rejected");
        const QJsonObject douyin = answer.error().value("douyin").toObject();
        QCOMPARE(keysMismatch(douyin, {"error_code", "description", "logid"}), QByteArray());
        QVERIFY(douyin.value("error_code").toInteger() != 0);
        QVERIFY(!douyin.value("description").toString().isEmpty());
        QVERIFY(!douyin.value("logid").toString().isEmpty());
        QVERIFY(!answer.json.contains("data"));
        QCOMPARE(stat("verify"), verifies);
    }

    void shortLinkInvalid_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("link");
        for (const QString &path :
             QStringList{"/v1/open/coupons/verify", "/v1/open/coupons/prepare"}) {
            const QString endpoint = path.section('/', -1);
            QTest::addRow("%s, unknown link", qPrintable(endpoint))
                    << path << "$sandbox/v/NoSuchLink/";
            QTest::addRow("%s, used-up link", qPrintable(endpoint)) << path << "$used";
            QTest::addRow("%s, foreign host", qPrintable(endpoint))
                    << path << "https://example.com/v/abc/";
            QTest::addRow("%s, not a URL", qPrintable(endpoint)) << path << "not a link";
        }
    }

    void shortLinkInvalid()
    {
        QFETCH(QString, path);
        QFETCH(QString, link);
        const QJsonObject order = mintOrder(1);
        if (link == "$used") {
            link = order.value("short_link").toString();
            EXPECT_ANSWER(verify(m_app, {{"poi_id", order.value("poi_id")}, {"short_link", link}}),
                          200, {});
        }
        link.replace("$sandbox", m_sandbox);
        const Answer answer =
                send(signedCall(m_app, "POST", path, {},
                                json({{"poi_id", order.value("poi_id")}, {"short_link", link}})));
        EXPECT_ANSWER(answer, 422, "short_link_invalid");
    }

    // ------------------------------------------------------------------ upstream failures, 502

    void upstreamFailures_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("faultEndpoint");
        QTest::addColumn<QString>("faultMode");
        QTest::addColumn<QString>("code");
        // clang-format off
        QTest::newRow("prepare answers HTTP 500")         << "/v1/open/coupons/prepare" << "prepare" << "http_500" << "upstream_bad_answer";
        QTest::newRow("verify's prepare answers HTTP 500") << "/v1/open/coupons/verify" << "prepare" << "http_500" << "upstream_bad_answer";
        QTest::newRow("prepare's connection dropped")     << "/v1/open/coupons/prepare" << "prepare" << "drop_before_commit" << "upstream_unavailable";
        QTest::newRow("verify's prepare connection dropped") << "/v1/open/coupons/verify" << "prepare" << "drop_before_commit" << "upstream_unavailable";
        QTest::newRow("shop query answers HTTP 500")      << "/v1/open/pois" << "poi_query" << "http_500" << "upstream_bad_answer";
        // clang-format on
    }

    void upstreamFailures()
    {
        QFETCH(QString, path);
        QFETCH(QString, faultEndpoint);
        QFETCH(QString, faultMode);
        QFETCH(QString, code);
        const QJsonObject order = mintOrder(1);
        fault(faultEndpoint, faultMode, 10); // more than any retry
        const int verifies = stat("verify");
        Answer answer;
        if (path == "/v1/open/pois") {
            // A page the cache has not seen yet.
            answer = send(signedCall(m_app, "GET", path, "page=1&size=7"));
        } else {
            answer = send(signedCall(m_app, "POST", path, {},
                                     json({{"poi_id", order.value("poi_id")},
                                           {"code", order.value("codes").toArray().at(0)}})));
        }
        EXPECT_ANSWER(answer, 502, code);
        QVERIFY(!answer.json.contains("data"));
        QCOMPARE(stat("verify"), verifies);
        control("DELETE", "/sandbox/faults");
        // No record: nothing reached verify.
        const Answer records =
                list("q=" + order.value("codes").toArray().at(0).toString().toUtf8());
        EXPECT_ANSWER(records, 200, {});
        QCOMPARE(records.data().value("total").toInt(-1), 0);
    }

    void upstreamOutcomeUnknown()
    {
        const QJsonObject order = mintOrder(1);
        const QString code = order.value("codes").toArray().at(0).toString();
        fault("verify", "drop_after_commit");
        const Answer answer = verify(m_app, {{"poi_id", order.value("poi_id")}, {"code", code}});
        EXPECT_ANSWER(answer, 502, "upstream_outcome_unknown");
        const QJsonObject record = answer.json.value("data").toObject();
        QCOMPARE(viewMismatch(record), QByteArray());
        QCOMPARE(record.value("verify_status").toString(), QString("unknown"));
        QCOMPARE(record.value("app_id").toInteger(), m_app.id);
        QVERIFY(record.value("id").toInteger() > 0);

        // Resolved in the background: Douyin's status says it was verified.
        QTRY_COMPARE_WITH_TIMEOUT(list("q=" + code.toUtf8())
                                          .data()
                                          .value("items")
                                          .toArray()
                                          .at(0)
                                          .toObject()
                                          .value("verify_status")
                                          .toString(),
                                  QString("success"), 15000);
        QCOMPARE(list("q=" + code.toUtf8()).data().value("total").toInt(), 1);
    }

    void upstreamUnavailableBeforeVerify()
    {
        const QJsonObject order = mintOrder(1);
        const QJsonObject prepared = prepareByLink(m_app, order);
        const QString encrypted = prepared.value("certificates")
                                          .toArray()
                                          .at(0)
                                          .toObject()
                                          .value("encrypted_code")
                                          .toString();

        // Douyin's port is closed: verify cannot leave.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 closedPort = closed.serverPort();
        closed.close();
        DouyinClient::Config config = m_runtime->douyin()->config();
        const DouyinClient::Config good = config;
        config.baseUrl = QUrl("http://127.0.0.1:" + QString::number(closedPort));
        m_runtime->douyin()->setConfig(config);
        const Answer answer = verify(m_app,
                                     {{"poi_id", order.value("poi_id")},
                                      {"encrypted_code", encrypted},
                                      {"verify_token", prepared.value("verify_token")}});
        m_runtime->douyin()->setConfig(good);
        EXPECT_ANSWER(answer, 502, "upstream_unavailable");

        // No record is left pending.
        const Answer pending = list("verify_status=pending&app_id=" + QByteArray::number(m_app.id));
        EXPECT_ANSWER(pending, 200, {});
        QCOMPARE(pending.data().value("total").toInt(-1), 0);
        const Answer records = list("q=" + encrypted.toUtf8());
        EXPECT_ANSWER(records, 200, {});
        for (const QJsonValue &item : records.data().value("items").toArray())
            QVERIFY(item.toObject().value("verify_status").toString() != "pending");
    }

    // ------------------------------------------------------------------ reports

    void verificationList()
    {
        // A report app of its own, so the figures are exact whatever other tests did.
        const App reports = createApp("reports-" + QString::number(nowSeconds()));
        const QJsonObject stores = send(signedCall(m_app, "GET", "/v1/open/pois")).data();
        const QString poiA =
                stores.value("items").toArray().at(0).toObject().value("poi_id").toString();
        const QString poiB =
                stores.value("items").toArray().at(1).toObject().value("poi_id").toString();
        const QJsonObject orderA =
                mintOrder(2, {{"poi_id", poiA}, {"pay_amount", 1000}, {"product_name", "报表甲"}});
        const QJsonObject orderB =
                mintOrder(1, {{"poi_id", poiB}, {"pay_amount", 2500}, {"product_name", "报表乙"}});
        const QJsonObject orderC = mintOrder(1, {{"poi_id", poiA}, {"pay_amount", 700}});
        const Answer a = verify(
                reports, {{"poi_id", poiA}, {"code", orderA.value("codes").toArray().at(0)}});
        const Answer b =
                verify(reports, {{"poi_id", poiB}, {"short_link", orderB.value("short_link")}});
        const Answer c = verify(reports,
                                {{"poi_id", "7000000000000000999"},
                                 {"code", orderC.value("codes").toArray().at(0)}});
        EXPECT_ANSWER(a, 200, {});
        EXPECT_ANSWER(b, 200, {});
        EXPECT_ANSWER(c, 200, {});
        QCOMPARE(c.data().value("verify_status").toString(), QString("failed"));
        // Another app's record on the same order stays out of this app's figures.
        EXPECT_ANSWER(
                verify(m_app, {{"poi_id", poiA}, {"code", orderA.value("codes").toArray().at(1)}}),
                200, {});

        const QByteArray app = "app_id=" + QByteArray::number(reports.id);
        const auto ids = [&](const QByteArray &query) {
            const Answer answer = list(query.isEmpty() ? app : QByteArray(app + "&" + query));
            QList<qint64> found;
            if (answer.status != 200) {
                qWarning() << describe(answer);
                return QList<qint64>{-1};
            }
            for (const QJsonValue &item : answer.data().value("items").toArray())
                found.append(item.toObject().value("id").toInteger());
            return found;
        };
        const qint64 idA = a.data().value("id").toInteger();
        const qint64 idB = b.data().value("id").toInteger();
        const qint64 idC = c.data().value("id").toInteger();

        const Answer all = list(app);
        EXPECT_ANSWER(all, 200, {});
        QCOMPARE(keysMismatch(all.data(), {"items", "total", "page", "page_size"}), QByteArray());
        QCOMPARE(all.data().value("total").toInt(), 3);
        QCOMPARE(all.data().value("page").toInt(), 1);
        QCOMPARE(all.data().value("page_size").toInt(), 20);
        for (const QJsonValue &item : all.data().value("items").toArray()) {
            QCOMPARE(viewMismatch(item.toObject()), QByteArray());
            QCOMPARE(item.toObject().value("app_name").toString(), reports.name);
        }
        QCOMPARE(ids({}), (QList<qint64>{idC, idB, idA})); // newest first

        const QByteArray today = QDate::currentDate().toString(Qt::ISODate).toUtf8();
        const QByteArray yesterday =
                QDate::currentDate().addDays(-1).toString(Qt::ISODate).toUtf8();
        const QByteArray tomorrow = QDate::currentDate().addDays(1).toString(Qt::ISODate).toUtf8();
        QCOMPARE(ids("verify_status=success"), (QList<qint64>{idB, idA}));
        QCOMPARE(ids("verify_status=failed"), QList<qint64>{idC});
        QCOMPARE(ids("verify_status=unknown"), QList<qint64>{});
        QCOMPARE(ids("poi_id=" + poiB.toUtf8()), QList<qint64>{idB});
        QCOMPARE(ids("poi_id=7000000000000000999"), QList<qint64>{idC});
        QCOMPARE(ids("q=" + orderA.value("codes").toArray().at(0).toString().toUtf8()),
                 QList<qint64>{idA});
        QCOMPARE(ids("q=" + orderB.value("order_id").toString().toUtf8()), QList<qint64>{idB});
        QCOMPARE(ids("q=" + a.data().value("certificate_id").toString().toUtf8()),
                 QList<qint64>{idA});
        QCOMPARE(ids("q=" + b.data().value("verify_id").toString().toUtf8()), QList<qint64>{idB});
        QCOMPARE(ids("q=nothing-matches"), QList<qint64>{});
        QCOMPARE(ids("from=" + today + "&to=" + today), (QList<qint64>{idC, idB, idA}));
        QCOMPARE(ids("from=" + today), (QList<qint64>{idC, idB, idA}));
        QCOMPARE(ids("to=" + yesterday), QList<qint64>{});
        QCOMPARE(ids("from=" + tomorrow), QList<qint64>{});
        QCOMPARE(ids("verify_status=success&poi_id=" + poiA.toUtf8()), QList<qint64>{idA});

        // Enrichment settles the successes; the filter follows it.
        QTRY_COMPARE_WITH_TIMEOUT(ids("enrichment_status=pending"), QList<qint64>{}, 15000);
        QCOMPARE(ids("enrichment_status=success"), (QList<qint64>{idB, idA}));
        QVERIFY(!ids("enrichment_status=failed").contains(idA));

        // Paging.
        const Answer second = list(app + "&page=2&page_size=1");
        EXPECT_ANSWER(second, 200, {});
        QCOMPARE(second.data().value("total").toInt(), 3);
        QCOMPARE(second.data().value("page").toInt(), 2);
        QCOMPARE(second.data().value("page_size").toInt(), 1);
        QCOMPARE(ids("page=2&page_size=1"), QList<qint64>{idB});
        QCOMPARE(ids("page=1&page_size=2"), (QList<qint64>{idC, idB}));
        QCOMPARE(ids("page=2&page_size=2"), QList<qint64>{idA});
        QCOMPARE(ids("page=4&page_size=1"), QList<qint64>{});
        QCOMPARE(ids("page_size=200").size(), 3);

        // The same records answer the summary; keep them for summary().
        m_reportsApp = reports;
        m_reportsPoiA = poiA;
        m_reportsPoiB = poiB;
    }

    void verificationListRejected_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QString>("field");
        // clang-format off
        QTest::newRow("page 0")                   << QByteArray("page=0") << "page";
        QTest::newRow("page not a number")        << QByteArray("page=x") << "page";
        QTest::newRow("page_size 0")              << QByteArray("page_size=0") << "page_size";
        QTest::newRow("page_size 201")            << QByteArray("page_size=201") << "page_size";
        QTest::newRow("from not a date")          << QByteArray("from=yesterday") << "from";
        QTest::newRow("from without dashes")      << QByteArray("from=20260101") << "from";
        QTest::newRow("from month 13")            << QByteArray("from=2026-13-01") << "from";
        QTest::newRow("to February 30")           << QByteArray("to=2026-02-30") << "to";
        QTest::newRow("to with a time")           << QByteArray("to=2026-01-01T00:00:00Z") << "to";
        QTest::newRow("from after to")            << QByteArray("from=2026-02-02&to=2026-02-01") << "from";
        QTest::newRow("app_id not a number")      << QByteArray("app_id=abc") << "app_id";
        QTest::newRow("verify_status unknown word") << QByteArray("verify_status=done") << "verify_status";
        QTest::newRow("enrichment_status unknown word") << QByteArray("enrichment_status=x") << "enrichment_status";
        // clang-format on
    }

    void verificationListRejected()
    {
        QFETCH(QByteArray, query);
        QFETCH(QString, field);
        const Answer answer = list(query);
        EXPECT_ANSWER(answer, 400, "invalid_request");
        EXPECT_FIELD_NAMED(answer, field);
    }

    void summary_data()
    {
        QTest::addColumn<QString>("groupBy"); // "-": parameter left out
        QTest::addColumn<QStringList>("keys");
        QTest::addColumn<QStringList>("echoed");
        QTest::addColumn<int>("rows");

        // The report app has 2 successes (poi A 1000 fen, poi B 2500 fen) and 1 failure on an
        // unknown POI, all today, products 报表甲, 报表乙 and the sandbox's default.
        // clang-format off
        QTest::newRow("default is date")  << "-" << QStringList{"date"} << QStringList{"date"} << 1;
        QTest::newRow("date")             << "date" << QStringList{"date"} << QStringList{"date"} << 1;
        QTest::newRow("poi")              << "poi" << QStringList{"poi_id"} << QStringList{"poi"} << 3;
        QTest::newRow("app")              << "app" << QStringList{"app_id", "app_name"} << QStringList{"app"} << 1;
        QTest::newRow("product")          << "product" << QStringList{"product_id", "product_name"} << QStringList{"product"} << 3;
        QTest::newRow("date,poi")         << "date,poi" << QStringList{"date", "poi_id"} << QStringList{"date", "poi"} << 3;
        QTest::newRow("app,date")         << "app,date" << QStringList{"date", "app_id", "app_name"} << QStringList{"app", "date"} << 1;
        QTest::newRow("all four")         << "date,poi,app,product" << QStringList{"date", "poi_id", "app_id", "app_name", "product_id", "product_name"} << QStringList{"date", "poi", "app", "product"} << 3;
        // clang-format on
    }

    void summary()
    {
        QFETCH(QString, groupBy);
        QFETCH(QStringList, keys);
        QFETCH(QStringList, echoed);
        QFETCH(int, rows);
        QVERIFY2(m_reportsApp.id > 0, "verificationList() sets up the report app");

        const QByteArray today = QDate::currentDate().toString(Qt::ISODate).toUtf8();
        QByteArray query =
                "from=" + today + "&to=" + today + "&app_id=" + QByteArray::number(m_reportsApp.id);
        if (groupBy != "-")
            query += "&group_by=" + groupBy.toUtf8();
        const Answer answer = send(adminCall("GET", "/v1/internal/verifications/summary", query));
        EXPECT_ANSWER(answer, 200, {});
        const QJsonObject data = answer.data();
        QCOMPARE(keysMismatch(data, {"rows", "totals", "from", "to", "group_by"}), QByteArray());
        QCOMPARE(data.value("from").toString().toUtf8(), today);
        QCOMPARE(data.value("to").toString().toUtf8(), today);
        QCOMPARE(data.value("group_by").toVariant().toStringList(), echoed);

        const QJsonObject totals = data.value("totals").toObject();
        QCOMPARE(keysMismatch(totals, SUMMARY_COUNTERS), QByteArray());
        QCOMPARE(totals.value("success_count").toInt(), 2);
        QCOMPARE(totals.value("failed_count").toInt(), 1);
        QCOMPARE(totals.value("unknown_count").toInt(), 0);
        QCOMPARE(totals.value("pay_amount").toInteger(), 3500); // successes only

        const QJsonArray found = data.value("rows").toArray();
        QCOMPARE(found.size(), rows);
        QHash<QString, qint64> sums;
        for (const QJsonValue &value : found) {
            const QJsonObject row = value.toObject();
            QCOMPARE(keysMismatch(row, keys + SUMMARY_COUNTERS), QByteArray());
            for (const QString &counter : SUMMARY_COUNTERS)
                sums[counter] += row.value(counter).toInteger();
            if (row.contains("date"))
                QCOMPARE(row.value("date").toString().toUtf8(), today);
            if (row.contains("app_id")) {
                QCOMPARE(row.value("app_id").toInteger(), m_reportsApp.id);
                QCOMPARE(row.value("app_name").toString(), m_reportsApp.name);
            }
            if (keys == QStringList{"poi_id"}) {
                const QString poi = row.value("poi_id").toString();
                const qint64 expected = poi == m_reportsPoiA ? 1000
                        : poi == m_reportsPoiB               ? 2500
                                                             : 0;
                QCOMPARE(row.value("pay_amount").toInteger(), expected);
            }
        }
        for (const QString &counter : SUMMARY_COUNTERS)
            QCOMPARE(sums.value(counter), totals.value(counter).toInteger());
    }

    void summaryRejected_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QString>("field");
        // clang-format off
        QTest::newRow("no from and to")   << QByteArray("") << "from";
        QTest::newRow("no to")            << QByteArray("from=2026-01-01") << "to";
        QTest::newRow("no from")          << QByteArray("to=2026-01-01") << "from";
        QTest::newRow("from not a date")  << QByteArray("from=1.1.2026&to=2026-01-02") << "from";
        QTest::newRow("from after to")    << QByteArray("from=2026-01-03&to=2026-01-02") << "from";
        QTest::newRow("unknown group")    << QByteArray("from=2026-01-01&to=2026-01-02&group_by=colour") << "group_by";
        QTest::newRow("empty group list") << QByteArray("from=2026-01-01&to=2026-01-02&group_by=,") << "group_by";
        QTest::newRow("bad filter")       << QByteArray("from=2026-01-01&to=2026-01-02&verify_status=ok") << "verify_status";
        // clang-format on
    }

    void summaryRejected()
    {
        QFETCH(QByteArray, query);
        QFETCH(QString, field);
        const Answer answer = send(adminCall("GET", "/v1/internal/verifications/summary", query));
        EXPECT_ANSWER(answer, 400, "invalid_request");
        EXPECT_FIELD_NAMED(answer, field);
    }

    // ------------------------------------------------------------------ admin auth, 404, 405

    void adminAuthRejected_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("authorization"); // "-": header left out
        const QByteArray good = "Bearer " + ADMIN_TOKEN;
        const QList<std::pair<QByteArray, QString>> endpoints{
                {"GET", "/v1/internal/verifications"},
                {"GET", "/v1/internal/verifications/summary"},
                {"POST", "/v1/internal/apps"},
                {"GET", "/v1/internal/apps"},
                {"PATCH", "/v1/internal/apps/1/token-access"}};
        for (const auto &[method, path] : endpoints)
            QTest::addRow("%s %s without Authorization", method.constData(), qPrintable(path))
                    << method << path << QByteArray("-");
        QTest::newRow("wrong token")
                << QByteArray("GET") << "/v1/internal/apps" << QByteArray("Bearer adm_wrong");
        QTest::newRow("token without Bearer")
                << QByteArray("GET") << "/v1/internal/apps" << ADMIN_TOKEN;
        QTest::newRow("Basic scheme") << QByteArray("GET") << "/v1/internal/apps"
                                      << "Basic " + ADMIN_TOKEN.toBase64();
        QTest::newRow("empty bearer")
                << QByteArray("GET") << "/v1/internal/apps" << QByteArray("Bearer ");
        QTest::newRow("token with a character more")
                << QByteArray("GET") << "/v1/internal/apps" << good + "x";
        QTest::newRow("token one character short")
                << QByteArray("GET") << "/v1/internal/apps" << good.chopped(1);
    }

    void adminAuthRejected()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, authorization);
        Call call{method, path, {}, {}, {}, {}};
        if (authorization != "-")
            call.setHeader("Authorization", authorization);
        if (method != "GET")
            call.body = R"({"name":"never created","allow_token_read":true})";
        const Answer answer = send(call);
        EXPECT_ANSWER(answer, 401, "invalid_admin_token");
    }

    void openEndpointsIgnoreTheAdminToken()
    {
        // The admin token is no signature.
        Call call = adminCall("GET", "/v1/open/pois");
        EXPECT_ANSWER(send(call), 401, "missing_auth_header");
    }

    void notFound_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("admin");
        // clang-format off
        QTest::newRow("unknown path")                 << QByteArray("GET") << "/nope" << false;
        QTest::newRow("root")                         << QByteArray("GET") << "/" << false;
        QTest::newRow("index.html")                   << QByteArray("GET") << "/index.html" << false;
        QTest::newRow("prefix of a route")            << QByteArray("POST") << "/v1/open/coupons" << false;
        QTest::newRow("route with a trailing slash")  << QByteArray("POST") << "/v1/open/coupons/verify/" << false;
        QTest::newRow("route in upper case")          << QByteArray("GET") << "/V1/OPEN/POIS" << false;
        QTest::newRow("app by id")                    << QByteArray("GET") << "/v1/internal/apps/1" << true;
        QTest::newRow("below token-access")           << QByteArray("PATCH") << "/v1/internal/apps/1/token-access/x" << true;
        QTest::newRow("verification by id")           << QByteArray("GET") << "/v1/internal/verifications/1" << true;
        QTest::newRow("unknown app id")               << QByteArray("PATCH") << "/v1/internal/apps/987654/token-access" << true;
        // clang-format on
    }

    void notFound()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(bool, admin);
        Call call = admin ? adminCall(method, path) : Call{method, path, {}, {}, {}, {}};
        if (method == "PATCH")
            call.body = R"({"allow_token_read":true})";
        const Answer answer = send(call);
        EXPECT_ANSWER(answer, 404, "not_found");
        QVERIFY(answer.body.startsWith('{')); // JSON, never an HTML page
        QVERIFY(!answer.body.contains("<html"));
    }

    void methodNotAllowed_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("allow");
        // clang-format off
        QTest::newRow("GET verify")             << QByteArray("GET") << "/v1/open/coupons/verify" << QStringList{"POST"};
        QTest::newRow("PUT prepare")            << QByteArray("PUT") << "/v1/open/coupons/prepare" << QStringList{"POST"};
        QTest::newRow("POST access-token")      << QByteArray("POST") << "/v1/open/douyin/access-token" << QStringList{"GET"};
        QTest::newRow("DELETE pois")            << QByteArray("DELETE") << "/v1/open/pois" << QStringList{"GET"};
        QTest::newRow("POST verifications")     << QByteArray("POST") << "/v1/internal/verifications" << QStringList{"GET"};
        QTest::newRow("DELETE summary")         << QByteArray("DELETE") << "/v1/internal/verifications/summary" << QStringList{"GET"};
        QTest::newRow("DELETE apps")            << QByteArray("DELETE") << "/v1/internal/apps" << QStringList{"GET", "POST"};
        QTest::newRow("PUT apps")               << QByteArray("PUT") << "/v1/internal/apps" << QStringList{"GET", "POST"};
        QTest::newRow("GET token-access")       << QByteArray("GET") << "/v1/internal/apps/1/token-access" << QStringList{"PATCH"};
        QTest::newRow("POST token-access")      << QByteArray("POST") << "/v1/internal/apps/1/token-access" << QStringList{"PATCH"};
        QTest::newRow("POST health")            << QByteArray("POST") << "/health" << QStringList{"GET"};
        QTest::newRow("DELETE openapi.json")    << QByteArray("DELETE") << "/openapi.json" << QStringList{"GET"};
        // clang-format on
    }

    void methodNotAllowed()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QStringList, allow);
        Call call = adminCall(method, path);
        if (method != "GET" && method != "DELETE")
            call.body = "{}";
        const Answer answer = send(call);
        EXPECT_ANSWER(answer, 405, "method_not_allowed");
        QStringList allowed;
        for (const QByteArray &name : answer.header("allow").split(','))
            allowed.append(QString::fromLatin1(name.trimmed()));
        allowed.sort();
        QCOMPARE(allowed, allow);
    }

    // ------------------------------------------------------------------ signature attacks

    void signatureAttacks_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");

        const QString bad = "invalid_signature";
        const QString missing = "missing_auth_header";
        const QString window = "timestamp_out_of_window";
        const QString replayed = "nonce_replayed";
        // Rows named "...passes" must get through authentication (GET pois → 200; the POST
        // body has no source → 400 after authentication).
        // clang-format off
        QTest::newRow("untouched GET passes")               << 200 << QString();
        QTest::newRow("untouched POST with body passes")    << 400 << "invalid_request";
        QTest::newRow("tampered body")                      << 401 << bad;
        QTest::newRow("body added to a signed GET")         << 401 << bad;
        QTest::newRow("tampered path")                      << 401 << bad;
        QTest::newRow("method changed")                     << 401 << bad;
        QTest::newRow("query order changed passes")         << 200 << QString();
        QTest::newRow("query escaped differently passes")   << 200 << QString();
        QTest::newRow("query value tampered")               << 401 << bad;
        QTest::newRow("query parameter added")              << 401 << bad;
        QTest::newRow("query parameter dropped")            << 401 << bad;
        QTest::newRow("timestamp 301 s ahead")              << 401 << window;
        QTest::newRow("timestamp 301 s behind")             << 401 << window;
        QTest::newRow("timestamp 299 s ahead passes")       << 200 << QString();
        QTest::newRow("timestamp 299 s behind passes")      << 200 << QString();
        QTest::newRow("timestamp in milliseconds")          << 401 << window;
        QTest::newRow("timestamp of 25 digits")             << 401 << window;
        QTest::newRow("timestamp negative")                 << 401 << missing;
        QTest::newRow("timestamp not decimal")              << 401 << missing;
        QTest::newRow("timestamp changed after signing")    << 401 << bad;
        QTest::newRow("replayed nonce")                     << 401 << replayed;
        QTest::newRow("nonce reused on another request")    << 401 << replayed;
        QTest::newRow("nonce of a refused request stays usable, passes") << 200 << QString();
        QTest::newRow("same nonce from another app passes") << 200 << QString();
        QTest::newRow("unknown client key")                 << 401 << "invalid_client";
        QTest::newRow("key of another app")                 << 401 << bad;
        QTest::newRow("wrong secret")                       << 401 << bad;
        QTest::newRow("disabled app")                       << 403 << "app_disabled";
        QTest::newRow("disabled app, wrong secret")         << 401 << bad;
        QTest::newRow("missing X-Client-Key")               << 401 << missing;
        QTest::newRow("missing X-Timestamp")                << 401 << missing;
        QTest::newRow("missing X-Nonce")                    << 401 << missing;
        QTest::newRow("missing X-Signature")                << 401 << missing;
        QTest::newRow("no signature headers at all")        << 401 << missing;
        QTest::newRow("non-hex signature")                  << 401 << bad;
        QTest::newRow("upper-case hex signature")           << 401 << bad;
        QTest::newRow("signature one character short")      << 401 << bad;
        QTest::newRow("signature with a character more")    << 401 << bad;
        QTest::newRow("base64 signature")                   << 401 << bad;
        QTest::newRow("signature of another request")       << 401 << bad;
        QTest::newRow("nonce of 15 characters")             << 401 << missing;
        QTest::newRow("nonce of 16 characters passes")      << 200 << QString();
        QTest::newRow("nonce of 64 characters passes")      << 200 << QString();
        QTest::newRow("nonce of 65 characters")             << 401 << missing;
        QTest::newRow("nonce with a dot")                   << 401 << missing;
        QTest::newRow("nonce with a slash")                 << 401 << missing;
        QTest::newRow("nonce with non-ASCII")               << 401 << missing;
        // clang-format on
    }

    void signatureAttacks()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        const QString attack = QString::fromLatin1(QTest::currentDataTag());

        App app = m_app;
        const bool post = attack == "untouched POST with body passes" || attack == "tampered body";
        Call call{"GET", "/v1/open/pois", "page=1&size=20", {}, {}, {}};
        if (post)
            call = Call{"POST", "/v1/open/coupons/prepare", {}, R"({"poi_id":"1"})", {}, {}};
        qint64 timestamp = nowSeconds();
        QByteArray nonce = newNonce();

        // Before signing: what the signer is given.
        if (attack.startsWith("disabled app"))
            app = m_disabledApp;
        if (attack.startsWith("timestamp 30")) {
            QVERIFY(waitForFreshSecond());
            timestamp = nowSeconds()
                    + (attack.contains("ahead") ? 1 : -1) * (attack.contains("301") ? 301 : 299);
        }
        if (attack == "timestamp in milliseconds")
            timestamp = QDateTime::currentMSecsSinceEpoch();
        if (attack == "nonce of 15 characters")
            nonce = newNonce().left(15);
        if (attack.startsWith("nonce of 16"))
            nonce = newNonce().right(16);
        if (attack.startsWith("nonce of 64"))
            nonce = QByteArray(newNonce() + newNonce()).left(64);
        if (attack == "nonce of 65 characters")
            nonce = QByteArray(newNonce() + newNonce() + newNonce()).left(65);
        if (attack == "nonce with a dot")
            nonce = newNonce().replace(2, 1, ".");
        if (attack == "nonce with a slash")
            nonce = newNonce().replace(2, 1, "/");
        if (attack == "nonce with non-ASCII")
            nonce = newNonce() + "é";
        if (attack == "wrong secret" || attack == "disabled app, wrong secret")
            app.secret = "not-the-secret";

        Call signedForm = call;
        if (attack == "tampered path")
            signedForm.path = "/v1/open/douyin/access-token";
        if (attack == "method changed")
            signedForm.method = "POST";
        if (attack == "query order changed passes")
            signedForm.query = "size=20&page=1";
        if (attack == "query escaped differently passes")
            call.query = "page=%31&size=2%30";
        sign(signedForm, app, timestamp, nonce);
        call.headers = signedForm.headers;

        // After signing: what an attacker (or a broken client) changes on the way.
        if (attack == "tampered body")
            call.body = R"({"poi_id":"2"})";
        if (attack == "body added to a signed GET")
            call.body = R"({"poi_id":"2"})";
        if (attack == "query value tampered")
            call.query = "page=2&size=20";
        if (attack == "query parameter added")
            call.query = "page=1&size=20&debug=1";
        if (attack == "query parameter dropped")
            call.query = "page=1";
        if (attack == "timestamp not decimal")
            call.setHeader("X-Timestamp", "17x0000000");
        if (attack == "timestamp of 25 digits")
            call.setHeader("X-Timestamp", "1700000000000000000000000");
        if (attack == "timestamp negative")
            call.setHeader("X-Timestamp", "-1700000000");
        if (attack == "timestamp changed after signing")
            call.setHeader("X-Timestamp", QByteArray::number(timestamp - 1));
        if (attack == "unknown client key")
            call.setHeader("X-Client-Key", "ck_does_not_exist");
        if (attack == "key of another app")
            call.setHeader("X-Client-Key", m_otherApp.key);
        if (attack.startsWith("missing "))
            call.removeHeader(attack.mid(8).toLatin1());
        if (attack == "no signature headers at all") {
            for (const char *header : {"X-Client-Key", "X-Timestamp", "X-Nonce", "X-Signature"})
                call.removeHeader(header);
        }
        const QByteArray signature = call.header("X-Signature");
        if (attack == "non-hex signature")
            call.setHeader("X-Signature", QByteArray(64, 'z'));
        if (attack == "upper-case hex signature")
            call.setHeader("X-Signature", signature.toUpper());
        if (attack == "signature one character short")
            call.setHeader("X-Signature", signature.chopped(1));
        if (attack == "signature with a character more")
            call.setHeader("X-Signature", signature + "0");
        if (attack == "base64 signature")
            call.setHeader("X-Signature", QByteArray::fromHex(signature).toBase64());
        if (attack == "signature of another request") {
            Call other = call;
            other.query = "page=2&size=20";
            sign(other, app, timestamp, nonce);
            call.setHeader("X-Signature", other.header("X-Signature"));
        }
        if (attack == "upper-case hex signature")
            QVERIFY(signature != signature.toUpper()); // a digest with no letter: vanishingly rare

        // Requests sent before the one under test.
        if (attack == "replayed nonce")
            EXPECT_ANSWER(send(call), 200, {});
        if (attack == "nonce reused on another request") {
            Call first{"GET", "/v1/open/pois", {}, {}, {}, {}};
            sign(first, app, timestamp, nonce);
            EXPECT_ANSWER(send(first), 200, {});
        }
        if (attack.startsWith("nonce of a refused request")) {
            Call refused = call;
            refused.setHeader("X-Signature", QByteArray(64, '0'));
            EXPECT_ANSWER(send(refused), 401, "invalid_signature");
        }
        if (attack.startsWith("same nonce from another app")) {
            Call first = call;
            sign(first, m_otherApp, timestamp, nonce);
            EXPECT_ANSWER(send(first), 200, {});
        }
        if (attack.startsWith("disabled app"))
            QVERIFY(m_runtime->apps()
                            ->setStatus(m_disabledApp.id, VerifierApp::Status::Disabled)
                            .ok());

        const Answer answer = send(call);

        if (attack.startsWith("disabled app"))
            QVERIFY(m_runtime->apps()
                            ->setStatus(m_disabledApp.id, VerifierApp::Status::Active)
                            .ok());
        EXPECT_ANSWER(answer, status, code);
        if (status == 401 && code.isEmpty()) {
            QVERIFY2(answer.code() == "missing_auth_header"
                             || answer.code() == "timestamp_out_of_window",
                     describe(answer).constData());
        }
        if (attack == "disabled app") {
            // Enabled again, the app works.
            EXPECT_ANSWER(send(signedCall(m_disabledApp, "GET", "/v1/open/pois")), 200, {});
        }
    }

    void rawRequestIsVerifiedAsSent_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("query");
        // Bytes on the wire exactly as written here (no client library normalises them), signed
        // by the integrator's canonical form of the same bytes.
        // clang-format off
        QTest::newRow("lower-case escapes")      << QByteArray("/v1/open/pois") << QByteArray("page=%31&size=%32%30");
        QTest::newRow("plus is a literal plus")  << QByteArray("/v1/open/pois") << QByteArray("page=1&size=20&q=a+b");
        QTest::newRow("escaped plus")            << QByteArray("/v1/open/pois") << QByteArray("page=1&size=20&q=a%2Bb");
        QTest::newRow("stray percent sign")      << QByteArray("/v1/open/pois") << QByteArray("page=1&size=20&q=50%off");
        QTest::newRow("raw UTF-8")               << QByteArray("/v1/open/pois") << QByteArray("page=1&size=20&q=中");
        QTest::newRow("escaped UTF-8")           << QByteArray("/v1/open/pois") << QByteArray("page=1&size=20&q=%e4%b8%ad");
        QTest::newRow("empty pieces")            << QByteArray("/v1/open/pois") << QByteArray("&page=1&&size=20&");
        QTest::newRow("name without =")          << QByteArray("/v1/open/pois") << QByteArray("page=1&size=20&flag");
        QTest::newRow("reserved characters raw") << QByteArray("/v1/open/pois") << QByteArray("page=1&size=20&q=a/b?c:d@e");
        QTest::newRow("repeated names")          << QByteArray("/v1/open/pois") << QByteArray("page=1&size=20&t=2&t=1");
        QTest::newRow("escaped path")            << QByteArray("/v1/open/%70ois") << QByteArray("page=1&size=20");
        // clang-format on
    }

    void rawRequestIsVerifiedAsSent()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, query);
        const QByteArray ts = QByteArray::number(nowSeconds());
        const QByteArray nonce = newNonce();
        const QByteArray signature = Integrator::signature(
                m_app.secret, Integrator::stringToSign("GET", path, query, ts, nonce, {}));
        const QByteArray head = "GET " + path + '?' + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-Client-Key: " + m_app.key + "\r\nX-Timestamp: " + ts + "\r\nX-Nonce: " + nonce
                + "\r\nX-Signature: " + signature + "\r\nX-Request-Id: rid-raw\r\n\r\n";
        const RawExchange answer = rawExchange(head, {}, 0);
        QVERIFY2(answer.status == 200, QByteArray(answer.head + "\n" + answer.body).constData());
        if (answer.status != 200)
            return; // only after the expected failure above
        QCOMPARE(answer.header("x-request-id"), QByteArray("rid-raw"));
        QCOMPARE(answer.json().value("data").toObject().value("items").toArray().size(), 3);
    }

    void integratorSignerAgreesWithTheReferenceSigner_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::newRow("README example") << QByteArray("b=2&a=1&a=0&c=%7e+x");
        QTest::newRow("reserved and non-ASCII") << QByteArray("q=%E4%B8%AD&k=/?:@&flag&&z=a%2fb");
        QTest::newRow("no query") << QByteArray();
    }

    void integratorSignerAgreesWithTheReferenceSigner()
    {
        QFETCH(QByteArray, query);
        const QByteArray body = R"({"poi_id":"1","code":"123"})";
        const QByteArray ours = Integrator::signature(
                "demo-secret",
                Integrator::stringToSign("POST", "/v1/open/coupons/verify", query, "1767225600",
                                         "n0nce-0123456789abcdef", body));
        QCOMPARE(RequestSigner::signature("demo-secret", "POST", "/v1/open/coupons/verify", query,
                                          "1767225600", "n0nce-0123456789abcdef", body),
                 ours);
        if (query.startsWith("b=2"))
            QCOMPARE(
                    ours,
                    QByteArray("fe920781a326395dfa4712ad18b6c928aea19df704bd39c7d7004fd429ac23cb"));
    }

    void nonceReplayedAfterRestart()
    {
        QTemporaryDir dir;
        auto first = startRuntime(dir.path(), false);
        QVERIFY(first);
        const QString base = apiUrl(first.get());
        const App app = createApp("restart till", false, base);
        QVERIFY(app.id > 0);
        // Not configured for Douyin: 503 proves the signature was accepted.
        Call call = signedCall(app, "GET", "/v1/open/pois");
        call.base = base;
        EXPECT_ANSWER(send(call), 503, "not_configured");
        EXPECT_ANSWER(send(call), 401, "nonce_replayed");

        first.reset(); // the process stops
        m_network.clearConnectionCache();
        auto second = startRuntime(dir.path(), false);
        QVERIFY(second);
        call.base = apiUrl(second.get());
        const Answer replay = send(call);
        EXPECT_ANSWER(replay, 401, "nonce_replayed");

        Call fresh = signedCall(app, "GET", "/v1/open/pois");
        fresh.base = call.base;
        EXPECT_ANSWER(send(fresh), 503, "not_configured");
    }

    // ------------------------------------------------------------------ 503, 429

    void notConfigured()
    {
        QTemporaryDir dir;
        auto runtime = startRuntime(dir.path(), false);
        QVERIFY(runtime);
        const QString base = apiUrl(runtime.get());
        const App app = createApp("unconfigured till", true, base);
        QVERIFY(app.id > 0);

        Call health{"GET", "/health", {}, {}, {}, base};
        const Answer state = send(health);
        EXPECT_ANSWER(state, 200, {});
        QCOMPARE(state.json.value("douyin").toObject().value("configured").toBool(true), false);

        const QByteArray body = R"({"poi_id":"7212541306826811429","code":"123456789012"})";
        const QList<Call> calls{signedCall(app, "POST", "/v1/open/coupons/verify", {}, body),
                                signedCall(app, "POST", "/v1/open/coupons/prepare", {}, body),
                                signedCall(app, "GET", "/v1/open/pois"),
                                signedCall(app, "GET", "/v1/open/douyin/access-token")};
        for (Call call : calls) {
            call.base = base;
            const Answer answer = send(call);
            EXPECT_ANSWER(answer, 503, "not_configured");
        }
        // Reports keep working.
        Call apps = adminCall("GET", "/v1/internal/verifications");
        apps.base = base;
        EXPECT_ANSWER(send(apps), 200, {});
    }

    void rateLimited()
    {
        QTemporaryDir dir;
        auto runtime = startRuntime(dir.path(), false, 1, 3); // 1/s, burst 3
        QVERIFY(runtime);
        const QString base = apiUrl(runtime.get());
        const App app = createApp("busy till", false, base);
        const App quiet = createApp("quiet till", false, base);

        // Failed authentication does not count.
        for (int i = 0; i < 5; ++i) {
            Call call = signedCall(app, "GET", "/v1/open/pois");
            call.base = base;
            call.setHeader("X-Signature", QByteArray(64, '0'));
            EXPECT_ANSWER(send(call), 401, "invalid_signature");
        }

        // Eight signed requests at once; 503 (not configured) means the limiter let it through.
        QElapsedTimer clock;
        clock.start();
        std::vector<std::unique_ptr<QNetworkReply>> replies;
        QList<QByteArray> ids;
        for (int i = 0; i < 8; ++i) {
            Call call = signedCall(app, "GET", "/v1/open/pois");
            call.base = base;
            QByteArray id;
            replies.emplace_back(m_network.sendCustomRequest(networkRequest(call, &id), "GET"));
            ids.append(id);
        }
        int passed = 0;
        int limited = 0;
        for (size_t i = 0; i < replies.size(); ++i) {
            const Answer answer = collect(replies[i].get(), ids.at(qsizetype(i)));
            if (answer.status == 429) {
                ++limited;
                EXPECT_ANSWER(answer, 429, "rate_limited");
                const QByteArray retryAfter = answer.header("retry-after");
                bool whole = false;
                QVERIFY2(retryAfter.toInt(&whole) >= 1 && whole, retryAfter.constData());
            } else {
                ++passed;
                EXPECT_ANSWER(answer, 503, "not_configured");
            }
        }
        const qint64 elapsedSeconds = clock.elapsed() / 1000;
        QVERIFY2(passed >= 3 && passed <= 3 + elapsedSeconds + 1,
                 qPrintable(QString("%1 passed in %2 ms").arg(passed).arg(clock.elapsed())));
        QCOMPARE(passed + limited, 8);
        QVERIFY(limited >= 1);

        // The limit is per app.
        Call other = signedCall(quiet, "GET", "/v1/open/pois");
        other.base = base;
        EXPECT_ANSWER(send(other), 503, "not_configured");
    }

    // ------------------------------------------------------------------ 413

    void payloadTooLarge_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<qint64>("bodySize");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        // An unsigned request: 401 proves the body was accepted and read.
        QTest::newRow("exactly 64 KiB is read") << QByteArray("Content-Length: 65536\r\n")
                                                << qint64(65536) << 401 << "missing_auth_header";
        QTest::newRow("one byte over 64 KiB") << QByteArray("Content-Length: 65537\r\n")
                                              << qint64(65537) << 413 << "payload_too_large";
        QTest::newRow("1 MiB") << QByteArray("Content-Length: 1048576\r\n") << qint64(1 << 20)
                               << 413 << "payload_too_large";
        QTest::newRow("declared 100 MB, nothing sent")
                << QByteArray("Content-Length: 104857600\r\n") << qint64(0) << 413
                << "payload_too_large";
        QTest::newRow("Content-Length not a number") << QByteArray("Content-Length: lots\r\n")
                                                     << qint64(0) << 413 << "payload_too_large";
        QTest::newRow("chunked") << QByteArray("Transfer-Encoding: chunked\r\n") << qint64(0) << 413
                                 << "payload_too_large";
    }

    void payloadTooLarge()
    {
        QFETCH(QByteArray, headers);
        QFETCH(qint64, bodySize);
        QFETCH(int, status);
        QFETCH(QString, code);
        const QByteArray requestId = "rid-413-" + QByteArray::number(++m_requestCounter);
        const QByteArray head = "POST /v1/open/coupons/verify HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                "Content-Type: application/json\r\nX-Request-Id: "
                + requestId + "\r\n" + headers + "\r\n";
        const RawExchange answer = rawExchange(head, {}, bodySize);
        if (status == 413 && answer.status == 0 && bodySize > 0) {
            // API.md allows closing instead: the gateway answered 413 and closed while this
            // client was still sending, so the kernel reset the connection under the answer.
            qInfo("%s: connection closed (socket error %d) after %lld of %lld body bytes",
                  QTest::currentDataTag(), int(answer.socketError), answer.bodyBytesSent, bodySize);
            QVERIFY(answer.connectionClosed);
            QVERIFY(answer.bodyBytesSent < bodySize);
            EXPECT_ANSWER(send(Call{"GET", "/health", {}, {}, {}, {}}), 200, {});
            return;
        }
        QCOMPARE(answer.status, status);
        QVERIFY(answer.header("content-type").startsWith("application/json"));
        QCOMPARE(answer.json().value("error").toObject().value("code").toString(), code);
        QVERIFY(!answer.header("x-request-id").isEmpty());
        if (status == 413) {
            QCOMPARE(
                    answer.json().value("error").toObject().value("request_id").toString().toUtf8(),
                    answer.header("x-request-id"));
        }
        QCOMPARE(answer.header("x-request-id"), requestId);
        // The gateway is still there.
        EXPECT_ANSWER(send(Call{"GET", "/health", {}, {}, {}, {}}), 200, {});
    }

    void hundredMegabyteBodyIsRefusedWithoutBuffering()
    {
        constexpr qint64 SIZE = 100 * 1000 * 1000;
        EXPECT_ANSWER(send(Call{"GET", "/health", {}, {}, {}, {}}), 200, {}); // warm up
        const qint64 before = statusKb("VmRSS");
        QVERIFY(before > 0);
        const bool peakReset = resetPeakRss();

        GeneratedBody body(SIZE);
        QNetworkRequest request(QUrl(m_api + "/v1/open/coupons/verify"));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        request.setHeader(QNetworkRequest::ContentLengthHeader, SIZE);
        request.setRawHeader("X-Request-Id", "rid-100mb");
        qint64 sampledPeak = before;
        std::unique_ptr<QNetworkReply> reply(m_network.post(request, &body));
        connect(reply.get(), &QNetworkReply::uploadProgress, this,
                [&] { sampledPeak = qMax(sampledPeak, statusKb("VmRSS")); });
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            QVERIFY(finished.wait(WAIT_MS));
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        const qint64 after = statusKb("VmRSS");
        sampledPeak = qMax(sampledPeak, after);
        const qint64 peak = peakReset ? statusKb("VmHWM") : sampledPeak;

        qInfo("100 MB body: HTTP %d, network error %d, %lld of %lld bytes produced by the client",
              status, int(reply->error()), body.produced(), SIZE);
        qInfo("VmRSS before %lld KiB, after %lld KiB (%+lld KiB); peak %lld KiB (%+lld KiB, %s)",
              before, after, after - before, peak, peak - before,
              peakReset ? "VmHWM after clear_refs" : "sampled on upload progress");

        // API.md: 413, or the connection is closed before the body is read.
        if (reply->error() == QNetworkReply::NoError || status != 0) {
            QCOMPARE(status, 413);
            QCOMPARE(answer.value("error").toObject().value("code").toString(),
                     QString("payload_too_large"));
        }
        QVERIFY2(body.produced() < SIZE, "the whole body was taken");
        QVERIFY2(after - before < 8 * 1024, "RSS grew by 8 MiB or more");
        QVERIFY2(peak - before < 16 * 1024, "RSS peaked 16 MiB or more above the start");
        EXPECT_ANSWER(send(Call{"GET", "/health", {}, {}, {}, {}}), 200, {});
    }

    void requestHeadInPiecesIsStillLimited()
    {
        // The same refusal when the head arrives in two TCP segments, the Content-Length line in
        // the first. A client cannot be made to send its head in one piece.
        constexpr qint64 SIZE = 16 * 1024 * 1024;
        const qint64 before = statusKb("VmRSS");
        const bool peakReset = resetPeakRss();
        const RawExchange answer = rawExchange(
                "POST /v1/open/coupons/verify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                        + QByteArray::number(SIZE) + "\r\n",
                "Content-Type: application/json\r\nX-Request-Id: rid-pieces\r\n\r\n", SIZE);
        const qint64 after = statusKb("VmRSS");
        const qint64 peak = peakReset ? statusKb("VmHWM") : after;
        qInfo("head in two pieces, %lld MiB body: HTTP %d after %lld bytes; VmRSS %lld -> %lld "
              "KiB, "
              "peak %lld KiB (%+lld KiB)",
              SIZE >> 20, answer.status, answer.bodyBytesSent, before, after, peak, peak - before);
        EXPECT_ANSWER(send(Call{"GET", "/health", {}, {}, {}, {}}), 200, {});
        QVERIFY2(answer.status == 413 || (answer.connectionClosed && answer.bodyBytesSent < SIZE),
                 qPrintable(QString("HTTP %1 after the whole body").arg(answer.status)));
        QVERIFY2(peak - before < 16 * 1024,
                 qPrintable(QString("RSS peaked %1 KiB above the start").arg(peak - before)));
    }

    // ------------------------------------------------------------------ robustness

    void clientsLeavingWhileVerifyIsInFlight()
    {
        // Douyin answers verify slowly; the clients give up meanwhile.
        constexpr int CLIENTS = 4;
        QList<QJsonObject> orders;
        for (int i = 0; i < CLIENTS; ++i)
            orders.append(mintOrder(1));
        fault("verify", "delay", CLIENTS, {{"delay_ms", 1500}});
        const int verifies = stat("verify");

        std::vector<std::unique_ptr<QNetworkReply>> replies;
        for (const QJsonObject &order : std::as_const(orders)) {
            Call call = signedCall(m_app, "POST", "/v1/open/coupons/verify", {},
                                   json({{"poi_id", order.value("poi_id")},
                                         {"code", order.value("codes").toArray().at(0)}}));
            QByteArray id;
            replies.emplace_back(
                    m_network.sendCustomRequest(networkRequest(call, &id), "POST", call.body));
        }
        // Every verify has reached Douyin: the gateway waits for the delayed answers.
        QTRY_COMPARE_WITH_TIMEOUT(stat("verify") - verifies, CLIENTS, 10000);
        for (const auto &reply : replies) {
            QVERIFY(!reply->isFinished());
            reply->abort();
        }
        replies.clear();

        EXPECT_ANSWER(send(Call{"GET", "/health", {}, {}, {}, {}}), 200, {});
        for (const QJsonObject &order : std::as_const(orders)) {
            const QByteArray q = "q=" + order.value("codes").toArray().at(0).toString().toUtf8();
            QTRY_COMPARE_WITH_TIMEOUT(list(q).data()
                                              .value("items")
                                              .toArray()
                                              .at(0)
                                              .toObject()
                                              .value("verify_status")
                                              .toString(),
                                      QString("success"), 10000);
        }
        for (const QJsonObject &order : std::as_const(orders))
            QCOMPARE(certificateStatuses(order.value("order_id").toString()), QList<int>{VERIFIED});
        // Still serving signed requests.
        EXPECT_ANSWER(send(signedCall(m_app, "GET", "/v1/open/pois")), 200, {});
    }

    void clientLeavingWhilePrepareIsInFlight()
    {
        const QJsonObject order = mintOrder(1);
        fault("prepare", "delay", 1, {{"delay_ms", 1000}});
        const int prepares = stat("prepare");
        Call call = signedCall(m_app, "POST", "/v1/open/coupons/verify", {},
                               json({{"poi_id", order.value("poi_id")},
                                     {"code", order.value("codes").toArray().at(0)}}));
        QByteArray id;
        std::unique_ptr<QNetworkReply> reply(
                m_network.sendCustomRequest(networkRequest(call, &id), "POST", call.body));
        QTRY_COMPARE_WITH_TIMEOUT(stat("prepare") - prepares, 1, 10000);
        reply->abort();
        reply.reset();
        EXPECT_ANSWER(send(Call{"GET", "/health", {}, {}, {}, {}}), 200, {});
        // The verification goes on without its client and is recorded.
        const QByteArray q = "q=" + order.value("codes").toArray().at(0).toString().toUtf8();
        QTRY_COMPARE_WITH_TIMEOUT(list(q).data()
                                          .value("items")
                                          .toArray()
                                          .at(0)
                                          .toObject()
                                          .value("verify_status")
                                          .toString(),
                                  QString("success"), 10000);
    }

    void fiveHundredConcurrentConnections()
    {
        // 500 connections open at the same time, then 500 requests on them at once: half
        // /health, half signed GET /v1/open/pois. Connecting is paced (at most 32 handshakes
        // pending) so the listen backlog does not drop SYNs; the requests are not.
        constexpr int CONNECTIONS = 500;
        constexpr int PENDING_HANDSHAKES = 32;
        struct Client
        {
            std::unique_ptr<QTcpSocket> socket;
            QByteArray request;
            QByteArray received;
            QByteArray requestId;
            RawExchange answer;
            bool done = false;
        };
        int connected = 0;
        int started = 0;
        int done = 0;
        std::vector<Client> clients(CONNECTIONS);
        const QUrl api(m_api);
        const auto connectNext = [&] {
            while (started < CONNECTIONS && started - connected < PENDING_HANDSHAKES)
                clients[size_t(started++)].socket->connectToHost(api.host(), quint16(api.port()));
        };
        for (int i = 0; i < CONNECTIONS; ++i) {
            Client &client = clients[size_t(i)];
            client.requestId = "rid-c" + QByteArray::number(i);
            QByteArray head;
            if (i % 2 == 0) {
                head = "GET /health HTTP/1.1\r\n";
            } else {
                const Call call = signedCall(m_app, "GET", "/v1/open/pois", "page=1&size=20");
                head = "GET /v1/open/pois?page=1&size=20 HTTP/1.1\r\n";
                for (const auto &[name, value] : call.headers)
                    head += name + ": " + value + "\r\n";
            }
            client.request = head + "Host: 127.0.0.1\r\nX-Request-Id: " + client.requestId
                    + "\r\nConnection: close\r\n\r\n";
            client.socket = std::make_unique<QTcpSocket>();
            QTcpSocket *socket = client.socket.get();
            connect(socket, &QTcpSocket::connected, this, [&connected, &connectNext] {
                ++connected;
                connectNext();
            });
            connect(socket, &QTcpSocket::readyRead, this, [socket, &client, &done] {
                client.received += socket->readAll();
                if (!client.done && parseResponse(client.received, client.answer)) {
                    client.done = true;
                    ++done;
                    socket->close();
                }
            });
        }
        QElapsedTimer clock;
        clock.start();
        connectNext();
        QTRY_COMPARE_WITH_TIMEOUT(connected, CONNECTIONS, 30000);
        const qint64 connectMs = clock.restart();
        for (Client &client : clients)
            client.socket->write(client.request);
        QTRY_COMPARE_WITH_TIMEOUT(done, CONNECTIONS, 30000);
        qInfo("%d connections open after %lld ms; all %d requests answered %lld ms after sending",
              CONNECTIONS, connectMs, CONNECTIONS, clock.elapsed());
        for (const Client &client : clients) {
            QCOMPARE(client.answer.status, 200);
            QCOMPARE(client.answer.header("x-request-id"), client.requestId);
        }
        EXPECT_ANSWER(send(Call{"GET", "/health", {}, {}, {}, {}}), 200, {});
    }

    void cleanupTestCase() { m_runtime.reset(); }

private:
    // Sends head (in two writes with a round trip between them when secondHead is set), then
    // bodySize bytes paced by what the socket has written, and reads the answer. Stops sending
    // when the gateway answers or closes.
    RawExchange rawExchange(const QByteArray &head, const QByteArray &secondHead, qint64 bodySize)
    {
        RawExchange result;
        const QUrl api(m_api);
        QTcpSocket socket;
        QByteArray received;
        bool answered = false;
        connect(&socket, &QTcpSocket::readyRead, this, [&] {
            received += socket.readAll();
            answered = answered || parseResponse(received, result);
        });
        connect(&socket, &QTcpSocket::disconnected, this, [&] { result.connectionClosed = true; });
        connect(&socket, &QTcpSocket::errorOccurred, this, [&](QAbstractSocket::SocketError error) {
            result.socketError = error;
            result.connectionClosed = true;
        });
        socket.connectToHost(api.host(), quint16(api.port()));
        if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; },
                             WAIT_MS))
            return result;
        socket.write(head);
        if (!secondHead.isEmpty()) {
            // Let the gateway read the first piece on its own before the rest arrives.
            if (!QTest::qWaitFor([&] { return socket.bytesToWrite() == 0; }, WAIT_MS))
                qWarning("the first piece of the head was not written");
            (void)send(Call{"GET", "/health", {}, {}, {}, {}});
            socket.write(secondHead);
        }
        const QByteArray chunk(64 * 1024, 'x');
        const auto pump = [&] {
            while (!answered && !result.connectionClosed && result.bodyBytesSent < bodySize
                   && socket.bytesToWrite() < 4 * chunk.size()
                   && socket.state() == QAbstractSocket::ConnectedState) {
                const qint64 n = qMin<qint64>(chunk.size(), bodySize - result.bodyBytesSent);
                socket.write(chunk.constData(), n);
                result.bodyBytesSent += n;
            }
        };
        connect(&socket, &QTcpSocket::bytesWritten, this, pump);
        pump();
        if (!QTest::qWaitFor(
                    [&] {
                        return answered || result.connectionClosed
                                || socket.state() != QAbstractSocket::ConnectedState;
                    },
                    WAIT_MS))
            qWarning("no answer and no close within %d ms", WAIT_MS);
        // An answer may still be on its way after the last write.
        if (!answered && socket.state() == QAbstractSocket::ConnectedState)
            result.connectionClosed =
                    QTest::qWaitFor([&] { return answered || result.connectionClosed; }, 2000)
                    && result.connectionClosed;
        socket.disconnect(this);
        return result;
    }

    App m_reportsApp;
    QString m_reportsPoiA;
    QString m_reportsPoiB;
};

QTEST_GUILESS_MAIN(tst_ApiRoutes)
#include "tst_apiroutes.moc"
