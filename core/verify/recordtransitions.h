#pragma once

#include <QList>

#include <optional>

#include "core/platform/platformerror.h"
#include "core/platform/platformtypes.h"
#include "core/store/verificationrecord.h"
#include "core/verify/verifycommand.h"

// The transitions of verification records, shared by the first attempt and by resolution.
namespace RecordTransitions {

// One pending record per certificate about to be verified in one call.
QList<VerificationRecord> pending(const VerifyCommand &command, VerificationRecord::Mode mode,
                                  const QString &sourceInput, const QString &verifyToken,
                                  const QString &orderId,
                                  const QList<PreparedCoupon> &certificates);

// The platform's result for a record: by certificate id, by code, else by position.
const CouponResult *resultFor(const VerificationRecord &record, const PlatformOutcome &answer,
                              qsizetype index);

// The platform answered verify: each code applied (success) or refused (failed, with the
// platform's code and text). "Already applied under this token" is the platform's to say.
void applyAnswer(QList<VerificationRecord> &records, const PlatformOutcome &answer);

// The platform refused the whole call: nothing was applied.
void applyRejection(QList<VerificationRecord> &records, const PlatformError &error);

// True for a failed record whose request never reached the platform (applyNotSent).
bool wasNotSent(const VerificationRecord &record);

// The request never reached Douyin.
void applyNotSent(QList<VerificationRecord> &records, const QString &reason);

// The request was sent and the answer lost.
void applyUnknown(QList<VerificationRecord> &records, qint64 nextResolveAtMs);

// What the certificate status query says about a record whose outcome was unknown.
enum class StatusVerdict {
    Usable, // not verified: our verify did not apply (yet); resend with the same token
    VerifiedSomehow, // verified, by us or by someone else: the same-token resend tells which
    Settled, // refunded or expired: failed, nothing to resend
};
StatusVerdict applyStatus(VerificationRecord &record, const CouponState &state);

// The certificate was verified, but not by this verification (our token's resend answered
// "used" or the verify happened before we sent ours).
void applyVerifiedElsewhere(VerificationRecord &record, const CouponState &theirs,
                            std::optional<qint64> code);

} // namespace RecordTransitions
