#include "core/api/apiroutes.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrlQuery>

#include <QHttpServerRequest>

#include "core/api/admintoken.h"
#include "core/api/apijson.h"
#include "core/api/asyncreply.h"
#include "core/api/lanapiserver.h"
#include "core/api/outcomereply.h"
#include "core/crypto/crypto.h"
#include "core/douyin/accesstokencache.h"
#include "core/douyin/douyinclient.h"
#include "core/douyin/douyinplatform.h"
#include "core/douyin/poidirectory.h"
#include "core/http/httproute.h"
#include "core/http/limitedtcpserver.h"
#include "core/logging/categories.h"
#include "core/store/apprepository.h"
#include "core/store/verificationrepository.h"
#include "core/verify/verificationservice.h"

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponder::StatusCode;

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
    filter.q = query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded).trimmed();
    return filter;
}

} // namespace

ApiRoutes::ApiRoutes(LanApiServer *server, const Services &services, QObject *parent)
    : QObject(parent),
      m_services(services)
{
    const auto bind = [this](auto method) {
        return [this, method](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            (this->*method)(request, std::move(responder));
        };
    };
    server->addRoute(QStringLiteral("/v1/open/coupons/verify"), Method::Post,
                     bind(&ApiRoutes::verify));
    server->addRoute(QStringLiteral("/v1/open/coupons/prepare"), Method::Post,
                     bind(&ApiRoutes::prepare));
    server->addRoute(QStringLiteral("/v1/open/douyin/access-token"), Method::Get,
                     bind(&ApiRoutes::accessToken));
    server->addRoute(QStringLiteral("/v1/open/pois"), Method::Get, bind(&ApiRoutes::pois));
    server->addRoute(QStringLiteral("/v1/internal/verifications"), Method::Get,
                     bind(&ApiRoutes::listVerifications));
    server->addRoute(QStringLiteral("/v1/internal/verifications/summary"), Method::Get,
                     bind(&ApiRoutes::summary));
    server->addRoute(QStringLiteral("/v1/internal/apps"), Method::Post,
                     bind(&ApiRoutes::createApp));
    server->addRoute(QStringLiteral("/v1/internal/apps"), Method::Get, bind(&ApiRoutes::listApps));
    server->addArgRoute(QStringLiteral("/v1/internal/apps/<arg>/token-access"), Method::Patch,
                        [this](const QString &id, const QHttpServerRequest &request,
                               QHttpServerResponder &&responder) {
                            setTokenAccess(id, request, std::move(responder));
                        });
    server->addRoute(QStringLiteral("/openapi.json"), Method::Get, bind(&ApiRoutes::openApi));
}

namespace {

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

} // namespace

void ApiRoutes::verify(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const AsyncReply reply(request, std::move(responder));
    const auto app = authenticateOpen(m_services.authenticator, request, reply);
    if (!app)
        return;
    VerifyCommand command;
    command.appId = app->id;
    const auto body = readCommandBody(request,
                                      {QStringLiteral("poi_id"), QStringLiteral("short_link"),
                                       QStringLiteral("code"), QStringLiteral("encrypted_code"),
                                       QStringLiteral("verify_token"), QStringLiteral("count"),
                                       QStringLiteral("extra")},
                                      {{QStringLiteral("poi_id"), &command.poiId},
                                       {QStringLiteral("short_link"), &command.shortLink},
                                       {QStringLiteral("code"), &command.code},
                                       {QStringLiteral("encrypted_code"), &command.encryptedCode},
                                       {QStringLiteral("verify_token"), &command.verifyToken}});
    if (!body.ok())
        return replyBad(reply, body.error());
    const QJsonObject &json = body.value();
    // The gateway prepares itself in these modes; a caller's verify_token is ignored.
    if (command.encryptedCode.isEmpty())
        command.verifyToken.clear();
    const QJsonValue count = json.value(QStringLiteral("count"));
    if (!count.isUndefined() && !count.isNull()) {
        if (!count.isDouble() || count.toDouble() != double(count.toInteger()))
            return replyBad(reply, badRequest(QStringLiteral("count: must be a whole number")));
        command.count = int(qBound(qint64(-1), count.toInteger(), qint64(1000)));
    }
    command.extra = json.value(QStringLiteral("extra")).toObject();
    command.idempotencyKey = QString::fromUtf8(request.value(QByteArrayLiteral("idempotency-key")));
    command.fingerprint = Crypto::sha256(request.body());

    m_services.engine->verify(command, this, [reply, app = *app](VerifyOutcome outcome) {
        // Records written just now carry no app name yet; the caller's app is theirs.
        for (VerificationRecord &record : outcome.records) {
            if (record.appName.isEmpty() && record.appId == app.id)
                record.appName = app.name;
        }
        OutcomeReply::verify(reply, outcome);
    });
}

