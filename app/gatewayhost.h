#pragma once

#include <QObject>
#include <QThread>

#include "core/runtime/gatewayruntime.h"

class GatewayProxy;

// Runs the GatewayRuntime on a thread of its own under the desktop app, so the window never
// waits on the database, Douyin or the LAN API.
class GatewayHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GatewayHost)

public:
    explicit GatewayHost(GatewaySettings settings, QObject *parent = nullptr);
    // Stops the gateway thread: the only wait in the app.
    ~GatewayHost() override;

    GatewayProxy *proxy() const { return m_proxy; }
    void start(const GatewayRuntime::Options &options);

signals:
    void started(const GatewayRuntime::Started &started);
    void startFailed(const QString &message);

private:
    QThread m_thread;
    GatewayRuntime *m_runtime;
    GatewayProxy *m_proxy;
};
