#include "core/reconcile/reconciliationreporter.h"

#include "core/reconcile/reconciliationmatcher.h"

namespace {

using State = ReconciliationReport::State;

const ReconciliationRepository::Run *runOf(const QList<ReconciliationRepository::Run> &runs,
                                           const ReconciliationReporter::Target &target)
{
    for (const auto &run : runs) {
        if (run.platform == target.platform && run.poiId == target.poiId)
            return &run;
    }
    return nullptr;
}

} // namespace

Result<ReconciliationReport> ReconciliationReporter::build(const ReconciliationQuery &query,
                                                           const QList<Target> &targets,
                                                           bool running, qint64 nowMs) const
{
    ReconciliationReport report;
    report.date = query.date;
    report.platform = query.platform;
    report.poiId = query.poiId;
    report.running = running;
    const auto runs = m_repository->runs(query.date);
    if (!runs.ok())
        return runs.error();

    bool anyFetched = false;
    bool allComplete = !targets.isEmpty();
    QList<VerificationRecord> local;
    QList<HistoryRow> remote;
    for (const Target &target : targets) {
        const ReconciliationRepository::Run *run = runOf(runs.value(), target);
        if (run && run->isRunning(nowMs))
            report.running = true;
        if (!run || !run->fetchedAt) {
            allComplete = false;
            continue;
        }
        anyFetched = true;
        allComplete = allComplete && run->complete;
        if (!report.fetchedAt || *run->fetchedAt < *report.fetchedAt)
            report.fetchedAt = run->fetchedAt;
        if (const auto added = addTarget(query, target, local, remote); !added.ok())
            return added.error();
    }
    // Partial: something was fetched, but not everything after its day had ended.
    report.state = !anyFetched ? State::NotFetched : allComplete ? State::Complete : State::Partial;
    ReconciliationMatcher::match(local, remote, report);
    return report;
}

Result<Done> ReconciliationReporter::addTarget(const ReconciliationQuery &query,
                                               const Target &target,
                                               QList<VerificationRecord> &local,
                                               QList<HistoryRow> &remote) const
{
    // A target of every store ('') is narrowed to the store asked about.
    const QString poiId = query.poiId.isEmpty() ? target.poiId : query.poiId;
    const auto records = m_repository->localRecords(query.date, target.platform, poiId);
    if (!records.ok())
        return records.error();
    const auto rows = m_repository->rows(query.date, poiId, target.platform);
    if (!rows.ok())
        return rows.error();
    local += records.value();
    remote += rows.value();
    return Done{};
}
