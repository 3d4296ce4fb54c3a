#include <cstdio>

#include <QCoreApplication>

#include "app/commandline.h"
#include "app/signalwatcher.h"
#include "core/logging/logfile.h"
#include "core/runtime/gatewayruntime.h"
#include "core/sandbox/sandboxserver.h"
#include "core/version.h"

namespace {

enum ExitCode { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

void printLine(std::FILE *stream, const QString &line)
{
    std::fputs(line.toLocal8Bit().constData(), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

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

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral(DYGW_APP_NAME));
    QCoreApplication::setApplicationVersion(QStringLiteral(DYGW_VERSION));

    CommandLine commandLine;
    const auto parsed = commandLine.parse(QCoreApplication::arguments());
    if (!parsed.ok())
        return fail(EXIT_USAGE, parsed.error().message);
    const CommandLineOptions &options = parsed.value();
    switch (options.action) {
    case CommandLineOptions::Action::ShowHelp:
        printLine(stdout, commandLine.helpText());
        return EXIT_OK;
    case CommandLineOptions::Action::ShowVersion:
        printLine(stdout, CommandLine::versionText());
        return EXIT_OK;
    case CommandLineOptions::Action::Run:
        break;
    }

    const QString configFile = options.configFile.isEmpty()
            ? GatewaySettings::defaultConfigFile()
            : options.configFile;
    auto settings = GatewaySettings::load(configFile, QProcessEnvironment::systemEnvironment(),
                                          options.overrides);
    if (!settings.ok())
        return fail(EXIT_USAGE, settings.error().message);

    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &app,
                     &QCoreApplication::quit);

    if (options.sandboxOnly)
        return runSandboxOnly(app, options);

    GatewayRuntime::Options runtimeOptions;
    runtimeOptions.demo = options.demo;
    runtimeOptions.verbose = options.verbose;
    runtimeOptions.adminTokenFromEnvironment = qEnvironmentVariable("DYGW_ADMIN_TOKEN");
    if (!options.sandboxListen.isEmpty())
        runtimeOptions.sandboxListen = HostPort::parse(options.sandboxListen).value();
    if (!options.headless) {
        // Until the cashier window exists, the plain command runs the gateway, in demo mode
        // while no Douyin credentials are configured.
        runtimeOptions.demo = options.demo || !settings.value().hasDouyinCredentials();
        printLine(stderr, QStringLiteral("dy-gateway: the cashier window is not part of this "
                                         "build yet; running the headless gateway%1")
                                  .arg(runtimeOptions.demo ? QStringLiteral(" in demo mode")
                                                           : QString()));
    }

    GatewayRuntime runtime(std::move(settings).value());
    const auto started = runtime.start(runtimeOptions);
    if (!started.ok())
        return fail(EXIT_RUNTIME, started.error().message);
    if (started.value().sandbox)
        printLine(stdout, QStringLiteral("sandbox listening on ") + started.value().sandbox->toUrl());
    printLine(stdout, QStringLiteral("listening on ") + started.value().api->toUrl());
    if (started.value().newAdminToken)
        printLine(stdout, QStringLiteral("admin token: ") + *started.value().newAdminToken);

    return app.exec();
}
