#include "core/verify/recordtransitions.h"

#include <QDateTime>
#include <QJsonObject>

namespace {

using Status = VerificationRecord::Status;

// Marks the description of a record that never reached the platform.
const QString NOT_SENT_PREFIX = QStringLiteral("not sent: ");

void settle(VerificationRecord &record, Status status)
{
    record.verifyStatus = status;
    record.nextResolveAt.reset();
    // A success waits for its settlement where a ledger will state it; elsewhere it is known
    // from the answer or not at all.
    if (status == Status::Success && !record.settlementStatus
        && Platforms::settlesThroughLedger(record.platform))
        record.settlementStatus = VerificationRecord::Settlement::Pending;
    if (status == Status::Success && record.orderId.isEmpty())
        record.enrichmentStatus = VerificationRecord::Enrichment::Skipped;
    if (status != Status::Success)
        record.enrichmentStatus = VerificationRecord::Enrichment::Skipped;
}

} // namespace

namespace RecordTransitions {

QList<VerificationRecord> pending(const VerifyCommand &command, VerificationRecord::Mode mode,
                                  const QString &sourceInput, const QString &verifyToken,
                                  const QString &orderId, const QList<PreparedCoupon> &certificates)
{
    const QString batchId = QStringLiteral("%1-%2")
                                    .arg(QDateTime::currentMSecsSinceEpoch())
                                    .arg(verifyToken.left(16));
    QList<VerificationRecord> records;
    for (const PreparedCoupon &certificate : certificates) {
        VerificationRecord record;
        // The engine has chosen the platform by now (PlatformRouter).
        Q_ASSERT(command.platform);
        record.platform = command.platform.value_or(PlatformId::Douyin);
        record.appId = command.appId;
        record.poiId = command.poiId;
        record.mode = mode;
        record.sourceInput = sourceInput;
        record.batchId = batchId;
        record.verifyToken = verifyToken;
        record.verifyStatus = Status::Pending;
        record.certificateId = certificate.certificateId;
        record.encryptedCode = certificate.encryptedCode;
        record.orderId = orderId;
        record.productId = certificate.sku.productId;
        // Prepare carries no product name; the SKU title is what the customer bought.
        // Enrichment replaces it with the order's product_name.
        if (!certificate.sku.title.isEmpty()) {
            record.productName = certificate.sku.title;
            record.skuName = certificate.sku.title;
        }
        record.skuId = certificate.sku.skuId;
        if (certificate.amount.payAmount || certificate.amount.originalAmount)
            record.payAmount = certificate.amount.payAmount;
        if (certificate.expireTime)
            record.expireTime = certificate.expireTime;
        record.extra = command.extra;
        records.append(record);
    }
    return records;
}

const CouponResult *resultFor(const VerificationRecord &record, const PlatformOutcome &answer,
                              qsizetype index)
{
    for (const CouponResult &result : answer.results) {
        if (!record.certificateId.isEmpty() && result.certificateId == record.certificateId)
            return &result;
    }
    for (const CouponResult &result : answer.results) {
        if (!record.encryptedCode.isEmpty() && result.code == record.encryptedCode)
            return &result;
    }
    // Platforms answer one result per code, in the order sent.
    return index < answer.results.size() ? &answer.results.at(index) : nullptr;
}

void applyAnswer(QList<VerificationRecord> &records, const PlatformOutcome &answer)
{
    for (qsizetype i = 0; i < records.size(); ++i) {
        VerificationRecord &record = records[i];
        record.platformResponse = answer.raw;
        if (!answer.traceId.isEmpty())
            record.logid = answer.traceId;
        const CouponResult *result = resultFor(record, answer, i);
        if (!result) {
            record.errorDescription =
                    QStringLiteral("the platform's answer had no result for this code");
            settle(record, Status::Failed);
            continue;
        }
        if (!result->verifyId.isEmpty())
            record.verifyId = result->verifyId;
        if (!result->certificateId.isEmpty())
            record.certificateId = result->certificateId;
        if (!result->originCode.isEmpty())
            record.originCode = result->originCode;
        if (!result->orderId.isEmpty())
            record.orderId = result->orderId;
        if (result->verifyTime)
            record.verifyTime = result->verifyTime;
        if (result->applied) {
            if (result->receiptAmount) {
                record.receiptAmount = result->receiptAmount;
                record.settlementStatus = VerificationRecord::Settlement::Settled;
                record.settledAt = QDateTime::currentMSecsSinceEpoch();
            }
            record.errorCode.reset();
            record.errorDescription.clear();
            // The window runs from the platform's verify time; ours when it gave none.
            const qint64 verifiedAtMs = record.verifyTime ? *record.verifyTime * 1000
                                                          : QDateTime::currentMSecsSinceEpoch();
            record.cancelDeadline = verifiedAtMs + qint64(answer.cancelWindowSeconds) * 1000;
            record.enrichmentStatus = VerificationRecord::Enrichment::Pending;
            settle(record, Status::Success);
        } else {
            record.errorCode = result->result;
            record.errorDescription = result->msg;
            settle(record, Status::Failed);
        }
    }
}

void applyRejection(QList<VerificationRecord> &records, const PlatformError &error)
{
    for (VerificationRecord &record : records) {
        record.logid = error.traceId;
        record.platformResponse = error.raw;
        record.errorCode = error.code;
        record.errorDescription = error.description.isEmpty() ? error.message : error.description;
        settle(record, Status::Failed);
    }
}

void applyNotSent(QList<VerificationRecord> &records, const QString &reason)
{
    for (VerificationRecord &record : records) {
        record.errorCode.reset();
        record.errorDescription = NOT_SENT_PREFIX + reason;
        settle(record, Status::Failed);
    }
}

bool wasNotSent(const VerificationRecord &record)
{
    return !record.errorCode && record.errorDescription.startsWith(NOT_SENT_PREFIX);
}

void applyUnknown(QList<VerificationRecord> &records, qint64 nextResolveAtMs)
{
    for (VerificationRecord &record : records) {
        record.verifyStatus = Status::Unknown;
        record.nextResolveAt = nextResolveAtMs;
    }
}

StatusVerdict applyStatus(VerificationRecord &record, const CouponState &state)
{
    record.couponStatus = state.platformStatus;
    record.verifyRecordsCount = state.verifyCount;
    switch (state.status) {
    case CouponState::Status::Verified:
        return StatusVerdict::VerifiedSomehow;
    case CouponState::Status::Expired:
        record.errorDescription = QStringLiteral("certificate expired before the verify applied");
        settle(record, Status::Failed);
        return StatusVerdict::Settled;
    case CouponState::Status::Refunded:
        record.errorDescription = QStringLiteral("certificate refunded before the verify applied");
        settle(record, Status::Failed);
        return StatusVerdict::Settled;
    case CouponState::Status::Usable:
    case CouponState::Status::Unknown:
        break;
    }
    return StatusVerdict::Usable;
}

void applyVerifiedElsewhere(VerificationRecord &record, const CouponState &theirs,
                            std::optional<qint64> code)
{
    record.errorCode = code;
    const QString when = theirs.verifyTime
            ? QDateTime::fromSecsSinceEpoch(theirs.verifyTime, Qt::UTC).toString(Qt::ISODate)
            : QStringLiteral("an unknown time");
    record.errorDescription =
            QStringLiteral("already verified elsewhere (another till or the platform's own app) "
                           "at %1%2; not by this verification")
                    .arg(when,
                         theirs.verifyId.isEmpty()
                                 ? QString()
                                 : QStringLiteral(", verify_id ") + theirs.verifyId);
    settle(record, Status::Failed);
}

} // namespace RecordTransitions
