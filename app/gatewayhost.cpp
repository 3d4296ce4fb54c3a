#include "app/gatewayhost.h"

#include <QMetaObject>
#include <QPointer>

#include "core/runtime/gatewayproxy.h"

GatewayHost::GatewayHost(GatewaySettings settings, QObject *parent)
    : QObject(parent),
      m_runtime(new GatewayRuntime(std::move(settings)))
{
    m_thread.setObjectName(QStringLiteral("gateway"));
    m_runtime->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_runtime, &QObject::deleteLater);
    m_proxy = new GatewayProxy(m_runtime, this);
    m_thread.start();
}

GatewayHost::~GatewayHost()
{
    m_thread.quit();
    m_thread.wait();
}

void GatewayHost::start(const GatewayRuntime::Options &options)
{
    QPointer<GatewayHost> self(this);
    GatewayRuntime *runtime = m_runtime;
    QMetaObject::invokeMethod(m_runtime, [self, runtime, options] {
        const auto result = runtime->start(options);
        QMetaObject::invokeMethod(self, [self, result] {
            if (!self)
                return;
            if (result.ok())
                emit self->started(result.value());
            else
                emit self->startFailed(result.error().message);
        });
    });
}
