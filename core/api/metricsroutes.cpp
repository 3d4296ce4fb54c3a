#include "core/api/metricsroutes.h"

#include <QDateTime>
#include <QSqlQuery>

#include <QHttpServerRequest>
#include <QHttpServerResponder>

#include "core/api/apirequest.h"
#include "core/api/asyncreply.h"
#include "core/api/lanapiserver.h"
#include "core/metrics/gatewaymetrics.h"
#include "core/metrics/metricsregistry.h"
#include "core/store/database.h"
#include "core/version.h"

namespace {

qint64 countOf(Database *database, const QString &sql)
{
    QSqlQuery query(database->connection());
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

} // namespace

MetricsRoutes::MetricsRoutes(LanApiServer *server, Sources sources, QObject *parent)
    : QObject(parent),
      m_sources(std::move(sources))
{
    GatewayMetrics::registerAll();
    server->addRoute(QStringLiteral("/metrics"), QHttpServerRequest::Method::Get,
                     [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                         answer(request, std::move(responder));
                     });
}

void MetricsRoutes::answer(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const AsyncReply reply(request, std::move(responder));
    if (!ApiRequest::authenticateAdmin(m_sources.adminToken, request, reply))
        return;
    takeSnapshot();
    reply.bytes(QHttpServerResponder::StatusCode::Ok, QByteArray(MetricsRegistry::CONTENT_TYPE),
                MetricsRegistry::global().exposition());
}

void MetricsRoutes::takeSnapshot() const
{
    GatewayMetrics::Snapshot snapshot;
    snapshot.version = QStringLiteral(DYGW_VERSION);
    if (Database *database = m_sources.database) {
        snapshot.gatewayName = database->gatewayName();
        snapshot.databaseKind = database->dialect().kind();
        snapshot.enrichmentBacklog = countOf(
                database,
                QStringLiteral("SELECT COUNT(*) FROM enrichment_jobs WHERE status = 'pending'"));
        snapshot.resolutionBacklog =
                countOf(database,
                        QStringLiteral("SELECT COUNT(*) FROM verifications WHERE verify_status IN "
                                       "('pending', 'unknown') OR cancel_status IN ('pending', "
                                       "'unknown')"));
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (m_sources.douyinTokenValidUntil) {
        if (const qint64 until = m_sources.douyinTokenValidUntil(); until > 0)
            snapshot.tokenExpiries.append({QStringLiteral("douyin"), QString(), until - now});
    }
    if (m_sources.meituanStatus) {
        for (const MeituanStatus::Store &store : m_sources.meituanStatus().stores) {
            if (store.tokenValidUntil > 0)
                snapshot.tokenExpiries.append(
                        {QStringLiteral("meituan"), store.poiId, store.tokenValidUntil - now});
        }
    }
    GatewayMetrics::setSnapshot(snapshot);
}
