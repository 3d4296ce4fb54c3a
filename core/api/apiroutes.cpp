#include "core/api/apiroutes.h"

#include <QFile>
#include <QJsonDocument>

#include <QHttpServerRequest>

#include "core/api/adminroutes.h"
#include "core/api/asyncreply.h"
#include "core/api/lanapiserver.h"
#include "core/api/openroutes.h"
#include "core/api/reconciliationroutes.h"

ApiRoutes::ApiRoutes(LanApiServer *server, const Services &services, QObject *parent)
    : QObject(parent),
      m_open(new OpenRoutes(server, services, this)),
      m_admin(new AdminRoutes(server, services, this))
{
    if (services.reconciliation)
        m_reconciliation = new ReconciliationRoutes(server, services, this);
    server->addRoute(QStringLiteral("/openapi.json"), QHttpServerRequest::Method::Get,
                     [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                         openApi(request, std::move(responder));
                     });
}

void ApiRoutes::openApi(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const AsyncReply reply(request, std::move(responder));
    QFile file(QStringLiteral(":/api/openapi.json"));
    if (!file.open(QIODevice::ReadOnly))
        return reply.error(QHttpServerResponder::StatusCode::InternalServerError,
                           QStringLiteral("internal_error"),
                           QStringLiteral("openapi.json is missing from this build"));
    reply.json(QHttpServerResponder::StatusCode::Ok,
               QJsonDocument::fromJson(file.readAll()).object());
}
