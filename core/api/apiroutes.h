#pragma once

#include <QObject>

#include "core/api/requestauthenticator.h"

class AdminToken;
class AppRepository;
class DouyinClient;
class LanApiServer;
class PoiDirectory;
class QHttpServerRequest;
class QHttpServerResponder;
class VerificationService;

// The ten endpoints of API.md on top of LanApiServer. Every handler answers asynchronously
// through AsyncReply; everything here runs on the engine thread.
class ApiRoutes final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiRoutes)

public:
    struct Services
    {
        VerificationService *engine = nullptr;
        AppRepository *apps = nullptr;
        RequestAuthenticator *authenticator = nullptr;
        AdminToken *adminToken = nullptr;
        DouyinClient *douyin = nullptr;
        PoiDirectory *pois = nullptr;
    };

    ApiRoutes(LanApiServer *server, const Services &services, QObject *parent = nullptr);

private:
    void verify(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void prepare(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void accessToken(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void pois(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void listVerifications(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void summary(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void createApp(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void listApps(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void setTokenAccess(const QString &id, const QHttpServerRequest &request,
                        QHttpServerResponder &&responder);
    void openApi(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    Services m_services;
};
