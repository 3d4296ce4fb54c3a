#pragma once

#include <optional>

#include <QString>

#include "core/config/hostport.h"
#include "core/meituan/meituanstatus.h"

// What the status bar shows; read on the gateway thread, shown on the GUI thread.
struct GatewayStatus
{
    bool started = false;
    bool demo = false;
    bool douyinConfigured = false;
    std::optional<HostPort> api; // the LAN API, when it runs
    qint64 tokenValidUntil = 0; // Unix seconds; 0 = no token yet
    MeituanStatus meituan;
    int resolutionBacklog = 0;
    int enrichmentBacklog = 0;
    QString startError; // why the engine did not start
};
