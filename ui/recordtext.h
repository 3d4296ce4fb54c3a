#pragma once

#include <optional>

#include <QColor>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include "core/store/verificationrecord.h"

// The words and formats staff see for a record's codes, amounts and times. core/ keeps codes
// and fen; the wording lives here so it can be translated.
class RecordText
{
    Q_DECLARE_TR_FUNCTIONS(RecordText)

public:
    static QString status(VerificationRecord::Status status);
    // The coupon platform's name as staff know it.
    static QString platform(PlatformId platform);
    // The short name for badges and narrow columns (抖音, 美团), as cashiers say it.
    static QString platformShort(PlatformId platform);
    // Green, red, orange or grey: readable on white, told apart at a glance.
    static QColor statusColor(VerificationRecord::Status status);
    static QString enrichment(VerificationRecord::Enrichment status);
    // 待结算 / 已结算: whether the platform has stated what the store receives.
    static QString settlement(VerificationRecord::Settlement status);
    // The record's order status and coupon status in words.
    static QString orderStatus(const VerificationRecord &record);
    static QString couponStatus(const VerificationRecord &record);
    // The verifier app; app 0 is this till.
    static QString appName(qint64 appId, const QString &name);
    // "¥1,234.50"; "—" when not known.
    static QString money(std::optional<qint64> fen);
    // Local time, "2026-03-11 18:35:12"; "—" for none.
    static QString dateTime(std::optional<qint64> unixMs);
    // A record's extra information (the cashier's notes), one "key: value" line each.
    static QString extra(const QJsonObject &extra);
    // The record detail's order, amount and time fields (VerificationView's names: order_id,
    // pay_amount, settled_at, created_at, …); "" for a field it does not know.
    static QString orderField(const VerificationRecord &record, const QString &field);
    // What an unknown value shows.
    static QString none();
};
