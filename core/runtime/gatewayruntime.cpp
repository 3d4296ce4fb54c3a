#include "core/runtime/gatewayruntime.h"

#include <utility>

#include <QDir>
#include <QPointer>

#include "core/api/admintoken.h"
#include "core/api/apiroutes.h"
#include "core/api/lanapiserver.h"
#include "core/api/noncestore.h"
#include "core/api/requestauthenticator.h"
#include "core/config/secretstore.h"
#include "core/crypto/secretbox.h"
#include "core/douyin/accesstokencache.h"
#include "core/douyin/douyinclient.h"
#include "core/douyin/douyinplatform.h"
#include "core/douyin/poidirectory.h"
#include "core/logging/categories.h"
#include "core/logging/logfile.h"
#include "core/meituan/meituanplatform.h"
#include "core/runtime/meituansetup.h"
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
      m_settings(std::move(settings))
{
}

GatewayRuntime::~GatewayRuntime()
{
    // Network first, then the engine, then storage: nothing may outlive what it writes to.
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
    m_secretStore.reset();
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
        douyin.clientSecret =
                savedSecret(Setting::DouyinClientSecret, SecretStore::DOUYIN_CLIENT_SECRET);
        meituan.signKey = savedSecret(Setting::MeituanSignKey, SecretStore::MEITUAN_SIGN_KEY);
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

    auto box = SecretBox::openOrCreate(dataDir);
    if (!box.ok())
        return box.error();
    m_secretBox = std::make_unique<SecretBox>(box.value());

    // Demo records never go to the configured (maybe shared) database.
    auto database = m_options.demo ? Database::openInDir(dataDir) : Database::open(databaseUrl());
    if (!database.ok())
        return database.error();
    m_database = std::move(database).value();
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
    m_engine->start();

    m_apps = std::make_unique<AppRepository>(m_database.get(), m_secretBox.get());
    m_adminToken = std::make_unique<AdminToken>(m_database.get());
    const auto admin = m_adminToken->ensure(m_options.adminTokenFromEnvironment);
    if (!admin.ok())
        return admin.error();
    m_unshownAdminToken = admin.value();
    return Done{};
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
    m_api->setDouyinAccountIdMissing(m_douyin->isConfigured()
                                     && m_douyin->config().lacksAccountId());
    DouyinClient *client = m_douyin;
    m_api->setTokenValidUntil([client] { return client->tokens()->expiresAt(); });
    MeituanSetup *meituanSetup = m_meituan;
    m_api->setMeituanStatus([meituanSetup] { return meituanSetup->status(); });
    m_routes = new ApiRoutes(m_api,
                             ApiRoutes::Services{m_engine, m_apps.get(), m_authenticator.get(),
                                                 m_adminToken.get(), m_douyin, m_pois});
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

Result<SecretStore *> GatewayRuntime::secretStore()
{
    if (m_secretStore)
        return m_secretStore.get();
    if (!m_options.demo && m_database) {
        m_secretStore = std::make_unique<SecretStore>(m_database.get(), m_secretBox.get());
        return m_secretStore.get();
    }
    // Demo mode, or before start: the settings page still edits the real installation.
    auto store = SecretStore::open(m_settings.dataDir(), m_settings.databaseLocation());
    if (!store.ok())
        return store.error();
    m_secretStore = std::move(store).value();
    return m_secretStore.get();
}

QString GatewayRuntime::savedSecret(Setting setting, const char *sealedName)
{
    if (const QString secret = m_settings.value(setting); !secret.isEmpty())
        return secret;
    const auto store = secretStore();
    if (!store.ok()) {
        qCWarning(lcConfig) << "secret store unavailable:" << store.error().message;
        return {};
    }
    const auto sealed = store.value()->value(QString::fromLatin1(sealedName));
    if (!sealed.ok()) {
        // Another master key (a restored backup, say): run unconfigured until it is entered
        // again rather than refuse to start.
        qCWarning(lcConfig) << "saved" << sealedName << "cannot be read:" << sealed.error().message;
        return {};
    }
    return sealed.value().value_or(QString());
}

SettingsSnapshot GatewayRuntime::settingsSnapshot()
{
    SettingsSnapshot snapshot;
    snapshot.configFile = m_settings.configFile();
    for (const Setting setting :
         {Setting::Listen, Setting::DataDir, Setting::DouyinBaseUrl, Setting::ShortLinkBase,
          Setting::DouyinClientKey, Setting::DouyinClientSecret, Setting::DouyinAccountId,
          Setting::ApiRateLimit, Setting::ApiRateBurst, Setting::Language, Setting::ApiEnabled,
          Setting::Database, Setting::GatewayName}) {
        SettingsSnapshot::Value value{m_settings.value(setting), m_settings.layer(setting)};
        if (setting == Setting::DouyinClientSecret)
            value.value.clear();
        snapshot.values.insert(setting, value);
    }

    switch (m_settings.layer(Setting::DouyinClientSecret)) {
    case GatewaySettings::Layer::CommandLine:
    case GatewaySettings::Layer::Environment:
        snapshot.clientSecret = SettingsSnapshot::SecretSource::Environment;
        break;
    case GatewaySettings::Layer::File:
        snapshot.clientSecret = SettingsSnapshot::SecretSource::File;
        break;
    case GatewaySettings::Layer::Default:
        if (const auto store = secretStore(); store.ok()) {
            const auto sealed =
                    store.value()->value(QString::fromLatin1(SecretStore::DOUYIN_CLIENT_SECRET));
            if (!sealed.ok())
                snapshot.clientSecret = SettingsSnapshot::SecretSource::Unreadable;
            else if (sealed.value())
                snapshot.clientSecret = SettingsSnapshot::SecretSource::Sealed;
        } else {
            snapshot.clientSecret = SettingsSnapshot::SecretSource::Unreadable;
        }
        break;
    }

    snapshot.uiPreferences = m_settings.uiPreferences();
    snapshot.started = m_engine != nullptr;
    snapshot.demo = m_options.demo;
    snapshot.api = m_apiAddress;
    snapshot.adminTokenFromEnvironment = !m_options.adminTokenFromEnvironment.isEmpty();
    snapshot.hasUnshownAdminToken = m_unshownAdminToken.has_value();
    snapshot.restartNeeded = m_restartNeeded;
    return snapshot;
}

Result<Done> GatewayRuntime::applySettings(const SettingsUpdate &update)
{
    if (update.values.contains(Setting::DouyinClientSecret))
        return makeError(ErrorCode::BadInput,
                         QStringLiteral("the client secret is sealed, never written in clear"));
    for (auto it = update.values.cbegin(); it != update.values.cend(); ++it) {
        if (m_settings.value(it.key()) == it.value())
            continue;
        if (const auto written = m_settings.setValue(it.key(), it.value()); !written.ok())
            return written.error();
        // Only the language is applied live, by the desktop app itself.
        if (it.key() != Setting::Language)
            m_restartNeeded = true;
    }
    if (update.douyinClientSecret) {
        const auto store = secretStore();
        if (!store.ok())
            return store.error();
        const QString name = QString::fromLatin1(SecretStore::DOUYIN_CLIENT_SECRET);
        const auto sealed = update.douyinClientSecret->isEmpty()
                ? store.value()->remove(name)
                : store.value()->setValue(name, *update.douyinClientSecret);
        if (!sealed.ok())
            return sealed.error();
        // A clear-text copy in the file would win over the sealed one at the next start.
        if (m_settings.layer(Setting::DouyinClientSecret) == GatewaySettings::Layer::File) {
            if (const auto removed = m_settings.remove(Setting::DouyinClientSecret); !removed.ok())
                return removed.error();
        }
        m_restartNeeded = true;
    }
    for (auto it = update.uiPreferences.cbegin(); it != update.uiPreferences.cend(); ++it) {
        if (const auto written = m_settings.setUiPreference(it.key(), it.value()); !written.ok())
            return written.error();
    }
    return Done{};
}

void GatewayRuntime::probeDouyin(DouyinClient::Config config, QObject *context,
                                 ConnectionProbe::Callback done)
{
    if (config.clientSecret.isEmpty())
        config.clientSecret =
                savedSecret(Setting::DouyinClientSecret, SecretStore::DOUYIN_CLIENT_SECRET);
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
