#pragma once

#include <QObject>

#include "core/api/apiservices.h"

class AdminRoutes;
class LanApiServer;
class OpenRoutes;
class ReconciliationRoutes;
class QHttpServerRequest;
class QHttpServerResponder;

// The ten endpoints of API.md on top of LanApiServer: the open routes, the admin routes and
// the OpenAPI document. Everything here runs on the gateway thread.
class ApiRoutes final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiRoutes)

public:
    using Services = ApiServices;

    ApiRoutes(LanApiServer *server, const Services &services, QObject *parent = nullptr);

private:
    void openApi(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    OpenRoutes *m_open;
    AdminRoutes *m_admin;
    ReconciliationRoutes *m_reconciliation = nullptr;
};
