#include "core/api/apirequest.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>

#include <QHttpServerRequest>

#include "core/api/admintoken.h"
#include "core/api/asyncreply.h"
#include "core/api/requestauthenticator.h"
#include "core/http/limitedtcpserver.h"

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponder::StatusCode;

} // namespace

namespace ApiRequest {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

Error badRequest(const QString &message)
{
    return makeError(ErrorCode::BadInput, message);
}

void replyBad(const AsyncReply &reply, const Error &error)
{
    if (error.code == ErrorCode::NotFound)
        return reply.error(Status::NotFound, QStringLiteral("not_found"), error.message);
    reply.error(Status::BadRequest, QStringLiteral("invalid_request"), error.message);
}

QJsonObject data(const QJsonValue &payload)
{
    return QJsonObject{{QStringLiteral("data"), payload}};
}

Result<QJsonObject> parseBody(const QHttpServerRequest &request)
{
    const QByteArray body = request.body();
    if (body.trimmed().isEmpty())
        return badRequest(QStringLiteral("body: a JSON object is required"));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return badRequest(QStringLiteral("body: malformed JSON at offset %1 (%2)")
                                  .arg(error.offset)
                                  .arg(error.errorString()));
    if (!document.isObject())
        return badRequest(QStringLiteral("body: must be a JSON object"));
    return document.object();
}

Result<Done> onlyFields(const QJsonObject &object, const QStringList &allowed)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!allowed.contains(it.key()))
            return badRequest(QStringLiteral("%1: unknown field").arg(it.key()));
    }
    return Done{};
}

// A string field; absent or null gives an empty string.
Result<QString> text(const QJsonObject &object, const QString &name)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString())
        return badRequest(QStringLiteral("%1: must be a string").arg(name));
    return value.toString();
}

// IDs from Douyin may arrive as numbers; take them exactly, never through double.
Result<QString> identifier(const QJsonObject &object, const QString &name)
{
    const QJsonValue value = object.value(name);
    if (value.isDouble() && value.toDouble() == double(value.toInteger()))
        return QString::number(value.toInteger());
    return text(object, name);
}

// The body of an open POST: a JSON object with only `allowed` fields, whose text fields go
// into `targets` (poi_id and code may also arrive as JSON integers) and whose optional
// `extra` must be an object.
Result<QJsonObject> readCommandBody(const QHttpServerRequest &request, const QStringList &allowed,
                                    const QList<std::pair<QString, QString *>> &targets)
{
    const auto body = parseBody(request);
    if (!body.ok())
        return body.error();
    const QJsonObject &json = body.value();
    if (auto known = onlyFields(json, allowed); !known.ok())
        return known.error();
    for (const auto &[name, target] : targets) {
        const auto value =
                name == u"poi_id" || name == u"code" ? identifier(json, name) : text(json, name);
        if (!value.ok())
            return value.error();
        *target = value.value();
    }
    const QJsonValue extra = json.value(QStringLiteral("extra"));
    if (!extra.isUndefined() && !extra.isNull() && !extra.isObject())
        return badRequest(QStringLiteral("extra: must be an object"));
    return json;
}

Result<int> intParameter(const QUrlQuery &query, const QString &name, int defaultValue, int min,
                         int max)
{
    if (!query.hasQueryItem(name))
        return defaultValue;
    bool ok = false;
    const int value = query.queryItemValue(name).toInt(&ok);
    if (!ok || value < min || value > max)
        return badRequest(
                QStringLiteral("%1: must be a whole number %2..%3").arg(name).arg(min).arg(max));
    return value;
}

Result<std::optional<QDate>> dateParameter(const QUrlQuery &query, const QString &name)
{
    if (!query.hasQueryItem(name))
        return std::optional<QDate>();
    const QDate date = QDate::fromString(query.queryItemValue(name), Qt::ISODate);
    if (!date.isValid() || query.queryItemValue(name).size() != 10)
        return badRequest(QStringLiteral("%1: must be a date YYYY-MM-DD").arg(name));
    return std::optional<QDate>(date);
}

// The list and summary share their filters.
Result<VerificationFilter> filterFrom(const QUrlQuery &query)
{
    VerificationFilter filter;
    const auto from = dateParameter(query, QStringLiteral("from"));
    if (!from.ok())
        return from.error();
    const auto to = dateParameter(query, QStringLiteral("to"));
    if (!to.ok())
        return to.error();
    filter.from = from.value();
    filter.to = to.value();
    if (filter.from && filter.to && *filter.from > *filter.to)
        return badRequest(QStringLiteral("from: must not be after to"));
    filter.poiId = query.queryItemValue(QStringLiteral("poi_id"), QUrl::FullyDecoded);
    if (query.hasQueryItem(QStringLiteral("app_id"))) {
        bool ok = false;
        filter.appId = query.queryItemValue(QStringLiteral("app_id")).toLongLong(&ok);
        if (!ok || *filter.appId < 0)
            return badRequest(QStringLiteral("app_id: must be a whole number >= 0"));
    }
    if (query.hasQueryItem(QStringLiteral("verify_status"))) {
        filter.verifyStatus = VerificationRecord::statusFromString(
                query.queryItemValue(QStringLiteral("verify_status")));
        if (!filter.verifyStatus)
            return badRequest(
                    QStringLiteral("verify_status: one of pending, success, failed, unknown"));
    }
    if (query.hasQueryItem(QStringLiteral("enrichment_status"))) {
        filter.enrichmentStatus = VerificationRecord::enrichmentFromString(
                query.queryItemValue(QStringLiteral("enrichment_status")));
        if (!filter.enrichmentStatus)
            return badRequest(
                    QStringLiteral("enrichment_status: one of pending, success, failed, skipped"));
    }
    if (query.hasQueryItem(QStringLiteral("platform"))) {
        filter.platform = Platforms::fromString(query.queryItemValue(QStringLiteral("platform")));
        if (!filter.platform)
            return badRequest(QStringLiteral("platform: one of douyin, meituan"));
    }
    // Chain mode (API.md): the records one gateway made (DYGW_GATEWAY_NAME).
    if (query.hasQueryItem(QStringLiteral("gateway"))) {
        filter.gatewayName = query.queryItemValue(QStringLiteral("gateway")).trimmed();
        if (filter.gatewayName.isEmpty())
            return badRequest(QStringLiteral("gateway: a gateway's name"));
    }
    if (query.hasQueryItem(QStringLiteral("cancel_status"))) {
        filter.cancelStatus = VerificationRecord::cancelStatusFromString(
                query.queryItemValue(QStringLiteral("cancel_status")));
        if (!filter.cancelStatus)
            return badRequest(
                    QStringLiteral("cancel_status: one of pending, unknown, cancelled, failed"));
    }
    filter.q = query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded).trimmed();
    return filter;
}

