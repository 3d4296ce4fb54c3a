#include "core/meituan/meituantokenkeeper.h"

#include <QDateTime>
#include <QTimer>

#include "core/logging/categories.h"
#include "core/meituan/meituanapi.h"
#include "core/meituan/meituanclient.h"
#include "core/store/meituanstorerepository.h"

namespace {

constexpr int CHECK_INTERVAL_MS = 3600 * 1000;

qint64 secondsOf(const QDateTime &time)
{
    return time.isValid() ? time.toSecsSinceEpoch() : 0;
}

} // namespace

MeituanTokenKeeper::MeituanTokenKeeper(MeituanClient *client, MeituanStoreRepository *repository,
                                       QObject *parent)
    : QObject(parent),
      m_client(client),
      m_repository(repository),
      m_clock([] { return QDateTime::currentSecsSinceEpoch(); }),
      m_timer(new QTimer(this))
{
    m_timer->setInterval(CHECK_INTERVAL_MS);
    connect(m_timer, &QTimer::timeout, this, &MeituanTokenKeeper::refreshDue);
}

MeituanTokenKeeper::~MeituanTokenKeeper() = default;

void MeituanTokenKeeper::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void MeituanTokenKeeper::start()
{
    refreshDue();
    m_timer->start();
}

bool MeituanTokenKeeper::hasStore(const QString &poiId) const
{
    return m_stores.contains(poiId);
}

QList<MeituanStore> MeituanTokenKeeper::stores() const
{
    return m_stores.values();
}

Meituan::Error MeituanTokenKeeper::notBound(const QString &poiId)
{
    Meituan::Error error = Meituan::Error::make(
            Meituan::Error::Kind::NotConfigured,
            QStringLiteral("store %1 is not bound to a Meituan store").arg(poiId));
    error.reason = RejectReason::NotAuthorised;
    return error;
}

bool MeituanTokenKeeper::isFresh(const MeituanStore &store) const
{
    return now() < store.expiresAt - REFRESH_MARGIN_SECONDS;
}

void MeituanTokenKeeper::token(const QString &poiId, QObject *context, TokenCallback callback)
{
    if (!m_stores.contains(poiId)) {
        // Bound meanwhile, by this gateway's CLI or another gateway of the chain.
        if (auto stored = m_repository->load(poiId)) {
            m_stores.insert(poiId, *stored);
            emit storesChanged();
        }
    }
    const auto found = m_stores.constFind(poiId);
    if (found == m_stores.cend())
        return callback(notBound(poiId));
    if (now() < found->expiresAt && found->accessToken != m_rejected.value(poiId)) {
        if (!isFresh(*found))
            refresh(poiId); // ahead of time; this call still has a working token
        return callback(found->accessToken);
    }
    m_waiters[poiId].append({context, std::move(callback)});
    refresh(poiId);
}

void MeituanTokenKeeper::replaceRejected(const QString &poiId, const QString &rejected,
                                         QObject *context, TokenCallback callback)
{
    const auto found = m_stores.constFind(poiId);
    if (found == m_stores.cend())
        return callback(notBound(poiId));
    if (found->accessToken != rejected) // replaced since that call was sent
        return callback(found->accessToken);
    m_rejected.insert(poiId, rejected);
    m_waiters[poiId].append({context, std::move(callback)});
    refresh(poiId);
}

void MeituanTokenKeeper::refresh(const QString &poiId)
{
    auto waiting = m_waiters.find(poiId);
    if (waiting == m_waiters.end())
        waiting = m_waiters.insert(poiId, {});
    if (m_leading.contains(poiId))
        return; // running: the waiters get its result
    m_leading.insert(poiId, false);
    if (adoptStored(poiId))
        return finishRefresh(poiId, m_stores.value(poiId).accessToken);
    leadOrWait(poiId, 0);
}

bool MeituanTokenKeeper::adoptStored(const QString &poiId)
{
    const auto stored = m_repository->load(poiId);
    if (!stored)
        return false;
    // The row is the truth (every pair is stored before it is used), so a token there that is
    // not ours is newer; times in seconds could not tell two refreshes of one second apart.
    const MeituanStore ours = m_stores.value(poiId);
    if (stored->accessToken == ours.accessToken || stored->accessToken == m_rejected.value(poiId)
        || now() >= stored->expiresAt)
        return false;
    qCInfo(lcMeituan) << "store" << poiId << "takes the token pair another gateway refreshed";
    m_stores.insert(poiId, *stored);
    return true;
}

void MeituanTokenKeeper::leadOrWait(const QString &poiId, int polls)
{
    const auto elected = m_repository->tryLeadRefresh(poiId);
    if (!elected.ok() || elected.value() || polls >= LEADER_POLLS) {
        // Without an answer from the database, refreshing here beats leaving the store stuck.
        m_leading.insert(poiId, elected.ok() && elected.value());
        return sendRefresh(poiId);
    }
    QTimer::singleShot(LEADER_POLL_MS, this, [this, poiId, polls] {
        if (adoptStored(poiId))
            return finishRefresh(poiId, m_stores.value(poiId).accessToken);
        leadOrWait(poiId, polls + 1);
    });
}

