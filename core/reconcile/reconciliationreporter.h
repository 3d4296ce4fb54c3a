#pragma once

#include <functional>

#include <QList>

#include "core/reconcile/reconciliationquery.h"
#include "core/reconcile/reconciliationreport.h"
#include "core/result.h"
#include "core/store/reconciliationrepository.h"

// Builds the report of a day from what the fetches stored: the state over the fetches the
// query covers, and the match of the stored rows against the local records. A platform (or
// Meituan store) whose day was never fetched is not compared: its records would all look
// like differences.
class ReconciliationReporter
{
public:
    struct Target
    {
        PlatformId platform = PlatformId::Douyin;
        QString poiId; // '' = every store of the account
    };

    explicit ReconciliationReporter(const ReconciliationRepository *repository)
        : m_repository(repository)
    {
    }

    // `targets`: the fetches the query covers; `running` whether one of the day runs here.
    Result<ReconciliationReport> build(const ReconciliationQuery &query,
                                       const QList<Target> &targets, bool running,
                                       qint64 nowMs) const;

private:
    Result<Done> addTarget(const ReconciliationQuery &query, const Target &target,
                           QList<VerificationRecord> &local, QList<HistoryRow> &remote) const;

    const ReconciliationRepository *m_repository;
};
