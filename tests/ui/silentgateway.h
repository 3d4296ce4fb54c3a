#pragma once

#include <memory>

#include <QProcessEnvironment>
#include <QTemporaryDir>

#include "core/config/gatewaysettings.h"
#include "core/runtime/gatewayproxy.h"
#include "core/runtime/gatewayruntime.h"

// A gateway that is never started: every question a page asks waits for the start forever, so
// what a test hands a page by hand (a report, a record) stays on screen, untouched by answers.
class SilentGateway
{
public:
    SilentGateway()
    {
        QProcessEnvironment env; // nothing inherited
        env.insert("DYGW_LISTEN", "127.0.0.1:0");
        env.insert("DYGW_DATA_DIR", m_dir.path());
        auto settings = GatewaySettings::load(m_dir.path() + "/dy-gateway.ini", env);
        if (!settings.ok())
            qFatal("settings: %s", qPrintable(settings.error().message));
        m_runtime = std::make_unique<GatewayRuntime>(std::move(settings).value());
        m_proxy = std::make_unique<GatewayProxy>(m_runtime.get());
    }
    Q_DISABLE_COPY_MOVE(SilentGateway)

    ~SilentGateway()
    {
        m_proxy.reset();
        m_runtime.reset();
    }

    GatewayProxy *proxy() const { return m_proxy.get(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GatewayRuntime> m_runtime;
    std::unique_ptr<GatewayProxy> m_proxy;
};
