#pragma once

#include <optional>

#include "core/platform/rejectreason.h"
#include "core/store/verificationrecord.h"

// Why a failed record failed, in RejectReason terms: the record keeps only its platform's own
// code, so the platform that gave it translates (the ui never reads platform codes).
namespace RecordReason {

// std::nullopt for a record that did not fail.
std::optional<RejectReason> of(const VerificationRecord &record);

} // namespace RecordReason
