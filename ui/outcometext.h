#pragma once

#include <optional>

#include <QCoreApplication>

#include "core/platform/platformerror.h"
#include "core/verify/verifyoutcome.h"

// Plain words for the till: what happened to a scan, and what the cashier should do. The one
// place the ui turns reasons and outcome kinds into words; it never reads platform codes.
class OutcomeText
{
    Q_DECLARE_TR_FUNCTIONS(OutcomeText)

public:
    // Why a platform refused a coupon; the platform's own text when the reason says nothing.
    static QString forReason(RejectReason reason, PlatformId platform,
                             const QString &platformText = {});
    static QString forFailedRecord(const VerificationRecord &record,
                                   std::optional<RejectReason> reason);
    // Why a prepare or verify did not go through (anything but a success).
    static QString forOutcome(VerifyOutcome::Kind kind, const Error &error,
                              const std::optional<PlatformError> &platformError,
                              PlatformId platform = PlatformId::Douyin);
    static QString forPrepare(const PrepareOutcome &outcome);
    static QString status(VerificationRecord::Status status);
    static QString money(qint64 fen);
};
