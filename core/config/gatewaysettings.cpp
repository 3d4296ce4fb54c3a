#include "core/config/gatewaysettings.h"

#include "core/config/settingvalue.h"

#include <algorithm>
#include <array>

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QSysInfo>

#include "core/logging/categories.h"
#include "core/store/database.h"

namespace {

using Kind = SettingValue::Kind;
using SettingValue::validate;

struct Spec
{
    Setting setting;
    const char *key; // INI key, group/name
    const char *env;
    const char *option; // command-line option without "--", or nullptr
    Kind kind;
    const char *defaultValue;
};

// The one table of settings: key names, variables, validation and defaults.
// 0.0.0.0 because the gateway exists to serve other devices on the store's LAN; requests
// are signed, and the port can be narrowed with --listen 127.0.0.1:PORT.
constexpr std::array<Spec, 17> SPECS{{
        {Setting::Listen, "api/listen", "DYGW_LISTEN", "listen", Kind::Address, "0.0.0.0:8780"},
        {Setting::DataDir, "general/data_dir", "DYGW_DATA_DIR", "data-dir", Kind::Path, ""},
        {Setting::DouyinBaseUrl, "douyin/base_url", "DYGW_DOUYIN_BASE_URL", "douyin-base-url",
         Kind::HttpUrl, "https://open.douyin.com"},
        {Setting::ShortLinkBase, "douyin/short_link_base", "DYGW_SHORT_LINK_BASE",
         "short-link-base", Kind::HttpUrl, "https://v.douyin.com"},
        {Setting::DouyinClientKey, "douyin/client_key", "DYGW_DOUYIN_CLIENT_KEY", nullptr,
         Kind::Text, ""},
        {Setting::DouyinClientSecret, "douyin/client_secret", "DYGW_DOUYIN_CLIENT_SECRET", nullptr,
         Kind::Text, ""},
        {Setting::DouyinAccountId, "douyin/account_id", "DYGW_DOUYIN_ACCOUNT_ID", nullptr,
         Kind::Text, ""},
        {Setting::ApiRateLimit, "api/rate_limit", "DYGW_API_RATE_LIMIT", nullptr, Kind::Count,
         "20"},
        {Setting::ApiRateBurst, "api/rate_burst", "DYGW_API_RATE_BURST", nullptr, Kind::Count,
         "40"},
        {Setting::Language, "ui/language", "DYGW_LANGUAGE", nullptr, Kind::Language, ""},
        {Setting::ApiEnabled, "api/enabled", "DYGW_API_ENABLED", nullptr, Kind::Switch, "true"},
        {Setting::Database, "general/database", "DYGW_DATABASE", "database", Kind::Database, ""},
        {Setting::GatewayName, "general/gateway_name", "DYGW_GATEWAY_NAME", nullptr, Kind::Text,
         ""},
        {Setting::MeituanBaseUrl, "meituan/base_url", "DYGW_MEITUAN_BASE_URL", "meituan-base-url",
         Kind::HttpUrl, "https://api-open-cater.meituan.com"},
        {Setting::MeituanDeveloperId, "meituan/developer_id", "DYGW_MEITUAN_DEVELOPER_ID", nullptr,
         Kind::Id, ""},
        {Setting::MeituanSignKey, "meituan/sign_key", "DYGW_MEITUAN_SIGN_KEY", nullptr, Kind::Text,
         ""},
        {Setting::ClaimLease, "general/claim_lease_seconds", "DYGW_CLAIM_LEASE_SECONDS", nullptr,
         Kind::Count, "120"},
}};

constexpr char UI_GROUP[] = "ui";

const Spec &specOf(Setting setting)
{
    for (const Spec &spec : SPECS) {
        if (spec.setting == setting)
            return spec;
    }
    Q_UNREACHABLE();
}

Error located(const Error &error, const QString &where)
{
    return makeError(ErrorCode::BadConfig, where + QStringLiteral(": ") + error.message);
}

} // namespace

QString GatewaySettings::defaultConfigFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
            + QStringLiteral("/dy-gateway.ini");
}

