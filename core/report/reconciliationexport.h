#pragma once

#include <functional>

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include "core/reconcile/reconciliationreport.h"
#include "core/report/reconciliationentry.h"

// A day's reconciliation as a CSV file, in the conventions of report.h: API field names and
// values, integer fen with `_yuan` twins, RFC 3339 UTC times, UTF-8 BOM, CRLF.
//
// One line per difference, then the records still being resolved, then three lines whose
// `kind` reads "matched", "local_total" and "platform_total" and whose `count` (and pay
// amount) carry the day's totals. Only the `note` column is in words, and it is the caller's:
// core translates nothing, so the ui hands in the explanation it shows on screen.
namespace ReconciliationExport {

using Note = std::function<QString(const ReconciliationEntry &)>;

QStringList columns();
// poiName: the store's name if known ("" otherwise).
QStringList fields(const ReconciliationReport &report, const ReconciliationEntry &entry,
                   const QString &poiName, const QString &note);
// The whole file.
QByteArray csv(const ReconciliationReport &report, const QHash<QString, QString> &poiNames,
               const Note &note);
// "verified", "cancelled", "refunded".
QString toString(HistoryRow::Status status);

} // namespace ReconciliationExport
