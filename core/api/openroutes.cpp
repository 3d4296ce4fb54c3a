#include "core/api/openroutes.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUrlQuery>

#include <QHttpServerRequest>

#include "core/api/apijson.h"
#include "core/api/apirequest.h"
#include "core/api/asyncreply.h"
#include "core/api/lanapiserver.h"
#include "core/api/outcomereply.h"
#include "core/crypto/crypto.h"
#include "core/douyin/accesstokencache.h"
#include "core/douyin/douyinclient.h"
#include "core/douyin/douyinplatform.h"
#include "core/douyin/poidirectory.h"
#include "core/verify/verificationservice.h"

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponder::StatusCode;
using ApiRequest::authenticateOpen;
using ApiRequest::badRequest;
using ApiRequest::data;
using ApiRequest::intParameter;
using ApiRequest::readCommandBody;
using ApiRequest::replyBad;

} // namespace

OpenRoutes::OpenRoutes(LanApiServer *server, const ApiServices &services, QObject *parent)
    : QObject(parent),
      m_services(services)
{
    const auto bind = [this](auto method) {
        return [this, method](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            (this->*method)(request, std::move(responder));
        };
    };
    server->addRoute(QStringLiteral("/v1/open/coupons/verify"), Method::Post,
                     bind(&OpenRoutes::verify));
    server->addRoute(QStringLiteral("/v1/open/coupons/prepare"), Method::Post,
                     bind(&OpenRoutes::prepare));
    server->addRoute(QStringLiteral("/v1/open/douyin/access-token"), Method::Get,
                     bind(&OpenRoutes::accessToken));
    server->addRoute(QStringLiteral("/v1/open/pois"), Method::Get, bind(&OpenRoutes::pois));
    server->addArgRoute(QStringLiteral("/v1/open/verifications/<arg>/cancel"), Method::Post,
                        [this](const QString &id, const QHttpServerRequest &request,
                               QHttpServerResponder &&responder) {
                            cancel(id, request, std::move(responder));
                        });
}

void OpenRoutes::verify(const QHttpServerRequest &request, QHttpServerResponder &&responder)
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
                                       QStringLiteral("extra"), QStringLiteral("platform")},
                                      {{QStringLiteral("poi_id"), &command.poiId},
                                       {QStringLiteral("short_link"), &command.shortLink},
                                       {QStringLiteral("code"), &command.code},
                                       {QStringLiteral("encrypted_code"), &command.encryptedCode},
                                       {QStringLiteral("verify_token"), &command.verifyToken}});
    if (!body.ok())
        return replyBad(reply, body.error());
    const QJsonObject &json = body.value();
    const auto platform = ApiRequest::platformOf(json);
    if (!platform.ok())
        return replyBad(reply, platform.error());
    command.platform = platform.value();
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

// Only the app that made a verification may cancel it (403 not_your_verification).
void OpenRoutes::cancel(const QString &id, const QHttpServerRequest &request,
                        QHttpServerResponder &&responder)
{
    const AsyncReply reply(request, std::move(responder));
    const auto app = authenticateOpen(m_services.authenticator, request, reply);
    if (!app)
        return;
    auto command = ApiRequest::cancelCommandFrom(id, request);
    if (!command.ok())
        return replyBad(reply, command.error());
    command.value().onlyAppId = app->id;
    command.value().requestedBy = app->name;
    m_services.engine->cancel(command.value(), this, [reply](const CancelOutcome &outcome) {
        OutcomeReply::cancel(reply, outcome);
    });
}

void OpenRoutes::prepare(const QHttpServerRequest &request, QHttpServerResponder &&responder)
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
                                       QStringLiteral("extra"), QStringLiteral("platform")},
                                      {{QStringLiteral("poi_id"), &command.poiId},
                                       {QStringLiteral("short_link"), &command.shortLink},
                                       {QStringLiteral("code"), &command.code},
                                       {QStringLiteral("encrypted_data"), &command.encryptedData}});
    if (!body.ok())
        return replyBad(reply, body.error());
    const auto platform = ApiRequest::platformOf(body.value());
    if (!platform.ok())
        return replyBad(reply, platform.error());
    command.platform = platform.value();

    m_services.engine->prepare(command, this, [reply](const PrepareOutcome &outcome) {
        OutcomeReply::prepare(reply, outcome);
    });
}

void OpenRoutes::accessToken(const QHttpServerRequest &request, QHttpServerResponder &&responder)
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
    douyin->clientToken(this, [reply, douyin](const Result<QString, Douyin::Error> &token) {
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

void OpenRoutes::pois(const QHttpServerRequest &request, QHttpServerResponder &&responder)
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
            [reply, pageNumber,
             pageSize](const Result<Douyin::PoiQueryResult, Douyin::Error> &result) {
                if (!result.ok())
                    return OutcomeReply::platformError(
                            reply, DouyinPlatform::toPlatformError(result.error()));
                QJsonArray items;
                for (const Douyin::Poi &poi : result.value().pois) {
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
