#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include "core/metrics/metricseries.h"

// One metric name with its HELP, TYPE and fixed label names, and the series of each label
// value combination seen so far. Series are created once and never move, so a hot path keeps
// the pointer and pays only an atomic add afterwards.
class MetricFamily
{
public:
    enum class Type { Counter, Gauge, Histogram };

    // buckets: histograms only, ascending finite upper bounds (le); +Inf is implied.
    MetricFamily(Type type, QByteArray name, QString help, QList<QByteArray> labelNames,
                 std::vector<double> buckets = {});
    Q_DISABLE_COPY_MOVE(MetricFamily)

    Type type() const { return m_type; }
    const QByteArray &name() const { return m_name; }

    // The series of these label values (as many as label names), created on first use.
    MetricSeries *series(const QStringList &labelValues);
    // Scrape-time gauges rebuilt from scratch each time: forget every series (pointers held
    // elsewhere become invalid, so only for families nobody caches).
    void clear();

    // HELP, TYPE and every series, in the order they were created.
    void render(QByteArray &out) const;

private:
    QByteArray labelText(const MetricSeries &series, const QByteArray &le = {}) const;

    const Type m_type;
    const QByteArray m_name;
    const QString m_help;
    const QList<QByteArray> m_labelNames;
    const std::vector<double> m_buckets;
    // The one lock of the metrics: series are created from the gateway thread, the record
    // writer's thread and the scrape. Values themselves are atomics and take no lock.
    mutable std::mutex m_mutex;
    std::vector<std::unique_ptr<MetricSeries>> m_series;
    QHash<QString, MetricSeries *> m_byKey;
};
