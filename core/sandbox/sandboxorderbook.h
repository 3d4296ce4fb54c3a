#pragma once

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include "core/douyin/douyinapi.h"
#include "core/result.h"
#include "core/sandbox/sandboxconfig.h"
#include "core/sandbox/sandboxidgenerator.h"

// The sandbox's stores, orders and certificates, with every index Douyin's calls look them up
// by (code, encrypted code, encrypted data, short link, verify id). It knows what state each
// is in; which changes a call may make is for the rules that use it.
class SandboxOrderBook
{
public:
    struct Poi
    {
        QString poiId;
        QString name;
        QString address;
        double latitude = 0;
        double longitude = 0;
    };

    struct Verification
    {
        QString verifyId;
        QString certificateId;
        QString poiId;
        QString verifyToken; // empty: verified outside the product (SandboxElsewhere)
        qint64 verifyTime = 0;
        // 1, 2, … in the order verifications were made, across the book: the history's cursor.
        qint64 sequence = 0;
        bool cancelled = false;
        qint64 cancelTime = 0;
    };

    struct Certificate
    {
        QString certificateId;
        QString orderId;
        QString code; // plain, what the customer reads out
        QString encryptedCode; // opaque, what prepare hands out
        QString productId;
        QString productName;
        QString skuId;
        QString skuTitle;
        int grouponType = 1; // 1 团餐券, 2 代金券, 3 次卡
        int timesCount = 1; // 次卡 only
        bool exchange = false; // 通兑券: the ledger splits it into two records
        qint64 originalAmount = 0; // fen
        qint64 payAmount = 0; // fen
        qint64 startTime = 0;
        qint64 expireTime = 0;
        // Usable, Verified or Refunded; Expired is derived from the clock (see status()).
        DouyinApi::CertificateStatus storedStatus = DouyinApi::CertificateStatus::Usable;
        QList<Verification> verifyRecords; // oldest first, cancelled ones included
    };

    struct Order
    {
        QString orderId;
        QString poiId; // the store whose coupons these are
        QString shortLinkId;
        QString encryptedData; // the short link's object_id
        QString productId;
        QString productName;
        QString skuId;
        QString skuName;
        qint64 createTime = 0;
        qint64 updateTime = 0;
        int redirects = 1; // 2: the short link answers through /v/{id}/hop/
        QStringList certificateIds;
    };

    // Only the clock is read: whether a certificate has expired depends on it.
    explicit SandboxOrderBook(const SandboxConfig &config) : m_config(config) { }

    qint64 now() const { return m_config.clock(); }

    DouyinApi::CertificateStatus status(const Certificate &certificate) const;
    bool isUsable(const Certificate &certificate) const;
    DouyinApi::OrderStatus orderStatus(const Order &order) const;
    bool canCancel(const Verification &record) const;
    // The verification a verified certificate is in, if it has not been cancelled.
    const Verification *activeRecord(const Certificate &certificate) const;

    const Order *order(const QString &orderId) const;
    const Order *orderByEncryptedData(const QString &encryptedData) const;
    const Order *orderByShortLink(const QString &linkId) const;
    const Certificate *certificate(const QString &certificateId) const;
    const Certificate *certificateByCode(const QString &code) const;
    const Certificate *certificateByEncryptedCode(const QString &encryptedCode) const;
    // Empty when no certificate was verified under that id.
    QString certificateIdByVerifyId(const QString &verifyId) const;
    // The verification under that id, cancelled or not; nullptr when there is none.
    const Verification *verifyRecord(const QString &verifyId) const;
    QStringList orderIds() const { return m_orderIds; } // creation order
    // Every verification, cancelled ones included, in the order they were made (which is
    // verify-time order: the sandbox clock never goes back). Valid until the book changes.
    QList<const Verification *> verifications() const;
    // The verification numbered sequence; nullptr when there is none.
    const Verification *verificationAt(qint64 sequence) const;
    // A fresh verify_id, unique in the book.
    QString newVerifyId(SandboxIdGenerator &ids) const;
    QList<Poi> pois() const { return m_pois; }
    const Poi *poi(const QString &poiId) const;

    void addPoi(const Poi &poi);
    // A new order's certificates go in first, then the order that lists them.
    void addCertificate(const Certificate &certificate);
    void addOrder(const Order &order);
    // Marks the certificate verified under record (numbering it) and touches its order.
    void addVerifyRecord(const Verification &record);
    // Usable again; the record stays, marked cancelled.
    void cancelVerifyRecord(const QString &certificateId, const QString &verifyId);
    // Refunds the given certificates of the order, or every usable one when none is given.
    Result<Done> refund(const QString &orderId, const QStringList &certificateIds);

private:
    void touch(const QString &orderId, qint64 time);

    const SandboxConfig &m_config;
    QList<Poi> m_pois;
    QHash<QString, Order> m_orders;
    QStringList m_orderIds;
    QHash<QString, Certificate> m_certificates;
    QHash<QString, QString> m_certificateByCode;
    QHash<QString, QString> m_certificateByEncryptedCode;
    QHash<QString, QString> m_orderByEncryptedData;
    QHash<QString, QString> m_orderByShortLink;
    QHash<QString, QString> m_certificateByVerifyId;
    // (certificate id, index into its verifyRecords) for sequence 1, 2, …
    QList<QPair<QString, qsizetype>> m_verifyLog;
};