void ApiRoutes::prepare(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const AsyncReply reply(request, std::move(responder));
    const auto app = authenticateOpen(m_services.authenticator, request, reply);
    if (!app)
        return;
    PrepareCommand command;
    command.appId = app->id;
    const auto body = readCommandBody(request,
                                      {QStringLiteral("poi_id"), QStringLiteral("short_link"),
                                       QStringLiteral("code"), QStringLiteral("encrypted_data"),
                                       QStringLiteral("extra")},
                                      {{QStringLiteral("poi_id"), &command.poiId},
                                       {QStringLiteral("short_link"), &command.shortLink},
                                       {QStringLiteral("code"), &command.code},
                                       {QStringLiteral("encrypted_data"), &command.encryptedData}});
    if (!body.ok())
        return replyBad(reply, body.error());

    m_services.engine->prepare(command, this, [reply](const PrepareOutcome &outcome) {
        OutcomeReply::prepare(reply, outcome);
    });
}

void ApiRoutes::accessToken(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const AsyncReply reply(request, std::move(responder));
    const auto app = authenticateOpen(m_services.authenticator, request, reply);
    if (!app)
        return;
    if (!app->allowTokenRead)
        return reply.error(Status::Forbidden, QStringLiteral("token_read_forbidden"),
                           QStringLiteral("this app may not read the Douyin token"));
    if (!m_services.douyin->isConfigured())
        return reply.error(Status::ServiceUnavailable, QStringLiteral("not_configured"),
                           QStringLiteral("Douyin credentials are not configured"));
    DouyinClient *douyin = m_services.douyin;
    douyin->clientToken(this, [reply, douyin](const Result<QString, DouyinError> &token) {
        if (!token.ok())
            return OutcomeReply::platformError(reply,
                                               DouyinPlatform::toPlatformError(token.error()));
        const qint64 expiresAt = douyin->tokens()->expiresAt();
        reply.json(Status::Ok,
                   data(QJsonObject{
                           {QStringLiteral("access_token"), token.value()},
                           {QStringLiteral("expires_at"), ApiJson::timestamp(expiresAt * 1000)},
                           {QStringLiteral("expires_in"),
                            qMax<qint64>(0, expiresAt - QDateTime::currentSecsSinceEpoch())},
                   }));
    });
}

void ApiRoutes::pois(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const AsyncReply reply(request, std::move(responder));
    if (!authenticateOpen(m_services.authenticator, request, reply))
        return;
    const QUrlQuery query(request.url());
    const auto page = intParameter(query, QStringLiteral("page"), 1, 1, 100000);
    if (!page.ok())
        return replyBad(reply, page.error());
    const auto size = intParameter(query, QStringLiteral("size"), 20, 1, 100);
    if (!size.ok())
        return replyBad(reply, size.error());
    if (!m_services.douyin->isConfigured())
        return reply.error(Status::ServiceUnavailable, QStringLiteral("not_configured"),
                           QStringLiteral("Douyin credentials are not configured"));
    const int pageNumber = page.value();
    const int pageSize = size.value();
    m_services.pois->page(
            pageNumber, pageSize, this,
            [reply, pageNumber, pageSize](const Result<PoiQueryResult, DouyinError> &result) {
                if (!result.ok())
                    return OutcomeReply::platformError(
                            reply, DouyinPlatform::toPlatformError(result.error()));
                QJsonArray items;
                for (const DouyinPoi &poi : result.value().pois) {
                    items.append(QJsonObject{
                            {QStringLiteral("poi_id"), poi.poiId},
                            {QStringLiteral("poi_name"), poi.poiName},
                            {QStringLiteral("address"), poi.address},
                            {QStringLiteral("latitude"), poi.latitude},
                            {QStringLiteral("longitude"), poi.longitude},
                    });
                }
                reply.json(Status::Ok,
                           data(QJsonObject{{QStringLiteral("items"), items},
                                            {QStringLiteral("total"), result.value().total},
                                            {QStringLiteral("page"), pageNumber},
                                            {QStringLiteral("size"), pageSize}}));
            });
}

void ApiRoutes::listVerifications(const QHttpServerRequest &request,
                                  QHttpServerResponder &&responder)
{
    const AsyncReply reply(request, std::move(responder));
    if (!authenticateAdmin(m_services.adminToken, request, reply))
        return;
    const QUrlQuery query(request.url());
    const auto page = intParameter(query, QStringLiteral("page"), 1, 1, 1000000);
    if (!page.ok())
        return replyBad(reply, page.error());
    const auto pageSize = intParameter(query, QStringLiteral("page_size"), 20, 1, 200);
    if (!pageSize.ok())
        return replyBad(reply, pageSize.error());
    const auto filter = filterFrom(query);
    if (!filter.ok())
        return replyBad(reply, filter.error());
    const auto listed =
            m_services.engine->repository()->list(filter.value(), page.value(), pageSize.value());
    if (!listed.ok())
        return reply.error(Status::InternalServerError, QStringLiteral("storage_error"),
                           listed.error().message);
    QJsonArray items;
    for (const VerificationRecord &record : listed.value().items)
        items.append(ApiJson::verificationView(record));
    reply.json(Status::Ok,
               data(QJsonObject{{QStringLiteral("items"), items},
                                {QStringLiteral("total"), listed.value().total},
                                {QStringLiteral("page"), page.value()},
                                {QStringLiteral("page_size"), pageSize.value()}}));
}

