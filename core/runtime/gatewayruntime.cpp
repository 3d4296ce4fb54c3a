#include "core/runtime/gatewayruntime.h"

#include <utility>

#include <QDir>
#include <QPointer>

#include "core/api/admintoken.h"
#include "core/api/apiroutes.h"
#include "core/api/eventstream.h"
#include "core/api/lanapiserver.h"
#include "core/api/metricsroutes.h"
#include "core/api/noncestore.h"
#include "core/api/requestauthenticator.h"
#include "core/config/masterkeystore.h"
#include "core/config/secretstore.h"
#include "core/crypto/secretbox.h"
#include "core/douyin/accesstokencache.h"
#include "core/douyin/douyinclient.h"
#include "core/douyin/douyinplatform.h"
#include "core/douyin/poidirectory.h"
#include "core/logging/categories.h"
#include "core/logging/logfile.h"
#include "core/meituan/meituanplatform.h"
#include "core/reconcile/reconciliationservice.h"
#include "core/runtime/meituansetup.h"
#include "core/runtime/runtimesettings.h"
#include "core/sandbox/sandboxconfig.h"
#include "core/sandbox/sandboxserver.h"
#include "core/store/apprepository.h"
#include "core/store/database.h"
#include "core/store/databaseurl.h"
#include "core/store/douyintokenrepository.h"
#include "core/verify/verificationservice.h"
#include "core/version.h"

GatewayRuntime::GatewayRuntime(GatewaySettings settings, QObject *parent)
    : QObject(parent),
      m_settings(std::move(settings)),
      m_runtimeSettings(std::make_unique<RuntimeSettings>(&m_settings))
{
}

GatewayRuntime::~GatewayRuntime()
{
    // Network first, then the engine, then storage: nothing may outlive what it writes to.
    delete m_metrics;
    delete m_events; // its readers' sockets belong to m_api's server
    delete m_routes;
    delete m_api;
    delete m_engine;
    delete m_meituan;
    delete m_pois;
    delete m_douyin;
    delete m_sandbox;
    m_authenticator.reset();
    m_nonces.reset();
    m_apps.reset();
    m_tokenStore.reset();
    m_adminToken.reset();
    m_runtimeSettings.reset(); // its secret store may use the database
    m_database.reset();
    if (m_logFile)
        LogFile::uninstall();
}

QString GatewayRuntime::demoDataDir(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("demo"));
}

Result<GatewayRuntime::Started> GatewayRuntime::start(const Options &options)
{
    auto started = startComponents(options);
    m_startFinished = true;
    for (const auto &work : std::exchange(m_waiting, {}))
        work();
    return started;
}

void GatewayRuntime::whenStarted(std::function<void()> work)
{
    if (m_startFinished)
        work();
    else
        m_waiting.append(std::move(work));
}

Result<GatewayRuntime::Started> GatewayRuntime::startComponents(const Options &options)
{
    m_options = options;
    Started started;
    started.dataDir = options.demo ? demoDataDir(m_settings.dataDir()) : m_settings.dataDir();
    if (const auto opened = openStorage(started.dataDir); !opened.ok())
        return opened.error();

    DouyinClient::Config douyin;
    douyin.baseUrl = m_settings.douyinBaseUrl();
    douyin.shortLinkBase = m_settings.shortLinkBase();
    douyin.clientKey = m_settings.douyinClientKey();
    douyin.accountId = m_settings.douyinAccountId();
    MeituanClient::Config meituan;
    meituan.baseUrl = m_settings.meituanBaseUrl();
    meituan.developerId = m_settings.meituanDeveloperId();
    if (options.demo) {
        const auto sandbox = startSandbox(douyin, meituan);
        if (!sandbox.ok())
            return sandbox.error();
        started.sandbox = sandbox.value();
    } else {
        douyin.clientSecret = m_runtimeSettings->savedSecret(Setting::DouyinClientSecret);
        meituan.signKey = m_runtimeSettings->savedSecret(Setting::MeituanSignKey);
    }
    if (const auto engine = startEngine(douyin, meituan); !engine.ok())
        return engine.error();
    started.newAdminToken = m_unshownAdminToken;

    if (!options.serveApi)
        return started;
    const auto api = startApi();
    if (!api.ok())
        return api.error();
    started.api = api.value();
    m_apiAddress = api.value();
    return started;
}

