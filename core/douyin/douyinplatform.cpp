#include "core/douyin/douyinplatform.h"

#include <QJsonArray>

#include "core/douyin/douyinapi.h"
#include "core/douyin/douyinclient.h"
#include "core/douyin/douyinhistorymapping.h"
#include "core/douyin/douyinstatemapping.h"
#include "core/logging/categories.h"

namespace {

using Status = CouponState::Status;

PlatformError::Kind kindOf(Douyin::Error::Kind kind)
{
    switch (kind) {
    case Douyin::Error::Kind::Rejected:
        return PlatformError::Kind::Rejected;
    case Douyin::Error::Kind::Unavailable:
        return PlatformError::Kind::Unavailable;
    case Douyin::Error::Kind::Unknown:
        return PlatformError::Kind::Unknown;
    case Douyin::Error::Kind::BadAnswer:
        return PlatformError::Kind::BadAnswer;
    case Douyin::Error::Kind::Cooldown:
        return PlatformError::Kind::Cooldown;
    case Douyin::Error::Kind::NotConfigured:
        return PlatformError::Kind::NotConfigured;
    case Douyin::Error::Kind::BadLink:
        return PlatformError::Kind::BadLink;
    }
    return PlatformError::Kind::Unavailable;
}

PreparedOrder toOrder(const Douyin::PrepareResult &result)
{
    PreparedOrder order;
    order.verifyToken = result.verifyToken;
    order.orderId = result.orderId;
    order.raw = result.raw;
    for (const Douyin::PreparedCertificate &certificate : result.certificates) {
        PreparedCoupon coupon;
        coupon.encryptedCode = certificate.encryptedCode;
        coupon.certificateId = certificate.certificateId;
        coupon.startTime = certificate.startTime;
        coupon.expireTime = certificate.expireTime;
        coupon.amount = {certificate.amount.payAmount, certificate.amount.originalAmount};
        coupon.sku = {certificate.sku.skuId, certificate.sku.title, certificate.sku.productId,
                      certificate.sku.grouponType};
        order.certificates.append(coupon);
    }
    return order;
}

QString logidOf(const QJsonObject &answer)
{
    return answer.value(QLatin1String("extra")).toObject().value(QLatin1String("logid")).toString();
}

// Douyin's rule (DOUYIN.md §3): 1208 and 2 mean "already verified under this verify_token".
// Our requests only ever carry their own token, so that is this verification applied, in
// the first answer as in a retry (an HTTP stack may have resent the request underneath).
bool isApplied(qint64 result)
{
    return result == DouyinApi::OK || result == DouyinApi::VERIFY_ALREADY_UNDER_TOKEN
            || result == DouyinApi::VERIFY_REPEATED;
}

PlatformOutcome toOutcome(const Douyin::VerifyResult &result)
{
    PlatformOutcome outcome;
    outcome.raw = result.raw;
    outcome.cancelWindowSeconds = DouyinApi::CANCEL_WINDOW_SECONDS;
    outcome.traceId = logidOf(result.raw);
    for (const Douyin::VerifyCodeResult &code : result.results) {
        CouponResult coupon;
        coupon.result = code.result;
        coupon.msg = code.msg;
        coupon.code = code.code;
        coupon.originCode = code.originCode;
        coupon.verifyId = code.verifyId;
        coupon.certificateId = code.certificateId;
        coupon.verifyTime = code.verifyTime;
        coupon.orderId = code.orderId;
        coupon.applied = isApplied(code.result);
        coupon.reason =
                coupon.applied ? RejectReason::Unknown : DouyinPlatform::reasonFor(code.result);
        outcome.results.append(coupon);
    }
    return outcome;
}

// A whole-call 1208: every code of the call was applied under this token.
PlatformOutcome appliedAlready(const VerifyQuery &query, const Douyin::Error &error)
{
    PlatformOutcome outcome;
    outcome.raw = error.raw;
    outcome.cancelWindowSeconds = DouyinApi::CANCEL_WINDOW_SECONDS;
    outcome.traceId = error.logid;
    for (const QString &code : query.encryptedCodes) {
        CouponResult coupon;
        coupon.result = error.code;
        coupon.code = code;
        coupon.applied = true;
        outcome.results.append(coupon);
    }
    return outcome;
}

} // namespace

