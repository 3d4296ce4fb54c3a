#include "core/meituan/meituanplatform.h"

#include <QUuid>

#include "core/meituan/meituanapi.h"
#include "core/meituan/meituanclient.h"
#include "core/meituan/meituanhistorymapping.h"
#include "core/meituan/meituantokenkeeper.h"

namespace {

using MtError = Meituan::Error;

// The platform's own status numbers kept in records (coupon_status), as querylistbydate's
// refundStatus spells them: 0 未使用, 1 已使用.
constexpr int STATUS_UNUSED = 0;
constexpr int STATUS_USED = 1;

PreparedCoupon toCoupon(const Meituan::Receipt &receipt)
{
    PreparedCoupon coupon;
    coupon.encryptedCode = receipt.receiptCode;
    coupon.certificateId = receipt.receiptCode;
    coupon.expireTime =
            receipt.receiptEndDate.isValid() ? receipt.receiptEndDate.toSecsSinceEpoch() : 0;
    coupon.amount = {receipt.dealPriceFen, receipt.dealMarketPriceFen};
    coupon.sku = {receipt.dealId, receipt.dealTitle, receipt.dealGroupId, receipt.bizType};
    return coupon;
}

qint64 secondsOf(const QString &text)
{
    return MeituanHistoryMapping::secondsOf(text);
}

PlatformOutcome toOutcome(const Meituan::ConsumeResult &result, qint64 sentAt)
{
    PlatformOutcome outcome;
    outcome.raw = result.raw;
    outcome.traceId = result.traceId;
    outcome.cancelWindowSeconds = MeituanApi::CANCEL_WINDOW_SECONDS;
    for (const Meituan::Receipt &receipt : result.receipts) {
        CouponResult coupon;
        coupon.result = 0;
        coupon.msg = QStringLiteral("OP_SUCCESS");
        coupon.code = receipt.receiptCode;
        coupon.originCode = receipt.receiptCode;
        coupon.verifyId = receipt.flowId;
        coupon.certificateId = receipt.receiptCode;
        coupon.orderId = receipt.orderId;
        coupon.receiptAmount = receipt.merchantAmountFen;
        // The answer carries no time: the consume happened between sending and this answer.
        coupon.verifyTime = sentAt;
        coupon.applied = true;
        outcome.results.append(coupon);
    }
    return outcome;
}

CouponState toState(const Meituan::ConsumedStatus &status, const QString &receiptCode)
{
    CouponState state;
    state.certificateId = receiptCode;
    state.encryptedCode = receiptCode;
    state.status = status.consumed ? CouponState::Status::Verified : CouponState::Status::Usable;
    state.platformStatus = status.consumed ? STATUS_USED : STATUS_UNUSED;
    state.verifyTime = secondsOf(status.verifyTime);
    state.verifyCount = status.consumed ? 1 : 0;
    return state;
}

} // namespace

MeituanPlatform::MeituanPlatform(MeituanClient *client, MeituanTokenKeeper *tokens, QObject *parent)
    : CouponPlatform(parent),
      m_client(client),
      m_tokens(tokens)
{
}

PlatformCapabilities MeituanPlatform::capabilities() const
{
    PlatformCapabilities capabilities;
    // One coupon per consume: the engine writes one pending record per coupon before the
    // call, and Meituan names the other coupons of a count > 1 consume only in its answer.
    capabilities.maxCodesPerVerify = 1;
    capabilities.cancelWindowSeconds = MeituanApi::CANCEL_WINDOW_SECONDS;
    capabilities.retry = {RETRY_FAST_MS, RETRY_FAST_COUNT, RETRY_SLOW_MS, RETRY_MAX};
    capabilities.preparedLifetimeSeconds = PREPARED_LIFETIME_SECONDS;
    capabilities.historyPageMax = MeituanApi::MAX_LIST_LIMIT;
    return capabilities;
}

bool MeituanPlatform::isConfigured() const
{
    return m_client->isConfigured();
}

bool MeituanPlatform::servesStore(const QString &poiId) const
{
    return isConfigured() && m_tokens->hasStore(poiId);
}

template <typename T>
void MeituanPlatform::withToken(const QString &poiId, QObject *context, Call<T> call,
                                std::function<void(const Result<T, MtError> &)> done)
{
    if (!isConfigured())
        return done(MtError::make(MtError::Kind::NotConfigured,
                                  QStringLiteral("no Meituan developer credentials")));
    QPointer<QObject> guard(context);
    m_tokens->token(poiId, context, [=, this](const Result<QString, MtError> &token) {
        if (!token.ok())
            return done(token.error());
        call(token.value(), [=, this](const Result<T, MtError> &answer) {
            if (answer.ok() || !answer.error().isRejected(MeituanApi::TOKEN_EXPIRED) || !guard)
                return done(answer);
            m_tokens->replaceRejected(poiId, token.value(), guard,
                                      [=](const Result<QString, MtError> &fresh) {
                                          if (!fresh.ok())
                                              return done(answer);
                                          call(fresh.value(), done);
                                      });
        });
    });
}

void MeituanPlatform::resolveShortLink(const QString &link, QObject *context,
                                       Callback<QString> callback)
{
    Q_UNUSED(link)
    Q_UNUSED(context)
    callback(PlatformError::make(PlatformId::Meituan, PlatformError::Kind::BadLink,
                                 QStringLiteral("Meituan coupons have no short links")));
}

