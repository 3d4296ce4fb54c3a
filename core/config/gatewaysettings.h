#pragma once

#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

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
};

// Typed, validated settings in layers: built-in default < INI file < DYGW_* environment
// < command line. Only the file layer is ever written back.
class GatewaySettings
{
public:
    using Overrides = QHash<Setting, QString>;

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
    QString language() const;

    // Validates and writes to the file layer (environment and command line still win).
    Result<Done> setValue(Setting setting, const QString &value);

private:
    QString m_configFile;
    QHash<Setting, QString> m_file;
    QHash<Setting, QString> m_environment;
    QHash<Setting, QString> m_commandLine;
};
