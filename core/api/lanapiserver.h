#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <QList>
#include <QObject>
#include <QRegularExpression>

#include <QHttpServer>

#include "core/config/hostport.h"
#include "core/http/limitedtcpserver.h"
#include "core/http/routetable.h"
#include "core/meituan/meituanstatus.h"
#include "core/result.h"

class Database;
class QTcpServer;
class RouteMeter;

// The LAN API served to other store devices. Lives on the thread that owns the Database it
// is given. Every answer is JSON, including 404 and 405.
class LanApiServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanApiServer)

public:
    using Handler = std::function<void(const QHttpServerRequest &, QHttpServerResponder &&)>;

    // database: not owned, used on this object's thread for /health.
    explicit LanApiServer(Database *database, QObject *parent = nullptr);
    ~LanApiServer() override;

    // Binds and starts accepting. Returns the bound address (the real port when 0 was asked).
    Result<HostPort> listen(const HostPort &address);
    HostPort address() const { return m_address; }

    void setDouyinConfigured(bool configured) { m_douyinConfigured = configured; }
    // A real Douyin account without account_id: /health says so (order/POI queries fail).
    void setDouyinAccountIdMissing(bool missing) { m_accountIdMissing = missing; }
    // Unix seconds until which the current Douyin token is valid; 0 = none.
    void setTokenValidUntil(std::function<qint64()> provider)
    {
        m_tokenValidUntil = std::move(provider);
    }

    // Where the master key that seals the secrets lives: /health's "secrets" ("keychain",
    // "file"; SecretBox::storageName).
    void setSecretsStorage(const QString &storage) { m_secretsStorage = storage; }

    // Meituan's part of /health, read on this object's thread.
    void setMeituanStatus(std::function<MeituanStatus()> provider)
    {
        m_meituanStatus = std::move(provider);
    }

    // Registers path (QHttpServer syntax, "<arg>" for a path argument) for one method, and
    // remembers it so a known path with another method answers 405 with Allow. Returns the
    // route's meter (GET /metrics), owned here.
    RouteMeter *addRoute(const QString &path, QHttpServerRequest::Method method, Handler handler);
    // The same for a path with one "<arg>", passed to the handler as a QString.
    using ArgHandler = std::function<void(const QString &, const QHttpServerRequest &,
                                          QHttpServerResponder &&)>;
    void addArgRoute(const QString &path, QHttpServerRequest::Method method, ArgHandler handler);

    // WebSocket upgrade requests, taken before QHttpServer sees them (LimitedTcpServer);
    // set before listen().
    void setUpgradeHandler(LimitedTcpServer::UpgradeHandler handler)
    {
        m_upgradeHandler = std::move(handler);
    }

private:
    void answerHealth(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // /health's "database": ok, unavailable (a server that went away) or error (SQLite).
    QString databaseState(bool ok) const;
    void answerMissing(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    RouteMeter *addMeter(const QString &path, QHttpServerRequest::Method method);

    // Before m_server: its sockets point at them until they are gone.
    std::vector<std::unique_ptr<RouteMeter>> m_meters;
    RouteMeter *m_unmatched = nullptr;
    LimitedTcpServer::UpgradeHandler m_upgradeHandler;
    QHttpServer m_server;
    RouteTable m_routes;
    Database *m_database;
    bool m_douyinConfigured = false;
    bool m_accountIdMissing = false;
    QString m_secretsStorage = QStringLiteral("file");
    std::function<qint64()> m_tokenValidUntil;
    std::function<MeituanStatus()> m_meituanStatus;
    HostPort m_address;
};
