#pragma once

#include "core/douyin/douyinerror.h"
#include "core/platform/couponplatform.h"

class DouyinClient;

// Douyin's group-buy coupons (DOUYIN.md) behind the neutral CouponPlatform: maps the client's
// typed answers and Douyin's codes onto the engine's shapes and reasons, and keeps Douyin's
// own rules — which answers mean "already applied", the retry schedule, the status query's
// fallback — here, out of the engine.
class DouyinPlatform final : public CouponPlatform
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DouyinPlatform)

public:
    explicit DouyinPlatform(DouyinClient *client, QObject *parent = nullptr);

    PlatformId id() const override { return PlatformId::Douyin; }
    PlatformCapabilities capabilities() const override;
    bool isConfigured() const override;

    void resolveShortLink(const QString &link, QObject *context,
                          Callback<QString> callback) override;
    void prepare(const PrepareQuery &query, QObject *context,
                 Callback<PreparedOrder> callback) override;
    void verify(const VerifyQuery &query, QObject *context,
                Callback<PlatformOutcome> callback) override;
    void queryStatus(const StatusQuery &query, QObject *context,
                     Callback<QList<CouponState>> callback) override;
    void cancel(const CancelQuery &query, QObject *context,
                Callback<CancelAnswer> callback) override;
    void history(const HistoryQuery &query, QObject *context,
                 Callback<HistoryPage> callback) override;
    void ledger(const QStringList &certificateIds, QObject *context,
                Callback<QList<LedgerEntry>> callback) override;
    void orderDetails(const QString &poiId, const QString &orderId, QObject *context,
                      Callback<OrderDetails> callback) override;

    DouyinClient *client() const { return m_client; }

    // Douyin's error in the engine's terms (reason by code, logid as the trace id).
    static PlatformError toPlatformError(const Douyin::Error &error);
    static RejectReason reasonFor(qint64 code, qint64 subCode = 0);
    // Douyin's certificate status number (DouyinApi::CertificateStatus) in neutral terms.
    static CouponState::Status couponStatusOf(int status);

private:
    DouyinClient *m_client;
    // Douyin answered 2190004 for the batch query: the app lacks that capability, so
    // certificate/get answers from then on (logged once).
    bool m_batchQueryDenied = false;
};
