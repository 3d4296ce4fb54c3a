#include "app/commandline.h"

#include <QCoreApplication>

#include "core/version.h"

namespace {

struct ValueOption
{
    const char *name;
    const char *valueName;
    const char *description;
    Setting setting;
};

// Options that set a setting: parsed here, validated by GatewaySettings.
const ValueOption VALUE_OPTIONS[] = {
        {"listen", "HOST:PORT", "LAN API address; port 0 picks a free one.", Setting::Listen},
        {"data-dir", "DIR", "Database, master key and logs.", Setting::DataDir},
        {"douyin-base-url", "URL", "Douyin open-platform base URL.", Setting::DouyinBaseUrl},
        {"short-link-base", "URL", "Replaces scheme and host when resolving short links.",
         Setting::ShortLinkBase},
        {"meituan-base-url", "URL", "Meituan open-platform base URL.", Setting::MeituanBaseUrl},
        {"database", "URL",
         "The database: a SQLite file (default <data dir>/dy-gateway.sqlite) or "
         "postgresql://user:password@host:port/dbname (chain mode).",
         Setting::Database},
};

} // namespace

CommandLine::CommandLine()
{
    m_parser.setApplicationDescription(QStringLiteral(
            "Verifies Douyin group-buying coupons at the till and serves a signed LAN API."));
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addOption({QStringLiteral("help"), QStringLiteral("Show this help and exit.")});
    m_parser.addOption({QStringLiteral("version"), QStringLiteral("Show the version and exit.")});
    m_parser.addOption(
            {QStringLiteral("headless"),
             QStringLiteral("Run the gateway without a window (LAN API, verification engine).")});
    m_parser.addOption({QStringLiteral("demo"),
                        QStringLiteral("Demo and training mode: the embedded Douyin sandbox and "
                                       "a separate demo data dir.")});
    m_parser.addOption({QStringLiteral("sandbox-listen"),
                        QStringLiteral("Embedded sandbox address in demo mode (default "
                                       "127.0.0.1:0)."),
                        QStringLiteral("HOST:PORT")});
    m_parser.addOption({QStringLiteral("sandbox-only"),
                        QStringLiteral("Serve only the Douyin sandbox (a simulator for tests, "
                                       "training and integrators).")});
    for (const ValueOption &option : VALUE_OPTIONS) {
        m_parser.addOption({QString::fromLatin1(option.name),
                            QString::fromLatin1(option.description),
                            QString::fromLatin1(option.valueName)});
    }
    m_parser.addOption({QStringLiteral("config"),
                        QStringLiteral("Settings file (default: %1).")
                                .arg(GatewaySettings::defaultConfigFile()),
                        QStringLiteral("FILE")});
    m_parser.addOption({QStringLiteral("verbose"), QStringLiteral("Debug logging.")});
    m_parser.addPositionalArgument(QStringLiteral("decode"),
                                   QStringLiteral("decode FILE...: print the QR code of each image "
                                                  "as one JSON line."),
                                   QStringLiteral("[decode FILE...]"));
    m_parser.addPositionalArgument(QStringLiteral("meituan-bind"),
                                   QStringLiteral("meituan-bind POI_ID AUTH_CODE: bind the store "
                                                  "to Meituan with an authorization code."),
                                   QStringLiteral("[meituan-bind POI_ID AUTH_CODE]"));
}

