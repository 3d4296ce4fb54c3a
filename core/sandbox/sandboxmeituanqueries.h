#pragma once

#include <QDate>
#include <QString>

#include "core/sandbox/sandboxmeituananswer.h"
#include "core/sandbox/sandboxmeituanbook.h"

// Meituan's read-only receipt calls for one store (MEITUAN.md §4, §6): getconsumed, the
// status query that resolves a lost consume, and querylistbydate, the reconciliation list.
//
// [choice] rules not published by Meituan, decided here:
// - getconsumed answers 1006 for an unknown receipt and for one not consumed now (never, or
//   reversed); 1012 for another store's; 1010 / 1011 for one refunded after it was consumed.
// - the list holds every consumption of the store on that day (Beijing time) by verify time,
//   wherever it was made, reversed ones included: refundStatus 1 consumed, 0 the consumption
//   was reversed (the receipt is unused again), 6 refunded after it was consumed, 4 reversed
//   and then refunded. offset counts from 0; limit must be 1..300; totalCount counts them all.
class SandboxMeituanQueries
{
public:
    explicit SandboxMeituanQueries(const SandboxMeituanBook &book) : m_book(book) { }

    SandboxMeituanAnswer consumedStatus(const QString &poiId, const QString &receiptCode) const;
    SandboxMeituanAnswer listByDate(const QString &poiId, const QDate &date, int offset,
                                    int limit) const;

private:
    int refundStatus(const SandboxMeituanBook::Consumption &consumption) const;

    const SandboxMeituanBook &m_book;
};
