#include "core/api/reconciliationroutes.h"

#include <QUrlQuery>

#include <QHttpServerRequest>

#include "core/api/apirequest.h"
#include "core/api/asyncreply.h"
#include "core/api/lanapiserver.h"
#include "core/api/reconciliationjson.h"
#include "core/reconcile/reconciliationservice.h"

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponder::StatusCode;
using ApiRequest::badRequest;
using ApiRequest::data;
using ApiRequest::replyBad;

Result<QDate> dayOf(const QString &text)
{
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (text.size() != 10 || !date.isValid())
        return badRequest(QStringLiteral("date: required, YYYY-MM-DD"));
    return date;
}

Result<ReconciliationQuery> queryFrom(const QUrlQuery &url)
{
    const auto date = dayOf(url.queryItemValue(QStringLiteral("date")));
    if (!date.ok())
        return date.error();
    ReconciliationQuery query;
    query.date = date.value();
    query.poiId = url.queryItemValue(QStringLiteral("poi_id")).trimmed();
    if (url.hasQueryItem(QStringLiteral("platform"))) {
        query.platform = Platforms::fromString(url.queryItemValue(QStringLiteral("platform")));
        if (!query.platform)
            return badRequest(QStringLiteral("platform: one of douyin, meituan"));
    }
    return query;
}

} // namespace

ReconciliationRoutes::ReconciliationRoutes(LanApiServer *server, const ApiServices &services,
                                           QObject *parent)
    : QObject(parent),
      m_services(services)
{
    server->addRoute(QStringLiteral("/v1/internal/reconciliation"), Method::Get,
                     [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                         report(request, std::move(responder));
                     });
    server->addRoute(QStringLiteral("/v1/internal/reconciliation/runs"), Method::Post,
                     [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                         startRun(request, std::move(responder));
                     });
}

void ReconciliationRoutes::report(const QHttpServerRequest &request,
                                  QHttpServerResponder &&responder)
{
    const AsyncReply reply(request, std::move(responder));
    if (!ApiRequest::authenticateAdmin(m_services.adminToken, request, reply))
        return;
    const auto query = queryFrom(QUrlQuery(request.url()));
    if (!query.ok())
        return replyBad(reply, query.error());
    const auto report = m_services.reconciliation->report(query.value());
    if (!report.ok())
        return reply.error(Status::InternalServerError, QStringLiteral("storage_error"),
                           report.error().message);
    reply.json(Status::Ok, data(ReconciliationJson::report(report.value())));
}

void ReconciliationRoutes::startRun(const QHttpServerRequest &request,
                                    QHttpServerResponder &&responder)
{
    const AsyncReply reply(request, std::move(responder));
    if (!ApiRequest::authenticateAdmin(m_services.adminToken, request, reply))
        return;
    const auto body = ApiRequest::parseBody(request);
    if (!body.ok())
        return replyBad(reply, body.error());
    if (const auto fields = ApiRequest::onlyFields(body.value(), {QStringLiteral("date")});
        !fields.ok())
        return replyBad(reply, fields.error());
    const auto date = dayOf(body.value().value(QStringLiteral("date")).toString());
    if (!date.ok())
        return replyBad(reply, date.error());
    const auto started = m_services.reconciliation->startRun(date.value());
    if (!started.ok()) {
        if (started.error().code == ErrorCode::Conflict)
            return reply.error(Status::Conflict, QStringLiteral("reconciliation_running"),
                               started.error().message);
        if (started.error().code == ErrorCode::BadInput)
            return replyBad(reply, started.error());
        return reply.error(Status::InternalServerError, QStringLiteral("storage_error"),
                           started.error().message);
    }
    reply.json(Status::Accepted, data(ReconciliationJson::report(started.value())));
}