QString GatewaySettings::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString GatewaySettings::iniKey(Setting setting)
{
    return QString::fromLatin1(specOf(setting).key);
}

QString GatewaySettings::optionName(Setting setting)
{
    const Spec &spec = specOf(setting);
    return spec.option ? QStringLiteral("--") + QLatin1String(spec.option)
                       : QString::fromLatin1(spec.key);
}

QString GatewaySettings::environmentName(Setting setting)
{
    return QString::fromLatin1(specOf(setting).env);
}

Result<GatewaySettings> GatewaySettings::load(const QString &configFile,
                                              const QProcessEnvironment &environment,
                                              const Overrides &commandLine)
{
    GatewaySettings settings;
    settings.m_configFile = configFile;

    if (QFileInfo::exists(configFile)) {
        QSettings file(configFile, QSettings::IniFormat);
        if (file.status() != QSettings::NoError)
            return makeError(ErrorCode::BadConfig,
                             QStringLiteral("%1: not a readable settings file").arg(configFile));
        for (const Spec &spec : SPECS) {
            const QString key = QString::fromLatin1(spec.key);
            if (!file.contains(key))
                continue;
            const auto valid = validate(spec.kind, file.value(key).toString());
            if (!valid.ok())
                return located(valid.error(),
                               configFile + QStringLiteral(" [") + key + QStringLiteral("]"));
            settings.m_file.insert(spec.setting, valid.value());
        }
    }

    for (const Spec &spec : SPECS) {
        const QString name = QString::fromLatin1(spec.env);
        if (!environment.contains(name))
            continue;
        const auto valid = validate(spec.kind, environment.value(name));
        if (!valid.ok())
            return located(valid.error(), name);
        settings.m_environment.insert(spec.setting, valid.value());
    }

    for (auto it = commandLine.cbegin(); it != commandLine.cend(); ++it) {
        const auto valid = validate(specOf(it.key()).kind, it.value());
        if (!valid.ok())
            return located(valid.error(), optionName(it.key()));
        settings.m_commandLine.insert(it.key(), valid.value());
    }
    return settings;
}

QString GatewaySettings::value(Setting setting) const
{
    for (const auto *layer : {&m_commandLine, &m_environment, &m_file}) {
        const auto it = layer->constFind(setting);
        if (it != layer->cend())
            return *it;
    }
    if (setting == Setting::DataDir)
        return defaultDataDir();
    return QString::fromLatin1(specOf(setting).defaultValue);
}

bool GatewaySettings::isOverridden(Setting setting) const
{
    return m_commandLine.contains(setting) || m_environment.contains(setting);
}

GatewaySettings::Layer GatewaySettings::layer(Setting setting) const
{
    if (m_commandLine.contains(setting))
        return Layer::CommandLine;
    if (m_environment.contains(setting))
        return Layer::Environment;
    if (m_file.contains(setting))
        return Layer::File;
    return Layer::Default;
}

HostPort GatewaySettings::listen() const
{
    // Every layer was validated on load and on setValue(), so this cannot fail.
    const auto parsed = HostPort::parse(value(Setting::Listen));
    return parsed.ok() ? parsed.value() : HostPort{};
}

QString GatewaySettings::dataDir() const
{
    return value(Setting::DataDir);
}

QUrl GatewaySettings::douyinBaseUrl() const
{
    return QUrl(value(Setting::DouyinBaseUrl));
}

QUrl GatewaySettings::shortLinkBase() const
{
    return QUrl(value(Setting::ShortLinkBase));
}

QString GatewaySettings::douyinClientKey() const
{
    return value(Setting::DouyinClientKey);
}

QString GatewaySettings::douyinClientSecret() const
{
    return value(Setting::DouyinClientSecret);
}

QString GatewaySettings::douyinAccountId() const
{
    return value(Setting::DouyinAccountId);
}

bool GatewaySettings::hasDouyinCredentials() const
{
    return !douyinClientKey().isEmpty() && !douyinClientSecret().isEmpty();
}

int GatewaySettings::apiRateLimit() const
{
    return value(Setting::ApiRateLimit).toInt();
}

