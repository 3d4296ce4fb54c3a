#include <memory>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include "tests/common/demoapi.h"
#include "tests/common/demoruntime.h"
#include "tests/common/lanclient.h"
#include "tests/common/sandboxcontrol.h"
#include "tests/common/signedget.h"
#include "tests/common/wholeanswer.h"

#include "core/api/eventstream.h"
#include "core/api/lanapiserver.h"
#include "core/reconcile/reconciliationservice.h"
#include "core/runtime/gatewayruntime.h"
#include "core/sandbox/sandboxserver.h"

// GET /v1/open/events (API.md, Extensions → Operations) against a demo gateway over real
// loopback: a QWebSocket reader sees every record change of 100 verifications made through the
// API, in the order the engine reported them; refused upgrades are plain HTTP errors (never a
// 101); a reader that stops reading is dropped while /health keeps answering; pings go out.
namespace {

const QByteArray ADMIN_TOKEN = "adm_eventstreamtests_0123456789abcdefghij";
const QByteArray WS_HEADERS = "Connection: Upgrade\r\nUpgrade: websocket\r\n"
                              "Sec-WebSocket-Version: 13\r\n"
                              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

// Collects a QWebSocket's text messages as JSON objects.
struct Reader
{
    QWebSocket socket;
    QList<QJsonObject> messages;

    Reader()
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
                         [this](const QString &text) {
                             messages.append(QJsonDocument::fromJson(text.toUtf8()).object());
                         });
    }
};

// Sends raw bytes on a fresh connection and returns everything the server sent until it
// closed the connection or a whole answer came (a 101's head: that connection stays open), or
// 15 s passed.
QByteArray exchange(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    QByteArray received;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket,
                     [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(15000))
        return {};
    socket.write(request);
    QTest::qWaitFor(
            [&] {
                return socket.state() == QAbstractSocket::UnconnectedState
                        || isWholeHttpAnswer(received);
            },
            15000);
    return received;
}

QJsonObject bodyOf(const QByteArray &answer)
{
    return QJsonDocument::fromJson(answer.mid(answer.indexOf("\r\n\r\n") + 4)).object();
}

} // namespace

class tst_EventStream : public QObject
{
    Q_OBJECT

private:
    quint16 port() const { return m_runtime->api()->address().port; }

    QNetworkRequest eventsRequest() const
    {
        QNetworkRequest request(
                QUrl(QStringLiteral("ws://127.0.0.1:%1/v1/open/events").arg(port())));
        for (const auto &header : signedGetHeaders(m_app.key, m_app.secret, "/v1/open/events"))
            request.setRawHeader(header.first, header.second);
        return request;
    }