DouyinPlatform::DouyinPlatform(DouyinClient *client, QObject *parent)
    : CouponPlatform(parent),
      m_client(client)
{
}

PlatformCapabilities DouyinPlatform::capabilities() const
{
    PlatformCapabilities capabilities;
    capabilities.maxCodesPerVerify = DouyinApi::MAX_CODES_PER_VERIFY;
    capabilities.cancelWindowSeconds = DouyinApi::CANCEL_WINDOW_SECONDS;
    capabilities.retry = {DouyinApi::VERIFY_RETRY_FAST_SECONDS * 1000,
                          DouyinApi::VERIFY_RETRY_FAST_COUNT,
                          DouyinApi::VERIFY_RETRY_SLOW_SECONDS * 1000, DouyinApi::VERIFY_RETRY_MAX};
    capabilities.hasShortLink = true;
    capabilities.hasEncryptedCode = true;
    capabilities.preparedLifetimeSeconds = DouyinApi::VERIFY_TOKEN_LIFETIME_SECONDS;
    capabilities.hasOrderDetails = true;
    capabilities.historyPageMax = DouyinApi::HISTORY_PAGE_MAX;
    capabilities.ledgerBatchMax = DouyinApi::LEDGER_BATCH_MAX;
    return capabilities;
}

bool DouyinPlatform::isConfigured() const
{
    return m_client->isConfigured();
}

CouponState::Status DouyinPlatform::couponStatusOf(int status)
{
    switch (DouyinApi::CertificateStatus(status)) {
    case DouyinApi::CertificateStatus::Usable:
        return Status::Usable;
    case DouyinApi::CertificateStatus::Verified:
        return Status::Verified;
    case DouyinApi::CertificateStatus::Refunded:
        return Status::Refunded;
    case DouyinApi::CertificateStatus::Expired:
        return Status::Expired;
    }
    return Status::Unknown;
}

RejectReason DouyinPlatform::reasonFor(qint64 code, qint64 subCode)
{
    switch (code) {
    case DouyinApi::CANCEL_REFUSED:
        return subCode == DouyinApi::CANCEL_ALREADY_DONE ? RejectReason::AlreadyCancelled
                                                         : RejectReason::TooLateToCancel;
    case DouyinApi::CERTIFICATE_USED:
        return RejectReason::Used;
    case DouyinApi::CERTIFICATE_EXPIRED:
        return RejectReason::Expired;
    case DouyinApi::CERTIFICATE_REFUNDED:
        return RejectReason::Refunded;
    case DouyinApi::POI_NOT_ALLOWED:
        return RejectReason::WrongStore;
    case DouyinApi::CERTIFICATE_NOT_FOUND:
        return RejectReason::NotFound;
    case DouyinApi::VERIFY_TOKEN_INVALID:
        return RejectReason::BadToken;
    case DouyinApi::TOO_FREQUENT:
    case DouyinApi::CLIENT_TOKEN_THROTTLED:
        return RejectReason::RateLimited;
    case DouyinApi::MERCHANT_NOT_AUTHORISED:
    case DouyinApi::CAPABILITY_NOT_GRANTED:
    case DouyinApi::TOKEN_INVALID:
    case DouyinApi::TOKEN_EXPIRED:
    case DouyinApi::CLIENT_KEY_INVALID:
    case DouyinApi::CLIENT_SECRET_INVALID:
        return RejectReason::NotAuthorised;
    case DouyinApi::UNKNOWN_ERROR:
    case DouyinApi::SYSTEM_BUSY:
    case DouyinApi::BUSY:
        return RejectReason::Unavailable;
    default:
        return RejectReason::Unknown;
    }
}

