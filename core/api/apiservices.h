#pragma once

class AdminToken;
class AppRepository;
class DouyinClient;
class PoiDirectory;
class ReconciliationService;
class RequestAuthenticator;
class VerificationService;

// What the LAN API's routes work with; all of it lives on the gateway thread.
struct ApiServices
{
    VerificationService *engine = nullptr;
    AppRepository *apps = nullptr;
    RequestAuthenticator *authenticator = nullptr;
    AdminToken *adminToken = nullptr;
    DouyinClient *douyin = nullptr;
    PoiDirectory *pois = nullptr;
    ReconciliationService *reconciliation = nullptr;
};
