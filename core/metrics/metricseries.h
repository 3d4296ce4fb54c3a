#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include <QStringList>

// One labelled time series of a MetricFamily. Values are atomics so that the gateway thread,
// the record writer's thread and a scrape may touch them at once without a lock; the labels
// never change after creation.
struct MetricSeries
{
    QStringList labelValues;
    std::atomic<double> value{0}; // counter or gauge
    // Histograms: one count per finite upper bound (not cumulative), plus sum and count.
    const std::vector<double> *bounds = nullptr;
    std::unique_ptr<std::atomic<quint64>[]> bucketCounts;
    std::atomic<double> sum{0};
    std::atomic<quint64> count{0};

    void add(double amount) { value.fetch_add(amount, std::memory_order_relaxed); }
    void set(double to) { value.store(to, std::memory_order_relaxed); }
    void observe(double sample)
    {
        std::size_t bucket = 0;
        while (bucket < bounds->size() && sample > (*bounds)[bucket])
            ++bucket;
        if (bucket < bounds->size())
            bucketCounts[bucket].fetch_add(1, std::memory_order_relaxed);
        sum.fetch_add(sample, std::memory_order_relaxed);
        count.fetch_add(1, std::memory_order_relaxed);
    }
};
