#pragma once

#include <functional>

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

// Keys due at given times (Unix ms), and one timer that runs each when it is due; a key whose
// run is still in progress is not run again until it is marked done. The clock is injectable
// so tests can move time without waiting.
template <typename Key>
class DueSchedule
{
public:
    using Clock = std::function<qint64()>;
    using Run = std::function<void(const Key &)>;

    DueSchedule(QObject *owner, Run run)
        : m_run(std::move(run)),
          m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }),
          m_timer(new QTimer(owner))
    {
        m_timer->setSingleShot(true);
        QObject::connect(m_timer, &QTimer::timeout, owner, [this] { runDue(); });
    }

    void setClock(Clock clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }

    void schedule(const Key &key, qint64 dueAtMs)
    {
        m_due.insert(key, dueAtMs);
        m_running.remove(key);
        wakeAt(dueAtMs);
    }
    void remove(const Key &key)
    {
        m_due.remove(key);
        m_running.remove(key);
    }
    bool contains(const Key &key) const { return m_due.contains(key); }
    int size() const { return int(m_due.size()); }

    // Runs every key that is due now and not running; the timer calls it, tests with a clock too.
    void runDue()
    {
        const qint64 t = now();
        qint64 next = -1;
        const auto due = m_due;
        for (auto it = due.cbegin(); it != due.cend(); ++it) {
            if (m_running.contains(it.key()))
                continue;
            if (it.value() <= t) {
                m_running.insert(it.key());
                m_run(it.key());
            } else {
                next = next < 0 ? it.value() : qMin(next, it.value());
            }
        }
        if (next >= 0)
            wakeAt(next);
    }

private:
    void wakeAt(qint64 dueAtMs)
    {
        // An hour at most: the clock may jump, and a QTimer takes an int.
        const qint64 wait = qBound(qint64(0), dueAtMs - now(), qint64(3600) * 1000);
        if (!m_timer->isActive() || m_timer->remainingTime() > wait)
            m_timer->start(int(wait));
    }

    Run m_run;
    Clock m_clock;
    QTimer *m_timer;
    QHash<Key, qint64> m_due;
    QSet<Key> m_running;
};
