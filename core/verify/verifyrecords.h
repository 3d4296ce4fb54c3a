#pragma once

#include <QList>

#include "core/douyin/douyinerror.h"
#include "core/douyin/douyintypes.h"
#include "core/verify/verificationrecord.h"
#include "core/verify/verifycommand.h"

// The transitions of verification records, shared by the first attempt and by resolution.
namespace VerifyRecords {

// One pending record per certificate about to be verified in one call.
QList<VerificationRecord> pending(const VerifyCommand &command, VerificationRecord::Mode mode,
                                  const QString &sourceInput, const QString &verifyToken,
                                  const QString &orderId,
                                  const QList<PreparedCertificate> &certificates);

// Douyin answered verify. On a retry (resolution), 1208 and 2 mean an earlier attempt applied.
void applyAnswer(QList<VerificationRecord> &records, const VerifyResult &answer, bool isRetry);

// Douyin refused the whole call (extra/data error_code): nothing was applied.
void applyRejection(QList<VerificationRecord> &records, const DouyinError &error);

// The request never reached Douyin.
void applyNotSent(QList<VerificationRecord> &records, const QString &reason);

// The request was sent and the answer lost.
void applyUnknown(QList<VerificationRecord> &records, qint64 nextResolveAtMs);

// What the certificate status query says about a record whose outcome was unknown.
// Returns true when it settled the record (verified, expired, refunded).
bool applyStatus(VerificationRecord &record, const CertificateState &state);

} // namespace VerifyRecords