void MeituanPlatform::prepare(const PrepareQuery &query, QObject *context,
                              Callback<PreparedOrder> callback)
{
    const QString code = query.code.trimmed();
    if (code.isEmpty())
        return callback(PlatformError::make(PlatformId::Meituan, PlatformError::Kind::Rejected,
                                            QStringLiteral("a Meituan prepare needs a code")));
    withToken<Meituan::PrepareResult>(
            query.poiId, context,
            [this, code, context](const QString &token, auto answered) {
                m_client->prepare(token, code, context, answered);
            },
            [callback](const Result<Meituan::PrepareResult, MtError> &prepared) {
                if (!prepared.ok())
                    return callback(prepared.error().toPlatformError());
                PreparedOrder order;
                order.platform = PlatformId::Meituan;
                // Meituan has no prepare token: this requestId is ours, and it is stored with
                // the pending record before consume sends it (its idempotency key).
                order.verifyToken = QUuid::createUuid().toString(QUuid::Id128);
                order.orderId = prepared.value().receipt.orderId;
                order.raw = prepared.value().raw;
                if (prepared.value().count > 0)
                    order.certificates.append(toCoupon(prepared.value().receipt));
                callback(order);
            });
}

void MeituanPlatform::verify(const VerifyQuery &query, QObject *context,
                             Callback<PlatformOutcome> callback)
{
    if (query.encryptedCodes.isEmpty() || query.verifyToken.isEmpty())
        return callback(
                PlatformError::make(PlatformId::Meituan, PlatformError::Kind::Rejected,
                                    QStringLiteral("consume needs a code and a requestId")));
    Meituan::ConsumeRequest request;
    request.receiptCode = query.encryptedCodes.constFirst();
    request.count = int(query.encryptedCodes.size());
    request.requestId = query.verifyToken;
    const qint64 sentAt = QDateTime::currentSecsSinceEpoch();
    withToken<Meituan::ConsumeResult>(
            query.poiId, context,
            [this, request, context](const QString &token, auto answered) {
                m_client->consume(token, request, context, answered);
            },
            [callback, sentAt](const Result<Meituan::ConsumeResult, MtError> &answer) {
                if (!answer.ok())
                    return callback(answer.error().toPlatformError());
                callback(toOutcome(answer.value(), sentAt));
            });
}

void MeituanPlatform::queryStatus(const StatusQuery &query, QObject *context,
                                  Callback<QList<CouponState>> callback)
{
    // getconsumed names one receipt; Meituan has no status query by order.
    if (query.encryptedCode.isEmpty())
        return callback(PlatformError::make(
                PlatformId::Meituan, PlatformError::Kind::NotConfigured,
                QStringLiteral("Meituan's status query needs a receipt code, not an order")));
    const QString code = query.encryptedCode;
    withToken<Meituan::ConsumedStatus>(
            query.poiId, context,
            [this, code, context](const QString &token, auto answered) {
                m_client->consumedStatus(token, code, context, answered);
            },
            [callback, code](const Result<Meituan::ConsumedStatus, MtError> &status) {
                if (!status.ok())
                    return callback(status.error().toPlatformError());
                callback(QList<CouponState>{toState(status.value(), code)});
            });
}

void MeituanPlatform::cancel(const CancelQuery &query, QObject *context,
                             Callback<CancelAnswer> callback)
{
    Meituan::ReverseConsumeRequest request;
    request.receiptCode = query.certificateId;
    request.dealId = query.skuId;
    withToken<Meituan::ReverseConsumeResult>(
            query.poiId, context,
            [this, request, context](const QString &token, auto answered) {
                m_client->reverseConsume(token, request, context, answered);
            },
            [callback](const Result<Meituan::ReverseConsumeResult, MtError> &answer) {
                if (!answer.ok())
                    return callback(answer.error().toPlatformError());
                callback(CancelAnswer{answer.value().raw, answer.value().traceId});
            });
}

void MeituanPlatform::history(const HistoryQuery &query, QObject *context,
                              Callback<HistoryPage> callback)
{
    Meituan::ListRequest request;
    request.date = query.date;
    request.offset = query.offset;
    request.limit = query.pageSize > 0 ? qMin(query.pageSize, MeituanApi::MAX_LIST_LIMIT)
                                       : MeituanApi::MAX_LIST_LIMIT;
    const QString poiId = query.poiId;
    withToken<Meituan::ListResult>(
            poiId, context,
            [this, request, context](const QString &token, auto answered) {
                m_client->listByDate(token, request, context, answered);
            },
            [callback, poiId, request](const Result<Meituan::ListResult, MtError> &answer) {
                if (!answer.ok())
                    return callback(answer.error().toPlatformError());
                callback(MeituanHistoryMapping::toPage(answer.value(), poiId, request.offset,
                                                       request.limit));
            });
}

void MeituanPlatform::orderDetails(const QString &poiId, const QString &orderId, QObject *context,
                                   Callback<OrderDetails> callback)
{
    Q_UNUSED(poiId)
    Q_UNUSED(orderId)
    Q_UNUSED(context)
    // capabilities().hasOrderDetails is false: consume's answer carries the deal already.
    callback(PlatformError::make(PlatformId::Meituan, PlatformError::Kind::NotConfigured,
                                 QStringLiteral("Meituan has no order query")));
}
