#pragma once

#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>
#include <QVariantMap>

#include "core/config/hostport.h"
#include "core/result.h"

// Every setting the program reads. Each has one INI key, one DYGW_* variable and at most
// one command-line option, listed together in gatewaysettings.cpp.
enum class Setting {
    Listen,
    DataDir,
    DouyinBaseUrl,
    ShortLinkBase,
    DouyinClientKey,
    DouyinClientSecret,
    DouyinAccountId,
    ApiRateLimit,
    ApiRateBurst,
    Language, // "" = the system's; "zh_CN" or "en"
    ApiEnabled, // "true" or "false"; the desktop app's LAN API switch (headless always serves)
    Database, // a SQLite file or a postgresql:// URL; "" = <data dir>/dy-gateway.sqlite
    GatewayName, // chain mode: this gateway's name in records and /health; "" = the host name
    MeituanBaseUrl,
    MeituanDeveloperId, // "" = Meituan not set up
    MeituanSignKey, // sealed in the database when saved from the settings page
    // Chain mode: how long a gateway's claim on shared work (a lost answer's resolution, an
    // enrichment job) lasts; the work of a gateway that died is taken over after it.
    ClaimLease,
};

// Typed, validated settings in layers: built-in default < INI file < DYGW_* environment
// < command line. Only the file layer is ever written back.
class GatewaySettings
{
public:
    using Overrides = QHash<Setting, QString>;

    // Where an effective value comes from, lowest first.
    enum class Layer { Default, File, Environment, CommandLine };

    // The INI file in the platform's config dir (QStandardPaths::AppConfigLocation).
    static QString defaultConfigFile();
    static QString defaultDataDir();

    // Reads and validates every layer; the first bad value is an Error naming where it came
    // from (file key, variable or option) and what was expected.
    static Result<GatewaySettings> load(const QString &configFile,
                                        const QProcessEnvironment &environment,
                                        const Overrides &commandLine = {});

    static QString iniKey(Setting setting); // "douyin/short_link_base"
    static QString environmentName(Setting setting); // "DYGW_SHORT_LINK_BASE"
    static QString optionName(Setting setting); // "--short-link-base" (the INI key if none)

    QString configFile() const { return m_configFile; }
    QString value(Setting setting) const; // the effective raw value
    bool isOverridden(Setting setting) const; // set by environment or command line
    Layer layer(Setting setting) const;

    HostPort listen() const;
    QString dataDir() const;
    QUrl douyinBaseUrl() const;
    QUrl shortLinkBase() const;
    QString douyinClientKey() const;
    QString douyinClientSecret() const;
    QString douyinAccountId() const;
    bool hasDouyinCredentials() const;
    int apiRateLimit() const; // requests per second per app; 0 = unlimited
    int apiRateBurst() const;
    int claimLeaseSeconds() const;
    QString language() const;
    bool apiEnabled() const;
    // The database to open: Setting::Database, or the SQLite file in dataDir().
    QString databaseLocation() const;
    QString gatewayName() const;
    QUrl meituanBaseUrl() const;
    qint64 meituanDeveloperId() const; // 0 when not set
    QString meituanSignKey() const;

    // Validates and writes to the file layer (environment and command line still win).
    Result<Done> setValue(Setting setting, const QString &value);
    // Deletes the key from the file, so the value falls back to the default (or to what the
    // environment and command line say).
    Result<Done> remove(Setting setting);

    // The desktop app's own preferences (sound, remembered choices) in the file's "ui" group.
    // They are not gateway settings: nothing validates them and nothing overrides them.
    // Keys are given without the "ui/" prefix; the settings above are never among them.
    QVariantMap uiPreferences() const;
    Result<Done> setUiPreference(const QString &name, const QVariant &value);

private:
    QString m_configFile;
    QHash<Setting, QString> m_file;
    QHash<Setting, QString> m_environment;
    QHash<Setting, QString> m_commandLine;
};
