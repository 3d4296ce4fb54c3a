#include "core/api/outcomereply.h"

#include <QJsonArray>

#include "core/api/apijson.h"
#include "core/api/asyncreply.h"

namespace {

using Status = QHttpServerResponder::StatusCode;
using Kind = VerifyOutcome::Kind;

struct HttpError
{
    Status status;
    QString code;
};

HttpError httpErrorFor(Kind kind, PlatformId platform)
{
    switch (kind) {
    case Kind::Unknown:
        return {Status::BadGateway, QStringLiteral("upstream_outcome_unknown")};
    case Kind::Unavailable:
    case Kind::Cooldown:
        return {Status::BadGateway, QStringLiteral("upstream_unavailable")};
    case Kind::BadAnswer:
        return {Status::BadGateway, QStringLiteral("upstream_bad_answer")};
    case Kind::PrepareRejected:
        // Douyin keeps the seed's code; the others share the neutral twin.
        return {Status::UnprocessableEntity,
                platform == PlatformId::Douyin ? QStringLiteral("douyin_rejected")
                                               : QStringLiteral("platform_rejected")};
    case Kind::BadLink:
        return {Status::UnprocessableEntity, QStringLiteral("short_link_invalid")};
    case Kind::BadInput:
    case Kind::CountTooHigh:
        return {Status::BadRequest, QStringLiteral("invalid_request")};
    case Kind::NotConfigured:
        return {Status::ServiceUnavailable, QStringLiteral("not_configured")};
    case Kind::Conflict:
        return {Status::Conflict, QStringLiteral("idempotency_conflict")};
    case Kind::StorageFailed:
        return {Status::InternalServerError, QStringLiteral("storage_error")};
    case Kind::Ambiguous:
        return {Status::UnprocessableEntity, QStringLiteral("platform_ambiguous")};
    case Kind::Answered:
        break;
    }
    return {Status::Ok, QString()};
}

// The platform's own error inside `error`, when the platform answered (or said "slow down").
void addPlatformError(QJsonObject &body, const std::optional<PlatformError> &error)
{
    if (!error
        || (error->kind != PlatformError::Kind::Rejected
            && error->kind != PlatformError::Kind::Cooldown))
        return;
    QJsonObject inner = body.value(QStringLiteral("error")).toObject();
    if (error->platform == PlatformId::Douyin) {
        inner.insert(QStringLiteral("douyin"),
                     QJsonObject{{QStringLiteral("error_code"), error->code},
                                 {QStringLiteral("description"), error->description},
                                 {QStringLiteral("logid"), error->traceId}});
    } else {
        inner.insert(QStringLiteral("platform"),
                     QJsonObject{{QStringLiteral("platform"), Platforms::toString(error->platform)},
                                 {QStringLiteral("code"), error->code},
                                 {QStringLiteral("msg"), error->description},
                                 {QStringLiteral("trace_id"), error->traceId}});
    }
    body.insert(QStringLiteral("error"), inner);
}

// platform_ambiguous: the platforms that know the code, as the "platform" field names them.
void addPlatforms(QJsonObject &body, const QList<PlatformId> &platforms)
{
    QJsonArray names;
    for (const PlatformId platform : platforms)
        names.append(Platforms::toString(platform));
    QJsonObject inner = body.value(QStringLiteral("error")).toObject();
    inner.insert(QStringLiteral("platforms"), names);
    body.insert(QStringLiteral("error"), inner);
}

JsonReply::Headers retryAfter(const std::optional<PlatformError> &error)
{
    JsonReply::Headers headers;
    if (error && error->retryAfterSeconds > 0)
        headers.append(
                {QByteArrayLiteral("Retry-After"), QByteArray::number(error->retryAfterSeconds)});
    return headers;
}

QJsonObject preparedCoupon(const PreparedCoupon &coupon)
{
    const auto seconds = [](qint64 s) {
        return s ? QJsonValue(ApiJson::timestamp(s * 1000)) : QJsonValue(QJsonValue::Null);
    };
    const auto textOrNull = [](const QString &s) {
        return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
    };
    return QJsonObject{
            {QStringLiteral("encrypted_code"), coupon.encryptedCode},
            {QStringLiteral("certificate_id"), textOrNull(coupon.certificateId)},
            {QStringLiteral("start_time"), seconds(coupon.startTime)},
            {QStringLiteral("expire_time"), seconds(coupon.expireTime)},
            {QStringLiteral("product_id"), textOrNull(coupon.sku.productId)},
            {QStringLiteral("product_name"), textOrNull(coupon.sku.title)},
            {QStringLiteral("sku_id"), textOrNull(coupon.sku.skuId)},
            {QStringLiteral("sku_name"), textOrNull(coupon.sku.title)},
            {QStringLiteral("groupon_type"), coupon.sku.grouponType},
            {QStringLiteral("original_amount"), coupon.amount.originalAmount},
            {QStringLiteral("pay_amount"), coupon.amount.payAmount},
            // Prepare lists only coupons that can be verified now.
            {QStringLiteral("status"), QStringLiteral("UNUSED")},
    };
}

HttpError httpErrorFor(CancelOutcome::Kind kind, PlatformId platform)
{
    using CancelKind = CancelOutcome::Kind;
    switch (kind) {
    case CancelKind::NotFound:
        return {Status::NotFound, QStringLiteral("not_found")};
    case CancelKind::NotYours:
        return {Status::Forbidden, QStringLiteral("not_your_verification")};
    case CancelKind::NotCancellable:
        return {Status::Conflict, QStringLiteral("not_cancellable")};
    case CancelKind::WindowClosed:
        return {Status::Conflict, QStringLiteral("cancel_window_closed")};
    case CancelKind::Rejected:
        return httpErrorFor(Kind::PrepareRejected, platform);
    case CancelKind::Unknown:
        return httpErrorFor(Kind::Unknown, platform);
    case CancelKind::Unavailable:
        return httpErrorFor(Kind::Unavailable, platform);
    case CancelKind::NotConfigured:
        return httpErrorFor(Kind::NotConfigured, platform);
    case CancelKind::BadInput:
        return httpErrorFor(Kind::BadInput, platform);
    case CancelKind::StorageFailed:
        return httpErrorFor(Kind::StorageFailed, platform);
    case CancelKind::Cancelled:
        break;
    }
    return {Status::Ok, QString()};
}

} // namespace

