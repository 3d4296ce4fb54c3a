#include "core/metrics/routemeter.h"

#include "core/metrics/gatewaymetrics.h"
#include "core/metrics/metricfamily.h"

RouteMeter::RouteMeter(QString route, QString method)
    : m_route(std::move(route)),
      m_method(std::move(method))
{
}

void RouteMeter::observe(int status, qint64 nanoseconds)
{
    auto found = m_byStatus.constFind(status);
    if (found == m_byStatus.constEnd()) {
        const QStringList labels{m_route, m_method, QString::number(status)};
        found = m_byStatus.insert(status,
                                  {GatewayMetrics::httpRequests()->series(labels),
                                   GatewayMetrics::httpRequestDuration()->series(labels)});
    }
    found->count->add(1);
    found->duration->observe(double(nanoseconds) / 1e9);
}
