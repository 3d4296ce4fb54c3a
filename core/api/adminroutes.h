#pragma once

#include <QObject>

#include "core/api/apiservices.h"

class LanApiServer;
class QHttpServerRequest;
class QHttpServerResponder;

// The internal endpoints of API.md (the manager's admin token): records, the summary and the
// verifier apps.
class AdminRoutes final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminRoutes)

public:
    AdminRoutes(LanApiServer *server, const ApiServices &services, QObject *parent = nullptr);

private:
    void listVerifications(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void summary(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void createApp(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void listApps(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void cancel(const QString &id, const QHttpServerRequest &request,
                QHttpServerResponder &&responder);
    void setTokenAccess(const QString &id, const QHttpServerRequest &request,
                        QHttpServerResponder &&responder);

    ApiServices m_services;
};
