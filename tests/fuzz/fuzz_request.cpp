// libFuzzer target over the LAN API's whole request path. A gateway runs in this process
// (every core object the headless gateway builds, Douyin left unconfigured so nothing leaves
// the machine) and each input becomes one request on a new loopback connection: the request
// head goes through LimitedTcpServer and QHttpServer, the signature headers through
// RequestAuthenticator, the JSON body through the route's validation. Douyin's answers and
// the small parsers are fed directly, as no sandbox answers here.
//
// Input: byte 0 picks the mode, the rest is split on 0x00 bytes into the pieces a mode takes.
//   0 raw bytes, sent as they are
//   1 an open endpoint, correctly signed: selector, query, body, extra header lines, then
//     optional replacements for X-Client-Key, X-Timestamp, X-Nonce, X-Signature
//   2 an internal endpoint with the admin token: selector, query or path argument, body,
//     extra header lines, optional replacement for Authorization
//   3 a Douyin answer, through every DouyinJson reader
//   4 a query, scanned text, listen address and short link, through their parsers
#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

#include "core/api/admintoken.h"
#include "core/api/apiroutes.h"
#include "core/api/lanapiserver.h"
#include "core/api/noncestore.h"
#include "core/api/requestauthenticator.h"
#include "core/api/requestsigner.h"
#include "core/config/hostport.h"
#include "core/crypto/secretbox.h"
#include "core/douyin/douyinclient.h"
#include "core/douyin/douyinjson.h"
#include "core/douyin/douyinplatform.h"
#include "core/douyin/poidirectory.h"
#include "core/douyin/shortlinkresolver.h"
#include "core/scan/scanpayload.h"
#include "core/store/apprepository.h"
#include "core/store/database.h"
#include "core/verify/verificationservice.h"

