#pragma once

#include "core/douyin/douyinerror.h"
#include "core/douyin/douyinhistorytypes.h"
#include "core/douyin/douyinjson.h"
#include "core/result.h"

// Reading the history (§13) and ledger (§14) answers. Older SDKs nest `amount` and
// `fund_amount` one level deeper ({"fund_amount": {"fund_amount": {...}}}): both are read.
namespace DouyinHistoryJson {

Result<Douyin::HistoryResult, Douyin::Error> history(const DouyinJson::Envelope &answer);
Result<Douyin::LedgerResult, Douyin::Error> ledger(const DouyinJson::Envelope &answer);

} // namespace DouyinHistoryJson
