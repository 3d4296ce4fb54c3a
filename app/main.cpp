#include <cstdio>
#include <memory>

#include <QApplication>
#include <QMessageBox>
#include <QTextStream>

#include "app/commandline.h"
#include "app/gatewayhost.h"
#include "app/meituanbindcommand.h"
#include "app/signalwatcher.h"
#include "core/config/masterkeystore.h"
#include "core/logging/logfile.h"
#include "core/runtime/gatewayruntime.h"
#include "core/sandbox/sandboxserver.h"
#include "core/scan/decodecommand.h"
#include "core/version.h"
#include "ui/apptranslator.h"
#include "ui/mainwindow.h"

#ifdef Q_OS_WIN
#  ifndef NOMINMAX
#    define NOMINMAX
#  endif
#  ifndef WIN32_LEAN_AND_MEAN
#    define WIN32_LEAN_AND_MEAN
#  endif
#  include <windows.h>
#endif

namespace {

enum ExitCode { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

void printLine(std::FILE *stream, const QString &line)
{
    std::fputs(line.toLocal8Bit().constData(), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

#ifdef Q_OS_WIN
// dy-gateway.exe is a GUI program, so no console window opens behind the till screen. Started
// from a console it still prints there (--version, --help, --headless, decode); output that is
// redirected to a file or pipe is left as it is.
void attachParentConsole()
{
    if (GetFileType(GetStdHandle(STD_OUTPUT_HANDLE)) != FILE_TYPE_UNKNOWN)
        return;
    if (!AttachConsole(ATTACH_PARENT_PROCESS))
        return;
    std::FILE *reopened = nullptr;
    freopen_s(&reopened, "CONOUT$", "w", stdout);
    freopen_s(&reopened, "CONOUT$", "w", stderr);
}
#endif

int fail(int code, const QString &message)
{
    printLine(stderr, QStringLiteral("dy-gateway: ") + message);
    return code;
}

// Loopback unless asked otherwise: the sandbox hands a token to anyone who asks.
int runSandboxOnly(QCoreApplication &app, const CommandLineOptions &options)
{
    const auto address = HostPort::parse(
            options.overrides.value(Setting::Listen, QStringLiteral("127.0.0.1:8790")));
    if (!address.ok())
        return fail(EXIT_USAGE, QStringLiteral("--listen: ") + address.error().message);
    LogFile::setVerbose(options.verbose);
    SandboxServer sandbox;
    const auto listening = sandbox.listen(address.value());
    if (!listening.ok())
        return fail(EXIT_RUNTIME, listening.error().message);
    printLine(stdout, QStringLiteral("sandbox listening on ") + listening.value().toUrl());
    return app.exec();
}

int runHeadless(QCoreApplication &app, GatewaySettings settings,
                const GatewayRuntime::Options &options)
{
    GatewayRuntime runtime(std::move(settings));
    const auto started = runtime.start(options);
    if (!started.ok())
        return fail(EXIT_RUNTIME, started.error().message);
    if (started.value().sandbox)
        printLine(stdout,
                  QStringLiteral("sandbox listening on ") + started.value().sandbox->toUrl());
    printLine(stdout, QStringLiteral("listening on ") + started.value().api->toUrl());
    if (started.value().newAdminToken)
        printLine(stdout, QStringLiteral("admin token: ") + *started.value().newAdminToken);
    return app.exec();
}

int runWindow(QApplication &app, GatewaySettings settings, GatewayRuntime::Options options)
{
    // Chinese on a Chinese system unless the settings say otherwise.
    AppTranslator::apply(settings.language());
    // With no Douyin account there is nothing real to verify against: demo mode. The key is
    // the sign: the secret may be sealed in the database, which only the gateway thread opens.
    options.demo = options.demo || settings.douyinClientKey().isEmpty();
    // The desktop app's switch; headless mode exists to serve the LAN API and ignores it.
    options.serveApi = settings.apiEnabled();
    GatewayHost host(std::move(settings));
    MainWindow window(host.proxy());
    QObject::connect(&host, &GatewayHost::startFailed, &window, [&window](const QString &message) {
        QMessageBox::warning(&window, QObject::tr("dy-gateway"),
                             QObject::tr("Part of the gateway could not start:\n%1").arg(message));
    });
    window.show();
    host.start(options);
    return app.exec();
}

// The window system is only needed for the window: a service or a script runs without one.
// On a Linux machine without a display (a server, an ssh session) the plain command still
// works: it runs the gateway headless instead of failing to open a window.
bool isWindowless()
{
#if defined(Q_OS_LINUX)
    return qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
            && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
#else
    return false;
#endif
}

// --help, --version and decode: print and exit, no gateway.
int runOneShot(const CommandLine &commandLine, const CommandLineOptions &options)
{
    switch (options.action) {
    case CommandLineOptions::Action::ShowHelp:
        printLine(stdout, commandLine.helpText());
        return EXIT_OK;
    case CommandLineOptions::Action::ShowVersion:
        printLine(stdout, CommandLine::versionText());
        return EXIT_OK;
    case CommandLineOptions::Action::Decode: {
        QTextStream out(stdout);
        QTextStream err(stderr);
        const QString base = options.overrides.value(Setting::ShortLinkBase,
                                                     QStringLiteral("https://v.douyin.com"));
        return Scan::runDecodeCommand(options.decodeFiles, out, err, QUrl(base));
    }
    case CommandLineOptions::Action::Run:
    case CommandLineOptions::Action::MeituanBind:
        break;
    }
    return EXIT_OK;
}

GatewayRuntime::Options runtimeOptionsOf(const CommandLineOptions &options)
{
    GatewayRuntime::Options runtimeOptions;
    runtimeOptions.demo = options.demo;
    runtimeOptions.verbose = options.verbose;
    runtimeOptions.adminTokenFromEnvironment = qEnvironmentVariable("DYGW_ADMIN_TOKEN");
    if (!options.sandboxListen.isEmpty())
        runtimeOptions.sandboxListen = HostPort::parse(options.sandboxListen).value();
    return runtimeOptions;
}

} // namespace

int main(int argc, char *argv[])
{
#ifdef Q_OS_WIN
    attachParentConsole();
#endif
    QStringList rawArguments;
    for (int i = 0; i < argc; ++i)
        rawArguments.append(QString::fromLocal8Bit(argv[i]));
    const bool windowless = isWindowless();
    const bool console = CommandLine::isConsoleOnly(rawArguments) || windowless;
    std::unique_ptr<QCoreApplication> app(console ? new QCoreApplication(argc, argv)
                                                  : new QApplication(argc, argv));
    QCoreApplication::setApplicationName(QStringLiteral(DYGW_APP_NAME));
    QCoreApplication::setApplicationVersion(QStringLiteral(DYGW_VERSION));
    // The window's desktop entry (and so its icon) on Wayland; installed by the packages.
    QGuiApplication::setDesktopFileName(QStringLiteral(DYGW_APP_ID));

    CommandLine commandLine;
    const auto parsed = commandLine.parse(QCoreApplication::arguments());
    if (!parsed.ok())
        return fail(EXIT_USAGE, parsed.error().message);
    const CommandLineOptions &options = parsed.value();
    if (options.action != CommandLineOptions::Action::Run
        && options.action != CommandLineOptions::Action::MeituanBind)
        return runOneShot(commandLine, options);

    const QString configFile = options.configFile.isEmpty() ? GatewaySettings::defaultConfigFile()
                                                            : options.configFile;
    auto settings = GatewaySettings::load(configFile, QProcessEnvironment::systemEnvironment(),
                                          options.overrides);
    if (!settings.ok())
        return fail(EXIT_USAGE, settings.error().message);
    if (const auto keyStore = MasterKeyStore::modeFromEnvironment(); !keyStore.ok())
        return fail(EXIT_USAGE, keyStore.error().message);
    // The window's own preferences live in the same file.
    app->setProperty("dygwConfigFile", configFile);
    if (options.action == CommandLineOptions::Action::MeituanBind) {
        QTextStream out(stdout);
        QTextStream err(stderr);
        return MeituanBindCommand::run(settings.value(), options.bindPoiId, options.bindAuthCode,
                                       out, err);
    }

    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, app.get(),
                     &QCoreApplication::quit);

    if (options.sandboxOnly)
        return runSandboxOnly(*app, options);

    GatewayRuntime::Options runtimeOptions = runtimeOptionsOf(options);
    if (options.headless)
        return runHeadless(*app, std::move(settings).value(), runtimeOptions);
    if (windowless) {
        runtimeOptions.demo = runtimeOptions.demo || !settings.value().hasDouyinCredentials();
        printLine(stderr,
                  QStringLiteral("dy-gateway: no display found; running the headless "
                                 "gateway%1 (the window needs a desktop session)")
                          .arg(runtimeOptions.demo ? QStringLiteral(" in demo mode") : QString()));
        return runHeadless(*app, std::move(settings).value(), runtimeOptions);
    }
    return runWindow(static_cast<QApplication &>(*app), std::move(settings).value(),
                     runtimeOptions);
}
