#pragma once

#include <functional>
#include <memory>

#include <QObject>
#include <QUrl>

#include "core/meituan/meituanclient.h"
#include "core/meituan/meituanstatus.h"
#include "core/store/meituanstore.h"

class Database;
class MeituanPlatform;
class MeituanStoreRepository;
class MeituanTokenKeeper;
class SecretBox;

// Meituan's parts of a running gateway, built together on the gateway thread: the client, the
// bound stores' repository, the one token keeper and the platform the engine verifies with.
class MeituanSetup final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MeituanSetup)

public:
    using BindCallback = std::function<void(const Result<MeituanStore, Meituan::Error> &)>;

    // Both must outlive this object.
    MeituanSetup(Database *database, const SecretBox *box, const MeituanClient::Config &config,
                 QObject *parent = nullptr);
    ~MeituanSetup() override;

    // Loads the bound stores and starts refreshing their tokens.
    void start();

    MeituanPlatform *platform() const { return m_platform; }
    MeituanTokenKeeper *tokens() const { return m_tokens; }
    MeituanClient *client() const { return m_client; }
    bool isConfigured() const { return m_client->isConfigured(); }

    void bind(const QString &poiId, const QString &authCode, QObject *context,
              BindCallback callback);
    // Demo mode: binds each store with the sandbox's code for it (`sandbox-auth-<poi_id>`).
    void bindAll(const QStringList &poiIds, const std::function<QString(const QString &)> &codeOf);
    // Meituan's signed authorization page for one store; `state` is the POI id.
    QUrl authorizationUrl(const QString &poiId) const;
    MeituanStatus status() const;

private:
    MeituanClient *m_client;
    std::unique_ptr<MeituanStoreRepository> m_repository;
    MeituanTokenKeeper *m_tokens;
    MeituanPlatform *m_platform;
};