    bool open(Reader &reader, const QNetworkRequest &request)
    {
        QSignalSpy connected(&reader.socket, &QWebSocket::connected);
        reader.socket.open(request);
        return connected.wait(15000);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<GatewayRuntime> m_runtime;
    SandboxControl m_control;
    LanClient m_app;

private slots:
    void initTestCase()
    {
        m_runtime = startDemoApi(m_dir.path(), ADMIN_TOKEN, m_control, m_app,
                                 QStringLiteral("kitchen display"));
        QVERIFY(m_runtime);
    }

    void everyChangeOfAHundredVerificationsInOrder()
    {
        Reader reader;
        QVERIFY(open(reader, eventsRequest()));
        QTRY_COMPARE_WITH_TIMEOUT(m_runtime->events()->readerCount(), 1, 15000);
        // Every change the engine reports (inserts, answers, enrichment), and nothing else.
        QList<QPair<qint64, QString>> reported;
        QObject collecting; // the connection ends with this function, however it ends
        connect(m_runtime.get(), &GatewayRuntime::recordsChanged, &collecting,
                [&reported](const QList<VerificationRecord> &records) {
                    for (const VerificationRecord &record : records)
                        reported.append(
                                {record.id, VerificationRecord::toString(record.verifyStatus)});
                });
        QList<qint64> verified;
        for (int i = 0; i < 100; ++i) {
            const QJsonObject minted = m_control.mintOrder(1);
            const LanClient::Reply reply =
                    m_app.post("/v1/open/coupons/verify",
                               {{"poi_id", minted.value("poi_id")},
                                {"code", minted.value("codes").toArray().first()}});
            QCOMPARE(reply.status, 200);
            verified.append(reply.json.value("data").toObject().value("id").toInteger());
        }
        QTRY_COMPARE_WITH_TIMEOUT(reader.messages.size(), reported.size(), 15000);
        QList<QPair<qint64, QString>> seen;
        QHash<qint64, QStringList> types;
        for (const QJsonObject &message : std::as_const(reader.messages)) {
            const QJsonObject view = message.value("data").toObject();
            seen.append({view.value("id").toInteger(), view.value("verify_status").toString()});
            types[view.value("id").toInteger()].append(message.value("type").toString());
            QVERIFY(view.contains("certificate_id") && view.contains("enrichment_status"));
        }
        QCOMPARE(seen, reported);
        for (const qint64 id : std::as_const(verified)) {
            const QStringList &of = types.value(id);
            QVERIFY2(of.size() >= 2, qPrintable(QString::number(id)));
            QCOMPARE(of.first(), "verification.created");
            QVERIFY(!of.mid(1).contains("verification.created"));
        }
        // The created messages come in the order the verifications were made.
        QList<qint64> createdOrder;
        for (const QJsonObject &message : std::as_const(reader.messages)) {
            if (message.value("type") == "verification.created")
                createdOrder.append(message.value("data").toObject().value("id").toInteger());
        }
        QCOMPARE(createdOrder, verified);
        // The last word on each is its success.
        QHash<qint64, QString> last;
        for (const auto &[id, status] : std::as_const(seen))
            last.insert(id, status);
        for (const qint64 id : std::as_const(verified))
            QCOMPARE(last.value(id), "success");
    }

    void theAdminTokenOpensIt()
    {
        Reader reader;
        QNetworkRequest request(
                QUrl(QStringLiteral("ws://127.0.0.1:%1/v1/open/events").arg(port())));
        request.setRawHeader("Authorization", "Bearer " + ADMIN_TOKEN);
        QVERIFY(open(reader, request));
    }

    void aSettlementIsAnUpdate()
    {
        Reader reader;
        QVERIFY(open(reader, eventsRequest()));
        const QJsonObject minted = m_control.mintOrder(1);
        const LanClient::Reply verified =
                m_app.post("/v1/open/coupons/verify",
                           {{"poi_id", minted.value("poi_id")},
                            {"code", minted.value("codes").toArray().first()}});
        QCOMPARE(verified.status, 200);
        const qint64 id = verified.json.value("data").toObject().value("id").toInteger();
        m_control.advanceClock(61 * 60); // past the hour after which the ledger knows it
        // A run of today asks the ledger about the day's pending settlements (409 while the
        // start-up's catch-up of missed days still runs).
        const QJsonObject today{{"date", QDate::currentDate().toString(Qt::ISODate)}};
        // Not QTRY_*: it evaluates its expression once more at the end, a second POST (409).
        QVERIFY(QTest::qWaitFor(
                [&] {
                    return m_app.adminPost("/v1/internal/reconciliation/runs", today).status == 202;
                },
                30000));
        const auto settledEvent = [&reader, id]() -> QJsonObject {
            for (const QJsonObject &message : std::as_const(reader.messages)) {
                const QJsonObject view = message.value("data").toObject();
                if (view.value("id").toInteger() == id
                    && view.value("settlement_status") == "settled")
                    return message;
            }
            return {};
        };
        QTRY_VERIFY_WITH_TIMEOUT(!settledEvent().isEmpty(), 30000);
        const QJsonObject message = settledEvent();
        QCOMPARE(message.value("type").toString(), "verification.updated");
        const QJsonObject view = message.value("data").toObject();
        QCOMPARE(view.value("verify_status").toString(), "success");
        QVERIFY(view.value("receipt_amount").toInteger() > 0);
        QVERIFY(!view.value("settled_at").isNull());
    }

    void refusedBeforeTheUpgrade_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QByteArray badSignature =
                signedGetRequest(m_app.key, m_app.secret, "/v1/open/events", WS_HEADERS);
        const qsizetype at = badSignature.indexOf("X-Signature: ") + 13;
        badSignature[at] = badSignature.at(at) == '0' ? '1' : '0';
        QTest::newRow("bad signature") << badSignature << 401 << "invalid_signature";
        QTest::newRow("no signature headers")
                << QByteArray("GET /v1/open/events HTTP/1.1\r\nHost: x\r\n" + WS_HEADERS + "\r\n")
                << 401 << "missing_auth_header";
        QTest::newRow("unknown app")
                << signedGetRequest("nobody", "nothing", "/v1/open/events", WS_HEADERS) << 401
                << "invalid_client";
        QTest::newRow("wrong admin token")
                << QByteArray("GET /v1/open/events HTTP/1.1\r\nHost: x\r\n"
                              "Authorization: Bearer adm_wrong\r\n"
                              + WS_HEADERS + "\r\n")
                << 401 << "invalid_admin_token";
        QTest::newRow("another path")
                << signedGetRequest(m_app.key, m_app.secret, "/v1/open/pois", WS_HEADERS) << 404
                << "not_found";
    }

