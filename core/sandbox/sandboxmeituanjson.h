#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include "core/sandbox/sandboxmeituanbook.h"

// How the Meituan sandbox writes receipts into its answers, call by call, with the field
// names and types MEITUAN.md gives each call: dealGroupId in prepare, getconsumed and the
// list but dealgroupId in consume and reverseconsume; receiptEndDate epoch milliseconds as a
// number in prepare, a "yyyy-MM-dd HH:mm:ss" string (Beijing time) in consume; prices in yuan
// as JSON numbers (99.9), paymentDetail amounts as strings with two decimals ("12.50"); ids
// of deals and flows as JSON numbers (all below 2^53), order ids and codes as strings.
namespace SandboxMeituanJson {

using Book = SandboxMeituanBook;

QJsonValue yuan(qint64 fen);
QString yuanText(qint64 fen);
QString beijingTime(qint64 unixSeconds); // "yyyy-MM-dd HH:mm:ss"
QString beijingDate(qint64 unixSeconds); // "yyyy-MM-dd"

// prepare's data; count = the order's receipts still usable.
QJsonObject prepared(const Book::Order &order, const Book::Receipt &receipt, int count);
// One entry of consume's data.result.
QJsonObject consumed(const Book::Order &order, const Book::Receipt &receipt,
                     const Book::Consumption &consumption);
// One entry of reverseconsume's data.result.
QJsonObject reversed(const Book::Order &order, const Book::Receipt &receipt);
// getconsumed's data.
QJsonObject consumedStatus(const Book::Order &order, const Book::Consumption &consumption);
// One of querylistbydate's records.
QJsonObject listRecord(const Book::Order &order, const Book::Consumption &consumption,
                       int refundStatus);

} // namespace SandboxMeituanJson
