#include "ui/outcometext.h"

#include "ui/recordtext.h"

QString OutcomeText::forReason(RejectReason reason, PlatformId platform,
                               const QString &platformText)
{
    const QString name = RecordText::platform(platform);
    switch (reason) {
    case RejectReason::Used:
        return tr("This coupon has already been used.");
    case RejectReason::Expired:
        return tr("This coupon has expired.");
    case RejectReason::Refunded:
        return tr("This coupon has been refunded.");
    case RejectReason::WrongStore:
        return tr("This coupon cannot be used at this store.");
    case RejectReason::NotFound:
        return tr("No such coupon. Check the code and scan again.");
    case RejectReason::NotStarted:
        return tr("This coupon cannot be used yet.");
    case RejectReason::BadToken:
        return tr("The scan has timed out. Scan the coupon again.");
    case RejectReason::RateLimited:
        //: %1 is the platform: Douyin, Meituan / Dianping
        return tr("%1 asks us to slow down. Wait a moment and scan again.").arg(name);
    case RejectReason::NotAuthorised:
        return tr("The %1 account is not set up correctly. Ask the manager to check the "
                  "settings.")
                .arg(name);
    case RejectReason::Unavailable:
        return tr("Could not reach %1. Nothing was verified; scan again.").arg(name);
    case RejectReason::TooLateToCancel:
        return tr("Too late to cancel: %1 no longer allows it.").arg(name);
    case RejectReason::AlreadyCancelled:
        return tr("This verification has been cancelled already.");
    case RejectReason::Unknown:
        break;
    }
    if (!platformText.isEmpty())
        return tr("%1 refused it: %2").arg(name, platformText);
    return tr("%1 refused it.").arg(name);
}

QString OutcomeText::forFailedRecord(const VerificationRecord &record,
                                     std::optional<RejectReason> reason)
{
    return forReason(reason.value_or(RejectReason::Unknown), record.platform,
                     record.errorDescription);
}

QString OutcomeText::forOutcome(VerifyOutcome::Kind kind, const Error &error,
                                const std::optional<PlatformError> &platformError,
                                PlatformId platform)
{
    using Kind = VerifyOutcome::Kind;
    if (platformError)
        platform = platformError->platform;
    const QString name = RecordText::platform(platform);
    switch (kind) {
    case Kind::PrepareRejected:
        return platformError
                ? forReason(platformError->reason, platform, platformError->description)
                : tr("%1 refused this coupon.").arg(name);
    case Kind::Unknown:
        return tr("The network dropped %1's answer. Checking whether the coupon went "
                  "through — this updates by itself.")
                .arg(name);
    case Kind::Unavailable:
        return tr("Could not reach %1. Nothing was verified; check the network and scan "
                  "again.")
                .arg(name);
    case Kind::BadAnswer:
        return tr("%1 gave an answer we cannot read. Nothing was verified; scan again.").arg(name);
    case Kind::BadLink:
        return tr("This is not a valid coupon link.");
    case Kind::BadInput:
        return tr("This is not a coupon code.");
    case Kind::CountTooHigh:
        return tr("Not that many coupons are left on this order.");
    case Kind::NotConfigured:
        return tr("The %1 account is not set up yet. Ask the manager to fill in the settings.")
                .arg(name);
    case Kind::Cooldown:
        return forReason(RejectReason::RateLimited, platform);
    case Kind::Conflict:
        return tr("This request was already used for another coupon.");
    case Kind::StorageFailed:
        return tr("The record could not be saved, so nothing was sent to %1. Check the "
                  "disk and try again.")
                .arg(name);
    case Kind::Ambiguous:
        return tr("This code is on more than one platform. Choose the platform and scan "
                  "again.");
    case Kind::Answered:
        break;
    }
    return error.message;
}

QString OutcomeText::forPrepare(const PrepareOutcome &outcome)
{
    using Kind = PrepareOutcome::Kind;
    const auto as = [&outcome](VerifyOutcome::Kind kind) {
        return forOutcome(kind, outcome.error, outcome.platformError, outcome.prepared.platform);
    };
    // Every platform of the store was asked and none has the code.
    if (outcome.kind == Kind::Rejected && outcome.platforms.size() > 1 && outcome.platformError
        && outcome.platformError->reason == RejectReason::NotFound) {
        QStringList names;
        for (const PlatformId platform : outcome.platforms)
            names.append(RecordText::platform(platform));
        //: %1 lists the platforms asked, e.g. "Douyin / Meituan / Dianping"
        return tr("No such coupon on %1. Check the code and scan again.")
                .arg(names.join(QStringLiteral(" / ")));
    }
    switch (outcome.kind) {
    case Kind::Rejected:
        return as(VerifyOutcome::Kind::PrepareRejected);
    case Kind::BadAnswer:
        return as(VerifyOutcome::Kind::BadAnswer);
    case Kind::BadLink:
        return as(VerifyOutcome::Kind::BadLink);
    case Kind::BadInput:
        return as(VerifyOutcome::Kind::BadInput);
    case Kind::NotConfigured:
        return as(VerifyOutcome::Kind::NotConfigured);
    case Kind::Cooldown:
        return as(VerifyOutcome::Kind::Cooldown);
    case Kind::Ambiguous:
        return as(VerifyOutcome::Kind::Ambiguous);
    case Kind::Unavailable:
        return as(VerifyOutcome::Kind::Unavailable);
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
