#pragma once

#include <atomic>
#include <chrono>
#include <functional>

#include <QHash>
#include <QImage>
#include <QObject>

#include "core/scan/qrdecoder.h"

// Decodes camera frames on the thread it is moved to. A camera delivers frames faster than
// they can be decoded, so only the newest frame is decoded and stale ones are dropped. A code
// held in front of the camera is reported once, not on every frame.
//
//     worker->moveToThread(&scanThread);
//     // camera side, for each QVideoFrame:
//     if (!worker->isBusy())
//         QMetaObject::invokeMethod(worker, [=] { worker->decodeFrame(frame.toImage()); });
class FrameDecodeWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FrameDecodeWorker)

public:
    using Clock = std::function<std::chrono::milliseconds()>;

    // The same text is ignored until it has not been seen for this long.
    static constexpr std::chrono::milliseconds REPEAT_WINDOW{2000};

    explicit FrameDecodeWorker(QObject *parent = nullptr);

    // Any thread. True while a frame waits for or is in decoding: the producer can skip
    // converting frames that would only be dropped.
    bool isBusy() const { return m_busy.load(std::memory_order_acquire); }
    // Any thread. Frames replaced by a newer frame before they were decoded.
    quint64 droppedFrames() const { return m_droppedFrames.load(std::memory_order_relaxed); }

    // Only before the worker is moved to its thread. Tests step over the repeat window
    // with their own clock instead of sleeping through it.
    void setClock(Clock now) { m_now = std::move(now); }

public slots:
    // Keeps the frame as the newest one. It is decoded once this thread's event loop has
    // delivered every frame already queued, so a frame that a newer one overtakes is dropped.
    void decodeFrame(const QImage &frame);

signals:
    void codeDecoded(const QString &text);

private:
    void decodePending();
    bool isRepeat(const QString &text);

    const QrDecoder m_decoder;
    QImage m_pending;
    bool m_decodeScheduled = false;
    std::atomic_bool m_busy = false;
    std::atomic<quint64> m_droppedFrames = 0;
    QHash<QString, std::chrono::milliseconds> m_lastSeen;
    Clock m_now;
};
