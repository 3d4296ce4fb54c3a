#pragma once

#include <array>
#include <deque>
#include <optional>

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QRandomGenerator>
#include <QSet>
#include <QString>
#include <QStringList>

#include "core/douyin/douyinapi.h"
#include "core/result.h"
#include "core/sandbox/sandboxanswer.h"
#include "core/sandbox/sandboxconfig.h"
#include "core/sandbox/sandboxfault.h"

// Everything the Douyin sandbox knows, in memory: stores, orders and their certificates,
// client tokens, verify tokens, faults and call counts. No network: SandboxApi turns HTTP
// requests into these calls, so the rules here are testable on their own with a fake clock.
//
// [choice] rules not published by Douyin, decided here (see also DouyinApi):
// - prepare by `code` of a certificate that is not usable answers the reason as the call's
//   error: 1241 used, 1221 expired, 1222 refunded; an unknown code or encrypted_data → 1205.
//   By `encrypted_data` with nothing usable left, the same codes (used before expired before
//   refunded).
// - a verify_token covers exactly the certificates its prepare listed; any other code in the
//   verify → per-code 1229, like an unknown or expired token.
// - a verify_token serves one verify request. The identical request again (same token,
//   same poi_id, same codes in any order) is idempotent: codes verified under that token
//   answer 1208 with the original verify_id; codes that failed answer their original
//   failure. Any other request with a spent token → per-code 1229.
// - 次卡 (groupon_type 3) certificates are used up by one verify: time_card reports
//   times_used = times_count afterwards. Per-visit use of a times card is not simulated.
// - only the newest 10,000 client tokens are remembered; an older one answers 2190002.
class SandboxState
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

    struct VerifyRecord
    {
        QString verifyId;
        QString certificateId;
        QString poiId;
        QString verifyToken;
        qint64 verifyTime = 0;
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
        qint64 originalAmount = 0; // fen
        qint64 payAmount = 0; // fen
        qint64 startTime = 0;
        qint64 expireTime = 0;
        // Usable, Verified or Refunded; Expired is derived from the clock (see status()).
        DouyinApi::CertificateStatus storedStatus = DouyinApi::CertificateStatus::Usable;
        QList<VerifyRecord> verifyRecords; // oldest first, cancelled ones included
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

    struct OrderSpec
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
    };

    struct MintedOrder
    {
        QString orderId;
        QString shortLinkId;
        QString poiId;
        // Index-aligned: element i of each is the same certificate.
        QStringList codes;
        QStringList encryptedCodes;
        QStringList certificateIds;
    };

    struct VerifyRequest
    {
        QString verifyToken;
        QString poiId;
        QStringList codes; // encrypted codes, or plain ones when plainCodes
        bool plainCodes = false;
        QString orderId; // optional
    };

    explicit SandboxState(SandboxConfig config = {});

    const SandboxConfig &config() const { return m_config; }
    qint64 now() const { return m_config.clock(); }

    // ---- Douyin calls. Each answer goes into the envelope as it is.
    SandboxAnswer issueClientToken(const QString &clientKey, const QString &clientSecret,
                                   const QString &grantType);
    // OK, TOKEN_INVALID (never issued or forgotten) or TOKEN_EXPIRED (expired or retired).
    qint64 checkAccessToken(const QString &token) const;
    // Exactly one of encryptedData and code is non-empty, else BAD_PARAMETER.
    SandboxAnswer prepare(const QString &encryptedData, const QString &code);
    SandboxAnswer verify(const VerifyRequest &request);
    SandboxAnswer cancel(const QString &verifyId, const QString &certificateId);
    SandboxAnswer certificateGet(const QString &encryptedCode) const;
    // At least one of the two; both = the certificate must belong to that order.
    SandboxAnswer certificateQuery(const QString &encryptedCode, const QString &orderId) const;
    // Empty accountId = the sandbox account; empty orderId = every order, paged.
    SandboxAnswer orderQuery(const QString &accountId, const QString &orderId, int pageNum,
                             int pageSize) const;
    SandboxAnswer poiQuery(const QString &accountId, int page, int size) const;

    // ---- Short links. The object_id a live link redirects to; nullopt when the link is
    // unknown or dead (no certificate of its order is usable any more).
    std::optional<QString> shortLinkTarget(const QString &linkId) const;
    int shortLinkRedirects(const QString &linkId) const;

    // ---- Control.
    Result<MintedOrder> mintOrder(const OrderSpec &spec);
    // Refunds the given certificates of the order, or every usable one when none is given.
    Result<Done> refund(const QString &orderId, const QStringList &certificateIds);
    int expireAllTokens(); // returns how many were still valid
    void addFault(const SandboxFault &fault);
    int clearFaults();
    QList<SandboxFault> faults() const { return m_faults; }
    // The first fault matching endpoint, counted as used.
    std::optional<SandboxFault> takeFault(SandboxEndpoint endpoint);
    void countCall(SandboxEndpoint endpoint);
    qint64 callCount(SandboxEndpoint endpoint) const;
    // Douyin-like: local time yyyyMMddhhmmss then hex, unique per call.
    QString nextLogId();
    // The Chinese text Douyin sends with a code (for descriptions and per-code msg).
    static QString describe(qint64 code);

    // ---- Reading the state.
    DouyinApi::CertificateStatus status(const Certificate &certificate) const;
    DouyinApi::OrderStatus orderStatus(const Order &order) const;
    const Order *order(const QString &orderId) const;
    const Certificate *certificate(const QString &certificateId) const;
    const Certificate *certificateByCode(const QString &code) const;
    const Certificate *certificateByEncryptedCode(const QString &encryptedCode) const;
    QStringList orderIds() const { return m_orderIds; } // creation order
    QList<Poi> pois() const { return m_pois; }
    const Poi *poi(const QString &poiId) const;
    void addPoi(const Poi &poi);

