#pragma once

#include <QJsonObject>

#include "core/platform/historytypes.h"
#include "core/reconcile/reconciliationreport.h"

// The reconciliation report as API.md's Reconciliation section shows it.
namespace ReconciliationJson {

// API.md's Row: one verification in the platform's history.
QJsonObject row(const HistoryRow &row);
QJsonObject report(const ReconciliationReport &report);

} // namespace ReconciliationJson
