#pragma once

#include <QObject>

#include "core/api/apiservices.h"

class LanApiServer;
class QHttpServerRequest;
class QHttpServerResponder;

// GET /v1/internal/reconciliation and POST /v1/internal/reconciliation/runs (API.md,
// Reconciliation), admin token.
class ReconciliationRoutes final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconciliationRoutes)

public:
    ReconciliationRoutes(LanApiServer *server, const ApiServices &services,
                         QObject *parent = nullptr);

private:
    void report(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void startRun(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    ApiServices m_services;
};
