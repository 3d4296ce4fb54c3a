#pragma once

#include <memory>

#include <QProcessEnvironment>
#include <QTest>

#include "core/config/gatewaysettings.h"
#include "core/runtime/gatewayruntime.h"
#include "core/verify/verificationservice.h"

// A whole gateway in demo mode (LAN API on a free loopback port, the embedded sandbox), as the
// API tests drive it: no rate limit, the given admin token, resolution 50 times faster.
inline std::unique_ptr<GatewayRuntime> startDemoRuntime(const QString &dataDir,
                                                        const QByteArray &adminToken)
{
    QProcessEnvironment env;
    env.insert("DYGW_LISTEN", "127.0.0.1:0");
    env.insert("DYGW_DATA_DIR", dataDir);
    env.insert("DYGW_API_RATE_LIMIT", "0");
    const auto settings = GatewaySettings::load(dataDir + "/dy-gateway.ini", env);
    if (!settings.ok())
        return nullptr;
    auto runtime = std::make_unique<GatewayRuntime>(settings.value());
    GatewayRuntime::Options options;
    options.demo = true;
    options.adminTokenFromEnvironment = QString::fromLatin1(adminToken);
    if (!runtime->start(options).ok())
        return nullptr;
    VerificationService::Config config = runtime->engine()->config();
    config.resolveTimeScale = 0.02;
    runtime->engine()->setConfig(config);
    return runtime;
}
