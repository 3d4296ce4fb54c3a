#pragma once

#include <QByteArray>

#include "core/platform/platformerror.h"
#include "core/result.h"
#include "core/verify/verifyoutcome.h"

class VerificationRepository;

// Building and storing verify outcomes: the engine's shared vocabulary for "how it ended".
namespace VerifyOutcomes {

VerifyOutcome failure(VerifyOutcome::Kind kind, ErrorCode code, const QString &message);
// A platform failure before verify was sent: nothing was verified.
VerifyOutcome beforeVerify(const PlatformError &error);
// This platform cannot verify at this store (no credentials, or the store is not bound).
VerifyOutcome notSetUp(PlatformId platform, const QString &poiId);
// No platform at all can verify at this store.
VerifyOutcome noPlatform(const QString &poiId);
// A plain code that each of `platforms` knows: the caller has to say which one it is.
VerifyOutcome ambiguous(const QList<PlatformId> &platforms, const QString &code);
// The platform's answer to a sent verify, applied to its pending records: Answered (success
// or failed records), Unknown (lost; resolution starts at nextResolveAtMs) or Unavailable /
// Cooldown (never left).
VerifyOutcome fromAnswer(QList<VerificationRecord> records,
                         const Result<PlatformOutcome, PlatformError> &answer,
                         qint64 nextResolveAtMs);
// The answer for a verify that already has records (a repeated verify_token): theirs, as
// Unknown while one of them is still open.
VerifyOutcome replayOf(const QList<VerificationRecord> &records);
// Some record of the outcome is still pending: its verify is in flight (here or at another
// gateway of the chain).
bool stillPending(const VerifyOutcome &outcome);
PrepareOutcome::Kind prepareKind(const VerifyOutcome &outcome);
PrepareOutcome asPrepare(const VerifyOutcome &outcome);

// An outcome as stored under an Idempotency-Key, and back (records re-read by id).
QByteArray encode(const VerifyOutcome &outcome);
VerifyOutcome decode(const QByteArray &stored, VerificationRepository &repository);

} // namespace VerifyOutcomes
