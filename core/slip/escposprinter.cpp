#include "core/slip/escposprinter.h"

#include <QTcpSocket>
#include <QTimer>

#include "core/logging/categories.h"

namespace {

// DLE EOT 1's answer: bits 1 and 4 always set, 0 and 7 always clear; bit 3 is "offline".
constexpr char STATUS_FIXED_MASK = char(0x93);
constexpr char STATUS_FIXED_BITS = 0x12;
constexpr char STATUS_OFFLINE = 0x08;

} // namespace

QByteArray EscPosPrinter::statusRequest()
{
    return QByteArray("\x10\x04\x01", 3);
}

EscPosPrinter::EscPosPrinter(const PrinterAddress &address, QObject *parent)
    : QObject(parent),
      m_address(address),
      m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &EscPosPrinter::onTimeout);
}

EscPosPrinter::~EscPosPrinter()
{
    if (m_socket)
        m_socket->abort();
}

bool EscPosPrinter::isBusy() const
{
    return m_socket != nullptr;
}

void EscPosPrinter::setTimeouts(int connectMs, int answerMs)
{
    m_connectTimeoutMs = connectMs;
    m_answerTimeoutMs = answerMs;
}

QString EscPosPrinter::reason(const Error &error)
{
    return error.message.section(QLatin1Char(':'), 0, 0);
}

Error EscPosPrinter::failure(ErrorCode code, const char *reason, const QString &detail) const
{
    return makeError(code,
                     QLatin1String(reason) + QLatin1String(": ") + m_address.toString()
                             + QLatin1String(": ") + detail);
}

void EscPosPrinter::print(const QByteArray &data)
{
    if (m_socket) {
        // Queued, so the caller sees the answer after print() returns, as for any other.
        const Error busy =
                makeError(ErrorCode::Conflict, QStringLiteral("printer_busy: a job runs"));
        QMetaObject::invokeMethod(
                this, [this, busy] { emit finished(busy); }, Qt::QueuedConnection);
        return;
    }
    m_data = data + statusRequest();
    m_connected = false;
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, &EscPosPrinter::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &EscPosPrinter::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &EscPosPrinter::onSocketError);
    connect(m_socket, &QTcpSocket::disconnected, this, &EscPosPrinter::onSocketError);
    m_timer->start(m_connectTimeoutMs);
    m_socket->connectToHost(m_address.host, m_address.port);
}

void EscPosPrinter::onConnected()
{
    m_connected = true;
    m_timer->start(m_answerTimeoutMs);
    m_socket->write(m_data);
}

void EscPosPrinter::onReadyRead()
{
    const QByteArray answer = m_socket->readAll();
    // Some printers send unasked status (ASB) first; the last byte answers our request.
    for (qsizetype i = answer.size() - 1; i >= 0; --i) {
        const char status = answer.at(i);
        if ((status & STATUS_FIXED_MASK) != STATUS_FIXED_BITS)
            continue;
        if (status & STATUS_OFFLINE)
            finish(failure(ErrorCode::Network, OFFLINE, QStringLiteral("the printer is offline")));
        else
            finish(Done{});
        return;
    }
}

void EscPosPrinter::onSocketError()
{
    if (!m_socket)
        return;
    const QString detail = m_socket->errorString();
    if (!m_connected)
        finish(failure(ErrorCode::Network, UNREACHABLE, detail));
    else
        finish(failure(ErrorCode::Network, CLOSED, detail));
}

void EscPosPrinter::onTimeout()
{
    if (!m_connected)
        finish(failure(ErrorCode::Network, UNREACHABLE,
                       QStringLiteral("no connection within %1 ms").arg(m_connectTimeoutMs)));
    else
        finish(failure(ErrorCode::Timeout, NO_ANSWER,
                       QStringLiteral("no status answer within %1 ms").arg(m_answerTimeoutMs)));
}

void EscPosPrinter::finish(const Result<Done> &result)
{
    m_timer->stop();
    if (QTcpSocket *socket = m_socket) {
        m_socket = nullptr;
        socket->disconnect(this);
        if (result.ok())
            socket->disconnectFromHost(); // lets the last bytes go before the FIN
        else
            socket->abort();
        socket->deleteLater();
    }
    if (!result.ok())
        qCWarning(lcApp).noquote() << "slip not printed:" << result.error().message;
    emit finished(result);
}
