#include "core/metrics/metricfamily.h"

#include "core/metrics/metricstext.h"

namespace {

// Label values joined by a character no sane value contains.
QString keyOf(const QStringList &labelValues)
{
    return labelValues.join(QChar(0x1f));
}

} // namespace

MetricFamily::MetricFamily(Type type, QByteArray name, QString help, QList<QByteArray> labelNames,
                           std::vector<double> buckets)
    : m_type(type),
      m_name(std::move(name)),
      m_help(std::move(help)),
      m_labelNames(std::move(labelNames)),
      m_buckets(std::move(buckets))
{
}

MetricSeries *MetricFamily::series(const QStringList &labelValues)
{
    Q_ASSERT(labelValues.size() == m_labelNames.size());
    const QString key = keyOf(labelValues);
    const std::lock_guard lock(m_mutex);
    if (MetricSeries *found = m_byKey.value(key))
        return found;
    auto created = std::make_unique<MetricSeries>();
    created->labelValues = labelValues;
    if (m_type == Type::Histogram) {
        created->bounds = &m_buckets;
        created->bucketCounts = std::make_unique<std::atomic<quint64>[]>(m_buckets.size());
        for (std::size_t i = 0; i < m_buckets.size(); ++i)
            created->bucketCounts[i].store(0);
    }
    MetricSeries *raw = created.get();
    m_series.push_back(std::move(created));
    m_byKey.insert(key, raw);
    return raw;
}

void MetricFamily::clear()
{
    const std::lock_guard lock(m_mutex);
    m_byKey.clear();
    m_series.clear();
}

QByteArray MetricFamily::labelText(const MetricSeries &series, const QByteArray &le) const
{
    QByteArray text;
    for (qsizetype i = 0; i < m_labelNames.size(); ++i) {
        if (!text.isEmpty())
            text += ',';
        text += m_labelNames.at(i) + "=\"" + MetricsText::escapeLabelValue(series.labelValues.at(i))
                + '"';
    }
    if (!le.isEmpty()) {
        if (!text.isEmpty())
            text += ',';
        text += "le=\"" + le + '"';
    }
    return text.isEmpty() ? QByteArray() : '{' + text + '}';
}

void MetricFamily::render(QByteArray &out) const
{
    static const char *const TYPE_NAMES[] = {"counter", "gauge", "histogram"};
    out += "# HELP " + m_name + ' ' + MetricsText::escapeHelp(m_help) + '\n';
    out += "# TYPE " + m_name + ' ' + TYPE_NAMES[int(m_type)] + '\n';
    const std::lock_guard lock(m_mutex);
    for (const auto &series : m_series) {
        if (m_type != Type::Histogram) {
            out += m_name + labelText(*series) + ' ' + MetricsText::number(series->value.load())
                    + '\n';
            continue;
        }
        quint64 cumulative = 0;
        for (std::size_t i = 0; i < m_buckets.size(); ++i) {
            cumulative += series->bucketCounts[i].load();
            out += m_name + "_bucket" + labelText(*series, MetricsText::number(m_buckets[i])) + ' '
                    + QByteArray::number(cumulative) + '\n';
        }
        const quint64 count = series->count.load();
        out += m_name + "_bucket" + labelText(*series, QByteArrayLiteral("+Inf")) + ' '
                + QByteArray::number(count) + '\n';
        out += m_name + "_sum" + labelText(*series) + ' ' + MetricsText::number(series->sum.load())
                + '\n';
        out += m_name + "_count" + labelText(*series) + ' ' + QByteArray::number(count) + '\n';
    }
}