private:
    struct AccessToken
    {
        QString token;
        qint64 validUntil = 0;
    };

    struct VerifyToken
    {
        QString orderId;
        qint64 expiresAt = 0;
        QSet<QString> certificateIds; // what its prepare listed
        bool used = false;
        // The request that spent it, for recognising an identical retry.
        QString poiId;
        QStringList sortedCodes;
        bool plainCodes = false;
        QHash<QString, qint64> results; // certificate id → per-code result of that request
    };

    QJsonObject certificateJson(const Certificate &certificate, bool full) const;
    QJsonObject verifyRecordJson(const VerifyRecord &record) const;
    static QJsonObject numericIds(QJsonObject certificate);
    QJsonObject orderJson(const Order &order) const;
    bool isUsable(const Certificate &certificate) const;
    bool canCancel(const VerifyRecord &record) const;
    const VerifyRecord *activeRecord(const Certificate &certificate) const;
    qint64 unusableReason(const QList<const Certificate *> &certificates) const;
    QJsonObject verifyResult(const QString &sentCode, const Certificate *certificate,
                             qint64 result) const;
    QString newDigits(const QString &prefix, int length);
    QString newHex(int bytes);
    QString newOpaque(int bytes);
    QString newAlnum(int length);
    void purgeVerifyTokens();

    SandboxConfig m_config;
    QRandomGenerator m_random;
    QList<Poi> m_pois;
    QHash<QString, Order> m_orders;
    QStringList m_orderIds;
    QHash<QString, Certificate> m_certificates;
    QHash<QString, QString> m_certificateByCode;
    QHash<QString, QString> m_certificateByEncryptedCode;
    QHash<QString, QString> m_orderByEncryptedData;
    QHash<QString, QString> m_orderByShortLink;
    QHash<QString, QString> m_certificateByVerifyId;
    QHash<QString, QPair<QString, QString>> m_products; // name+sku → product id, sku id
    QHash<QString, qint64> m_accessTokenValidUntil;
    QStringList m_accessTokenOrder; // oldest first
    std::deque<qint64> m_clientTokenCalls; // times of recent calls, for throttling
    QHash<QString, VerifyToken> m_verifyTokens;
    int m_preparesSincePurge = 0;
    QList<SandboxFault> m_faults;
    std::array<qint64, SANDBOX_ENDPOINT_COUNT> m_calls{};
    quint64 m_logSequence = 0;
};
