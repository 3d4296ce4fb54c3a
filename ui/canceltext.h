#pragma once

#include <optional>

#include <QCoreApplication>

#include "core/verify/cancelcommand.h"
#include "core/verify/canceloutcome.h"

// Plain words for 撤销核销 (cancelling a verification): why a cancel did not go through, how
// long a record can still be cancelled, and a record's cancel state. The sibling of
// OutcomeText for cancels; like it, it never reads platform codes.
class CancelText
{
    Q_DECLARE_TR_FUNCTIONS(CancelText)

public:
    // Why a cancel was not applied (anything but Cancelled), in the words staff act on.
    static QString forOutcome(const CancelOutcome &outcome);
    // "58 minutes"; "less than a minute" in the last one. deadline and now in Unix ms.
    static QString timeLeft(qint64 deadlineMs, qint64 nowMs);
    // Whether a record may be offered for cancelling now: a standing success, inside its
    // window, with no cancel under way.
    static bool isCancellable(const VerificationRecord &record, qint64 nowMs);
    // The cancel state in a word ("Cancelled", "Cancelling"…); "" when never asked.
    static QString status(const VerificationRecord &record);
    // The value of one of the record detail's cancel rows (RecordDetailFields: "cancel_status",
    // "cancel_deadline", "cancelled_at", "cancel_reason", "cancel_requested_by",
    // "cancel_error_code", "cancel_error_description").
    static QString field(const VerificationRecord &record, const QString &field);
};
