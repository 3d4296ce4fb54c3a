#pragma once

#include <optional>

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>

#include "core/result.h"
#include "core/sandbox/sandboxconfig.h"
#include "core/sandbox/sandboxidgenerator.h"
#include "core/sandbox/sandboxorderbook.h"

// The sandbox's Meituan side as data: the stores (every store of the Douyin book, as
// opBizCode "mt-<poi_id>"), group-buy orders with their receipts (10-digit codes), every
// consumption ever made and what each consume's requestId answered. It knows what state a
// receipt is in; which changes a call may make is SandboxMeituanConsumption's.
class SandboxMeituanBook
{
public:
    enum class Status { Unused, Used, Refunding, Refunded };

    struct Order
    {
        QString orderId;
        QString poiId;
        QString dealId; // int64 as text
        QString dealGroupId;
        QString dealTitle;
        qint64 dealPriceFen = 0; // per receipt
        qint64 dealMarketPriceFen = 0;
        int bizType = 0; // 0 普通团购, 203 拼团, 205 次卡, 217 通兑标品
        QString mobile; // masked, as Meituan shows it
        qint64 createTime = 0;
        qint64 startTime = 0; // the receipts are valid from startTime to endTime, inclusive
        qint64 endTime = 0;
        QStringList receiptCodes; // creation order
    };

    struct Receipt
    {
        QString code;
        QString orderId;
        QString paymentDetailId;
        Status status = Status::Unused;
        int activeConsumption = -1; // index into consumptions() while consumed, even if refunded
    };

    // One receipt consumed, by this developer's consume or elsewhere (Meituan's merchant app).
    struct Consumption
    {
        QString flowId;
        QString receiptCode;
        QString poiId;
        qint64 time = 0;
        QString requestId; // empty: consumed elsewhere
        QString account;
        QString accountName;
        bool reversed = false;
        qint64 reversedAt = 0;

        bool byDeveloper() const { return !requestId.isEmpty(); }
    };

    // What a successful consume answered, for a consume with the same requestId.
    struct ConsumeRecord
    {
        QString poiId;
        QString receiptCode;
        int count = 0;
        QJsonObject data;
    };

    struct Spec
    {
        QString poiId; // required; an unknown one becomes a store, as on the Douyin side
        int receipts = 1;
        QString dealTitle; // empty: the default deal
        std::optional<qint64> dealPriceFen;
        std::optional<qint64> dealMarketPriceFen;
        int bizType = 0;
        std::optional<int> expireInDays; // default 90; negative = already expired
        int startsInDays = 0; // > 0: not usable yet
        std::optional<qint64> createTime; // fixed times for the demo data
        std::optional<qint64> endTime;
    };

    struct Minted
    {
        QString orderId;
        QString poiId;
        QString opBizCode;
        QString dealId;
        QString dealGroupId;
        QStringList receiptCodes;
    };

    // An order as demo mode lists it: what to show and the codes still usable.
    struct Summary
    {
        QString orderId;
        QString poiId;
        QString poiName;
        QString opBizCode;
        QString dealId;
        QString dealGroupId;
        QString dealTitle;
        qint64 dealPriceFen = 0;
        QStringList usableCodes;
    };

    SandboxMeituanBook(const SandboxConfig &config, SandboxOrderBook &stores,
                       SandboxIdGenerator &ids)
        : m_config(config),
          m_stores(stores),
          m_ids(ids)
    {
    }

    qint64 now() const { return m_config.clock(); }
    static QString opBizCode(const QString &poiId);
    bool hasStore(const QString &poiId) const { return m_stores.poi(poiId) != nullptr; }

    Result<Minted> mint(const Spec &spec);
    // Refunds the named receipts of the order (a consumed one too: 已消费退), or every unused
    // one when none is named; inProgress leaves them refunding (1010) instead.
    Result<Done> refund(const QString &orderId, const QStringList &codes, bool inProgress);

    const Order *order(const QString &orderId) const;
    const Receipt *receipt(const QString &code) const;
    const Order *orderOf(const Receipt &receipt) const { return order(receipt.orderId); }
    QStringList orderIds() const { return m_orderIds; } // creation order
    const QList<Consumption> &consumptions() const { return m_consumptions; }
    const Consumption *activeConsumption(const Receipt &receipt) const;
    bool isExpired(const Receipt &receipt) const;
    bool isStarted(const Receipt &receipt) const;
    bool isUsable(const Receipt &receipt) const; // unused, started, not expired
    QStringList usableCodes(const Order &order) const;
    QList<Summary> summaries() const; // creation order

    // Marks the receipt used by consumption (flowId and time are filled in here).
    const Consumption &consume(const QString &code, Consumption consumption);
    // The receipt's consumption is undone: it is unused again; the consumption stays, reversed.
    void reverse(const QString &code);
    const ConsumeRecord *consumeRecord(const QString &requestId) const;
    void addConsumeRecord(const QString &requestId, const ConsumeRecord &record);

private:
    static std::optional<Error> check(const Spec &spec);
    QString storeFor(const QString &poiId);
    QPair<QString, QString> dealIds(const Order &order);
    QString newReceiptCode();

    const SandboxConfig &m_config;
    SandboxOrderBook &m_stores;
    SandboxIdGenerator &m_ids;
    QHash<QString, Order> m_orders;
    QStringList m_orderIds;
    QHash<QString, Receipt> m_receipts;
    QList<Consumption> m_consumptions; // oldest first
    QSet<QString> m_flowIds;
    QHash<QString, ConsumeRecord> m_consumeRecords; // by requestId
    QHash<QString, QPair<QString, QString>> m_deals; // deal key → dealId, dealGroupId
};