Result<CommandLineOptions> CommandLine::parse(const QStringList &arguments)
{
    if (!m_parser.parse(arguments))
        return makeError(ErrorCode::BadInput, m_parser.errorText());

    CommandLineOptions options;
    if (m_parser.isSet(QStringLiteral("help"))) {
        options.action = CommandLineOptions::Action::ShowHelp;
        return options;
    }
    if (m_parser.isSet(QStringLiteral("version"))) {
        options.action = CommandLineOptions::Action::ShowVersion;
        return options;
    }

    const auto single = [this](const QString &name) -> Result<QString> {
        const QStringList values = m_parser.values(name);
        if (values.size() > 1)
            return makeError(ErrorCode::BadInput,
                             QStringLiteral("--%1 given more than once").arg(name));
        // "--data-dir --config x" would otherwise quietly take "--config" as the directory.
        if (values.value(0).startsWith(QStringLiteral("--")))
            return makeError(ErrorCode::BadInput,
                             QStringLiteral("--%1 needs a value, got option '%2'")
                                     .arg(name, values.value(0)));
        return values.value(0);
    };

    for (const ValueOption &option : VALUE_OPTIONS) {
        const QString name = QString::fromLatin1(option.name);
        if (!m_parser.isSet(name))
            continue;
        const auto value = single(name);
        if (!value.ok())
            return value.error();
        options.overrides.insert(option.setting, value.value());
    }
    if (m_parser.isSet(QStringLiteral("config"))) {
        const auto value = single(QStringLiteral("config"));
        if (!value.ok())
            return value.error();
        if (value.value().trimmed().isEmpty())
            return makeError(ErrorCode::BadInput, QStringLiteral("--config needs a file name"));
        options.configFile = value.value();
    }
    const QStringList positional = m_parser.positionalArguments();
    if (!positional.isEmpty() && positional.first() == u"decode") {
        if (positional.size() < 2)
            return makeError(ErrorCode::BadInput, QStringLiteral("decode needs at least one FILE"));
        options.action = CommandLineOptions::Action::Decode;
        options.decodeFiles = positional.mid(1);
    } else if (!positional.isEmpty() && positional.first() == u"meituan-bind") {
        if (positional.size() != 3 || positional.at(1).trimmed().isEmpty()
            || positional.at(2).trimmed().isEmpty())
            return makeError(ErrorCode::BadInput,
                             QStringLiteral("usage: meituan-bind POI_ID AUTH_CODE"));
        options.action = CommandLineOptions::Action::MeituanBind;
        options.bindPoiId = positional.at(1).trimmed();
        options.bindAuthCode = positional.at(2).trimmed();
    } else if (!positional.isEmpty()) {
        return makeError(ErrorCode::BadInput,
                         QStringLiteral("unexpected argument '%1'").arg(positional.first()));
    }
    options.headless = m_parser.isSet(QStringLiteral("headless"));
    options.sandboxOnly = m_parser.isSet(QStringLiteral("sandbox-only"));
    options.demo = m_parser.isSet(QStringLiteral("demo"));
    if (m_parser.isSet(QStringLiteral("sandbox-listen"))) {
        const auto value = single(QStringLiteral("sandbox-listen"));
        if (!value.ok())
            return value.error();
        const auto address = HostPort::parse(value.value());
        if (!address.ok())
            return makeError(ErrorCode::BadInput,
                             QStringLiteral("--sandbox-listen: ") + address.error().message);
        options.sandboxListen = value.value();
    }
    if (options.demo && options.sandboxOnly)
        return makeError(ErrorCode::BadInput,
                         QStringLiteral("--demo and --sandbox-only exclude each other"));
    if (options.headless && options.sandboxOnly)
        return makeError(ErrorCode::BadInput,
                         QStringLiteral("--headless and --sandbox-only exclude each other"));
    options.verbose = m_parser.isSet(QStringLiteral("verbose"));
    return options;
}

QString CommandLine::helpText() const
{
    return m_parser.helpText();
}

bool CommandLine::isConsoleOnly(const QStringList &arguments)
{
    static const QStringList consoleOptions{
            QStringLiteral("--headless"), QStringLiteral("--sandbox-only"),
            QStringLiteral("--help"),     QStringLiteral("--version"),
            QStringLiteral("-h"),         QStringLiteral("-v"),
            QStringLiteral("-help"),      QStringLiteral("-version")};
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (consoleOptions.contains(arguments.at(i)))
            return true;
    }
    return arguments.size() > 1
            && (arguments.at(1) == u"decode" || arguments.at(1) == u"meituan-bind");
}

QString CommandLine::versionText()
{
    return QStringLiteral(DYGW_APP_NAME " " DYGW_VERSION);
}
