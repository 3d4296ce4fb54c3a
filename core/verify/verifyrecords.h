#pragma once

#include <QList>

#include "core/douyin/douyinerror.h"
#include "core/douyin/douyintypes.h"
#include "core/store/verificationrecord.h"
#include "core/verify/verifycommand.h"

// The transitions of verification records, shared by the first attempt and by resolution.
namespace VerifyRecords {

// One pending record per certificate about to be verified in one call.
QList<VerificationRecord> pending(const VerifyCommand &command, VerificationRecord::Mode mode,
                                  const QString &sourceInput, const QString &verifyToken,
                                  const QString &orderId,
                                  const QList<PreparedCertificate> &certificates);

// True for the answers that mean "already verified under this verify_token": 1208 and 2.
// Our requests only ever carry their own token, so this is THIS verification applied, in
// the first answer as in a retry (an HTTP stack may have resent the request underneath).
bool isAppliedUnderOwnToken(qint64 result);

// Douyin answered verify: 0, 1208 and 2 are success; anything else fails that code.
void applyAnswer(QList<VerificationRecord> &records, const VerifyResult &answer);

// Douyin refused the whole call (extra/data error_code): nothing was applied, except when the
// code itself says the call was already applied under this token (then success).
void applyRejection(QList<VerificationRecord> &records, const DouyinError &error);

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
StatusVerdict applyStatus(VerificationRecord &record, const CertificateState &state);

// The certificate was verified, but not by this verification (our token's resend answered
// "used" or the verify happened before we sent ours).
void applyVerifiedElsewhere(VerificationRecord &record, const VerifyRecord &theirs);

// Douyin's extra.logid of an answer, "" when it has none.
QString logidOf(const QJsonObject &answer);

} // namespace VerifyRecords
