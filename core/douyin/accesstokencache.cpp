#include "core/douyin/accesstokencache.h"

#include <utility>

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>

#include "core/douyin/douyinapi.h"
#include "core/douyin/douyinjson.h"
#include "core/http/httpexchange.h"
#include "core/logging/categories.h"

namespace {

qint64 nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}

bool isWorthRetrying(const Douyin::Error &error)
{
    switch (error.kind) {
    case Douyin::Error::Kind::Unavailable:
    case Douyin::Error::Kind::Unknown: // a lost token answer costs nothing but a second token
    case Douyin::Error::Kind::BadAnswer:
        return true;
    case Douyin::Error::Kind::Rejected:
        return error.code == DouyinApi::UNKNOWN_ERROR || error.code == DouyinApi::SYSTEM_BUSY
                || error.code == DouyinApi::BUSY;
    default:
        return false;
    }
}

} // namespace

AccessTokenCache::AccessTokenCache(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent),
      m_network(network)
{
}

void AccessTokenCache::setCredentials(const QString &clientKey, const QString &clientSecret)
{
    if (clientKey == m_clientKey && clientSecret == m_clientSecret)
        return;
    m_clientKey = clientKey;
    m_clientSecret = clientSecret;
    m_token.clear();
    m_expiresAt = 0;
    setStore(m_store);
}

void AccessTokenCache::setTimeouts(int connectTimeoutMs, int requestTimeoutMs)
{
    m_connectTimeoutMs = connectTimeoutMs;
    m_requestTimeoutMs = requestTimeoutMs;
}

void AccessTokenCache::setStore(DouyinTokenRepository *store)
{
    m_store = store;
    if (!m_store || m_clientKey.isEmpty())
        return;
    if (const auto stored = m_store->load(m_clientKey);
        stored && stored->expiresAt > nowSeconds()) {
        m_token = stored->token;
        m_expiresAt = stored->expiresAt;
    }
}

void AccessTokenCache::token(QObject *context, Callback callback)
{
    const qint64 now = nowSeconds();
    if (isUsable(now)) {
        // Still good: answer now, and replace it in the background when it is getting old.
        if (m_expiresAt - now < REFRESH_MARGIN_SECONDS)
            startFetch();
        callback(m_token);
        return;
    }
    m_waiters.append({QPointer<QObject>(context), std::move(callback)});
    startFetch();
}

void AccessTokenCache::replaceRejected(const QString &rejected, QObject *context, Callback callback)
{
    m_rejected = rejected;
    if (m_token == rejected) {
        m_token.clear();
        m_expiresAt = 0;
    }
    token(context, std::move(callback));
}

void AccessTokenCache::startFetch()
{
    if (m_fetching)
        return;
    if (!hasCredentials()) {
        deliver(Douyin::Error::make(Douyin::Error::Kind::NotConfigured,
                                    QStringLiteral("Douyin client key and secret are not set")));
        return;
    }
    if (const qint64 left = m_throttledUntil - nowSeconds(); left > 0) {
        Douyin::Error error = Douyin::Error::make(
                Douyin::Error::Kind::Cooldown,
                QStringLiteral("client_token is throttled by Douyin (10020); next try in %1 s")
                        .arg(left));
        error.code = DouyinApi::CLIENT_TOKEN_THROTTLED;
        error.retryAfterSeconds = int(left);
        deliver(error);
        return;
    }
    m_fetching = true;
    if (adoptStored()) {
        m_fetching = false;
        deliver(m_token);
        return;
    }
    leadOrWait(0);
}

void AccessTokenCache::leadOrWait(int polls)
{
    const auto lead = m_store ? m_store->tryLeadRefresh(m_clientKey) : Result<bool>(true);
    // A store that cannot hold the election (its server is away): fetch, as a lone gateway.
    if (!lead.ok() || lead.value()) {
        m_leading = lead.ok() && m_store;
        // The previous leader may have stored its token and let go between our look at the row
        // and the election: look again, now that no one else can be storing one.
        if (m_leading && adoptStored()) {
            finishFetch(m_token);
            return;
        }
        fetchAttempt(1);
        return;
    }
    // The leader's fetch takes at most its attempts' timeouts (and their back-off).
    const int maxPolls = (MAX_FETCH_ATTEMPTS * m_requestTimeoutMs + 2000) / LEADER_POLL_MS;
    if (polls >= maxPolls) {
        m_fetching = false;
        deliver(Douyin::Error::make(Douyin::Error::Kind::Unavailable,
                                    QStringLiteral("client_token: the gateway refreshing it "
                                                   "has not stored a new one")));
        return;
    }
    QTimer::singleShot(LEADER_POLL_MS, this, [this, polls] {
        if (adoptStored()) {
            m_fetching = false;
            deliver(m_token);
            return;
        }
        leadOrWait(polls + 1);
    });
}