    void refusedBeforeTheUpgrade()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QString, code);
        const QByteArray answer = exchange(port(), request);
        QVERIFY2(answer.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status) + ' ')),
                 answer.left(200).constData());
        QVERIFY(!answer.contains("101 Switching"));
        QVERIFY(!answer.toLower().contains("sec-websocket-accept"));
        QCOMPARE(bodyOf(answer).value("error").toObject().value("code").toString(), code);
        QVERIFY(answer.contains("X-Request-Id: "));
    }

    void aQWebSocketWithABadSignatureSeesAnHttpError()
    {
        QNetworkRequest request = eventsRequest();
        request.setRawHeader("X-Signature", QByteArray(64, 'a'));
        QWebSocket socket;
        // Qt 6.4's QWebSocket names it error(); errorOccurred() came in 6.5.
        QSignalSpy failed(&socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(request);
        QVERIFY(failed.wait(15000));
        QCOMPARE(connected.count(), 0);
        QVERIFY2(socket.errorString().contains("401"), qPrintable(socket.errorString()));
    }

    void aReplayedNonceIsRefused()
    {
        const QByteArray request =
                signedGetRequest(m_app.key, m_app.secret, "/v1/open/events", WS_HEADERS);
        QVERIFY(exchange(port(), request).startsWith("HTTP/1.1 101"));
        const QByteArray again = exchange(port(), request);
        QVERIFY(again.startsWith("HTTP/1.1 401"));
        QCOMPARE(bodyOf(again).value("error").toObject().value("code").toString(),
                 "nonce_replayed");
    }

    void aPlainGetIsTold426()
    {
        const QByteArray answer = exchange(port(),
                                           "GET /v1/open/events HTTP/1.1\r\nHost: x\r\nConnection: "
                                           "close\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 426"), answer.left(100).constData());
    }

    void heartbeatPings()
    {
        m_runtime->events()->setHeartbeatInterval(100);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port());
        QVERIFY(socket.waitForConnected(15000));
        socket.write("GET /v1/open/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                     + ADMIN_TOKEN + "\r\n" + WS_HEADERS + "\r\n");
        QByteArray received;
        connect(&socket, &QTcpSocket::readyRead, &socket, [&] { received += socket.readAll(); });
        QTRY_VERIFY_WITH_TIMEOUT(received.contains("\r\n\r\n"), 15000);
        QVERIFY(received.startsWith("HTTP/1.1 101"));
        const qsizetype headEnd = received.indexOf("\r\n\r\n") + 4;
        // A ping frame: FIN + opcode 9, unmasked from the server.
        QTRY_VERIFY_WITH_TIMEOUT(received.mid(headEnd).contains(char(0x89)), 15000);
        m_runtime->events()->setHeartbeatInterval(EventStream::DEFAULT_HEARTBEAT_MS);
    }

    void aSlowReaderIsDroppedWhileHealthAnswers()
    {
        // A reader that completes the handshake, then never reads again: Qt reads no more
        // than its read buffer, so the kernel's window closes behind it.
        QTcpSocket slow;
        slow.setReadBufferSize(1024);
        slow.connectToHost(QHostAddress::LocalHost, port());
        QVERIFY(slow.waitForConnected(15000));
        slow.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        slow.write("GET /v1/open/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN_TOKEN
                   + "\r\n" + WS_HEADERS + "\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(slow.peek(1024).contains("\r\n\r\n"), 15000);
        QVERIFY(slow.peek(12).startsWith("HTTP/1.1 101"));

        Reader fast; // reads everything: never dropped
        QVERIFY(open(fast, eventsRequest()));
        QTRY_COMPARE_WITH_TIMEOUT(m_runtime->events()->readerCount(), 2, 15000);
        QSignalSpy dropped(m_runtime->events(), &EventStream::readerDropped);

        VerificationRecord record;
        record.poiId = "poi-flood";
        record.verifyStatus = VerificationRecord::Status::Success;
        record.extra = QJsonObject{{"note", QString(1500, QChar('x'))}};
        int published = 0;
        qint64 slowestHealthMs = 0;
        LanClient health = m_app;
        while (dropped.isEmpty() && published < 20000) {
            QList<VerificationRecord> batch;
            for (int i = 0; i < 50; ++i) {
                record.id = 1000000 + published++;
                batch.append(record);
            }
            emit m_runtime->recordsChanged(batch);
            QTRY_COMPARE_WITH_TIMEOUT(fast.messages.size(), published, 10000);
            QElapsedTimer timer;
            timer.start();
            const auto answers = health.sendAll(
                    {"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"});
            QCOMPARE(answers.first().status, 200);
            slowestHealthMs = qMax(slowestHealthMs, timer.elapsed());
        }
        QCOMPARE(dropped.count(), 1);
        QCOMPARE(dropped.first().at(0).toString(), "more than 1000 messages behind");
        qInfo("slow reader dropped after %d messages; slowest /health %lld ms", published,
              slowestHealthMs);
        QVERIFY(published > EventStream::DEFAULT_MAX_BEHIND);
        // /health answered 200 after every batch above; how fast depends on the machine's load,
        // so the slowest answer is reported rather than asserted.
        QTRY_COMPARE_WITH_TIMEOUT(m_runtime->events()->readerCount(), 1, 15000);
        // The fast reader still gets what comes next.
        emit m_runtime->recordsChanged({record});
        QTRY_COMPARE_WITH_TIMEOUT(fast.messages.size(), published + 1, 15000);
    }
};

// The stores' days are Beijing days (see tst_reconciliationapi): "today" of the settlement run.
int main(int argc, char **argv)
{
    qputenv("TZ", "Asia/Shanghai");
    QCoreApplication app(argc, argv);
    tst_EventStream test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_eventstream.moc"
