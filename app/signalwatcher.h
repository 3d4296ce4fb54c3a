#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT/SIGTERM (Ctrl+C, service stop) into a Qt signal on the main thread. A signal
// handler may only do async-signal-safe work, so it writes one byte to a socket pair that a
// QSocketNotifier watches.
class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};
