#include "core/runtime/meituansetup.h"

#include "core/logging/categories.h"
#include "core/meituan/meituanplatform.h"
#include "core/meituan/meituantokenkeeper.h"
#include "core/store/meituanstorerepository.h"

MeituanSetup::MeituanSetup(Database *database, const SecretBox *box,
                           const MeituanClient::Config &config, QObject *parent)
    : QObject(parent),
      m_client(new MeituanClient(this)),
      m_repository(std::make_unique<MeituanStoreRepository>(database, box)),
      m_tokens(new MeituanTokenKeeper(m_client, m_repository.get(), this)),
      m_platform(new MeituanPlatform(m_client, m_tokens, this))
{
    m_client->setConfig(config);
}

// The children go first (they use the repository); QObject would delete them after it.
MeituanSetup::~MeituanSetup()
{
    delete m_platform;
    delete m_tokens;
    delete m_client;
}

void MeituanSetup::start()
{
    m_tokens->start();
}

void MeituanSetup::bind(const QString &poiId, const QString &authCode, QObject *context,
                        BindCallback callback)
{
    if (!isConfigured())
        return callback(Meituan::Error::make(
                Meituan::Error::Kind::NotConfigured,
                QStringLiteral("set the Meituan developer id and sign key first")));
    m_tokens->bind(poiId, authCode.trimmed(), context, std::move(callback));
}

void MeituanSetup::bindAll(const QStringList &poiIds,
                           const std::function<QString(const QString &)> &codeOf)
{
    for (const QString &poiId : poiIds) {
        if (m_tokens->hasStore(poiId))
            continue;
        bind(poiId, codeOf(poiId), this,
             [poiId](const Result<MeituanStore, Meituan::Error> &bound) {
                 if (!bound.ok())
                     qCWarning(lcMeituan)
                             << "demo store" << poiId << "not bound:" << bound.error().message;
             });
    }
}

QUrl MeituanSetup::authorizationUrl(const QString &poiId) const
{
    return m_client->authorizationUrl(poiId);
}

MeituanStatus MeituanSetup::status() const
{
    MeituanStatus status;
    status.configured = isConfigured();
    for (const MeituanStore &store : m_tokens->stores())
        status.stores.append({store.poiId, store.opBizCode, store.expiresAt, store.refreshError,
                              store.refreshFailedAt});
    std::sort(status.stores.begin(), status.stores.end(),
              [](const auto &a, const auto &b) { return a.poiId < b.poiId; });
    return status;
}
