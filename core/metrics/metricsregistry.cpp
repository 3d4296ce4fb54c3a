#include "core/metrics/metricsregistry.h"

MetricsRegistry &MetricsRegistry::global()
{
    static MetricsRegistry registry;
    return registry;
}

MetricFamily *MetricsRegistry::counter(const QByteArray &name, const QString &help,
                                       const QList<QByteArray> &labelNames)
{
    return family(MetricFamily::Type::Counter, name, help, labelNames, {});
}

MetricFamily *MetricsRegistry::gauge(const QByteArray &name, const QString &help,
                                     const QList<QByteArray> &labelNames)
{
    return family(MetricFamily::Type::Gauge, name, help, labelNames, {});
}

MetricFamily *MetricsRegistry::histogram(const QByteArray &name, const QString &help,
                                         const QList<QByteArray> &labelNames,
                                         std::vector<double> buckets)
{
    return family(MetricFamily::Type::Histogram, name, help, labelNames, std::move(buckets));
}

MetricFamily *MetricsRegistry::family(MetricFamily::Type type, const QByteArray &name,
                                      const QString &help, const QList<QByteArray> &labelNames,
                                      std::vector<double> buckets)
{
    const std::lock_guard lock(m_mutex);
    for (const auto &existing : m_families) {
        if (existing->name() == name)
            return existing.get();
    }
    m_families.push_back(
            std::make_unique<MetricFamily>(type, name, help, labelNames, std::move(buckets)));
    return m_families.back().get();
}

QByteArray MetricsRegistry::exposition() const
{
    QByteArray out;
    const std::lock_guard lock(m_mutex);
    for (const auto &family : m_families)
        family->render(out);
    return out;
}
