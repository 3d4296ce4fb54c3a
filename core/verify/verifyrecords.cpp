#include "core/verify/verifyrecords.h"

#include <QDateTime>
#include <QJsonObject>

#include "core/douyin/douyinapi.h"

namespace {

using Status = VerificationRecord::Status;

const VerifyCodeResult *resultFor(const VerificationRecord &record, const VerifyResult &answer,
                                  qsizetype index)
{
    for (const VerifyCodeResult &result : answer.results) {
        if (!record.certificateId.isEmpty() && result.certificateId == record.certificateId)
            return &result;
    }
    for (const VerifyCodeResult &result : answer.results) {
        if (!record.encryptedCode.isEmpty() && result.code == record.encryptedCode)
            return &result;
    }
    // Douyin answers one result per code, in the order sent.
    return index < answer.results.size() ? &answer.results.at(index) : nullptr;
}

void settle(VerificationRecord &record, Status status)
{
    record.verifyStatus = status;
    record.nextResolveAt.reset();
    if (status == Status::Success && record.orderId.isEmpty())
        record.enrichmentStatus = VerificationRecord::Enrichment::Skipped;
    if (status != Status::Success)
        record.enrichmentStatus = VerificationRecord::Enrichment::Skipped;
}

} // namespace

namespace VerifyRecords {

QList<VerificationRecord> pending(const VerifyCommand &command, VerificationRecord::Mode mode,
                                  const QString &sourceInput, const QString &verifyToken,
                                  const QString &orderId,
                                  const QList<PreparedCertificate> &certificates)
{
    const QString batchId = QStringLiteral("%1-%2")
                                    .arg(QDateTime::currentMSecsSinceEpoch())
                                    .arg(verifyToken.left(16));
    QList<VerificationRecord> records;
    for (const PreparedCertificate &certificate : certificates) {
        VerificationRecord record;
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

bool isAppliedUnderOwnToken(qint64 result)
{
    return result == DouyinApi::VERIFY_ALREADY_UNDER_TOKEN || result == DouyinApi::VERIFY_REPEATED;
}

QString logidOf(const QJsonObject &answer)
{
    const QJsonValue logid =
            answer.value(QLatin1String("extra")).toObject().value(QLatin1String("logid"));
    return logid.isString() ? logid.toString() : QString();
}

void applyAnswer(QList<VerificationRecord> &records, const VerifyResult &answer)
{
    const QString logid = logidOf(answer.raw);
    for (qsizetype i = 0; i < records.size(); ++i) {
        VerificationRecord &record = records[i];
        record.platformResponse = answer.raw;
        if (!logid.isEmpty())
            record.logid = logid;
        const VerifyCodeResult *result = resultFor(record, answer, i);
        if (!result) {
            record.errorDescription = QStringLiteral("Douyin's answer had no result for this code");
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
        if (result->result == DouyinApi::OK || isAppliedUnderOwnToken(result->result)) {
            record.errorCode.reset();
            record.errorDescription.clear();
            record.enrichmentStatus = VerificationRecord::Enrichment::Pending;
            settle(record, Status::Success);
        } else {
            record.errorCode = result->result;
            record.errorDescription = result->msg;
            settle(record, Status::Failed);
        }
    }
}

void applyRejection(QList<VerificationRecord> &records, const DouyinError &error)
{
    for (VerificationRecord &record : records) {
        record.logid = error.logid;
        record.platformResponse = error.raw;
        if (error.code == DouyinApi::VERIFY_ALREADY_UNDER_TOKEN) {
            record.errorCode.reset();
            record.errorDescription.clear();
            record.enrichmentStatus = VerificationRecord::Enrichment::Pending;
            settle(record, Status::Success);
            continue;
        }
        record.errorCode = error.code;
        record.errorDescription = error.description.isEmpty() ? error.message : error.description;
        settle(record, Status::Failed);
    }
}

void applyNotSent(QList<VerificationRecord> &records, const QString &reason)
{
    for (VerificationRecord &record : records) {
        record.errorCode.reset();
        record.errorDescription = QStringLiteral("not sent: ") + reason;
        settle(record, Status::Failed);
    }
}

void applyUnknown(QList<VerificationRecord> &records, qint64 nextResolveAtMs)
{
    for (VerificationRecord &record : records) {
        record.verifyStatus = Status::Unknown;
        record.nextResolveAt = nextResolveAtMs;
    }
}

StatusVerdict applyStatus(VerificationRecord &record, const CertificateState &state)
{
    record.couponStatus = state.status;
    record.verifyRecordsCount = int(state.verifyRecords.size());
    switch (DouyinApi::CertificateStatus(state.status)) {
    case DouyinApi::CertificateStatus::Verified:
        return StatusVerdict::VerifiedSomehow;
    case DouyinApi::CertificateStatus::Expired:
        record.errorDescription = QStringLiteral("certificate expired before the verify applied");
        settle(record, Status::Failed);
        return StatusVerdict::Settled;
    case DouyinApi::CertificateStatus::Refunded:
        record.errorDescription = QStringLiteral("certificate refunded before the verify applied");
        settle(record, Status::Failed);
        return StatusVerdict::Settled;
    case DouyinApi::CertificateStatus::Usable:
        break;
    }
    return StatusVerdict::Usable;
}

void applyVerifiedElsewhere(VerificationRecord &record, const VerifyRecord &theirs)
{
    record.errorCode = DouyinApi::CERTIFICATE_USED;
    const QString when = theirs.verifyTime
            ? QDateTime::fromSecsSinceEpoch(theirs.verifyTime, Qt::UTC).toString(Qt::ISODate)
            : QStringLiteral("an unknown time");
    record.errorDescription =
            QStringLiteral("already verified elsewhere (another till or Douyin's own app) at %1%2; "
                           "not by this verification")
                    .arg(when,
                         theirs.verifyId.isEmpty()
                                 ? QString()
                                 : QStringLiteral(", verify_id ") + theirs.verifyId);
    settle(record, Status::Failed);
}

} // namespace VerifyRecords
