#pragma once

#include <optional>

#include <QList>
#include <QString>

#include "core/platform/platformid.h"
#include "core/store/verificationrecord.h"

// What a verification slip (核销凭证) says, taken from the records of one verify (or of one
// cancel) and the store's name. Only facts: the ui words and lays them out (SlipText), so
// core stays free of tr().
struct VerificationSlip
{
    enum class Kind { Success, Cancel };

    Kind kind = Kind::Success;
    QString storeName;
    PlatformId platform = PlatformId::Douyin;
    QString productName;
    QStringList maskedCodes; // one per coupon, all but the last 4 characters hidden
    int count = 0; // coupons on this slip
    std::optional<qint64> amount; // fen, summed; nullopt when no record knew its amount
    qint64 verifiedAt = 0; // Unix ms
    std::optional<qint64> cancelledAt; // Unix ms, for a cancel
    QString cashier; // the operator at the till, or the verifier app's name
    qint64 appId = 0; // 0 = this till (cashier may then be empty)
    QStringList verifyIds;
    QString qrPayload; // the verify id(s): the store looks the slip up by it

    // records: one verify's (or one cancel's) records, all of the same store and product;
    // empty records give an empty slip (count 0).
    static VerificationSlip fromRecords(const QList<VerificationRecord> &records,
                                        const QString &storeName, Kind kind);
    static VerificationSlip fromRecord(const VerificationRecord &record, const QString &storeName);
    // "****1234": the last 4 characters kept; codes of 4 or fewer characters are all hidden,
    // because the last 4 would then be the whole code.
    static QString maskCode(const QString &code);
};
