#pragma once

#include "core/meituan/meituanerror.h"
#include "core/platform/couponplatform.h"

class MeituanClient;
class MeituanTokenKeeper;

// Meituan / Dianping group-buy coupons (MEITUAN.md) behind the neutral CouponPlatform. A
// store verifies here once its POI is bound to a Meituan store (MeituanTokenKeeper holds the
// pair); each call names the store by that store's appAuthToken.
//
// Mapping onto the engine's shapes: prepare's verify token is a requestId of our own, which
// the engine stores with the pending record before consume carries it; a lost consume answer
// is resolved by getconsumed (the status query) and a resend with that same requestId.
// receiptCode serves as both the coupon's encrypted code and its certificate id.
class MeituanPlatform final : public CouponPlatform
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MeituanPlatform)

public:
    // Lost consume answers: ask at 5 s, 10 s, 20 s, …, then every minute, 12 passes in all,
    // well inside the 10-minute cancel window. [choice] Meituan publishes no schedule.
    static constexpr int RETRY_FAST_MS = 5000;
    static constexpr int RETRY_FAST_COUNT = 4;
    static constexpr int RETRY_SLOW_MS = 60000;
    static constexpr int RETRY_MAX = 12;
    // How long a prepare's requestId is offered for its consume. [choice]
    static constexpr int PREPARED_LIFETIME_SECONDS = 10 * 60;

    MeituanPlatform(MeituanClient *client, MeituanTokenKeeper *tokens, QObject *parent = nullptr);

    PlatformId id() const override { return PlatformId::Meituan; }
    PlatformCapabilities capabilities() const override;
    bool isConfigured() const override;
    bool servesStore(const QString &poiId) const override;

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
    void orderDetails(const QString &poiId, const QString &orderId, QObject *context,
                      Callback<OrderDetails> callback) override;

private:
    template <typename T>
    using Call = std::function<void(const QString &token,
                                    std::function<void(const Result<T, Meituan::Error> &)>)>;

    // Runs `call` with the store's token; a token Meituan calls expired is replaced once and
    // the call sent once more (the refusal applied nothing, so the resend is harmless).
    template <typename T>
    void withToken(const QString &poiId, QObject *context, Call<T> call,
                   std::function<void(const Result<T, Meituan::Error> &)> done);

    MeituanClient *m_client;
    MeituanTokenKeeper *m_tokens;
};