Result<CancelCommand> cancelCommandFrom(const QString &id, const QHttpServerRequest &request)
{
    CancelCommand command;
    bool idOk = false;
    command.recordId = id.toLongLong(&idOk);
    if (!idOk || command.recordId <= 0)
        return makeError(ErrorCode::NotFound, QStringLiteral("no verification with id %1").arg(id));
    // An empty body is the same as {}.
    if (request.body().trimmed().isEmpty())
        return command;
    const auto body = parseBody(request);
    if (!body.ok())
        return body.error();
    if (auto known = onlyFields(body.value(), {QStringLiteral("reason")}); !known.ok())
        return known.error();
    const auto reason = text(body.value(), QStringLiteral("reason"));
    if (!reason.ok())
        return reason.error();
    if (reason.value().size() > CancelCommand::MAX_REASON_LENGTH)
        return badRequest(QStringLiteral("reason: at most %1 characters")
                                  .arg(CancelCommand::MAX_REASON_LENGTH));
    command.reason = reason.value();
    return command;
}

// Signature check of an open endpoint; answers the failure itself.
std::optional<VerifierApp> authenticateOpen(RequestAuthenticator *authenticator,
                                            const QHttpServerRequest &request,
                                            const AsyncReply &reply)
{
    RequestAuthenticator::Request signedRequest;
    signedRequest.method =
            request.method() == Method::Get ? QByteArrayLiteral("GET") : QByteArrayLiteral("POST");
    signedRequest.path = request.url().path(QUrl::FullyEncoded).toUtf8();
    signedRequest.rawQuery = request.url().query(QUrl::FullyEncoded).toUtf8();
    // The signature covers the path exactly as sent; QUrl has normalised escapes by now, so
    // take the request line the connection saw when it is this request's.
    const QByteArray target = LimitedTcpServer::requestTarget(reply.socket());
    const qsizetype question = target.indexOf('?');
    const QByteArray rawPath = question < 0 ? target : target.left(question);
    if (!rawPath.isEmpty() && QUrl::fromEncoded(rawPath).path() == request.url().path()) {
        signedRequest.path = rawPath;
        signedRequest.rawQuery = question < 0 ? QByteArray() : target.mid(question + 1);
    }
    signedRequest.body = request.body();
    signedRequest.clientKey = request.value(QByteArrayLiteral("x-client-key"));
    signedRequest.timestamp = request.value(QByteArrayLiteral("x-timestamp"));
    signedRequest.nonce = request.value(QByteArrayLiteral("x-nonce"));
    signedRequest.signature = request.value(QByteArrayLiteral("x-signature"));
    const auto app = authenticator->authenticate(signedRequest, nowMs());
    if (app.ok())
        return app.value();
    const auto &failure = app.error();
    JsonReply::Headers headers;
    if (failure.retryAfterSeconds > 0)
        headers.append(
                {QByteArrayLiteral("Retry-After"), QByteArray::number(failure.retryAfterSeconds)});
    reply.error(Status(failure.httpStatus), failure.code, failure.message, headers);
    return std::nullopt;
}

bool authenticateAdmin(AdminToken *token, const QHttpServerRequest &request,
                       const AsyncReply &reply)
{
    const QByteArray header = request.value(QByteArrayLiteral("authorization")).trimmed();
    // The scheme name is case-insensitive in HTTP.
    const qsizetype space = header.indexOf(' ');
    if (space > 0 && header.left(space).toLower() == "bearer"
        && token->check(header.mid(space + 1).trimmed()))
        return true;
    reply.error(Status::Unauthorized, QStringLiteral("invalid_admin_token"),
                QStringLiteral("Authorization: Bearer <admin token> is missing or wrong"),
                {{QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")}});
    return false;
}

Result<std::optional<PlatformId>> platformOf(const QJsonObject &body)
{
    const QJsonValue value = body.value(QStringLiteral("platform"));
    if (value.isUndefined() || value.isNull())
        return std::optional<PlatformId>(); // the gateway decides (PlatformRouter)
    const auto platform = Platforms::fromString(value.toString());
    if (!value.isString() || !platform)
        return badRequest(QStringLiteral("platform: one of douyin, meituan"));
    if (*platform != PlatformId::Douyin) {
        for (const char *douyinOnly : {"short_link", "encrypted_code", "encrypted_data"}) {
            if (body.contains(QLatin1String(douyinOnly)))
                return badRequest(QStringLiteral("%1: Douyin only, not with platform %2")
                                          .arg(QLatin1String(douyinOnly), value.toString()));
        }
    }
    return platform;
}

} // namespace ApiRequest