int GatewaySettings::apiRateBurst() const
{
    return value(Setting::ApiRateBurst).toInt();
}

int GatewaySettings::claimLeaseSeconds() const
{
    return qMax(1, value(Setting::ClaimLease).toInt());
}

QString GatewaySettings::language() const
{
    return value(Setting::Language);
}

bool GatewaySettings::apiEnabled() const
{
    return value(Setting::ApiEnabled) == u"true";
}

Result<Done> GatewaySettings::setValue(Setting setting, const QString &value)
{
    const Spec &spec = specOf(setting);
    const auto valid = validate(spec.kind, value);
    if (!valid.ok())
        return located(valid.error(), QString::fromLatin1(spec.key));

    QSettings file(m_configFile, QSettings::IniFormat);
    file.setValue(QString::fromLatin1(spec.key), valid.value());
    file.sync();
    if (file.status() != QSettings::NoError)
        return makeError(ErrorCode::Storage,
                         QStringLiteral("cannot write settings file %1").arg(m_configFile));
    m_file.insert(setting, valid.value());
    qCInfo(lcConfig) << "setting changed:" << spec.key;
    return Done{};
}

Result<Done> GatewaySettings::remove(Setting setting)
{
    const Spec &spec = specOf(setting);
    QSettings file(m_configFile, QSettings::IniFormat);
    file.remove(QString::fromLatin1(spec.key));
    file.sync();
    if (file.status() != QSettings::NoError)
        return makeError(ErrorCode::Storage,
                         QStringLiteral("cannot write settings file %1").arg(m_configFile));
    m_file.remove(setting);
    qCInfo(lcConfig) << "setting removed:" << spec.key;
    return Done{};
}

QVariantMap GatewaySettings::uiPreferences() const
{
    QVariantMap preferences;
    if (!QFileInfo::exists(m_configFile))
        return preferences;
    QSettings file(m_configFile, QSettings::IniFormat);
    file.beginGroup(QLatin1String(UI_GROUP));
    for (const QString &name : file.childKeys()) {
        const QString key = QLatin1String(UI_GROUP) + u'/' + name;
        const bool isSetting = std::any_of(SPECS.cbegin(), SPECS.cend(), [&key](const Spec &spec) {
            return key == QLatin1String(spec.key);
        });
        if (!isSetting)
            preferences.insert(name, file.value(name));
    }
    return preferences;
}

Result<Done> GatewaySettings::setUiPreference(const QString &name, const QVariant &value)
{
    const QString key = QLatin1String(UI_GROUP) + u'/' + name;
    for (const Spec &spec : SPECS) {
        if (key == QLatin1String(spec.key))
            return makeError(ErrorCode::BadInput,
                             QStringLiteral("%1 is a setting, not a preference").arg(key));
    }
    if (name.isEmpty() || name.contains(u'/'))
        return makeError(ErrorCode::BadInput, QStringLiteral("bad preference name '%1'").arg(name));
    QSettings file(m_configFile, QSettings::IniFormat);
    file.setValue(key, value);
    file.sync();
    if (file.status() != QSettings::NoError)
        return makeError(ErrorCode::Storage,
                         QStringLiteral("cannot write settings file %1").arg(m_configFile));
    return Done{};
}

QString GatewaySettings::databaseLocation() const
{
    const QString configured = value(Setting::Database);
    if (!configured.isEmpty())
        return configured;
    return QDir(dataDir()).filePath(QString::fromLatin1(Database::FILE_NAME));
}

QString GatewaySettings::gatewayName() const
{
    const QString configured = value(Setting::GatewayName);
    return configured.isEmpty() ? QSysInfo::machineHostName() : configured;
}

QUrl GatewaySettings::meituanBaseUrl() const
{
    return QUrl(value(Setting::MeituanBaseUrl));
}

qint64 GatewaySettings::meituanDeveloperId() const
{
    return value(Setting::MeituanDeveloperId).toLongLong();
}

QString GatewaySettings::meituanSignKey() const
{
    return value(Setting::MeituanSignKey);
}
