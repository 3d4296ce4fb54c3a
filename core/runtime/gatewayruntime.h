#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QObject>

#include "core/config/gatewaysettings.h"
#include "core/douyin/connectionprobe.h"
#include "core/douyin/douyinclient.h"
#include "core/meituan/meituanclient.h"
#include "core/result.h"
#include "core/runtime/gatewaystatus.h"
#include "core/runtime/settingssnapshot.h"
#include "core/runtime/settingsupdate.h"
#include "core/store/verificationrecord.h"

class AdminToken;
class CouponPlatform;
class ApiRoutes;
class AppRepository;
class Database;
class DouyinTokenRepository;
class EventStream;
class LanApiServer;
class LogFile;
class MeituanSetup;
class MetricsRoutes;
class NonceStore;
class PoiDirectory;
class ReconciliationService;
class RequestAuthenticator;
class RuntimeSettings;
class SandboxServer;
class SecretBox;
class VerificationService;

// Every core object of a running gateway, built from settings on the calling thread: the
// main thread in headless mode, the gateway thread under the desktop app. In demo mode it
// also runs the Douyin sandbox and points the client at it, with a data dir of its own.
class GatewayRuntime final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GatewayRuntime)

public:
    struct Options
    {
        bool demo = false;
        std::optional<HostPort> sandboxListen; // demo: default 127.0.0.1:0
        bool serveApi = true;
        bool verbose = false;
        QString adminTokenFromEnvironment; // DYGW_ADMIN_TOKEN
    };

    struct Started
    {
        std::optional<HostPort> api;
        std::optional<HostPort> sandbox;
        std::optional<QString> newAdminToken; // generated now: show it once
        QString dataDir;
    };

    explicit GatewayRuntime(GatewaySettings settings, QObject *parent = nullptr);
    ~GatewayRuntime() override;

    // Any error means the process should exit 1.
    Result<Started> start(const Options &options);

    // The demo data dir lives inside the configured one, so demo records never mix with real.
    static QString demoDataDir(const QString &dataDir);

    // Read on the gateway thread.
    GatewayStatus status() const;
    // Runs `work` once start() has finished (at once if it has), so calls made while the
    // engine is still starting wait for it instead of finding it missing.
    void whenStarted(std::function<void()> work);

    // The settings page's view and its changes (RuntimeSettings). Douyin and Meituan
    // credentials, base URLs and the LAN API switch and address are read at start only:
    // saving them sets restartNeeded.
    SettingsSnapshot settingsSnapshot();
    Result<Done> applySettings(const SettingsUpdate &update);
    // Tries credentials with a throwaway client; an empty clientSecret means the saved one.
    void probeDouyin(DouyinClient::Config config, QObject *context, ConnectionProbe::Callback done);
    // The admin token generated at this start, once: nullopt on every later call.
    std::optional<QString> takeUnshownAdminToken();

    PoiDirectory *pois() const { return m_pois; }
    DouyinClient *douyin() const { return m_douyin; }
    MeituanSetup *meituan() const { return m_meituan; }
    VerificationService *engine() const { return m_engine; }
    ReconciliationService *reconciliation() const { return m_reconciliation; }
    AppRepository *apps() const { return m_apps.get(); }
    AdminToken *adminToken() const { return m_adminToken.get(); }
    SandboxServer *sandbox() const { return m_sandbox; }
    LanApiServer *api() const { return m_api; }
    EventStream *events() const { return m_events; }

signals:
    // Records the engine wrote, and the ones a settlement pass settled, as stored.
    void recordsChanged(const QList<VerificationRecord> &records);
    // A reconciliation run of that day finished, or settlements changed records (invalid date).
    void reconciliationChanged(const QDate &date);

private:
    Result<Started> startComponents(const Options &options);
    // Log file, secret box and database in dataDir.
    Result<Done> openStorage(const QString &dataDir);
    // The configured database; a server URL carries this gateway's name.
    QString databaseUrl() const;
    // Demo mode: the Douyin sandbox, with douyin pointed at it.
    Result<HostPort> startSandbox(DouyinClient::Config &douyin, MeituanClient::Config &meituan);
    Result<Done> startEngine(const DouyinClient::Config &douyin,
                             const MeituanClient::Config &meituan);
    void startReconciliation(CouponPlatform *douyinPlatform);
    // The LAN API and its authentication, listening.
    Result<HostPort> startApi();
    GatewaySettings m_settings;
    std::unique_ptr<RuntimeSettings> m_runtimeSettings;
    bool m_startFinished = false;
    QList<std::function<void()>> m_waiting;
    Options m_options;
    std::optional<HostPort> m_apiAddress;
    std::unique_ptr<LogFile> m_logFile;
    std::unique_ptr<SecretBox> m_secretBox;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<DouyinTokenRepository> m_tokenStore;
    std::unique_ptr<AppRepository> m_apps;
    std::unique_ptr<NonceStore> m_nonces;
    std::unique_ptr<RequestAuthenticator> m_authenticator;
    std::unique_ptr<AdminToken> m_adminToken;
    std::optional<QString> m_unshownAdminToken;
    SandboxServer *m_sandbox = nullptr;
    DouyinClient *m_douyin = nullptr;
    MeituanSetup *m_meituan = nullptr;
    PoiDirectory *m_pois = nullptr;
    VerificationService *m_engine = nullptr;
    ReconciliationService *m_reconciliation = nullptr;
    LanApiServer *m_api = nullptr;
    ApiRoutes *m_routes = nullptr;
    EventStream *m_events = nullptr;
    MetricsRoutes *m_metrics = nullptr;
};
Q_DECLARE_METATYPE(GatewayRuntime::Started)
