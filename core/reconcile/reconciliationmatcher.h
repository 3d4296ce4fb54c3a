#pragma once

#include <QList>

#include "core/platform/historytypes.h"
#include "core/reconcile/reconciliationreport.h"
#include "core/store/verificationrecord.h"

// Sets a day's local records against the platform's rows (API.md, Reconciliation). A row and a
// record are the same verification when their verify ids agree, or, where one side has no
// verify id, their certificate (receipt) codes do. Local failures are no verification and are
// not looked at; local pending/unknown records are still being resolved: they and the rows of
// their coupons are set aside as `unresolved`, never reported as differences.
class ReconciliationMatcher
{
public:
    // Fills matched, the four lists, unresolved and both sides of `report`.
    static void match(const QList<VerificationRecord> &local, const QList<HistoryRow> &remote,
                      ReconciliationReport &report);

private:
    static bool sameAmount(const VerificationRecord &record, const HistoryRow &row);
    static bool sameStatus(const VerificationRecord &record, const HistoryRow &row);
};
