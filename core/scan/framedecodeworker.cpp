#include "core/scan/framedecodeworker.h"

#include <utility>

#include "core/logging/categories.h"

FrameDecodeWorker::FrameDecodeWorker(QObject *parent)
    : QObject(parent),
      m_now([] {
          return std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now().time_since_epoch());
      })
{
}

void FrameDecodeWorker::decodeFrame(const QImage &frame)
{
    m_busy.store(true, std::memory_order_release);
    if (m_decodeScheduled) {
        m_droppedFrames.fetch_add(1, std::memory_order_relaxed);
        m_pending = frame;
        return;
    }
    m_pending = frame;
    m_decodeScheduled = true;
    // Posted behind the frames already queued for this thread: they replace m_pending first.
    QMetaObject::invokeMethod(this, &FrameDecodeWorker::decodePending, Qt::QueuedConnection);
}

void FrameDecodeWorker::decodePending()
{
    m_decodeScheduled = false;
    const QImage frame = std::exchange(m_pending, QImage());
    const auto decoded = m_decoder.decode(frame);
    if (decoded.ok()) {
        const QString &text = decoded.value().text;
        if (!isRepeat(text))
            emit codeDecoded(text);
    } else if (decoded.error().code != ErrorCode::NotFound) {
        qCDebug(lcScan) << "frame not decoded:" << decoded.error().message;
    }
    // A receiver connected directly to codeDecoded may already have handed in the next frame.
    m_busy.store(m_decodeScheduled, std::memory_order_release);
}

bool FrameDecodeWorker::isRepeat(const QString &text)
{
    const std::chrono::milliseconds now = m_now();
    m_lastSeen.removeIf([now](const auto &entry) { return now - entry.value() >= REPEAT_WINDOW; });
    const bool repeat = m_lastSeen.contains(text);
    // Every sighting restarts the window: a code held in view is reported once, and again
    // only after it has been out of view for the whole window.
    m_lastSeen.insert(text, now);
    return repeat;
}