PlatformError DouyinPlatform::toPlatformError(const Douyin::Error &error)
{
    PlatformError mapped =
            PlatformError::make(PlatformId::Douyin, kindOf(error.kind), error.message);
    mapped.code = error.code;
    mapped.description = error.description;
    mapped.traceId = error.logid;
    mapped.retryAfterSeconds = error.retryAfterSeconds;
    mapped.raw = error.raw;
    switch (error.kind) {
    case Douyin::Error::Kind::Rejected:
        mapped.reason = reasonFor(error.code, error.subCode);
        break;
    case Douyin::Error::Kind::Cooldown:
        mapped.reason = RejectReason::RateLimited;
        break;
    case Douyin::Error::Kind::NotConfigured:
        mapped.reason = RejectReason::NotAuthorised;
        break;
    case Douyin::Error::Kind::BadLink:
        mapped.reason = RejectReason::NotFound;
        break;
    default:
        mapped.reason = RejectReason::Unavailable;
        break;
    }
    return mapped;
}

void DouyinPlatform::cancel(const CancelQuery &query, QObject *context,
                            Callback<CancelAnswer> callback)
{
    Douyin::CancelRequest request;
    request.verifyId = query.verifyId;
    request.certificateId = query.certificateId;
    request.cancelToken = query.cancelToken;
    m_client->cancel(request, context, [callback](const Result<QJsonObject, Douyin::Error> &raw) {
        if (!raw.ok())
            return callback(toPlatformError(raw.error()));
        CancelAnswer answer;
        answer.raw = raw.value();
        answer.traceId = raw.value()
                                 .value(QLatin1String("extra"))
                                 .toObject()
                                 .value(QLatin1String("logid"))
                                 .toString();
        // A per-verification refusal inside a whole-call success (cancel_results).
        const QJsonArray results = raw.value()
                                           .value(QLatin1String("data"))
                                           .toObject()
                                           .value(QLatin1String("cancel_results"))
                                           .toArray();
        for (const QJsonValue &result : results) {
            const qint64 code = result.toObject().value(QLatin1String("result_code")).toInteger();
            if (code == 0)
                continue;
            Douyin::Error error;
            error.kind = Douyin::Error::Kind::Rejected;
            error.code = code;
            error.description = result.toObject().value(QLatin1String("result_msg")).toString();
            error.logid = answer.traceId;
            error.message = QStringLiteral("Douyin refused the cancel: %1 %2")
                                    .arg(code)
                                    .arg(error.description);
            error.raw = raw.value();
            return callback(toPlatformError(error));
        }
        callback(answer);
    });
}

void DouyinPlatform::resolveShortLink(const QString &link, QObject *context,
                                      Callback<QString> callback)
{
    m_client->resolveShortLink(link, context,
                               [callback](const Result<QString, Douyin::Error> &resolved) {
                                   if (!resolved.ok())
                                       return callback(toPlatformError(resolved.error()));
                                   callback(resolved.value());
                               });
}

void DouyinPlatform::prepare(const PrepareQuery &query, QObject *context,
                             Callback<PreparedOrder> callback)
{
    m_client->prepare({query.encryptedData, query.code, query.poiId}, context,
                      [callback](const Result<Douyin::PrepareResult, Douyin::Error> &prepared) {
                          if (!prepared.ok())
                              return callback(toPlatformError(prepared.error()));
                          callback(toOrder(prepared.value()));
                      });
}

void DouyinPlatform::verify(const VerifyQuery &query, QObject *context,
                            Callback<PlatformOutcome> callback)
{
    Douyin::VerifyRequest request;
    request.verifyToken = query.verifyToken;
    request.poiId = query.poiId;
    request.encryptedCodes = query.encryptedCodes;
    request.orderId = query.orderId;
    m_client->verify(request, context,
                     [query, callback](const Result<Douyin::VerifyResult, Douyin::Error> &answer) {
                         if (answer.ok())
                             return callback(toOutcome(answer.value()));
                         if (answer.error().isRejected(DouyinApi::VERIFY_ALREADY_UNDER_TOKEN))
                             return callback(appliedAlready(query, answer.error()));
                         callback(toPlatformError(answer.error()));
                     });
}