Result<Done> GatewayRuntime::openStorage(const QString &dataDir)
{
    if (!QDir().mkpath(dataDir))
        return makeError(ErrorCode::Storage,
                         QStringLiteral("cannot create data dir %1").arg(dataDir));

    LogFile::setVerbose(m_options.verbose);
    m_logFile = std::make_unique<LogFile>(
            QDir(dataDir).filePath(QStringLiteral("logs/dy-gateway.log")));
    if (const auto opened = m_logFile->open(); !opened.ok())
        return opened.error();
    LogFile::install(m_logFile.get());
    qCInfo(lcApp) << "dy-gateway" << DYGW_VERSION << (m_options.demo ? "demo" : "") << "data dir"
                  << dataDir;

    auto box = MasterKeyStore::open(dataDir);
    if (!box.ok())
        return box.error();
    m_secretBox = std::make_unique<SecretBox>(box.value());

    // Demo records never go to the configured (maybe shared) database.
    auto database = m_options.demo ? Database::openInDir(dataDir) : Database::open(databaseUrl());
    if (!database.ok())
        return database.error();
    m_database = std::move(database).value();
    // Demo mode's database is not where the real installation's secrets are.
    if (!m_options.demo) {
        if (const auto key = SecretStore(m_database.get(), m_secretBox.get()).checkKey(); !key.ok())
            return key.error();
        m_runtimeSettings->useStorage(m_database.get(), m_secretBox.get());
    }
    qCInfo(lcApp) << "database" << m_database->dialect().kind() << m_database->displayName()
                  << "gateway" << m_database->gatewayName();
    return Done{};
}

QString GatewayRuntime::databaseUrl() const
{
    const QString location = m_settings.databaseLocation();
    // Every connection of this gateway (also the record writer's) names it.
    return DatabaseUrl::isServerUrl(location)
            ? DatabaseUrl::withGatewayName(location, m_settings.gatewayName())
            : location;
}

Result<HostPort> GatewayRuntime::startSandbox(DouyinClient::Config &douyin,
                                              MeituanClient::Config &meituan)
{
    const SandboxConfig sandboxConfig;
    m_sandbox = new SandboxServer(sandboxConfig);
    const auto listening = m_sandbox->listen(
            m_options.sandboxListen.value_or(HostPort{QStringLiteral("127.0.0.1"), 0}));
    if (!listening.ok())
        return listening.error();
    douyin.baseUrl = m_sandbox->baseUrl();
    douyin.shortLinkBase = m_sandbox->baseUrl();
    douyin.clientKey = sandboxConfig.clientKey;
    douyin.clientSecret = sandboxConfig.clientSecret;
    douyin.accountId = sandboxConfig.accountId;
    meituan.baseUrl = m_sandbox->baseUrl();
    meituan.developerId = sandboxConfig.meituanDeveloperId;
    meituan.signKey = sandboxConfig.meituanSignKey;
    return listening.value();
}

Result<Done> GatewayRuntime::startEngine(const DouyinClient::Config &douyin,
                                         const MeituanClient::Config &meituan)
{
    m_douyin = new DouyinClient;
    m_douyin->setConfig(douyin);
    m_tokenStore = std::make_unique<DouyinTokenRepository>(m_database.get(), m_secretBox.get());
    m_douyin->setTokenStore(m_tokenStore.get());
    m_pois = new PoiDirectory(m_douyin);

    // A child of the client: it lives and dies with it.
    auto *douyinPlatform = new DouyinPlatform(m_douyin, m_douyin);
    m_meituan = new MeituanSetup(m_database.get(), m_secretBox.get(), meituan);
    m_meituan->start();
    if (m_sandbox) { // demo mode: every demo store is bound, as a newcomer expects
        QStringList poiIds;
        for (const auto &poi : m_sandbox->state().pois())
            poiIds.append(poi.poiId);
        m_meituan->bindAll(poiIds, &SandboxState::meituanAuthCode);
    }
    m_engine = new VerificationService(m_database.get(), {douyinPlatform, m_meituan->platform()});
    connect(m_engine, &VerificationService::recordsChanged, this, &GatewayRuntime::recordsChanged);
    if (m_database->dialect().isPostgresql()) { // chain mode: the gateways share the work
        VerificationService::Config config = m_engine->config();
        config.claimLeaseMs = qint64(m_settings.claimLeaseSeconds()) * 1000;
        m_engine->setConfig(config);
    }
    m_engine->start();
    startReconciliation(douyinPlatform);

    m_apps = std::make_unique<AppRepository>(m_database.get(), m_secretBox.get());
    m_adminToken = std::make_unique<AdminToken>(m_database.get());
    const auto admin = m_adminToken->ensure(m_options.adminTokenFromEnvironment);
    if (!admin.ok())
        return admin.error();
    m_unshownAdminToken = admin.value();
    return Done{};
}

