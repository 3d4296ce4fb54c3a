#include "core/reconcile/reconciliationservice.h"

#include <QDateTime>
#include <QElapsedTimer>

#include "core/logging/categories.h"
#include "core/platform/couponplatform.h"
#include "core/reconcile/historyfetcher.h"
#include "core/reconcile/settlementpass.h"
#include "core/store/reconciliationrepository.h"
#include "core/store/verificationsettlements.h"

// One run of one day: its targets, fetched one after another.
struct ReconciliationService::RunState
{
    QDate date;
    bool automatic = false; // started by checkDue(): its end looks for the next missed day
    QList<Target> pending;
};

ReconciliationService::ReconciliationService(Database *database,
                                             const QList<CouponPlatform *> &platforms,
                                             Targets targets, QObject *parent)
    : QObject(parent),
      m_database(database),
      m_platforms(platforms),
      m_targets(std::move(targets)),
      m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }),
      m_repository(std::make_unique<ReconciliationRepository>(database)),
      m_settlements(std::make_unique<VerificationSettlements>(database))
{
    m_timer.setInterval(CHECK_INTERVAL_MS);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_triedSinceCheck.clear();
        checkDue();
        askDueSettlements();
    });
}

ReconciliationService::~ReconciliationService() = default;

void ReconciliationService::start()
{
    m_timer.start();
    // Not in the start-up's rush: the gateway first answers, resolves and enriches.
    QTimer::singleShot(START_DELAY_MS, this, [this] {
        checkDue();
        askDueSettlements();
    });
}

std::pair<qint64, qint64> ReconciliationService::dayBounds(const QDate &date)
{
    const qint64 start = QDateTime(date, QTime(0, 0)).toSecsSinceEpoch();
    const qint64 end = QDateTime(date.addDays(1), QTime(0, 0)).toSecsSinceEpoch();
    return {start, end};
}

CouponPlatform *ReconciliationService::platform(PlatformId id) const
{
    for (CouponPlatform *candidate : m_platforms) {
        if (candidate && candidate->id() == id)
            return candidate;
    }
    return nullptr;
}

QList<ReconciliationService::Target>
ReconciliationService::targetsFor(const ReconciliationQuery &query) const
{
    QList<Target> targets;
    for (const Target &target : m_targets()) {
        if (query.platform && target.platform != *query.platform)
            continue;
        if (!query.poiId.isEmpty() && !target.poiId.isEmpty() && target.poiId != query.poiId)
            continue;
        targets.append(target);
    }
    return targets;
}

Result<ReconciliationReport> ReconciliationService::report(const ReconciliationQuery &query)
{
    return ReconciliationReporter(m_repository.get())
            .build(query, targetsFor(query), m_running.contains(query.date), m_clock());
}

Result<ReconciliationReport> ReconciliationService::startRun(const QDate &date)
{
    return begin(date, false);
}

Result<ReconciliationReport> ReconciliationService::begin(const QDate &date, bool automatic)
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_clock()).date();
    if (!date.isValid() || date > today)
        return makeError(ErrorCode::BadInput,
                         QStringLiteral("date: a day up to today, as YYYY-MM-DD"));
    auto before = report({date, {}, std::nullopt});
    if (!before.ok())
        return before;
    if (before.value().running)
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("a reconciliation of %1 is running")
                                 .arg(date.toString(Qt::ISODate)));
    auto run = std::make_shared<RunState>();
    run->date = date;
    run->automatic = automatic;
    run->pending = m_targets();
    m_running.insert(date);
    before.value().running = true;
    QTimer::singleShot(0, this, [this, run] { runTarget(run); });
    return before;
}

void ReconciliationService::runTarget(const std::shared_ptr<RunState> &run)
{
    if (run->pending.isEmpty())
        return finishRun(*run);
    const Target target = run->pending.takeFirst();
    CouponPlatform *source = platform(target.platform);
    const qint64 now = m_clock();
    const auto claimed = m_repository->claim(target.platform, target.poiId, run->date,
                                             m_gatewayName, now, LEASE_MS);
    if (!source || !claimed.ok() || !claimed.value()) {
        // Another gateway of the chain fetches it now (or the database is away): skip it.
        if (!claimed.ok())
            qCWarning(lcReconcile) << "cannot claim a reconciliation:" << claimed.error().message;
        return runTarget(run);
    }
    HistoryQuery query;
    query.poiId = target.poiId;
    query.date = run->date;
    std::tie(query.startTime, query.endTime) = dayBounds(run->date);
    auto *fetcher = new HistoryFetcher(
            source, query,
            [this, run, target, now](const Result<QList<HistoryRow>, PlatformError> &rows) {
                fetched(run, target, now, rows);
            },
            this);
    fetcher->start();
}

