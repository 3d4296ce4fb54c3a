#pragma once

#include "core/result.h"
#include "core/store/verificationqueries.h"

class Database;

// The list and summary behind the report endpoints (API.md), built from the filters of
// verificationqueries.h. Counts and summaries come from the running totals
// (VerificationTotals) whenever the filters allow, from the records otherwise.
class VerificationReportQueries
{
public:
    static constexpr int MAX_PAGE_SIZE = 500;

    explicit VerificationReportQueries(Database *database);
    Q_DISABLE_COPY_MOVE(VerificationReportQueries)

    // Newest first (created_at, then id). page >= 1, pageSize 1..MAX_PAGE_SIZE.
    Result<VerificationPage> list(const VerificationFilter &filter, int page, int pageSize);
    // From the daily totals when only date, poi, app and verify_status filter; otherwise
    // (q, enrichment_status) from the records.
    Result<VerificationSummary> summary(const SummaryQuery &query);

private:
    Database *m_database;
};