void MeituanTokenKeeper::sendRefresh(const QString &poiId)
{
    ++m_refreshCount;
    const MeituanStore before = m_stores.value(poiId);
    m_client->refreshToken(
            before.refreshToken, this,
            [this, poiId, before](const Result<Meituan::TokenPair, Meituan::Error> &pair) {
                if (!pair.ok()) {
                    const QString reason = pair.error().message;
                    qCWarning(lcMeituan) << "refreshing the token of store" << poiId
                                         << "failed; the old pair stays:" << reason;
                    MeituanStore &store = m_stores[poiId];
                    store.refreshError = reason;
                    store.refreshFailedAt = now();
                    const auto noted = m_repository->saveRefreshFailure(poiId, reason, now());
                    if (!noted.ok())
                        qCWarning(lcMeituan) << noted.error().message;
                    return finishRefresh(poiId, pair.error());
                }
                MeituanStore store = before;
                store.accessToken = pair.value().accessToken;
                store.refreshToken = pair.value().refreshToken;
                store.expiresAt = secondsOf(pair.value().expiresAt);
                store.refreshExpiresAt = now() + MeituanApi::REFRESH_TOKEN_LIFETIME_SECONDS;
                if (!pair.value().scope.isEmpty())
                    store.scope = pair.value().scope;
                if (!pair.value().opBizCode.isEmpty())
                    store.opBizCode = pair.value().opBizCode;
                store.refreshedAt = now();
                store.refreshError.clear();
                store.refreshFailedAt = 0;
                m_stores.insert(poiId, store);
                // Stored before anyone uses it: Meituan may retire the old pair at once.
                const auto saved = m_repository->save(store);
                if (!saved.ok())
                    qCWarning(lcMeituan) << "cannot store the new token pair of" << poiId
                                         << saved.error().message;
                qCInfo(lcMeituan) << "store" << poiId << "token refreshed, valid until"
                                  << store.expiresAt;
                finishRefresh(poiId, store.accessToken);
            });
}

void MeituanTokenKeeper::finishRefresh(const QString &poiId,
                                       const Result<QString, Meituan::Error> &result)
{
    if (m_leading.take(poiId))
        m_repository->endRefresh(poiId);
    // A failed refresh still leaves a token that works until it expires.
    Result<QString, Meituan::Error> answer = result;
    const MeituanStore &store = m_stores[poiId];
    if (!result.ok() && now() < store.expiresAt && store.accessToken != m_rejected.value(poiId))
        answer = store.accessToken;
    const QList<Waiter> waiters = m_waiters.take(poiId);
    for (const Waiter &waiter : waiters) {
        if (waiter.context)
            waiter.callback(answer);
    }
    emit storesChanged();
}

void MeituanTokenKeeper::bind(const QString &poiId, const QString &authCode, QObject *context,
                              BindCallback callback)
{
    const qint64 developerId = m_client->config().developerId;
    m_client->exchangeCode(
            authCode, context,
            [this, poiId, developerId,
             callback](const Result<Meituan::TokenPair, Meituan::Error> &pair) {
                if (!pair.ok())
                    return callback(pair.error());
                if (pair.value().opBizCode.isEmpty() || pair.value().accessToken.isEmpty())
                    return callback(Meituan::Error::make(
                            Meituan::Error::Kind::BadAnswer,
                            QStringLiteral("Meituan's token answer names no store (opBizCode)")));
                MeituanStore store;
                store.poiId = poiId;
                store.opBizCode = pair.value().opBizCode;
                store.developerId = developerId;
                store.accessToken = pair.value().accessToken;
                store.refreshToken = pair.value().refreshToken;
                store.expiresAt = secondsOf(pair.value().expiresAt);
                store.refreshExpiresAt = now() + MeituanApi::REFRESH_TOKEN_LIFETIME_SECONDS;
                store.scope = pair.value().scope;
                store.boundAt = now();
                store.refreshedAt = now();
                const auto saved = m_repository->save(store);
                if (!saved.ok())
                    return callback(Meituan::Error::make(Meituan::Error::Kind::Unavailable,
                                                         saved.error().message));
                m_stores.insert(poiId, store);
                m_rejected.remove(poiId);
                qCInfo(lcMeituan) << "store" << poiId << "bound to Meituan store"
                                  << store.opBizCode;
                emit storesChanged();
                callback(store);
            });
}

Result<Done> MeituanTokenKeeper::unbind(const QString &poiId)
{
    const auto removed = m_repository->remove(poiId);
    if (!removed.ok())
        return removed;
    m_stores.remove(poiId);
    emit storesChanged();
    return Done{};
}

void MeituanTokenKeeper::refreshDue()
{
    // Re-read the rows: another gateway of the chain (or the CLI) may have bound a store.
    const auto listed = m_repository->list();
    if (listed.ok()) {
        for (const MeituanStore &stored : listed.value()) {
            const auto ours = m_stores.constFind(stored.poiId);
            if (ours == m_stores.cend() || stored.accessToken != ours->accessToken)
                m_stores.insert(stored.poiId, stored);
        }
        emit storesChanged();
    }
    const QList<MeituanStore> stores = m_stores.values(); // refresh() may replace entries
    for (const MeituanStore &store : stores) {
        if (!isFresh(store) && !m_leading.contains(store.poiId))
            refresh(store.poiId);
    }
}