bool AccessTokenCache::adoptStored()
{
    if (!m_store)
        return false;
    const auto stored = m_store->load(m_clientKey);
    if (!stored || stored->token == m_token || stored->token == m_rejected
        || stored->expiresAt - nowSeconds() <= REFRESH_MARGIN_SECONDS)
        return false;
    m_token = stored->token;
    m_expiresAt = stored->expiresAt;
    qCInfo(lcDouyin) << "client_token taken from the shared store, valid until" << m_expiresAt;
    emit tokenRefreshed(m_expiresAt);
    return true;
}

void AccessTokenCache::fetchAttempt(int attempt)
{
    QUrl url = m_baseUrl;
    url.setPath(url.path() + QLatin1String(DouyinApi::PATH_CLIENT_TOKEN));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QByteArray body = QJsonDocument(QJsonObject{
                                                  {QStringLiteral("client_key"), m_clientKey},
                                                  {QStringLiteral("client_secret"), m_clientSecret},
                                                  {QStringLiteral("grant_type"),
                                                   QStringLiteral("client_credential")},
                                          })
                                    .toJson(QJsonDocument::Compact);
    ++m_fetchCount;
    HttpExchange::Limits limits;
    limits.connectTimeoutMs = m_connectTimeoutMs;
    limits.totalTimeoutMs = m_requestTimeoutMs;
    HttpExchange::start(
            m_network, request, QByteArrayLiteral("POST"), body, limits, this,
            [this, attempt](const HttpOutcome &outcome) {
                Result<QString, Douyin::Error> result = Douyin::Error{};
                if (outcome.failure != HttpOutcome::Failure::None) {
                    result = Douyin::Error::make(outcome.failure == HttpOutcome::Failure::NotSent
                                                         ? Douyin::Error::Kind::Unavailable
                                                         : Douyin::Error::Kind::Unknown,
                                                 QStringLiteral("client_token: ")
                                                         + outcome.errorText);
                } else {
                    const auto envelope = DouyinJson::envelope(outcome.body);
                    const auto token = envelope.ok()
                            ? DouyinJson::clientToken(envelope.value())
                            : Result<Douyin::ClientToken, Douyin::Error>(envelope.error());
                    if (token.ok()) {
                        const qint64 now = nowSeconds();
                        const std::optional<DouyinTokenRepository::Stored> previous =
                                m_token.isEmpty()
                                ? std::nullopt
                                : std::optional(DouyinTokenRepository::Stored{
                                        m_token,
                                        qMin(m_expiresAt, now + DouyinApi::TOKEN_GRACE_SECONDS),
                                        0});
                        m_token = token.value().accessToken;
                        m_expiresAt = now + token.value().expiresIn;
                        if (m_store) {
                            const auto saved = m_store->save(m_clientKey,
                                                             {m_token, m_expiresAt, now}, previous);
                            if (!saved.ok())
                                qCWarning(lcDouyin) << saved.error().message;
                        }
                        qCInfo(lcDouyin) << "client_token refreshed, valid for"
                                         << token.value().expiresIn << "s";
                        emit tokenRefreshed(m_expiresAt);
                        result = m_token;
                    } else {
                        result = token.error();
                    }
                }

                if (!result.ok() && isWorthRetrying(result.error())
                    && attempt < MAX_FETCH_ATTEMPTS) {
                    const int delay = 200 * (1 << (attempt - 1))
                            + int(QRandomGenerator::global()->bounded(100));
                    qCDebug(lcDouyin)
                            << "client_token attempt" << attempt
                            << "failed:" << result.error().message << "retry in" << delay << "ms";
                    QTimer::singleShot(delay, this, [this, attempt] { fetchAttempt(attempt + 1); });
                    return;
                }
                if (!result.ok() && result.error().isRejected(DouyinApi::CLIENT_TOKEN_THROTTLED)) {
                    m_throttledUntil = nowSeconds() + THROTTLE_BACKOFF_SECONDS;
                    qCWarning(lcDouyin) << "client_token throttled (10020): no fetch for"
                                        << THROTTLE_BACKOFF_SECONDS << "s";
                }
                finishFetch(result);
            });
}

void AccessTokenCache::finishFetch(const Result<QString, Douyin::Error> &result)
{
    // Released after save(), so the waiting gateways find the new token.
    if (std::exchange(m_leading, false))
        m_store->endRefresh(m_clientKey);
    m_fetching = false;
    deliver(result);
}

void AccessTokenCache::deliver(const Result<QString, Douyin::Error> &result)
{
    const auto waiters = std::exchange(m_waiters, {});
    for (const auto &[context, callback] : waiters) {
        if (context)
            callback(result);
    }
}
