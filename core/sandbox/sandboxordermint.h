#pragma once

#include <optional>

#include <QHash>
#include <QPair>
#include <QString>
#include <QStringList>

#include "core/result.h"
#include "core/sandbox/sandboxidgenerator.h"
#include "core/sandbox/sandboxorderbook.h"

// Creates orders with their certificates, short link and ids, for the control API, the demo
// data and demo mode's refills. Every limit it checks names the offending field.
class SandboxOrderMint
{
public:
    struct Spec
    {
        int certificates = 1;
        QString productName; // empty: the default product
        QString skuName; // empty: the product name
        int grouponType = 1;
        int timesCount = 10; // 次卡 only
        std::optional<qint64> payAmount; // per certificate, fen
        std::optional<qint64> originalAmount; // per certificate, fen
        QString poiId; // empty: the first store; unknown: becomes a new store
        std::optional<int> expireInDays; // default 90; negative = already expired
        std::optional<qint64> createTime; // fixed times for the demo data
        std::optional<qint64> expireTime;
        int redirects = 1;
        bool exchange = false; // 通兑券: two ledger records per certificate (SandboxLedger)
    };

    struct Minted
    {
        QString orderId;
        QString shortLinkId;
        QString poiId;
        // Index-aligned: element i of each is the same certificate.
        QStringList codes;
        QStringList encryptedCodes;
        QStringList certificateIds;
    };

    SandboxOrderMint(SandboxOrderBook &book, SandboxIdGenerator &ids) : m_book(book), m_ids(ids) { }

    Result<Minted> mint(const Spec &spec);

private:
    static std::optional<Error> check(const Spec &spec);
    QString storeFor(const Spec &spec);
    SandboxOrderBook::Order newOrder(const Spec &spec, const QString &poiId, qint64 now);
    SandboxOrderBook::Certificate
    newCertificate(const Spec &spec, const SandboxOrderBook::Order &order, qint64 expireTime);

    SandboxOrderBook &m_book;
    SandboxIdGenerator &m_ids;
    QHash<QString, QPair<QString, QString>> m_products; // name+sku → product id, sku id
};
