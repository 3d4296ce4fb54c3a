#include "core/api/lanapiserver.h"

#include <QJsonArray>

#include <QDateTime>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTcpServer>

#include "core/http/apisocket.h"
#include "core/http/httproute.h"
#include "core/http/jsonreply.h"
#include "core/http/limitedtcpserver.h"
#include "core/logging/categories.h"
#include "core/metrics/routemeter.h"
#include "core/store/database.h"
#include "core/version.h"

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponder::StatusCode;

} // namespace

LanApiServer::LanApiServer(Database *database, QObject *parent)
    : QObject(parent),
      m_database(database)
{
    addRoute(QStringLiteral("/health"), Method::Get,
             [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                 answerHealth(request, std::move(responder));
             });
    // Unknown paths count under one label: raw paths would make a series per scanner probe.
    m_meters.push_back(
            std::make_unique<RouteMeter>(QStringLiteral("(unmatched)"), QStringLiteral("any")));
    m_unmatched = m_meters.back().get();
    m_server.setMissingHandler(
            [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                if (ApiSocket *socket = ApiSocket::of(responder))
                    socket->setRoute(m_unmatched);
                answerMissing(request, std::move(responder));
            });
}

LanApiServer::~LanApiServer() = default;

Result<HostPort> LanApiServer::listen(const HostPort &address)
{
    // Our own QTcpServer, so a failure can say why (port in use, address not local…).
    auto *tcp = new LimitedTcpServer(LimitedTcpServer::DEFAULT_MAX_BODY, &m_server);
    if (!tcp->listen(address.address(), address.port)) {
        const QString reason = tcp->errorString();
        delete tcp;
        return makeError(ErrorCode::Network,
                         QStringLiteral("cannot listen on %1: %2").arg(address.toString(), reason));
    }
    tcp->setUpgradeHandler(m_upgradeHandler);
    m_server.bind(tcp);
    m_address = HostPort{address.host, tcp->serverPort()};
    qCInfo(lcApi) << "LAN API listening on" << m_address.toString();
    return m_address;
}

RouteMeter *LanApiServer::addMeter(const QString &path, Method method)
{
    m_meters.push_back(
            std::make_unique<RouteMeter>(path, QString::fromLatin1(HttpRoute::methodName(method))));
    return m_meters.back().get();
}

RouteMeter *LanApiServer::addRoute(const QString &path, Method method, Handler handler)
{
    m_routes.add(path, method);
    RouteMeter *meter = addMeter(path, method);
    m_server.route(path, method,
                   [handler = std::move(handler), meter](const QHttpServerRequest &request,
                                                         QHttpServerResponder &&responder) {
                       if (ApiSocket *socket = ApiSocket::of(responder))
                           socket->setRoute(meter);
                       handler(request, std::move(responder));
                   });
    return meter;
}

void LanApiServer::addArgRoute(const QString &path, Method method, ArgHandler handler)
{
    m_routes.add(path, method);
    RouteMeter *meter = addMeter(path, method);
    m_server.route(path, method,
                   [handler = std::move(handler), meter](const QString &arg,
                                                         const QHttpServerRequest &request,
                                                         QHttpServerResponder &&responder) {
                       if (ApiSocket *socket = ApiSocket::of(responder))
                           socket->setRoute(meter);
                       handler(arg, request, std::move(responder));
                   });
}

QString LanApiServer::databaseState(bool ok) const
{
    if (ok)
        return QStringLiteral("ok");
    // A server can come back (the connection recovers by itself); a broken file does not.
    return m_database && m_database->dialect().isPostgresql() ? QStringLiteral("unavailable")
                                                              : QStringLiteral("error");
}

namespace {

QJsonValue isoTime(qint64 unixSeconds)
{
    return unixSeconds > 0
            ? QJsonValue(QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC).toString(Qt::ISODate))
            : QJsonValue(QJsonValue::Null);
}

// API.md: {"configured", "stores", "token_valid_until"}; plus each store whose token refresh
// failed, since an unnoticed failure ends in a store that cannot verify a month later.
QJsonObject meituanHealth(const MeituanStatus &status)
{
    QJsonArray failures;
    for (const MeituanStatus::Store &store : status.stores) {
        if (store.refreshError.isEmpty())
            continue;
        failures.append(
                QJsonObject{{QStringLiteral("poi_id"), store.poiId},
                            {QStringLiteral("error"), store.refreshError},
                            {QStringLiteral("failed_at"), isoTime(store.refreshFailedAt)},
                            {QStringLiteral("token_valid_until"), isoTime(store.tokenValidUntil)}});
    }
    return {{QStringLiteral("configured"), status.configured},
            {QStringLiteral("stores"), int(status.stores.size())},
            {QStringLiteral("token_valid_until"), isoTime(status.tokenValidUntil())},
            {QStringLiteral("refresh_failures"), failures}};
}

} // namespace

void LanApiServer::answerHealth(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QByteArray requestId = JsonReply::requestId(request);
    bool databaseOk = m_database && m_database->check().ok();
    qint64 backlog = 0;
    if (databaseOk) {
        QSqlQuery query(m_database->connection());
        databaseOk = query.exec(QStringLiteral(
                             "SELECT COUNT(*) FROM enrichment_jobs WHERE status = 'pending'"))
                && query.next();
        backlog = databaseOk ? query.value(0).toLongLong() : 0;
    }
    QJsonObject douyin{{QStringLiteral("configured"), m_douyinConfigured},
                       {QStringLiteral("token_valid_until"),
                        isoTime(m_tokenValidUntil ? m_tokenValidUntil() : 0)},
                       {QStringLiteral("account_id_set"), !m_accountIdMissing}};
    QJsonArray warnings;
    if (m_accountIdMissing)
        warnings.append(QStringLiteral("account_id is not set: Douyin needs it for the order "
                                       "and POI queries (enrichment, store list)"));
    douyin.insert(QStringLiteral("warnings"), warnings);
    const QJsonObject body{
            // "degraded" with 503 lets a load balancer take a gateway whose database
            // broke out of rotation while it still answers.
            {QStringLiteral("status"),
             databaseOk ? QStringLiteral("ok") : QStringLiteral("degraded")},
            {QStringLiteral("version"), QStringLiteral(DYGW_VERSION)},
            {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
            {QStringLiteral("database"), databaseState(databaseOk)},
            {QStringLiteral("database_kind"),
             m_database ? m_database->dialect().kind() : QStringLiteral("sqlite")},
            {QStringLiteral("gateway"), m_database ? m_database->gatewayName() : QString()},
            {QStringLiteral("douyin"), douyin},
            {QStringLiteral("meituan"),
             meituanHealth(m_meituanStatus ? m_meituanStatus() : MeituanStatus{})},
            {QStringLiteral("enrichment_backlog"), backlog},
            {QStringLiteral("secrets"), m_secretsStorage},
    };
    JsonReply::write(responder, databaseOk ? Status::Ok : Status::ServiceUnavailable, body,
                     requestId);
}

void LanApiServer::answerMissing(const QHttpServerRequest &request,
                                 QHttpServerResponder &&responder)
{
    m_routes.answerMissing(request, responder);
}