void DouyinPlatform::queryStatus(const StatusQuery &query, QObject *context,
                                 Callback<QList<CouponState>> callback)
{
    const QString &encryptedCode = query.encryptedCode;
    const QString &orderId = query.orderId;
    if (m_batchQueryDenied) {
        if (encryptedCode.isEmpty()) {
            return callback(PlatformError::make(
                    PlatformId::Douyin, PlatformError::Kind::NotConfigured,
                    QStringLiteral("the batch status query is not granted (2190004); "
                                   "certificate/get needs an encrypted code")));
        }
        m_client->certificateGet(
                encryptedCode, context,
                [callback](const Result<Douyin::CertificateGetResult, Douyin::Error> &result) {
                    if (!result.ok())
                        return callback(toPlatformError(result.error()));
                    callback(QList<CouponState>{
                            DouyinStateMapping::toState(result.value().certificate)});
                });
        return;
    }
    m_client->certificateQuery(
            {encryptedCode, orderId}, context,
            [this, query, context,
             callback](const Result<Douyin::CertificateQueryResult, Douyin::Error> &result) {
                if (!result.ok()) {
                    if (result.error().isRejected(DouyinApi::CAPABILITY_NOT_GRANTED)) {
                        if (!m_batchQueryDenied)
                            qCWarning(lcDouyin) << "Douyin has not granted the certificate batch "
                                                   "query (2190004); using certificate/get";
                        m_batchQueryDenied = true;
                        return queryStatus(query, context, callback);
                    }
                    return callback(toPlatformError(result.error()));
                }
                QList<CouponState> states;
                for (const Douyin::CertificateState &state : result.value().certificates)
                    states.append(DouyinStateMapping::toState(state));
                callback(states);
            });
}

void DouyinPlatform::history(const HistoryQuery &query, QObject *context,
                             Callback<HistoryPage> callback)
{
    Douyin::HistoryRequest request;
    request.cursor = query.cursor;
    request.size = query.pageSize > 0 ? qMin(query.pageSize, DouyinApi::HISTORY_PAGE_MAX)
                                      : DouyinApi::HISTORY_PAGE_MAX;
    request.startTime = query.startTime;
    request.endTime = query.endTime;
    if (!query.poiId.isEmpty())
        request.poiIds = {query.poiId};
    const int size = request.size;
    m_client->history(request, context,
                      [callback, size](const Result<Douyin::HistoryResult, Douyin::Error> &result) {
                          if (!result.ok())
                              return callback(toPlatformError(result.error()));
                          callback(DouyinHistoryMapping::toPage(result.value(), size));
                      });
}

void DouyinPlatform::ledger(const QStringList &certificateIds, QObject *context,
                            Callback<QList<LedgerEntry>> callback)
{
    m_client->ledger(certificateIds, context,
                     [callback](const Result<Douyin::LedgerResult, Douyin::Error> &result) {
                         if (!result.ok())
                             return callback(toPlatformError(result.error()));
                         callback(DouyinHistoryMapping::toEntries(result.value()));
                     });
}

void DouyinPlatform::orderDetails(const QString &poiId, const QString &orderId, QObject *context,
                                  Callback<OrderDetails> callback)
{
    Q_UNUSED(poiId) // the order query names the merchant account
    m_client->orderQuery(
            {{}, orderId, 1, 10}, context,
            [orderId, callback](const Result<Douyin::OrderQueryResult, Douyin::Error> &result) {
                if (!result.ok())
                    return callback(toPlatformError(result.error()));
                for (const Douyin::Order &order : result.value().orders) {
                    if (order.orderId == orderId)
                        return callback(DouyinStateMapping::toDetails(order));
                }
                callback(OrderDetails{}); // not listed: nothing to add
            });
}
