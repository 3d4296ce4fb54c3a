#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>

#include "core/result.h"
#include "core/slip/printeraddress.h"

class QTcpSocket;
class QTimer;

// One print job to a network ESC/POS printer: connects to its raw port (9100), writes the
// bytes, then asks the printer's status (DLE EOT 1) and waits for the answer byte, because a
// socket write only says the bytes reached the kernel: the answer says a printer took them
// and is online. Never blocks; finished() comes exactly once, then the job may be deleted.
//
// Errors come back as ErrorCode::Network or ::Timeout, with a message that starts with a
// stable reason (reason() returns it) the ui words: printer_unreachable (no connection in
// time, refused, unknown host), printer_closed (it hung up before answering),
// printer_no_answer (connected, but no status byte in time: not a printer, or stuck),
// printer_offline (it answered "offline": cover open, paper out, error).
class EscPosPrinter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EscPosPrinter)

public:
    static constexpr auto UNREACHABLE = "printer_unreachable";
    static constexpr auto CLOSED = "printer_closed";
    static constexpr auto NO_ANSWER = "printer_no_answer";
    static constexpr auto OFFLINE = "printer_offline";
    static constexpr int DEFAULT_CONNECT_TIMEOUT_MS = 3000;
    static constexpr int DEFAULT_ANSWER_TIMEOUT_MS = 5000;
    // DLE EOT 1: "transmit printer status", answered at once even while printing.
    static QByteArray statusRequest();

    explicit EscPosPrinter(const PrinterAddress &address, QObject *parent = nullptr);
    ~EscPosPrinter() override;

    void setTimeouts(int connectMs, int answerMs);
    const PrinterAddress &address() const { return m_address; }
    bool isBusy() const;

    // Starts the job; a second call while one runs is refused at once through finished().
    void print(const QByteArray &data);

    // The stable reason at the start of an error's message ("printer_unreachable").
    static QString reason(const Error &error);

signals:
    void finished(const Result<Done> &result);

private:
    void onConnected();
    void onReadyRead();
    void onSocketError();
    void onTimeout();
    void finish(const Result<Done> &result);
    Error failure(ErrorCode code, const char *reason, const QString &detail) const;

    PrinterAddress m_address;
    int m_connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS;
    int m_answerTimeoutMs = DEFAULT_ANSWER_TIMEOUT_MS;
    QByteArray m_data;
    QPointer<QTcpSocket> m_socket;
    QTimer *m_timer;
    bool m_connected = false;
};