namespace {

constexpr char ADMIN_TOKEN[] = "fuzz-admin-token-0123456789";
// A request that is neither answered nor closed within this is given up on, not reported:
// the gateway may legitimately wait for the rest of a body that never comes.
constexpr int ANSWER_TIMEOUT_MS = 2000;

// The objects GatewayRuntime::startComponents builds for the API, in the same order. Never
// destroyed: libFuzzer ends the process with exit(), and a static pointer keeps LeakSanitizer
// from calling any of it a leak.
struct Gateway
{
    QTemporaryDir dir;
    std::unique_ptr<SecretBox> box;
    std::unique_ptr<Database> database;
    std::unique_ptr<DouyinClient> douyin;
    std::unique_ptr<DouyinPlatform> douyinPlatform;
    std::unique_ptr<PoiDirectory> pois;
    std::unique_ptr<VerificationService> engine;
    std::unique_ptr<AppRepository> apps;
    std::unique_ptr<AdminToken> adminToken;
    std::unique_ptr<NonceStore> nonces;
    std::unique_ptr<RequestAuthenticator> authenticator;
    std::unique_ptr<LanApiServer> api;
    std::unique_ptr<ApiRoutes> routes;
    quint16 port = 0;
    QByteArray clientKey;
    QByteArray clientSecret;
    quint64 nonceCounter = 0;
};

Gateway *s_gateway = nullptr;

[[noreturn]] void die(const char *what, const QString &why)
{
    fprintf(stderr, "fuzz_request: %s: %s\n", what, qPrintable(why));
    std::abort();
}

void startStorage(Gateway &g)
{
    if (!g.dir.isValid())
        die("temporary dir", g.dir.errorString());
    auto box = SecretBox::openOrCreate(g.dir.path());
    if (!box.ok())
        die("secret box", box.error().message);
    g.box = std::make_unique<SecretBox>(box.value());
    auto database = Database::openInDir(g.dir.path());
    if (!database.ok())
        die("database", database.error().message);
    g.database = std::move(database).value();
    auto nonces = NonceStore::open(g.database->filePath());
    if (!nonces.ok())
        die("nonce store", nonces.error().message);
    g.nonces = std::move(nonces).value();
}

void startEngine(Gateway &g)
{
    g.douyin = std::make_unique<DouyinClient>();
    g.pois = std::make_unique<PoiDirectory>(g.douyin.get());
    g.douyinPlatform = std::make_unique<DouyinPlatform>(g.douyin.get());
    g.engine = std::make_unique<VerificationService>(
            g.database.get(), QList<CouponPlatform *>{g.douyinPlatform.get()});
    g.engine->start();
}

void startApi(Gateway &g)
{
    g.apps = std::make_unique<AppRepository>(g.database.get(), g.box.get());
    g.adminToken = std::make_unique<AdminToken>(g.database.get());
    if (const auto admin = g.adminToken->ensure(QString::fromLatin1(ADMIN_TOKEN)); !admin.ok())
        die("admin token", admin.error().message);
    // Rate limit 0 is off: the fuzzer's request rate must not turn every answer into a 429.
    g.authenticator = std::make_unique<RequestAuthenticator>(g.apps.get(), g.nonces.get());
    g.authenticator->setRateLimits(0, 1);
    g.api = std::make_unique<LanApiServer>(g.database.get());
    g.routes = std::make_unique<ApiRoutes>(
            g.api.get(),
            ApiRoutes::Services{g.engine.get(), g.apps.get(), g.authenticator.get(),
                                g.adminToken.get(), g.douyin.get(), g.pois.get()});
    const auto listening = g.api->listen(HostPort{QStringLiteral("127.0.0.1"), 0});
    if (!listening.ok())
        die("listen", listening.error().message);
    g.port = listening.value().port;
    // Allowed to read the token, so the access-token route gets past its permission check.
    const auto created = g.apps->create(QStringLiteral("fuzz"), true);
    if (!created.ok())
        die("app", created.error().message);
    g.clientKey = created.value().app.clientKey.toUtf8();
    g.clientSecret = created.value().clientSecret.toUtf8();
}

// Sends one request on a new connection, then closes the sending side so that a request
// cut short ends too, and waits until the gateway has answered and closed the connection.
// The answer is not checked: what is looked for is a crash, a leak or undefined behaviour.
void exchange(const QByteArray &request)
{
    QTcpSocket socket;
    QEventLoop loop;
    QObject::connect(&socket, &QTcpSocket::connected, &socket, [&socket, &request] {
        // Without it, Nagle and delayed ACKs hold each request back ~40 ms.
        socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        socket.write(request);
    });
    QObject::connect(&socket, &QTcpSocket::bytesWritten, &socket, [&socket] {
        if (socket.bytesToWrite() == 0)
            ::shutdown(int(socket.socketDescriptor()), SHUT_WR);
    });
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&socket] { socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(ANSWER_TIMEOUT_MS, &loop, &QEventLoop::quit);
    socket.connectToHost(QHostAddress::LocalHost, s_gateway->port);
    loop.exec();
    socket.abort();
    // Late answers and the server side's deleteLater()s run now, not in the next input's
    // turn: a crash is then reported with the input that caused it.
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

QByteArray head(const QByteArray &method, const QByteArray &target, const QByteArray &headers,
                const QByteArray &body)
{
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers;
    if (!body.isEmpty() || method != "GET")
        request += "Content-Type: application/json\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n";
    return request + "\r\n" + body;
}

QByteArray headerLine(const QByteArray &name, const QByteArray &value)
{
    return name + ": " + value + "\r\n";
}

// Extra header lines from the input, so that Idempotency-Key, X-Request-Id, a second
// Content-Length and the like get into the request; a piece without a line end gets one.
QByteArray extraHeaders(const QByteArray &piece)
{
    if (piece.isEmpty() || piece.endsWith("\r\n"))
        return piece;
    return piece + "\r\n";
}

// The first byte of the first piece picks among `count` choices.
int choice(const QList<QByteArray> &pieces, int count)
{
    const QByteArray first = pieces.value(0);
    return first.isEmpty() ? 0 : quint8(first.at(0)) % count;
}

struct Endpoint
{
    const char *method;
    const char *path;
};

constexpr Endpoint OPEN_ENDPOINTS[] = {
        {"POST", "/v1/open/coupons/verify"},
        {"POST", "/v1/open/coupons/prepare"},
        {"GET", "/v1/open/douyin/access-token"},
        {"GET", "/v1/open/pois"},
};

void sendOpen(const QList<QByteArray> &pieces)
{
    const Endpoint &endpoint = OPEN_ENDPOINTS[choice(pieces, int(std::size(OPEN_ENDPOINTS)))];
    const QByteArray method = endpoint.method;
    const QByteArray path = endpoint.path;
    const QByteArray query = pieces.value(1);
    const QByteArray body = pieces.value(2);
    // A fresh nonce and the current time: a valid signature gets the request to its route.
    const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    const QByteArray nonce =
            "fuzz-nonce-" + QByteArray::number(++s_gateway->nonceCounter).rightJustified(12, '0');
    const QByteArray signature = RequestSigner::signature(s_gateway->clientSecret, method, path,
                                                          query, timestamp, nonce, body);
    const auto piece = [&pieces](int index, const QByteArray &otherwise) {
        return pieces.size() > index ? pieces.at(index) : otherwise;
    };
    const QByteArray headers = extraHeaders(pieces.value(3))
            + headerLine("X-Client-Key", piece(4, s_gateway->clientKey))
            + headerLine("X-Timestamp", piece(5, timestamp))
            + headerLine("X-Nonce", piece(6, nonce))
            + headerLine("X-Signature", piece(7, signature));
    const QByteArray target = query.isEmpty() ? path : path + '?' + query;
    exchange(head(method, target, headers, body));
}

void sendInternal(const QList<QByteArray> &pieces)
{
    const QByteArray argument = pieces.value(1);
    const QByteArray body = pieces.value(2);
    const QByteArray query = argument.isEmpty() ? QByteArray() : '?' + argument;
    QByteArray method = "GET";
    QByteArray target;
    switch (choice(pieces, 7)) {
    case 0:
        target = "/v1/internal/verifications" + query;
        break;
    case 1:
        target = "/v1/internal/verifications/summary" + query;
        break;
    case 2:
        method = "POST";
        target = "/v1/internal/apps";
        break;
    case 3:
        target = "/v1/internal/apps";
        break;
    case 4:
        method = "PATCH";
        target = "/v1/internal/apps/" + argument + "/token-access";
        break;
    case 5:
        target = "/openapi.json";
        break;
    default:
        target = "/health" + query;
        break;
    }
    const QByteArray authorization =
            pieces.size() > 4 ? pieces.at(4) : QByteArray("Bearer ") + ADMIN_TOKEN;
    exchange(head(method, target,
                  extraHeaders(pieces.value(3)) + headerLine("Authorization", authorization),
                  body));
}

void readDouyinAnswer(const QByteArray &body)
{
    const auto envelope = DouyinJson::envelope(body);
    if (!envelope.ok())
        return;
    (void)DouyinJson::prepare(envelope.value());
    (void)DouyinJson::verify(envelope.value());
    (void)DouyinJson::certificateGet(envelope.value());
    (void)DouyinJson::certificateQuery(envelope.value());
    (void)DouyinJson::orderQuery(envelope.value());
    (void)DouyinJson::poiQuery(envelope.value());
    (void)DouyinJson::clientToken(envelope.value());
}

void parseTexts(const QList<QByteArray> &pieces)
{
    const QByteArray query = pieces.value(0);
    const QByteArray canonical = RequestSigner::canonicalQuery(query);
    // Canonical form is a fixed point: signing must not depend on how often it is applied.
    if (RequestSigner::canonicalQuery(canonical) != canonical)
        __builtin_trap();
    const QString text = QString::fromUtf8(pieces.value(1));
    (void)ScanPayload::classify(text);
    (void)HostPort::parse(text);
    if (ShortLinkResolver::looksLikeLink(text))
        (void)ShortLinkResolver::objectIdOf(QUrl(text));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // The gateway's own logging would be most of the run time; qFatal still aborts.
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
    new QCoreApplication(*argc, *argv);
    s_gateway = new Gateway;
    startStorage(*s_gateway);
    startEngine(*s_gateway);
    startApi(*s_gateway);
    std::atexit([] { QDir(s_gateway->dir.path()).removeRecursively(); });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    switch (data[0] % 5) {
    case 0:
        exchange(input);
        break;
    case 1:
        sendOpen(input.split('\0'));
        break;
    case 2:
        sendInternal(input.split('\0'));
        break;
    case 3:
        readDouyinAnswer(input);
        break;
    default:
        parseTexts(input.split('\0'));
        break;
    }
    return 0;
}
