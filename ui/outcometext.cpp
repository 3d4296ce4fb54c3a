#include "ui/outcometext.h"

#include "core/douyin/douyinapi.h"

QString OutcomeText::forDouyinCode(std::optional<qint64> code, const QString &douyinText)
{
    switch (code.value_or(-1)) {
    case DouyinApi::CERTIFICATE_USED:
        return tr("This coupon has already been used.");
    case DouyinApi::CERTIFICATE_EXPIRED:
        return tr("This coupon has expired.");
    case DouyinApi::CERTIFICATE_REFUNDED:
        return tr("This coupon has been refunded.");
    case DouyinApi::POI_NOT_ALLOWED:
        return tr("This coupon cannot be used at this store.");
    case DouyinApi::CERTIFICATE_NOT_FOUND:
        return tr("No such coupon. Check the code and scan again.");
    case DouyinApi::VERIFY_TOKEN_INVALID:
        return tr("The scan has timed out. Scan the coupon again.");
    case DouyinApi::TOO_FREQUENT:
        return tr("Douyin asks us to slow down. Wait a moment and scan again.");
    case DouyinApi::TOKEN_INVALID:
    case DouyinApi::TOKEN_EXPIRED:
    case DouyinApi::CLIENT_KEY_INVALID:
    case DouyinApi::CLIENT_SECRET_INVALID:
    case DouyinApi::MERCHANT_NOT_AUTHORISED:
    case DouyinApi::CAPABILITY_NOT_GRANTED:
        return tr("The Douyin account is not set up correctly. Ask the manager to check the "
                  "settings.");
    default:
        break;
    }
    if (!douyinText.isEmpty())
        return tr("Douyin refused it: %1").arg(douyinText);
    return tr("Douyin refused it.");
}

QString OutcomeText::forFailedRecord(const VerificationRecord &record)
{
    if (!record.errorCode && record.errorDescription.startsWith(QLatin1String("not sent")))
        return tr("Could not reach Douyin. Nothing was verified; scan again.");
    return forDouyinCode(record.errorCode, record.errorDescription);
}

QString OutcomeText::forOutcome(VerifyOutcome::Kind kind, const Error &error,
                                const std::optional<DouyinError> &douyin)
{
    using Kind = VerifyOutcome::Kind;
    switch (kind) {
    case Kind::PrepareRejected:
        return douyin ? forDouyinCode(douyin->code, douyin->description)
                      : tr("Douyin refused this coupon.");
    case Kind::Unknown:
        return tr("The network dropped Douyin's answer. Checking whether the coupon went "
                  "through — this updates by itself.");
    case Kind::Unavailable:
        return tr("Could not reach Douyin. Nothing was verified; check the network and scan "
                  "again.");
    case Kind::BadAnswer:
        return tr("Douyin gave an answer we cannot read. Nothing was verified; scan again.");
    case Kind::BadLink:
        return tr("This is not a valid Douyin coupon link.");
    case Kind::BadInput:
        if (error.message.startsWith(QLatin1String("count")))
            return tr("Not that many coupons are left on this order.");
        return tr("This is not a coupon code.");
    case Kind::NotConfigured:
        return tr("The Douyin account is not set up yet. Ask the manager to fill in the settings.");
    case Kind::Cooldown:
        return tr("Douyin asks us to slow down. Wait a moment and scan again.");
    case Kind::Conflict:
        return tr("This request was already used for another coupon.");
    case Kind::StorageFailed:
        return tr("The record could not be saved, so nothing was sent to Douyin. Check the "
                  "disk and try again.");
    case Kind::Answered:
        break;
    }
    return error.message;
}

QString OutcomeText::forPrepare(const PrepareOutcome &outcome)
{
    using Kind = PrepareOutcome::Kind;
    switch (outcome.kind) {
    case Kind::Rejected:
        return forOutcome(VerifyOutcome::Kind::PrepareRejected, outcome.error, outcome.douyin);
    case Kind::BadAnswer:
        return forOutcome(VerifyOutcome::Kind::BadAnswer, outcome.error, outcome.douyin);
    case Kind::BadLink:
        return forOutcome(VerifyOutcome::Kind::BadLink, outcome.error, outcome.douyin);
    case Kind::BadInput:
        return forOutcome(VerifyOutcome::Kind::BadInput, outcome.error, outcome.douyin);
    case Kind::NotConfigured:
        return forOutcome(VerifyOutcome::Kind::NotConfigured, outcome.error, outcome.douyin);
    case Kind::Cooldown:
        return forOutcome(VerifyOutcome::Kind::Cooldown, outcome.error, outcome.douyin);
    case Kind::Unavailable:
        return forOutcome(VerifyOutcome::Kind::Unavailable, outcome.error, outcome.douyin);
    case Kind::Prepared:
        break;
    }
    return {};
}

QString OutcomeText::status(VerificationRecord::Status status)
{
    switch (status) {
    case VerificationRecord::Status::Pending:
        return tr("Sending");
    case VerificationRecord::Status::Success:
        return tr("Success");
    case VerificationRecord::Status::Failed:
        return tr("Failed");
    case VerificationRecord::Status::Unknown:
        return tr("Checking");
    }
    return {};
}

QString OutcomeText::money(qint64 fen)
{
    //: An amount of money in yuan, e.g. ¥12.30
    return tr("¥%1").arg(double(fen) / 100.0, 0, 'f', 2);
}
