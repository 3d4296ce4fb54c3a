#pragma once

#include <QByteArray>

#include "core/platform/platformerror.h"
#include "core/verify/verifyoutcome.h"

class VerificationRepository;

// Building and storing verify outcomes: the engine's shared vocabulary for "how it ended".
namespace VerifyOutcomes {

VerifyOutcome failure(VerifyOutcome::Kind kind, ErrorCode code, const QString &message);
// A platform failure before verify was sent: nothing was verified.
VerifyOutcome beforeVerify(const PlatformError &error);
// The answer for a verify that already has records (a repeated verify_token): theirs, as
// Unknown while one of them is still open.
VerifyOutcome notSetUp(PlatformId platform, const QString &poiId);
VerifyOutcome replayOf(const QList<VerificationRecord> &records);
PrepareOutcome::Kind prepareKind(const VerifyOutcome &outcome);
PrepareOutcome asPrepare(const VerifyOutcome &outcome);

// An outcome as stored under an Idempotency-Key, and back (records re-read by id).
QByteArray encode(const VerifyOutcome &outcome);
VerifyOutcome decode(const QByteArray &stored, VerificationRepository &repository);

} // namespace VerifyOutcomes
