#include "core/runtime/runtimesettings.h"

#include "core/config/secretstore.h"
#include "core/logging/categories.h"

namespace {

// The settings the page shows; the secrets among them go out empty.
const Setting SHOWN[] = {
        Setting::Listen,          Setting::DataDir,         Setting::DouyinBaseUrl,
        Setting::ShortLinkBase,   Setting::DouyinClientKey, Setting::DouyinClientSecret,
        Setting::DouyinAccountId, Setting::ApiRateLimit,    Setting::ApiRateBurst,
        Setting::Language,        Setting::ApiEnabled,      Setting::Database,
        Setting::GatewayName,     Setting::MeituanBaseUrl,  Setting::MeituanDeveloperId,
        Setting::MeituanSignKey,
};

bool isSecret(Setting setting)
{
    return setting == Setting::DouyinClientSecret || setting == Setting::MeituanSignKey;
}

// The name a secret is sealed under in the database.
QString sealedName(Setting setting)
{
    return QString::fromLatin1(setting == Setting::MeituanSignKey
                                       ? SecretStore::MEITUAN_SIGN_KEY
                                       : SecretStore::DOUYIN_CLIENT_SECRET);
}

} // namespace

RuntimeSettings::RuntimeSettings(GatewaySettings *settings) : m_settings(settings) { }

RuntimeSettings::~RuntimeSettings() = default;

void RuntimeSettings::useStorage(Database *database, const SecretBox *box)
{
    m_database = database;
    m_box = box;
    m_secretStore.reset(); // one opened before start belongs to another connection
}

Result<SecretStore *> RuntimeSettings::secretStore()
{
    if (m_secretStore)
        return m_secretStore.get();
    if (m_database) {
        m_secretStore = std::make_unique<SecretStore>(m_database, m_box);
        return m_secretStore.get();
    }
    // Demo mode, or before start: the settings page still edits the real installation.
    auto store = SecretStore::open(m_settings->dataDir(), m_settings->databaseLocation());
    if (!store.ok())
        return store.error();
    m_secretStore = std::move(store).value();
    return m_secretStore.get();
}

QString RuntimeSettings::savedSecret(Setting setting)
{
    if (const QString secret = m_settings->value(setting); !secret.isEmpty())
        return secret;
    const auto store = secretStore();
    if (!store.ok()) {
        qCWarning(lcConfig) << "secret store unavailable:" << store.error().message;
        return {};
    }
    const auto sealed = store.value()->value(sealedName(setting));
    if (!sealed.ok()) {
        // Another master key (a restored backup, say): run unconfigured until it is entered
        // again rather than refuse to start.
        qCWarning(lcConfig) << "saved" << sealedName(setting)
                            << "cannot be read:" << sealed.error().message;
        return {};
    }
    return sealed.value().value_or(QString());
}

SettingsSnapshot::SecretSource RuntimeSettings::secretSource(Setting setting)
{
    using Source = SettingsSnapshot::SecretSource;
    switch (m_settings->layer(setting)) {
    case GatewaySettings::Layer::CommandLine:
    case GatewaySettings::Layer::Environment:
        return Source::Environment;
    case GatewaySettings::Layer::File:
        return Source::File;
    case GatewaySettings::Layer::Default:
        break;
    }
    const auto store = secretStore();
    if (!store.ok())
        return Source::Unreadable;
    const auto sealed = store.value()->value(sealedName(setting));
    if (!sealed.ok())
        return Source::Unreadable;
    return sealed.value() ? Source::Sealed : Source::None;
}

SettingsSnapshot RuntimeSettings::snapshot()
{
    SettingsSnapshot snapshot;
    snapshot.configFile = m_settings->configFile();
    for (const Setting setting : SHOWN) {
        SettingsSnapshot::Value value{m_settings->value(setting), m_settings->layer(setting)};
        if (isSecret(setting))
            value.value.clear();
        snapshot.values.insert(setting, value);
    }
    snapshot.clientSecret = secretSource(Setting::DouyinClientSecret);
    snapshot.meituanSignKey = secretSource(Setting::MeituanSignKey);
    snapshot.uiPreferences = m_settings->uiPreferences();
    snapshot.restartNeeded = m_restartNeeded;
    return snapshot;
}

Result<Done> RuntimeSettings::apply(const SettingsUpdate &update)
{
    for (auto it = update.values.cbegin(); it != update.values.cend(); ++it) {
        if (isSecret(it.key()))
            return makeError(ErrorCode::BadInput,
                             QStringLiteral("%1 is sealed, never written in clear")
                                     .arg(GatewaySettings::iniKey(it.key())));
    }
    for (auto it = update.values.cbegin(); it != update.values.cend(); ++it) {
        if (m_settings->value(it.key()) == it.value())
            continue;
        if (const auto written = m_settings->setValue(it.key(), it.value()); !written.ok())
            return written.error();
        // Only the language is applied live, by the desktop app itself.
        if (it.key() != Setting::Language)
            m_restartNeeded = true;
    }
    if (update.douyinClientSecret) {
        if (const auto sealed = seal(Setting::DouyinClientSecret, *update.douyinClientSecret);
            !sealed.ok())
            return sealed.error();
    }
    if (update.meituanSignKey) {
        if (const auto sealed = seal(Setting::MeituanSignKey, *update.meituanSignKey); !sealed.ok())
            return sealed.error();
    }
    for (auto it = update.uiPreferences.cbegin(); it != update.uiPreferences.cend(); ++it) {
        if (const auto written = m_settings->setUiPreference(it.key(), it.value()); !written.ok())
            return written.error();
    }
    return Done{};
}

Result<Done> RuntimeSettings::seal(Setting setting, const QString &value)
{
    const auto store = secretStore();
    if (!store.ok())
        return store.error();
    const auto sealed = value.isEmpty() ? store.value()->remove(sealedName(setting))
                                        : store.value()->setValue(sealedName(setting), value);
    if (!sealed.ok())
        return sealed.error();
    // A clear-text copy in the file would win over the sealed one at the next start.
    if (m_settings->layer(setting) == GatewaySettings::Layer::File) {
        if (const auto removed = m_settings->remove(setting); !removed.ok())
            return removed.error();
    }
    m_restartNeeded = true;
    return Done{};
}
