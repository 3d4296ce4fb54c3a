#pragma once

#include <functional>

#include <QObject>

#include "core/meituan/meituanstatus.h"

class AdminToken;
class Database;
class LanApiServer;
class QHttpServerRequest;
class QHttpServerResponder;

// GET /metrics (admin token): MetricsRegistry::global() in the Prometheus text format, with
// the values that are read rather than counted (backlogs, token expiries, build info) taken
// at each scrape.
class MetricsRoutes final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsRoutes)

public:
    struct Sources
    {
        Database *database = nullptr;
        AdminToken *adminToken = nullptr;
        std::function<qint64()> douyinTokenValidUntil; // Unix seconds, 0 = none
        std::function<MeituanStatus()> meituanStatus;
    };

    MetricsRoutes(LanApiServer *server, Sources sources, QObject *parent = nullptr);

private:
    void answer(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void takeSnapshot() const;

    Sources m_sources;
};
