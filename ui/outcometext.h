#pragma once

#include <optional>

#include <QCoreApplication>

#include "core/verify/verifyoutcome.h"

// Plain words for the till: what happened to a scan, and what the cashier should do.
class OutcomeText
{
    Q_DECLARE_TR_FUNCTIONS(OutcomeText)

public:
    // The reason a coupon was refused, from Douyin's code when there is one.
    static QString forDouyinCode(std::optional<qint64> code, const QString &douyinText);
    static QString forFailedRecord(const VerificationRecord &record);
    // Why a prepare or verify did not go through (anything but a success).
    static QString forOutcome(VerifyOutcome::Kind kind, const Error &error,
                              const std::optional<DouyinError> &douyin);
    static QString forPrepare(const PrepareOutcome &outcome);
    static QString status(VerificationRecord::Status status);
    static QString money(qint64 fen);
};
