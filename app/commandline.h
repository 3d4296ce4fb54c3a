#pragma once

#include <QCommandLineParser>
#include <QStringList>

#include "core/config/gatewaysettings.h"
#include "core/result.h"

// What the command line asked for. Values of settings are passed on raw: GatewaySettings
// validates them together with the file and environment layers.
struct CommandLineOptions
{
    enum class Action { Run, ShowHelp, ShowVersion, Decode, MeituanBind };

    Action action = Action::Run;
    bool headless = false;
    bool sandboxOnly = false;
    bool demo = false;
    QString sandboxListen; // raw HOST:PORT, validated by the caller
    QStringList decodeFiles; // `dy-gateway decode FILE...`
    QString bindPoiId; // `dy-gateway meituan-bind POI_ID AUTH_CODE`
    QString bindAuthCode;
    bool verbose = false;
    QString configFile; // empty: GatewaySettings::defaultConfigFile()
    GatewaySettings::Overrides overrides;
};

// Parses dy-gateway's options (../shared/CLI.md). Errors are one line for stderr; the caller
// exits with code 2 on them.
class CommandLine
{
public:
    CommandLine();
    Q_DISABLE_COPY_MOVE(CommandLine)

    Result<CommandLineOptions> parse(const QStringList &arguments);
    QString helpText() const;
    static QString versionText();
    // Whether these arguments need no window system (headless, sandbox, decode, help…).
    static bool isConsoleOnly(const QStringList &arguments);

private:
    QCommandLineParser m_parser;
};