void GatewayRuntime::startReconciliation(CouponPlatform *douyinPlatform)
{
    MeituanSetup *meituan = m_meituan;
    // What there is to fetch: Douyin's whole account at once, each bound Meituan store alone.
    auto targets = [douyinPlatform, meituan] {
        QList<ReconciliationService::Target> targets;
        if (douyinPlatform->isConfigured())
            targets.append({PlatformId::Douyin, QString()});
        const MeituanStatus status = meituan->status();
        for (const MeituanStatus::Store &store : status.stores) {
            if (status.configured)
                targets.append({PlatformId::Meituan, store.poiId});
        }
        return targets;
    };
    m_reconciliation = new ReconciliationService(
            m_database.get(), {douyinPlatform, m_meituan->platform()}, targets, m_engine);
    m_reconciliation->setGatewayName(m_database->gatewayName());
    connect(m_reconciliation, &ReconciliationService::runFinished, this,
            &GatewayRuntime::reconciliationChanged);
    connect(m_reconciliation, &ReconciliationService::recordsSettled, this,
            [this](const QList<VerificationRecord> &records) {
                emit recordsChanged(records); // the events' verification.updated, the pages
                emit reconciliationChanged({});
            });
    m_reconciliation->start();
}

Result<HostPort> GatewayRuntime::startApi()
{
    auto nonces = NonceStore::open(m_database->filePath());
    if (!nonces.ok())
        return nonces.error();
    m_nonces = std::move(nonces).value();
    m_authenticator = std::make_unique<RequestAuthenticator>(m_apps.get(), m_nonces.get());
    m_authenticator->setRateLimits(m_settings.apiRateLimit(), m_settings.apiRateBurst());

    m_api = new LanApiServer(m_database.get());
    m_api->setDouyinConfigured(m_douyin->isConfigured());
    m_api->setSecretsStorage(SecretBox::storageName(m_secretBox->storage()));
    m_api->setDouyinAccountIdMissing(m_douyin->isConfigured()
                                     && m_douyin->config().lacksAccountId());
    DouyinClient *client = m_douyin;
    m_api->setTokenValidUntil([client] { return client->tokens()->expiresAt(); });
    MeituanSetup *meituanSetup = m_meituan;
    m_api->setMeituanStatus([meituanSetup] { return meituanSetup->status(); });
    m_routes = new ApiRoutes(m_api,
                             ApiRoutes::Services{m_engine, m_apps.get(), m_authenticator.get(),
                                                 m_adminToken.get(), m_douyin, m_pois,
                                                 m_reconciliation});
    m_events = new EventStream(m_api, m_authenticator.get(), m_adminToken.get());
    connect(this, &GatewayRuntime::recordsChanged, m_events, &EventStream::publish);
    m_metrics = new MetricsRoutes(m_api,
                                  {m_database.get(), m_adminToken.get(),
                                   [client] { return client->tokens()->expiresAt(); },
                                   [meituanSetup] {
                                       return meituanSetup->status();
                                   }});
    return m_api->listen(m_settings.listen());
}

GatewayStatus GatewayRuntime::status() const
{
    GatewayStatus status;
    status.started = m_engine != nullptr;
    status.demo = m_options.demo;
    status.api = m_apiAddress;
    if (m_douyin) {
        status.douyinConfigured = m_douyin->isConfigured();
        status.tokenValidUntil = m_douyin->tokens()->expiresAt();
    }
    if (m_meituan)
        status.meituan = m_meituan->status();
    if (m_engine) {
        status.resolutionBacklog = m_engine->resolutionBacklog();
        status.enrichmentBacklog = m_engine->enrichmentBacklog();
    }
    return status;
}

SettingsSnapshot GatewayRuntime::settingsSnapshot()
{
    SettingsSnapshot snapshot = m_runtimeSettings->snapshot();
    snapshot.started = m_engine != nullptr;
    snapshot.demo = m_options.demo;
    if (m_secretBox)
        snapshot.masterKey = m_secretBox->storage();
    snapshot.api = m_apiAddress;
    snapshot.adminTokenFromEnvironment = !m_options.adminTokenFromEnvironment.isEmpty();
    snapshot.hasUnshownAdminToken = m_unshownAdminToken.has_value();
    return snapshot;
}

Result<Done> GatewayRuntime::applySettings(const SettingsUpdate &update)
{
    return m_runtimeSettings->apply(update);
}

void GatewayRuntime::probeDouyin(DouyinClient::Config config, QObject *context,
                                 ConnectionProbe::Callback done)
{
    if (config.clientSecret.isEmpty())
        config.clientSecret = m_runtimeSettings->savedSecret(Setting::DouyinClientSecret);
    auto *probe = new ConnectionProbe(config, this);
    QPointer<QObject> guard(context);
    probe->run([probe, guard, done](const ConnectionProbe::Outcome &outcome) {
        probe->deleteLater();
        if (guard)
            done(outcome);
    });
}

std::optional<QString> GatewayRuntime::takeUnshownAdminToken()
{
    return std::exchange(m_unshownAdminToken, std::nullopt);
}
