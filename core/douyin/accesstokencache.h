#pragma once

#include <functional>
#include <optional>

#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include "core/douyin/douyinerror.h"
#include "core/result.h"
#include "core/store/douyintokenrepository.h"

class QNetworkAccessManager;

// The one owner of the client_token. Callers ask for a token; concurrent askers share one
// fetch; a token close to expiry is replaced ahead of time; a token Douyin rejected
// (2190002/2190008) is replaced once, however many calls saw the rejection.
// Chain mode (gateways sharing the store's row): before fetching, a fresher token another
// gateway stored is taken instead, and only the gateway the store elects fetches
// (DouyinTokenRepository::tryLeadRefresh()); the others poll the row until it has the new
// token, so however many gateways need a token, Douyin is asked once.
class AccessTokenCache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessTokenCache)

public:
    using Callback = std::function<void(const Result<QString, Douyin::Error> &)>;

    // Fetch a new token when the current one has less than this left. Douyin's tokens live
    // 2 h; refreshing 10 min early keeps every call on a token with time to spare.
    static constexpr int REFRESH_MARGIN_SECONDS = 600;
    static constexpr int MAX_FETCH_ATTEMPTS = 3;
    // After client_token throttling (10020) no fetch is made for this long; callers get a
    // cooldown error at once instead of adding to the throttle. [choice] Douyin gives none.
    static constexpr int THROTTLE_BACKOFF_SECONDS = 60;
    // How often a gateway that lost the election looks for the leader's token.
    static constexpr int LEADER_POLL_MS = 200;

    AccessTokenCache(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setBaseUrl(const QUrl &baseUrl) { m_baseUrl = baseUrl; }
    // New credentials drop the current token.
    void setCredentials(const QString &clientKey, const QString &clientSecret);
    bool hasCredentials() const { return !m_clientKey.isEmpty() && !m_clientSecret.isEmpty(); }
    void setTimeouts(int connectTimeoutMs, int requestTimeoutMs);
    // Optional persistence; loads the stored token for the current client key.
    void setStore(DouyinTokenRepository *store);

    void token(QObject *context, Callback callback);
    // After Douyin refused `rejected`: a fresh token, fetched at most once per rejected token.
    void replaceRejected(const QString &rejected, QObject *context, Callback callback);

    QString currentToken() const { return m_token; }
    qint64 expiresAt() const { return m_expiresAt; } // Unix seconds; 0 when none
    int fetchCount() const { return m_fetchCount; } // network fetches since start

signals:
    void tokenRefreshed(qint64 expiresAt);

private:
    void startFetch();
    void fetchAttempt(int attempt);
    void deliver(const Result<QString, Douyin::Error> &result);
    // Ends a fetch (releasing the election if held) and answers the waiters.
    void finishFetch(const Result<QString, Douyin::Error> &result);
    // Fetches if elected, else waits for the elected gateway's token (polls counts the waits).
    void leadOrWait(int polls);
    // Takes the stored token when another gateway stored a fresher one than ours.
    bool adoptStored();
    bool isUsable(qint64 now) const { return !m_token.isEmpty() && now < m_expiresAt; }

    QNetworkAccessManager *m_network;
    DouyinTokenRepository *m_store = nullptr;
    QUrl m_baseUrl;
    QString m_clientKey;
    QString m_clientSecret;
    int m_connectTimeoutMs = 3000;
    int m_requestTimeoutMs = 10000;
    QString m_token;
    qint64 m_expiresAt = 0;
    bool m_fetching = false;
    bool m_leading = false; // this fetch holds the store's election
    QString m_rejected; // the last token Douyin refused: never adopted again
    int m_fetchCount = 0;
    qint64 m_throttledUntil = 0; // Unix seconds
    QList<QPair<QPointer<QObject>, Callback>> m_waiters;
};