namespace OutcomeReply {

QJsonObject verifyPayload(const VerifyOutcome &outcome)
{
    QJsonObject main = ApiJson::verificationView(outcome.records.first());
    if (outcome.records.size() > 1) {
        QJsonArray batch;
        for (qsizetype i = 1; i < outcome.records.size(); ++i)
            batch.append(ApiJson::verificationView(outcome.records.at(i)));
        main.insert(QStringLiteral("batch"), batch);
    }
    return main;
}

QJsonObject preparePayload(const PrepareOutcome &outcome)
{
    QJsonArray certificates;
    for (const PreparedCoupon &coupon : outcome.prepared.certificates)
        certificates.append(preparedCoupon(coupon));
    const bool douyin = outcome.prepared.platform == PlatformId::Douyin;
    return {{QStringLiteral("platform"), Platforms::toString(outcome.prepared.platform)},
            {QStringLiteral("verify_token"), outcome.prepared.verifyToken},
            {QStringLiteral("order_id"), outcome.prepared.orderId},
            {QStringLiteral("certificates"), certificates},
            {QStringLiteral("douyin_response"),
             douyin ? QJsonValue(outcome.prepared.raw) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("platform_response"), outcome.prepared.raw}};
}

void verify(const AsyncReply &reply, const VerifyOutcome &outcome)
{
    if (outcome.kind == Kind::Answered && !outcome.records.isEmpty())
        return reply.json(Status::Ok,
                          QJsonObject{{QStringLiteral("data"), verifyPayload(outcome)}});

    const PlatformId platform =
            outcome.platformError ? outcome.platformError->platform : PlatformId::Douyin;
    const HttpError http = httpErrorFor(outcome.kind, platform);
    QString message = outcome.error.message;
    if (outcome.kind == Kind::Unknown)
        message = QStringLiteral("the platform's answer was lost; the outcome is being checked "
                                 "in the background (%1)")
                          .arg(outcome.error.message);
    QJsonObject body = JsonReply::errorBody(http.code, message, reply.requestId());
    addPlatformError(body, outcome.platformError);
    if (outcome.kind == Kind::Ambiguous)
        addPlatforms(body, outcome.platforms);
    if (!outcome.records.isEmpty())
        body.insert(QStringLiteral("data"), verifyPayload(outcome));
    reply.json(http.status, body, retryAfter(outcome.platformError));
}

void prepare(const AsyncReply &reply, const PrepareOutcome &outcome)
{
    if (outcome.kind == PrepareOutcome::Kind::Prepared)
        return reply.json(Status::Ok,
                          QJsonObject{{QStringLiteral("data"), preparePayload(outcome)}});
    VerifyOutcome asVerify;
    switch (outcome.kind) {
    case PrepareOutcome::Kind::Rejected:
        asVerify.kind = Kind::PrepareRejected;
        break;
    case PrepareOutcome::Kind::BadAnswer:
        asVerify.kind = Kind::BadAnswer;
        break;
    case PrepareOutcome::Kind::BadLink:
        asVerify.kind = Kind::BadLink;
        break;
    case PrepareOutcome::Kind::BadInput:
        asVerify.kind = Kind::BadInput;
        break;
    case PrepareOutcome::Kind::NotConfigured:
        asVerify.kind = Kind::NotConfigured;
        break;
    case PrepareOutcome::Kind::Cooldown:
        asVerify.kind = Kind::Cooldown;
        break;
    case PrepareOutcome::Kind::Ambiguous:
        asVerify.kind = Kind::Ambiguous;
        break;
    default:
        asVerify.kind = Kind::Unavailable;
        break;
    }
    asVerify.error = outcome.error;
    asVerify.platformError = outcome.platformError;
    asVerify.platforms = outcome.platforms;
    verify(reply, asVerify);
}

void cancel(const AsyncReply &reply, const CancelOutcome &outcome)
{
    const auto view = [&outcome] {
        return ApiJson::verificationView(*outcome.record);
    };
    if (outcome.kind == CancelOutcome::Kind::Cancelled && outcome.record)
        return reply.json(Status::Ok, QJsonObject{{QStringLiteral("data"), view()}});
    const PlatformId platform = outcome.record ? outcome.record->platform : PlatformId::Douyin;
    const HttpError http = httpErrorFor(outcome.kind, platform);
    QString message = outcome.error.message;
    if (outcome.kind == CancelOutcome::Kind::Unknown)
        message = QStringLiteral("the platform's answer to the cancel was lost; the outcome is "
                                 "being checked in the background (%1)")
                          .arg(outcome.error.message);
    QJsonObject body = JsonReply::errorBody(http.code, message, reply.requestId());
    addPlatformError(body, outcome.platformError);
    if (outcome.record)
        body.insert(QStringLiteral("data"), view());
    reply.json(http.status, body, retryAfter(outcome.platformError));
}

void platformError(const AsyncReply &reply, const PlatformError &error)
{
    HttpError http{Status::BadGateway, QStringLiteral("upstream_unavailable")};
    if (error.kind == PlatformError::Kind::Rejected || error.kind == PlatformError::Kind::BadAnswer)
        http.code = QStringLiteral("upstream_bad_answer");
    if (error.kind == PlatformError::Kind::NotConfigured)
        http = {Status::ServiceUnavailable, QStringLiteral("not_configured")};
    QJsonObject body = JsonReply::errorBody(http.code, error.message, reply.requestId());
    addPlatformError(body, error);
    reply.json(http.status, body, retryAfter(error));
}

} // namespace OutcomeReply
