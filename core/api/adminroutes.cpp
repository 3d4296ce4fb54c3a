#include "core/api/adminroutes.h"

#include <QJsonArray>
#include <QUrlQuery>

#include <QHttpServerRequest>

#include "core/api/apijson.h"
#include "core/api/apirequest.h"
#include "core/api/asyncreply.h"
#include "core/api/lanapiserver.h"
#include "core/api/outcomereply.h"
#include "core/logging/categories.h"
#include "core/store/apprepository.h"
#include "core/store/verificationrepository.h"
#include "core/verify/verificationservice.h"

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponder::StatusCode;
using ApiRequest::authenticateAdmin;
using ApiRequest::badRequest;
using ApiRequest::data;
using ApiRequest::filterFrom;
using ApiRequest::intParameter;
using ApiRequest::onlyFields;
using ApiRequest::parseBody;
using ApiRequest::replyBad;

// API.md's group_by: a comma list of date, poi, app, product, platform, gateway, each once.
Result<QList<SummaryQuery::GroupKey>> groupByFrom(const QUrlQuery &query, QStringList *names)
{
    QList<SummaryQuery::GroupKey> groups;
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
        else if (name == u"platform")
            group = SummaryQuery::GroupKey::Platform;
        else if (name == u"gateway")
            group = SummaryQuery::GroupKey::Gateway;
        if (!group)
            return badRequest(
                    QStringLiteral(
                            "group_by: '%1' is not one of date, poi, app, product, platform, "
                            "gateway")
                            .arg(name));
        if (!groups.contains(*group)) {
            groups.append(*group);
            names->append(name);
        }
    }
    if (groups.isEmpty())
        return badRequest(
                QStringLiteral("group_by: at least one of date, poi, app, product, platform, "
                               "gateway"));
    return groups;
}

QJsonObject summaryRow(const VerificationSummaryRow &row,
                       const QList<SummaryQuery::GroupKey> &groups, bool withKeys)
{
    QJsonObject object;
    for (const SummaryQuery::GroupKey group : withKeys ? groups : QList<SummaryQuery::GroupKey>{}) {
        switch (group) {
        case SummaryQuery::GroupKey::Date:
            object.insert(QStringLiteral("date"), row.date.value_or(QDate()).toString(Qt::ISODate));
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
                          row.productId.value_or(QString()).isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                      : QJsonValue(*row.productId));
            object.insert(QStringLiteral("product_name"),
                          row.productName.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                    : QJsonValue(row.productName));
            break;
        case SummaryQuery::GroupKey::Platform:
            object.insert(QStringLiteral("platform"),
                          row.platform ? QJsonValue(Platforms::toString(*row.platform))
                                       : QJsonValue(QJsonValue::Null));
            break;
        case SummaryQuery::GroupKey::Gateway:
            object.insert(QStringLiteral("gateway"), row.gatewayName.value_or(QString()));
            break;
        }
    }
    object.insert(QStringLiteral("success_count"), row.successCount);
    object.insert(QStringLiteral("failed_count"), row.failedCount);
    object.insert(QStringLiteral("unknown_count"), row.unknownCount);
    object.insert(QStringLiteral("cancelled_count"), row.cancelledCount);
    object.insert(QStringLiteral("pay_amount"), row.payAmount);
    object.insert(QStringLiteral("receipt_amount"), row.receiptAmount);
    object.insert(QStringLiteral("discount_amount"), row.discountAmount);
    object.insert(QStringLiteral("settled_count"), row.settledCount);
    object.insert(QStringLiteral("settlement_pending_count"), row.settlementPendingCount);
    return object;
}

} // namespace

AdminRoutes::AdminRoutes(LanApiServer *server, const ApiServices &services, QObject *parent)
    : QObject(parent),
      m_services(services)
{
    const auto bind = [this](auto method) {
        return [this, method](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            (this->*method)(request, std::move(responder));
        };
    };
    server->addRoute(QStringLiteral("/v1/internal/verifications"), Method::Get,
                     bind(&AdminRoutes::listVerifications));
    server->addRoute(QStringLiteral("/v1/internal/verifications/summary"), Method::Get,
                     bind(&AdminRoutes::summary));
    server->addRoute(QStringLiteral("/v1/internal/apps"), Method::Post,
                     bind(&AdminRoutes::createApp));
    server->addRoute(QStringLiteral("/v1/internal/apps"), Method::Get,
                     bind(&AdminRoutes::listApps));
    server->addArgRoute(QStringLiteral("/v1/internal/apps/<arg>/token-access"), Method::Patch,
                        [this](const QString &id, const QHttpServerRequest &request,
                               QHttpServerResponder &&responder) {
                            setTokenAccess(id, request, std::move(responder));
                        });
    server->addArgRoute(QStringLiteral("/v1/internal/verifications/<arg>/cancel"), Method::Post,
                        [this](const QString &id, const QHttpServerRequest &request,
                               QHttpServerResponder &&responder) {
                            cancel(id, request, std::move(responder));
                        });
}

void AdminRoutes::listVerifications(const QHttpServerRequest &request,
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

void AdminRoutes::summary(const QHttpServerRequest &request, QHttpServerResponder &&responder)
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
    summaryQuery.platform = filter.value().platform;
    summaryQuery.gatewayName = filter.value().gatewayName;
    summaryQuery.q = filter.value().q;
    QStringList groupNames;
    const auto groups = groupByFrom(query, &groupNames);
    if (!groups.ok())
        return replyBad(reply, groups.error());
    summaryQuery.groupBy = groups.value();

    const auto summary = m_services.engine->repository()->summary(summaryQuery);
    if (!summary.ok())
        return reply.error(Status::InternalServerError, QStringLiteral("storage_error"),
                           summary.error().message);
    QJsonArray rows;
    for (const VerificationSummaryRow &row : summary.value().rows)
        rows.append(summaryRow(row, summaryQuery.groupBy, true));
    reply.json(Status::Ok,
               data(QJsonObject{
                       {QStringLiteral("rows"), rows},
                       {QStringLiteral("totals"),
                        summaryRow(summary.value().totals, summaryQuery.groupBy, false)},
                       {QStringLiteral("from"), filter.value().from->toString(Qt::ISODate)},
                       {QStringLiteral("to"), filter.value().to->toString(Qt::ISODate)},
                       {QStringLiteral("group_by"), QJsonArray::fromStringList(groupNames)},
               }));
}

void AdminRoutes::createApp(const QHttpServerRequest &request, QHttpServerResponder &&responder)
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

void AdminRoutes::listApps(const QHttpServerRequest &request, QHttpServerResponder &&responder)
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

void AdminRoutes::cancel(const QString &id, const QHttpServerRequest &request,
                         QHttpServerResponder &&responder)
{
    const AsyncReply reply(request, std::move(responder));
    if (!authenticateAdmin(m_services.adminToken, request, reply))
        return;
    auto command = ApiRequest::cancelCommandFrom(id, request);
    if (!command.ok())
        return replyBad(reply, command.error());
    command.value().requestedBy = QStringLiteral("admin");
    m_services.engine->cancel(command.value(), this, [reply](const CancelOutcome &outcome) {
        OutcomeReply::cancel(reply, outcome);
    });
}

void AdminRoutes::setTokenAccess(const QString &id, const QHttpServerRequest &request,
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
