#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include <QByteArray>
#include <QList>
#include <QString>

#include "core/metrics/metricfamily.h"

// The metric families served at GET /metrics, in the Prometheus text format 0.0.4.
// A process has one (global()), as Prometheus' own client libraries do: requests, platform
// calls and database writes are counted from objects on three threads that would otherwise
// all need it passed in. Tests may build their own.
class MetricsRegistry
{
public:
    static constexpr char CONTENT_TYPE[] = "text/plain; version=0.0.4; charset=utf-8";

    MetricsRegistry() = default;
    Q_DISABLE_COPY_MOVE(MetricsRegistry)

    static MetricsRegistry &global();

    // Get or create the family of that name; a later call with the same name returns the
    // first one whatever else it passes.
    MetricFamily *counter(const QByteArray &name, const QString &help,
                          const QList<QByteArray> &labelNames = {});
    MetricFamily *gauge(const QByteArray &name, const QString &help,
                        const QList<QByteArray> &labelNames = {});
    MetricFamily *histogram(const QByteArray &name, const QString &help,
                            const QList<QByteArray> &labelNames, std::vector<double> buckets);

    QByteArray exposition() const;

private:
    MetricFamily *family(MetricFamily::Type type, const QByteArray &name, const QString &help,
                         const QList<QByteArray> &labelNames, std::vector<double> buckets);

    mutable std::mutex m_mutex;
    std::vector<std::unique_ptr<MetricFamily>> m_families;
};