void ApiRoutes::summary(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const AsyncReply reply(request, std::move(responder));
    if (!authenticateAdmin(m_services.adminToken, request, reply))
        return;
    const QUrlQuery query(request.url());
    const auto filter = filterFrom(query);
    if (!filter.ok())
        return replyBad(reply, filter.error());
    if (!filter.value().from)
        return replyBad(reply, badRequest(QStringLiteral("from: required (YYYY-MM-DD)")));
    if (!filter.value().to)
        return replyBad(reply, badRequest(QStringLiteral("to: required (YYYY-MM-DD)")));

    SummaryQuery summaryQuery;
    summaryQuery.from = *filter.value().from;
    summaryQuery.to = *filter.value().to;
    summaryQuery.poiId = filter.value().poiId;
    summaryQuery.appId = filter.value().appId;
    summaryQuery.verifyStatus = filter.value().verifyStatus;
    summaryQuery.enrichmentStatus = filter.value().enrichmentStatus;
    summaryQuery.q = filter.value().q;
    QStringList groupNames;
    const QString groupBy = query.hasQueryItem(QStringLiteral("group_by"))
            ? query.queryItemValue(QStringLiteral("group_by"))
            : QStringLiteral("date");
    for (const QString &raw : groupBy.split(u',', Qt::SkipEmptyParts)) {
        const QString name = raw.trimmed();
        std::optional<SummaryQuery::GroupKey> group;
        if (name == u"date")
            group = SummaryQuery::GroupKey::Date;
        else if (name == u"poi")
            group = SummaryQuery::GroupKey::Poi;
        else if (name == u"app")
            group = SummaryQuery::GroupKey::App;
        else if (name == u"product")
            group = SummaryQuery::GroupKey::Product;
        if (!group)
            return replyBad(reply,
                            badRequest(QStringLiteral("group_by: '%1' is not one of date, poi, "
                                                      "app, product")
                                               .arg(name)));
        if (!summaryQuery.groupBy.contains(*group)) {
            summaryQuery.groupBy.append(*group);
            groupNames.append(name);
        }
    }
    if (summaryQuery.groupBy.isEmpty())
        return replyBad(
                reply,
                badRequest(QStringLiteral("group_by: at least one of date, poi, app, product")));

    const auto summary = m_services.engine->repository()->summary(summaryQuery);
    if (!summary.ok())
        return reply.error(Status::InternalServerError, QStringLiteral("storage_error"),
                           summary.error().message);
    const auto rowJson = [&summaryQuery](const VerificationSummaryRow &row, bool withKeys) {
        QJsonObject object;
        if (withKeys) {
            for (const SummaryQuery::GroupKey group : summaryQuery.groupBy) {
                switch (group) {
                case SummaryQuery::GroupKey::Date:
                    object.insert(QStringLiteral("date"),
                                  row.date.value_or(QDate()).toString(Qt::ISODate));
                    break;
                case SummaryQuery::GroupKey::Poi:
                    object.insert(QStringLiteral("poi_id"), row.poiId.value_or(QString()));
                    break;
                case SummaryQuery::GroupKey::App:
                    object.insert(QStringLiteral("app_id"), row.appId.value_or(0));
                    object.insert(QStringLiteral("app_name"), row.appName);
                    break;
                case SummaryQuery::GroupKey::Product:
                    object.insert(QStringLiteral("product_id"),
                                  row.productId.value_or(QString()).isEmpty()
                                          ? QJsonValue(QJsonValue::Null)
                                          : QJsonValue(*row.productId));
                    object.insert(QStringLiteral("product_name"),
                                  row.productName.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                            : QJsonValue(row.productName));
                    break;
                }
            }
        }
        object.insert(QStringLiteral("success_count"), row.successCount);
        object.insert(QStringLiteral("failed_count"), row.failedCount);
        object.insert(QStringLiteral("unknown_count"), row.unknownCount);
        object.insert(QStringLiteral("pay_amount"), row.payAmount);
        object.insert(QStringLiteral("receipt_amount"), row.receiptAmount);
        object.insert(QStringLiteral("discount_amount"), row.discountAmount);
        return object;
    };
    QJsonArray rows;
    for (const VerificationSummaryRow &row : summary.value().rows)
        rows.append(rowJson(row, true));
    reply.json(Status::Ok,
               data(QJsonObject{
                       {QStringLiteral("rows"), rows},
                       {QStringLiteral("totals"), rowJson(summary.value().totals, false)},
                       {QStringLiteral("from"), filter.value().from->toString(Qt::ISODate)},
                       {QStringLiteral("to"), filter.value().to->toString(Qt::ISODate)},
                       {QStringLiteral("group_by"), QJsonArray::fromStringList(groupNames)},
               }));
}

