#pragma once

#include <QString>

#include "core/meituan/meituantypes.h"
#include "core/platform/historytypes.h"

// Meituan's consumed list (§6) in the platform-neutral shapes reconciliation uses.
namespace MeituanHistoryMapping {

// Meituan writes times as epoch seconds or milliseconds, or as Beijing wall time; 0 when
// unreadable.
qint64 secondsOf(const QString &text);
// `offset`/`limit` are the page's request: the next page starts after it while the total
// says more remain (or, without a total, while the page was full).
HistoryPage toPage(const Meituan::ListResult &result, const QString &poiId, int offset, int limit);

} // namespace MeituanHistoryMapping