void ReconciliationService::fetched(const std::shared_ptr<RunState> &run, const Target &target,
                                    qint64 startedMs,
                                    const Result<QList<HistoryRow>, PlatformError> &rows)
{
    const QString what = Platforms::toString(target.platform) + u' '
            + (target.poiId.isEmpty() ? QStringLiteral("(all stores)") : target.poiId) + u' '
            + run->date.toString(Qt::ISODate);
    if (!rows.ok()) {
        qCWarning(lcReconcile) << "reconciliation fetch failed:" << what << rows.error().message;
        release(target, run->date, rows.error().message);
        return settleDay(run, target);
    }
    // Complete only when the whole fetch began after the day had ended.
    const bool complete = startedMs / 1000 >= dayBounds(run->date).second;
    const auto stored = m_repository->storeFetch(target.platform, target.poiId, run->date,
                                                 rows.value(), m_clock(), complete);
    if (!stored.ok()) {
        qCWarning(lcReconcile) << "cannot store the reconciliation rows:" << stored.error().message;
        release(target, run->date, stored.error().message);
    }
    qCInfo(lcReconcile) << "reconciliation:" << what << rows.value().size() << "rows in"
                        << (m_clock() - startedMs) << "ms";
    settleDay(run, target);
}

void ReconciliationService::release(const Target &target, const QDate &date, const QString &why)
{
    // A claim that cannot be released runs out with its lease.
    if (const auto released = m_repository->release(target.platform, target.poiId, date, why);
        !released.ok())
        qCWarning(lcReconcile) << "cannot release a reconciliation run:"
                               << released.error().message;
}

void ReconciliationService::settleDay(const std::shared_ptr<RunState> &run, const Target &target)
{
    CouponPlatform *source = platform(target.platform);
    if (!source || source->capabilities().ledgerBatchMax <= 0)
        return runTarget(run);
    auto *pass = new SettlementPass(source, m_settlements.get(), this);
    pass->setClock(m_clock);
    connect(pass, &SettlementPass::recordsSettled, this, &ReconciliationService::recordsSettled);
    pass->askDay(run->date, target.poiId, [this, run](const Result<int> &settled) {
        if (!settled.ok())
            qCWarning(lcReconcile) << "settlement:" << settled.error().message;
        runTarget(run);
    });
}

void ReconciliationService::finishRun(const RunState &run)
{
    m_running.remove(run.date);
    emit runFinished(run.date);
    if (run.automatic)
        checkDue(); // the next missed day, if any
}

void ReconciliationService::checkDue()
{
    if (!m_running.isEmpty())
        return; // one day at a time; the run's end checks again
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_clock());
    for (int back = CATCH_UP_DAYS; back >= 1; --back) {
        const QDate day = now.date().addDays(-back);
        if (now.toSecsSinceEpoch() < dayBounds(day).second + MORNING_HOUR * 3600)
            continue;
        const auto state = report({day, {}, std::nullopt});
        // A day whose fetch failed is tried again at the next check, not in a loop.
        if (m_triedSinceCheck.contains(day) || !state.ok()
            || state.value().state == ReconciliationReport::State::Complete || state.value().running
            || m_targets().isEmpty())
            continue;
        m_triedSinceCheck.insert(day);
        qCInfo(lcReconcile) << "reconciliation: fetching" << day.toString(Qt::ISODate)
                            << "by itself";
        if (const auto started = begin(day, true); !started.ok())
            qCWarning(lcReconcile) << "reconciliation:" << started.error().message;
        return;
    }
}

void ReconciliationService::askDueSettlements()
{
    for (CouponPlatform *source : m_platforms) {
        if (!source || !source->isConfigured() || source->capabilities().ledgerBatchMax <= 0)
            continue;
        auto *pass = new SettlementPass(source, m_settlements.get(), this);
        pass->setClock(m_clock);
        connect(pass, &SettlementPass::recordsSettled, this,
                &ReconciliationService::recordsSettled);
        pass->askDue([](const Result<int> &settled) {
            if (!settled.ok())
                qCWarning(lcReconcile) << "settlement:" << settled.error().message;
        });
    }
}
