#include "ui/canceltext.h"

#include "ui/outcometext.h"
#include "ui/recordtext.h"

namespace {

constexpr qint64 MINUTE_MS = 60 * 1000;

} // namespace

QString CancelText::forOutcome(const CancelOutcome &outcome)
{
    using Kind = CancelOutcome::Kind;
    const PlatformId platform = outcome.platformError
            ? outcome.platformError->platform
            : (outcome.record ? outcome.record->platform : PlatformId::Douyin);
    const QString name = RecordText::platform(platform);
    switch (outcome.kind) {
    case Kind::NotFound:
        return tr("There is no such verification.");
    case Kind::NotYours:
        return tr("Another device made this verification; only it can cancel it.");
    case Kind::NotCancellable:
        if (outcome.record
            && outcome.record->cancel.status == VerificationRecord::Cancel::Status::Cancelled)
            return OutcomeText::forReason(RejectReason::AlreadyCancelled, platform);
        if (outcome.record && outcome.record->cancel.isOpen())
            return tr("A cancel of this verification is already under way.");
        return tr("Only a successful verification can be cancelled.");
    case Kind::WindowClosed:
        if (outcome.platformError)
            return OutcomeText::forReason(RejectReason::TooLateToCancel, platform);
        //: %1 is the platform: Douyin, Meituan / Dianping
        return tr("Too late to cancel: %1 allows it only for a short time after the verify.")
                .arg(name);
    case Kind::Rejected:
        if (outcome.platformError)
            return OutcomeText::forReason(outcome.platformError->reason, platform,
                                          outcome.platformError->description);
        if (!outcome.error.message.isEmpty())
            return tr("%1 refused to cancel it: %2").arg(name, outcome.error.message);
        return tr("%1 refused to cancel it.").arg(name);
    case Kind::Unknown:
        return tr("The network dropped %1's answer. Checking whether the cancel went through — "
                  "this updates by itself; do not cancel again.")
                .arg(name);
    case Kind::Unavailable:
        return tr("Could not reach %1. Nothing was cancelled; check the network and try again.")
                .arg(name);
    case Kind::NotConfigured:
        return tr("The %1 account is not set up yet. Ask the manager to fill in the settings.")
                .arg(name);
    case Kind::BadInput:
        return tr("The reason is too long: at most %1 characters.")
                .arg(CancelCommand::MAX_REASON_LENGTH);
    case Kind::StorageFailed:
        return tr("The cancel could not be saved, so nothing was sent to %1. Check the disk and "
                  "try again.")
                .arg(name);
    case Kind::Cancelled:
        break;
    }
    return outcome.error.message;
}

QString CancelText::timeLeft(qint64 deadlineMs, qint64 nowMs)
{
    const qint64 left = deadlineMs - nowMs;
    if (left < MINUTE_MS)
        return tr("less than a minute");
    // Never "1 minutes": the last minute reads "less than a minute", and a full hour is 60.
    const qint64 minutes = left / MINUTE_MS;
    //: Time left to cancel, e.g. "1 minute"
    return minutes == 1 ? tr("1 minute") : tr("%1 minutes").arg(minutes);
}

bool CancelText::isCancellable(const VerificationRecord &record, qint64 nowMs)
{
    return record.isStandingSuccess() && !record.cancel.isOpen() && record.cancelDeadline
            && *record.cancelDeadline > nowMs;
}

QString CancelText::status(const VerificationRecord &record)
{
    using Status = VerificationRecord::Cancel::Status;
    if (!record.cancel.status)
        return {};
    switch (*record.cancel.status) {
    case Status::Pending:
        //: A cancel (撤销核销) has been sent and not answered yet
        return tr("Cancelling");
    case Status::Unknown:
        return tr("Checking the cancel");
    case Status::Cancelled:
        //: The verification was cancelled (已撤销)
        return tr("Cancelled");
    case Status::Failed:
        return tr("Cancel refused");
    }
    return {};
}

QString CancelText::field(const VerificationRecord &record, const QString &field)
{
    const VerificationRecord::Cancel &cancel = record.cancel;
    const auto orNone = [](const QString &text) {
        return text.isEmpty() ? RecordText::none() : text;
    };
    if (field == QLatin1String("cancel_status"))
        //: Cancel status of a verification that nobody asked to cancel
        return cancel.status ? status(record) : tr("Not cancelled");
    if (field == QLatin1String("cancel_deadline"))
        return RecordText::dateTime(record.cancelDeadline);
    if (field == QLatin1String("cancelled_at"))
        return RecordText::dateTime(cancel.cancelledAt);
    if (field == QLatin1String("cancel_reason"))
        return orNone(cancel.reason);
    if (field == QLatin1String("cancel_requested_by"))
        return orNone(cancel.requestedBy);
    if (field == QLatin1String("cancel_error_code"))
        return cancel.errorCode ? QString::number(*cancel.errorCode) : RecordText::none();
    if (field == QLatin1String("cancel_error_description"))
        return orNone(cancel.errorDescription);
    return {};
}
