#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/douyin/douyintypes.h"

// Douyin's verification history (DOUYIN.md §13) and ledger (§14), as read.
namespace Douyin {

struct HistoryRequest
{
    QString accountId; // '' = the configured one
    QString cursor; // '' = the first page
    int size = 20; // 1..20
    qint64 startTime = 0; // Unix seconds, [start, end)
    qint64 endTime = 0;
    QStringList poiIds; // empty = every store of the account
};

struct HistoryRecord
{
    QString cursor;
    QString verifyId;
    QString certificateId;
    QString code;
    int verifyType = 0;
    qint64 verifyTime = 0;
    bool canCancel = false;
    int status = 0; // DouyinApi::HistoryStatus
    qint64 cancelTime = 0;
    Amount amount;
    Sku sku;
    QString poiId;
    QJsonObject raw;
};

struct HistoryResult
{
    QList<HistoryRecord> records;
    qint64 total = -1; // -1 when Douyin left it out
};

struct FundAmount
{
    qint64 goods = 0; // 商家实收
    qint64 payHandling = 0;
    qint64 totalCommission = 0;
    qint64 talentCommission = 0;
    qint64 merchantPlatformService = 0;
};

struct LedgerRecord
{
    QString ledgerId;
    QString verifyId;
    QString certificateId;
    QString orderId;
    QString code;
    qint64 verifyTime = 0;
    int status = 0; // DouyinApi::LedgerStatus
    Amount amount;
    FundAmount fundAmount;
};

struct LedgerResult
{
    QList<LedgerRecord> records;
};

} // namespace Douyin
