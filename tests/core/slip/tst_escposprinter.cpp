#include <QElapsedTimer>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include "core/slip/escposprinter.h"

namespace {

enum class Behaviour { Answer, AnswerOffline, NeverRead, CloseAtOnce };

// A network thermal printer as far as the socket can tell: it keeps what it receives and,
// depending on `behaviour`, answers DLE EOT 1 like a printer, never reads, or hangs up.
class FakePrinter : public QObject
{
public:
    explicit FakePrinter(Behaviour behaviour) : m_behaviour(behaviour)
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *socket = m_server.nextPendingConnection();
            m_socket = socket;
            if (m_behaviour == Behaviour::CloseAtOnce) {
                socket->close();
                return;
            }
            if (m_behaviour == Behaviour::NeverRead)
                return;
            QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                received += socket->readAll();
                if (received.endsWith(EscPosPrinter::statusRequest()))
                    socket->write(QByteArray(1, m_behaviour == Behaviour::Answer ? 0x12 : 0x1a));
            });
        });
    }

    quint16 port() const { return m_server.serverPort(); }
    QByteArray received;

private:
    Behaviour m_behaviour;
    QTcpServer m_server;
    QPointer<QTcpSocket> m_socket;
};

// What finished() reported. Result<Done> has no default value, so it does not fit in a
// QVariant for QSignalSpy; a lambda keeps it instead.
struct Outcome
{
    explicit Outcome(EscPosPrinter *printer)
    {
        QObject::connect(printer, &EscPosPrinter::finished, printer,
                         [this](const Result<Done> &result) { results.append(result); });
    }
    bool wait(int ms)
    {
        return QTest::qWaitFor([this] { return !results.isEmpty(); }, ms);
    }
    int size() const { return int(results.size()); }
    const Result<Done> &first() const { return results.first(); }

    QList<Result<Done>> results;
};

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    const quint16 port = server.serverPort();
    server.close(); // nothing listens there now: the connection is refused at once
    return port;
}

} // namespace

Q_DECLARE_METATYPE(Behaviour)

class tst_EscPosPrinter : public QObject
{
    Q_OBJECT

private slots:
    void printsAndIsConfirmed();
    void failures_data();
    void failures();
    void unreachableLeavesOthersAlone();
    void secondJobWhileBusyIsRefused();
};

void tst_EscPosPrinter::printsAndIsConfirmed()
{
    FakePrinter fake(Behaviour::Answer);
    EscPosPrinter printer({"127.0.0.1", fake.port()});
    Outcome finished(&printer);
    const QByteArray slip("\x1b\x40hello\n\x1d\x56\x42\x00", 12);
    printer.print(slip);
    QVERIFY(finished.wait(5000));
    const Result<Done> &result = finished.first();
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(fake.received, slip + QByteArray("\x10\x04\x01", 3));
    QVERIFY(!printer.isBusy());
}

void tst_EscPosPrinter::failures_data()
{
    QTest::addColumn<Behaviour>("behaviour");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<int>("code");
    QTest::newRow("printer answers offline")
            << Behaviour::AnswerOffline << "printer_offline" << int(ErrorCode::Network);
    QTest::newRow("listener accepts and never reads")
            << Behaviour::NeverRead << "printer_no_answer" << int(ErrorCode::Timeout);
    QTest::newRow("listener accepts and hangs up")
            << Behaviour::CloseAtOnce << "printer_closed" << int(ErrorCode::Network);
}

void tst_EscPosPrinter::failures()
{
    QFETCH(Behaviour, behaviour);
    QFETCH(QString, reason);
    QFETCH(int, code);
    FakePrinter fake(behaviour);
    EscPosPrinter printer({"127.0.0.1", fake.port()});
    printer.setTimeouts(2000, 700);
    Outcome finished(&printer);
    printer.print(QByteArray(64, 'x'));
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.size(), 1);
    const Result<Done> result = finished.first();
    QVERIFY(!result.ok());
    QCOMPARE(EscPosPrinter::reason(result.error()), reason);
    QCOMPARE(int(result.error().code), code);
    QVERIFY(result.error().message.contains(QString::number(fake.port())));
    // Exactly one answer, even when the socket reports more afterwards.
    QTest::qWait(100);
    QCOMPARE(finished.size(), 1);
}

// A refused connection is reported within well under a second, and a job to a working
// printer that runs at the same time goes through untouched.
void tst_EscPosPrinter::unreachableLeavesOthersAlone()
{
    FakePrinter fake(Behaviour::Answer);
    EscPosPrinter good({"127.0.0.1", fake.port()});
    EscPosPrinter bad({"127.0.0.1", closedPort()});
    Outcome goodDone(&good);
    Outcome badDone(&bad);
    QElapsedTimer clock;
    clock.start();
    bad.print("slip");
    good.print("slip");
    QVERIFY(badDone.wait(3000));
    QVERIFY2(clock.elapsed() < 1500, qPrintable(QString::number(clock.elapsed())));
    const Result<Done> failed = badDone.first();
    QVERIFY(!failed.ok());
    QCOMPARE(EscPosPrinter::reason(failed.error()), QString("printer_unreachable"));
    QCOMPARE(failed.error().code, ErrorCode::Network);
    QTRY_COMPARE(goodDone.size(), 1);
    QVERIFY(goodDone.first().ok());
    QCOMPARE(fake.received, QByteArray("slip\x10\x04\x01", 7));
}

void tst_EscPosPrinter::secondJobWhileBusyIsRefused()
{
    FakePrinter fake(Behaviour::Answer);
    EscPosPrinter printer({"127.0.0.1", fake.port()});
    Outcome finished(&printer);
    printer.print("one");
    printer.print("two");
    QTRY_COMPARE(finished.size(), 2);
    QCOMPARE(fake.received, QByteArray("one\x10\x04\x01", 6));
}

QTEST_GUILESS_MAIN(tst_EscPosPrinter)
#include "tst_escposprinter.moc"
