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
    int m_fetchCount = 0;
    qint64 m_throttledUntil = 0; // Unix seconds
    QList<QPair<QPointer<QObject>, Callback>> m_waiters;
};
