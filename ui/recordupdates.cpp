#include "ui/recordupdates.h"

namespace RecordUpdates {

VerificationRecord keepingCancel(const VerificationRecord &shown, VerificationRecord incoming)
{
    using Status = VerificationRecord::Cancel::Status;
    const bool older = shown.cancel.status
            && (!incoming.cancel.status || shown.cancel.status == Status::Cancelled);
    if (older)
        incoming.cancel = shown.cancel;
    if (!incoming.cancelDeadline)
        incoming.cancelDeadline = shown.cancelDeadline;
    return incoming;
}

} // namespace RecordUpdates
