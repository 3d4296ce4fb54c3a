#pragma once

#include <QHash>
#include <QString>

struct MetricSeries;

// Requests of one route (the pattern as registered, "<arg>" included, never the raw path)
// and method: a counter and a latency histogram per answered status. Used on the LAN API's
// thread only, so its status cache takes no lock: after the first request of a status,
// counting one costs a hash lookup and three atomic adds.
class RouteMeter
{
public:
    RouteMeter(QString route, QString method);
    Q_DISABLE_COPY_MOVE(RouteMeter)

    const QString &route() const { return m_route; }
    void observe(int status, qint64 nanoseconds);

private:
    struct Series
    {
        MetricSeries *count = nullptr;
        MetricSeries *duration = nullptr;
    };

    QString m_route;
    QString m_method;
    QHash<int, Series> m_byStatus;
};
