#pragma once

#include <functional>
#include <memory>

#include <QDate>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

#include "core/platform/historytypes.h"
#include "core/platform/platformerror.h"
#include "core/platform/platformid.h"
#include "core/reconcile/reconciliationquery.h"
#include "core/reconcile/reconciliationreport.h"
#include "core/reconcile/reconciliationreporter.h"
#include "core/result.h"
#include "core/store/verificationrecord.h"

class CouponPlatform;
class Database;
class ReconciliationRepository;
class VerificationSettlements;

// Closes each day against the platforms (API.md, Reconciliation and settlement): fetches a
// day's history for every target (Douyin: every store of the account at once; Meituan: each
// bound store, with its own token), keeps it, asks the ledger about the day's successes still
// pending settlement, and sets the day's records against the history when asked. Runs by
// itself for each ended day of the last week not fetched completely (from 06:00 the next day,
// and at start-up), and on demand. Lives on the engine's thread.
class ReconciliationService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconciliationService)

public:
    // One fetch: a platform and a store ('' = every store of the account: Douyin).
    using Target = ReconciliationReporter::Target;
    using Targets = std::function<QList<Target>()>;
    using Clock = std::function<qint64()>; // Unix ms

    // Days this far back are fetched by themselves when they were missed.
    static constexpr int CATCH_UP_DAYS = 7;
    // A day is fetched by itself from this long after it ended (the morning run).
    static constexpr int MORNING_HOUR = 6;
    static constexpr qint64 LEASE_MS = 10 * 60 * 1000;
    static constexpr int CHECK_INTERVAL_MS = 10 * 60 * 1000;
    static constexpr int START_DELAY_MS = 30 * 1000; // the first check after start()

    ReconciliationService(Database *database, const QList<CouponPlatform *> &platforms,
                          Targets targets, QObject *parent = nullptr);
    ~ReconciliationService() override;

    void setClock(Clock clock) { m_clock = std::move(clock); }
    void setGatewayName(const QString &name) { m_gatewayName = name; }
    // Starts the periodic checks (missed days, due settlements); the first START_DELAY_MS on.
    void start();

    Result<ReconciliationReport> report(const ReconciliationQuery &query);
    // Starts fetching the day for every target; Conflict while a fetch of it runs here or at
    // another gateway. The report says the state before the fetch, with running set.
    Result<ReconciliationReport> startRun(const QDate &date);
    bool isRunning(const QDate &date) const { return m_running.contains(date); }

    // The day's bounds in the gateway's local time, Unix seconds: [start, end).
    static std::pair<qint64, qint64> dayBounds(const QDate &date);

signals:
    void runFinished(const QDate &date);
    // Settlement changed these records, as stored (the summary's 商家实收 moved).
    void recordsSettled(const QList<VerificationRecord> &records);

private:
    struct RunState;

    void checkDue();
    void askDueSettlements();
    void runTarget(const std::shared_ptr<RunState> &run);
    void fetched(const std::shared_ptr<RunState> &run, const Target &target, qint64 startedMs,
                 const Result<QList<HistoryRow>, PlatformError> &rows);
    void release(const Target &target, const QDate &date, const QString &why);
    void settleDay(const std::shared_ptr<RunState> &run, const Target &target);
    void finishRun(const RunState &run);
    Result<ReconciliationReport> begin(const QDate &date, bool automatic);
    CouponPlatform *platform(PlatformId id) const;
    QList<Target> targetsFor(const ReconciliationQuery &query) const;

    Database *m_database;
    QList<CouponPlatform *> m_platforms;
    Targets m_targets;
    Clock m_clock;
    QString m_gatewayName;
    std::unique_ptr<ReconciliationRepository> m_repository;
    std::unique_ptr<VerificationSettlements> m_settlements;
    QSet<QDate> m_running;
    QSet<QDate> m_triedSinceCheck; // days the automatic fetch tried since the last check
    QTimer m_timer;
};
