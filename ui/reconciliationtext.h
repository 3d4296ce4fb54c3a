#pragma once

#include <optional>

#include <QCoreApplication>
#include <QString>

#include "core/platform/historytypes.h"
#include "core/reconcile/reconciliationreport.h"
#include "core/report/reconciliationentry.h"
#include "core/store/verificationrecord.h"

// Every word of 对账 a manager reads: the day's state, the kinds of difference and the
// plain-words explanation of each one. The page, its table and the CSV's note column all take
// their text from here, so the screen and the file say the same thing.
class ReconciliationText
{
    Q_DECLARE_TR_FUNCTIONS(ReconciliationText)

public:
    using Kind = ReconciliationEntry::Kind;
    using State = ReconciliationReport::State;

    // 未获取 / 当天未结束，结果不完整 / 已完成.
    static QString state(State state);
    // The state with the fetch time, or that a fetch is running.
    static QString stateLine(const ReconciliationReport &report);
    // The kind as a short column value: 仅平台 / 仅本机 / 状态不一致 / 金额不一致 / 待确认.
    static QString kind(Kind kind);
    // What happened, in a sentence a manager can act on.
    static QString explanation(const ReconciliationEntry &entry);
    // The platform's status of a row: 已核销 / 已撤销 / 已退款.
    static QString platformStatus(HistoryRow::Status status);
    // The till's status of a record, a cancel included.
    static QString localStatus(const VerificationRecord &record);

private:
    static QString onlyPlatform(const HistoryRow &row);
    static QString statusMismatch(const VerificationRecord &local, const HistoryRow &platform);
};
