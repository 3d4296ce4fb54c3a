#pragma once

#include <functional>

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include "core/meituan/meituanerror.h"
#include "core/result.h"
#include "core/store/meituanstore.h"

class MeituanClient;
class MeituanStoreRepository;
class QTimer;

// The one owner of every bound store's Meituan token pair (MEITUAN.md §1). Callers ask for a
// store's access token; a token close to expiry is refreshed ahead of time, a token Meituan
// refused (OP_TOKEN_EXPIRED) is refreshed once however many calls saw it, and concurrent askers
// share one refresh. A refresh Meituan refuses leaves the old pair in place and is kept as the
// store's refreshError (settings page, /health).
// Chain mode: the stores' rows are shared; before refreshing, a fresher pair another gateway
// stored is taken instead, and only the elected gateway refreshes (the others poll the row).
class MeituanTokenKeeper final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MeituanTokenKeeper)

public:
    using TokenCallback = std::function<void(const Result<QString, Meituan::Error> &)>;
    using BindCallback = std::function<void(const Result<MeituanStore, Meituan::Error> &)>;
    using Clock = std::function<qint64()>; // Unix seconds

    // The access token lives 30 days: refreshing 3 days early leaves room for a failed refresh
    // to be noticed and retried while the old token still works. [choice]
    static constexpr int REFRESH_MARGIN_SECONDS = 3 * 24 * 3600;
    static constexpr int LEADER_POLL_MS = 200;
    static constexpr int LEADER_POLLS = 50; // then this gateway refreshes itself

    // Both must outlive the keeper and live on its thread.
    MeituanTokenKeeper(MeituanClient *client, MeituanStoreRepository *repository,
                       QObject *parent = nullptr);
    ~MeituanTokenKeeper() override;

    void setClock(Clock clock);
    // Reads the bound stores and starts the refresh timer.
    void start();

    bool hasStore(const QString &poiId) const;
    QList<MeituanStore> stores() const;

    void token(const QString &poiId, QObject *context, TokenCallback callback);
    // After Meituan refused `rejected`: a fresh token, refreshed at most once per rejected one.
    void replaceRejected(const QString &poiId, const QString &rejected, QObject *context,
                         TokenCallback callback);
    // Exchanges an authorization code for the store's pair and binds the store to the POI.
    void bind(const QString &poiId, const QString &authCode, QObject *context,
              BindCallback callback);
    Result<Done> unbind(const QString &poiId);
    // Refreshes every store whose token is within the margin (the timer calls it hourly).
    void refreshDue();

    int refreshCount() const { return m_refreshCount; } // network refreshes since start

signals:
    void storesChanged();

private:
    struct Waiter
    {
        QPointer<QObject> context;
        TokenCallback callback;
    };

    qint64 now() const { return m_clock(); }
    void refresh(const QString &poiId);
    void leadOrWait(const QString &poiId, int polls);
    void sendRefresh(const QString &poiId);
    void finishRefresh(const QString &poiId, const Result<QString, Meituan::Error> &result);
    // Takes the stored pair when another gateway refreshed it after us.
    bool adoptStored(const QString &poiId);
    bool isFresh(const MeituanStore &store) const;
    static Meituan::Error notBound(const QString &poiId);

    MeituanClient *m_client;
    MeituanStoreRepository *m_repository;
    Clock m_clock;
    QTimer *m_timer;
    QHash<QString, MeituanStore> m_stores;
    QHash<QString, QList<Waiter>> m_waiters; // refreshes running, by POI
    QHash<QString, bool> m_leading; // refreshes holding the store's election
    QHash<QString, QString> m_rejected; // the last token Meituan refused, by POI
    int m_refreshCount = 0;
};
