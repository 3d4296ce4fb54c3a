#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/store/verificationqueries.h"
#include "core/store/verificationrecord.h"

// CSV files of verification records and summaries, for Excel and for accounting scripts.
//
// Columns carry the LAN API's field names and values (API.md's VerificationView and
// VerificationSummaryRow), so a file and an API answer read the same way. Amounts stay integer
// fen under their API names, exact for scripts; each amount also gets a `<name>_yuan` column
// with two decimals for people. Times stay RFC 3339 UTC like the API; `created_at_local` adds
// the store's wall-clock time, which is what a manager looks for.
//
// Files start with a UTF-8 byte order mark, without which Excel reads Chinese as ANSI, and
// end lines with CRLF (RFC 4180). Nothing here is translated: the columns are data.
namespace Report {

inline constexpr char UTF8_BOM[] = "\xEF\xBB\xBF";

// One CSV line, CRLF included. A field with a comma, quote, CR or LF is quoted and its quotes
// doubled; other fields are written bare.
QByteArray csvLine(const QStringList &fields);

// "12.34"; "" for an unknown amount.
QString yuan(std::optional<qint64> fen);

// Every VerificationView field in API order, then the additional columns.
QStringList recordColumns();
// poiName: the store's name if known ("" otherwise).
QStringList recordFields(const VerificationRecord &record, const QString &poiName);

// The group-by keys' columns (date; poi_id, poi_name; app_id, app_name; product_id,
// product_name), then the counts and amounts.
QStringList summaryColumns(const QList<SummaryQuery::GroupKey> &groupBy);
QStringList summaryFields(const VerificationSummaryRow &row,
                          const QList<SummaryQuery::GroupKey> &groupBy,
                          const QHash<QString, QString> &poiNames);
// The whole file: BOM, header, one line per row, then a line for the totals whose first
// column reads "total".
QByteArray summaryCsv(const VerificationSummary &summary,
                      const QList<SummaryQuery::GroupKey> &groupBy,
                      const QHash<QString, QString> &poiNames);

} // namespace Report
