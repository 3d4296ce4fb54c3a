#pragma once

#include "core/api/lanapiserver.h"
#include "core/sandbox/sandboxserver.h"
#include "tests/common/demoruntime.h"
#include "tests/common/lanclient.h"
#include "tests/common/sandboxcontrol.h"

// A demo gateway for LAN API tests: started in dataDir with adminToken, `control` pointed at its
// sandbox, and `app` signing as a new verifier app named appName. Null if any step failed.
inline std::unique_ptr<GatewayRuntime> startDemoApi(const QString &dataDir,
                                                    const QByteArray &adminToken,
                                                    SandboxControl &control, LanClient &app,
                                                    const QString &appName)
{
    auto runtime = startDemoRuntime(dataDir, adminToken);
    if (!runtime)
        return {};
    control.setBaseUrl(runtime->sandbox()->baseUrl().toString());
    app.port = runtime->api()->address().port;
    app.adminToken = adminToken;
    if (!app.createApp(appName))
        return {};
    return runtime;
}
