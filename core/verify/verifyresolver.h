#pragma once

#include <QHash>
#include <QObject>
#include <QSet>

#include "core/verify/verificationrecord.h"

class DouyinClient;
class QTimer;
class VerificationRepository;

// Settles records whose verify answer was lost (unknown) or never arrived because the
// program stopped (pending at start-up). Per batch (one verify call): first the certificate
// status query; only if a certificate is still usable, Douyin's documented retry with the
// SAME verify_token and identical parameters, on Douyin's schedule. Never a new prepare.
class VerifyResolver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerifyResolver)

public:
    struct Schedule
    {
        int fastDelayMs = 5000;
        int fastCount = 5;
        int slowDelayMs = 40000;
        int maxAttempts = 14;
    };

    VerifyResolver(VerificationRepository *repository, DouyinClient *client,
                   QObject *parent = nullptr);

    void setSchedule(const Schedule &schedule) { m_schedule = schedule; }
    // Delay before attempt number `attempt` (1-based).
    int delayBefore(int attempt) const;

    // Loads every pending/unknown record and schedules its batch.
    void resumeAll();
    // Takes a batch that just became unknown.
    void track(const QString &batchId);
    int backlog() const { return int(m_batches.size()); }

signals:
    void recordsChanged(const QList<VerificationRecord> &records);

private:
    void schedule(const QString &batchId, qint64 dueAtMs);
    void runDue();
    void resolve(const QString &batchId);
    void retryVerify(const QString &batchId, QList<VerificationRecord> records);
    void giveUpOrReschedule(const QString &batchId, QList<VerificationRecord> records,
                            const QString &reason);
    void write(const QString &batchId, const QList<VerificationRecord> &records);

    VerificationRepository *m_repository;
    DouyinClient *m_client;
    Schedule m_schedule;
    QHash<QString, qint64> m_batches; // batch id -> due time (Unix ms)
    QSet<QString> m_running;
    QTimer *m_timer;
};
