#pragma once

#include <QList>

#include "core/douyin/douyinhistorytypes.h"
#include "core/platform/historytypes.h"

// Douyin's history and ledger answers in the platform-neutral shapes reconciliation uses.
namespace DouyinHistoryMapping {

// `requested` is the page size asked for: a shorter page is the last (§13).
HistoryPage toPage(const Douyin::HistoryResult &result, int requested);
// One entry per certificate, its records added up; voided records count for nothing.
QList<LedgerEntry> toEntries(const Douyin::LedgerResult &result);

} // namespace DouyinHistoryMapping
