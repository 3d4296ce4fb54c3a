#pragma once

#include <optional>

#include <QList>
#include <QString>

#include "core/platform/historytypes.h"
#include "core/reconcile/reconciliationreport.h"
#include "core/store/verificationrecord.h"

// One line of a reconciliation as a manager reads it: a difference, with whichever sides it
// has, or a local record still being resolved. The till's list and the CSV file are both built
// from these, so they always show the same lines in the same order.
struct ReconciliationEntry
{
    // Unresolved is not a difference: the record's own outcome is not known yet.
    enum class Kind { OnlyPlatform, OnlyLocal, StatusMismatch, AmountMismatch, Unresolved };

    Kind kind = Kind::OnlyPlatform;
    std::optional<VerificationRecord> local;
    std::optional<HistoryRow> platform;

    // The differences in the report's order (only_platform, only_local, status_mismatch,
    // amount_mismatch), then the unresolved records.
    static QList<ReconciliationEntry> listOf(const ReconciliationReport &report);
    // API.md's names: "only_platform", ..., and "unresolved".
    static QString toString(Kind kind);

    bool isDifference() const { return kind != Kind::Unresolved; }
    PlatformId platformId() const;
    QString poiId() const;
    QString certificateId() const;
    // The coupon code staff would recognise: the local record's, else the platform's.
    QString code() const;
    QString productName() const;
    // When it happened, Unix ms: the platform's verify time if it has one, else the scan.
    std::optional<qint64> time() const;
};