void ApiRoutes::createApp(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const AsyncReply reply(request, std::move(responder));
    if (!authenticateAdmin(m_services.adminToken, request, reply))
        return;
    const auto body = parseBody(request);
    if (!body.ok())
        return replyBad(reply, body.error());
    if (auto known = onlyFields(body.value(),
                                {QStringLiteral("name"), QStringLiteral("allow_token_read")});
        !known.ok())
        return replyBad(reply, known.error());
    const QJsonValue name = body.value().value(QStringLiteral("name"));
    if (!name.isString())
        return replyBad(reply,
                        badRequest(QStringLiteral("name: required string of 1..64 characters")));
    const QJsonValue allow = body.value().value(QStringLiteral("allow_token_read"));
    if (!allow.isUndefined() && !allow.isNull() && !allow.isBool())
        return replyBad(reply,
                        badRequest(QStringLiteral("allow_token_read: must be true or false")));

    const auto created = m_services.apps->create(name.toString(), allow.toBool(false));
    if (!created.ok()) {
        if (created.error().code == ErrorCode::Conflict)
            return reply.error(Status::Conflict, QStringLiteral("app_name_taken"),
                               created.error().message);
        if (created.error().code == ErrorCode::BadInput)
            return replyBad(reply, created.error());
        return reply.error(Status::InternalServerError, QStringLiteral("storage_error"),
                           created.error().message);
    }
    qCInfo(lcApi) << "created verifier app" << created.value().app.id;
    reply.json(Status::Created,
               data(QJsonObject{{QStringLiteral("app"), ApiJson::verifierApp(created.value().app)},
                                {QStringLiteral("client_secret"), created.value().clientSecret}}));
}

void ApiRoutes::listApps(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const AsyncReply reply(request, std::move(responder));
    if (!authenticateAdmin(m_services.adminToken, request, reply))
        return;
    const auto apps = m_services.apps->list();
    if (!apps.ok())
        return reply.error(Status::InternalServerError, QStringLiteral("storage_error"),
                           apps.error().message);
    QJsonArray items;
    for (const VerifierApp &app : apps.value())
        items.append(ApiJson::verifierApp(app));
    reply.json(Status::Ok, data(QJsonObject{{QStringLiteral("items"), items}}));
}

void ApiRoutes::setTokenAccess(const QString &id, const QHttpServerRequest &request,
                               QHttpServerResponder &&responder)
{
    const AsyncReply reply(request, std::move(responder));
    if (!authenticateAdmin(m_services.adminToken, request, reply))
        return;
    bool idOk = false;
    const qint64 appId = id.toLongLong(&idOk);
    if (!idOk || appId <= 0)
        return reply.error(Status::NotFound, QStringLiteral("not_found"),
                           QStringLiteral("no app with id %1").arg(id));
    const auto body = parseBody(request);
    if (!body.ok())
        return replyBad(reply, body.error());
    if (auto known = onlyFields(body.value(), {QStringLiteral("allow_token_read")}); !known.ok())
        return replyBad(reply, known.error());
    const QJsonValue allow = body.value().value(QStringLiteral("allow_token_read"));
    if (!allow.isBool())
        return replyBad(reply,
                        badRequest(QStringLiteral("allow_token_read: required, true or false")));
    const auto updated = m_services.apps->setTokenAccess(appId, allow.toBool());
    if (!updated.ok()) {
        if (updated.error().code == ErrorCode::NotFound)
            return reply.error(Status::NotFound, QStringLiteral("not_found"),
                               updated.error().message);
        return reply.error(Status::InternalServerError, QStringLiteral("storage_error"),
                           updated.error().message);
    }
    reply.json(Status::Ok,
               data(QJsonObject{{QStringLiteral("message"),
                                 allow.toBool() ? QStringLiteral("token read allowed")
                                                : QStringLiteral("token read forbidden")}}));
}

void ApiRoutes::openApi(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const AsyncReply reply(request, std::move(responder));
    QFile file(QStringLiteral(":/api/openapi.json"));
    if (!file.open(QIODevice::ReadOnly))
        return reply.error(Status::InternalServerError, QStringLiteral("internal_error"),
                           QStringLiteral("openapi.json is missing from this build"));
    reply.json(Status::Ok, QJsonDocument::fromJson(file.readAll()).object());
}
