#include "core/slip/verificationslip.h"

namespace {

constexpr int KEPT_DIGITS = 4;

QString codeOf(const VerificationRecord &record)
{
    // origin_code is what the customer holds; a short-link scan may only know the
    // certificate id until the record is enriched.
    if (!record.originCode.isEmpty())
        return record.originCode;
    return record.certificateId;
}

QString cashierOf(const VerificationRecord &record, VerificationSlip::Kind kind)
{
    if (kind == VerificationSlip::Kind::Cancel && !record.cancel.requestedBy.isEmpty())
        return record.cancel.requestedBy;
    const QString operatorId = record.extra.value(QStringLiteral("operator_id")).toString();
    return operatorId.isEmpty() ? record.appName : operatorId;
}

} // namespace

VerificationSlip VerificationSlip::fromRecords(const QList<VerificationRecord> &records,
                                               const QString &storeName, Kind kind)
{
    VerificationSlip slip;
    slip.kind = kind;
    slip.storeName = storeName;
    if (records.isEmpty())
        return slip;
    const VerificationRecord &first = records.first();
    slip.platform = first.platform;
    slip.productName = first.productName.isEmpty() ? first.skuName : first.productName;
    slip.count = int(records.size());
    slip.verifiedAt = first.verifyTime ? *first.verifyTime * 1000 : first.createdAt;
    slip.cashier = cashierOf(first, kind);
    slip.appId = first.appId;
    for (const VerificationRecord &record : records) {
        slip.maskedCodes.append(maskCode(codeOf(record)));
        if (record.payAmount)
            slip.amount = slip.amount.value_or(0) + *record.payAmount;
        if (!record.verifyId.isEmpty() && !slip.verifyIds.contains(record.verifyId))
            slip.verifyIds.append(record.verifyId);
        if (kind == Kind::Cancel) {
            const auto at = record.cancel.cancelledAt ? record.cancel.cancelledAt
                                                      : record.cancel.requestedAt;
            if (at && (!slip.cancelledAt || *at > *slip.cancelledAt))
                slip.cancelledAt = at;
        }
    }
    slip.qrPayload = slip.verifyIds.join(QLatin1Char(','));
    return slip;
}

VerificationSlip VerificationSlip::fromRecord(const VerificationRecord &record,
                                              const QString &storeName)
{
    const bool cancelled = record.cancel.status == VerificationRecord::Cancel::Status::Cancelled;
    return fromRecords({record}, storeName, cancelled ? Kind::Cancel : Kind::Success);
}

QString VerificationSlip::maskCode(const QString &code)
{
    const QString trimmed = code.trimmed();
    if (trimmed.size() <= KEPT_DIGITS)
        return QString(KEPT_DIGITS, QLatin1Char('*'));
    return QString(KEPT_DIGITS, QLatin1Char('*')) + trimmed.right(KEPT_DIGITS);
}
