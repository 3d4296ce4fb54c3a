#pragma once

#include <optional>

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "core/platform/platformid.h"

// What a platform's verification history (Douyin §13, Meituan §6) and Douyin's ledger (§14)
// say, in neutral terms. Amounts fen, times Unix seconds (0: not given).

// One page of one store's history for one local day.
struct HistoryQuery
{
    QString poiId;
    QDate date; // the store's local day
    qint64 startTime = 0; // [startTime, endTime): the day in Unix seconds
    qint64 endTime = 0;
    QString cursor; // Douyin: "" for the first page, then the page's nextCursor
    int offset = 0; // Meituan: 0-based
    int pageSize = 0; // 0: the platform's largest
};

// One verification as the platform lists it, made here or anywhere else.
struct HistoryRow
{
    enum class Status { Verified, Cancelled, Refunded };
    PlatformId platform = PlatformId::Douyin;
    QString poiId;
    QString certificateId; // Douyin certificate_id, Meituan receiptCode
    QString verifyId; // Douyin verify_id, Meituan flowId
    QString code;
    qint64 verifyTime = 0;
    Status status = Status::Verified;
    qint64 cancelTime = 0;
    QString productName;
    qint64 payAmount = 0;
    std::optional<qint64> receiptAmount; // only where the platform states it
    QJsonObject raw; // the platform's record, unchanged

    // The stable names of the database and the LAN API: verified, cancelled, refunded.
    static QString toString(Status status)
    {
        switch (status) {
        case Status::Verified:
            break;
        case Status::Cancelled:
            return QStringLiteral("cancelled");
        case Status::Refunded:
            return QStringLiteral("refunded");
        }
        return QStringLiteral("verified");
    }
    static Status statusFromString(const QString &name)
    {
        if (name == u"cancelled")
            return Status::Cancelled;
        if (name == u"refunded")
            return Status::Refunded;
        return Status::Verified;
    }
};

struct HistoryPage
{
    QList<HistoryRow> rows;
    bool more = false; // another page follows
    QString nextCursor;
    int nextOffset = 0;
    int total = -1; // the platform's count of the whole day, -1 when not given
};

// What the ledger holds for one certificate, its records added up (an exchange coupon may
// have two records under one verify_id).
struct LedgerEntry
{
    QString certificateId;
    QString verifyId;
    qint64 goods = 0; // 商家实收
    qint64 commission = 0; // total_commission
    qint64 payHandling = 0;
    int status = 0; // the platform's own number (the last record's)
};
