#pragma once

#include <functional>

#include <QHash>
#include <QObject>
#include <QSet>

#include "core/store/verificationrecord.h"
#include "core/verify/retryschedule.h"

class DouyinClient;
class QTimer;
class VerificationRepository;
struct CertificateState;
struct DouyinError;

// Settles records whose verify answer was lost (unknown) or never arrived because the
// program stopped (pending at start-up). Per batch (one verify call), once per pass of
// Douyin's retry schedule: the batch certificate status query (seed 003), then, unless every
// certificate is refunded or expired, Douyin's documented retry with the SAME verify_token
// and identical parameters. The retry also tells a certificate we verified (1208/2) from one
// verified by someone else while our answer was lost (1241). Never a new prepare.
class VerifyResolver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerifyResolver)

public:
    using Clock = std::function<qint64()>; // Unix ms

    VerifyResolver(VerificationRepository *repository, DouyinClient *client,
                   QObject *parent = nullptr);
    ~VerifyResolver() override;

    void setSchedule(const RetrySchedule &schedule) { m_schedule = schedule; }
    const RetrySchedule &schedule() const { return m_schedule; }
    // Tests drive time themselves; the timer then only wakes runDue() early or late.
    void setClock(Clock clock);
    qint64 now() const { return m_clock(); }

    // Loads every pending/unknown record and schedules its batch.
    void resumeAll();
    // Takes a batch that just became unknown; its first pass is one schedule step away.
    void track(const QString &batchId);
    // Runs every pass that is due now (the timer calls it; tests with a clock call it).
    void runDue();
    int backlog() const { return int(m_batches.size()); }

signals:
    void recordsChanged(const QList<VerificationRecord> &records);

private:
    struct Pass;

    void schedule(const QString &batchId, qint64 dueAtMs);
    void resolve(const QString &batchId);
    void queryStatus(const std::shared_ptr<Pass> &pass, qsizetype index);
    void statusAnswered(const std::shared_ptr<Pass> &pass, qsizetype index,
                        const CertificateState *state, const DouyinError *error);
    void retryVerify(const std::shared_ptr<Pass> &pass);
    void endPass(const std::shared_ptr<Pass> &pass, const QString &stillOpenReason);
    void write(const QString &batchId, const QList<VerificationRecord> &records);

    VerificationRepository *m_repository;
    DouyinClient *m_client;
    RetrySchedule m_schedule;
    Clock m_clock;
    QHash<QString, qint64> m_batches; // batch id -> due time (Unix ms)
    QSet<QString> m_running;
    QTimer *m_timer;
    // Douyin answered 2190004 for the batch query: the app lacks that capability, so
    // certificate/get is used from then on (logged once).
    bool m_batchQueryDenied = false;
};
