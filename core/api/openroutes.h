#pragma once

#include <QObject>

#include "core/api/apiservices.h"

class LanApiServer;
class QHttpServerRequest;
class QHttpServerResponder;

// The open endpoints of API.md (signed by a verifier app): verify, prepare, the Douyin token,
// the store list. Every handler answers asynchronously through AsyncReply.
class OpenRoutes final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpenRoutes)

public:
    OpenRoutes(LanApiServer *server, const ApiServices &services, QObject *parent = nullptr);

private:
    void verify(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void cancel(const QString &id, const QHttpServerRequest &request,
                QHttpServerResponder &&responder);
    void prepare(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void accessToken(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void pois(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    ApiServices m_services;
};
