#pragma once

#include "core/store/verificationrecord.h"

// Folding the gateway's recordsChanged into what a screen shows.
namespace RecordUpdates {

// `incoming` with the cancel state `shown` already had, when incoming's is older: writers other
// than the cancel path (order details, the verify resolver) report the copy they worked on,
// which may predate a cancel that was stored meanwhile. A cancel never goes back to "never
// asked", and a cancelled record never becomes uncancelled.
VerificationRecord keepingCancel(const VerificationRecord &shown, VerificationRecord incoming);

} // namespace RecordUpdates
