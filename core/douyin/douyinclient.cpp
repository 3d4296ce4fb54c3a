#include "core/douyin/douyinclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include "core/douyin/accesstokencache.h"
#include "core/douyin/douyinapi.h"
#include "core/douyin/douyinhistoryjson.h"
#include "core/douyin/douyinjson.h"
#include "core/douyin/shortlinkresolver.h"
#include "core/http/httpexchange.h"
#include "core/logging/categories.h"
#include "core/metrics/gatewaymetrics.h"

namespace {

bool isBusyCode(qint64 code)
{
    return code == DouyinApi::UNKNOWN_ERROR || code == DouyinApi::SYSTEM_BUSY
            || code == DouyinApi::BUSY;
}

bool isTokenCode(qint64 code)
{
    return code == DouyinApi::TOKEN_INVALID || code == DouyinApi::TOKEN_EXPIRED;
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

DouyinClient::DouyinClient(QObject *parent)
    : QObject(parent),
      m_networks{new QNetworkAccessManager(this), new QNetworkAccessManager(this)},
      m_tokens(new AccessTokenCache(m_networks.constFirst(), this)),
      m_shortLinks(new ShortLinkResolver(m_networks.constFirst(), this))
{
    setConfig(m_config);
}

DouyinClient::~DouyinClient() = default;

void DouyinClient::setConfig(const Config &config)
{
    m_config = config;
    m_tokens->setBaseUrl(config.baseUrl);
    m_tokens->setCredentials(config.clientKey, config.clientSecret);
    m_tokens->setTimeouts(config.connectTimeoutMs, config.requestTimeoutMs);
    m_shortLinks->setShortLinkBase(config.shortLinkBase);
    m_shortLinks->setTimeouts(config.connectTimeoutMs, config.requestTimeoutMs);
}

bool DouyinClient::isConfigured() const
{
    return m_tokens->hasCredentials();
}

void DouyinClient::setTokenStore(DouyinTokenRepository *store)
{
    m_tokens->setStore(store);
}

int DouyinClient::cooldownRemaining() const
{
    const qint64 left = m_cooldownUntilMs - QDateTime::currentMSecsSinceEpoch();
    return left > 0 ? int((left + 999) / 1000) : 0;
}

void DouyinClient::clientToken(QObject *context, Callback<QString> callback)
{
    m_tokens->token(context, std::move(callback));
}

void DouyinClient::resolveShortLink(const QString &link, QObject *context,
                                    Callback<QString> callback)
{
    m_shortLinks->resolve(link, context, std::move(callback));
}

template <typename T, typename Parse>
void DouyinClient::run(const Call &call, QObject *context, Callback<T> callback, Parse parse)
{
    send(call, context,
         [callback = std::move(callback), parse, lossIsUnknown = call.answerLossIsUnknown](
                 const Result<QJsonObject, Douyin::Error> &answer, const QJsonObject &data) {
             if (!answer.ok())
                 return callback(answer.error());
             DouyinJson::Envelope envelope{data, answer.value(), {}};
             Result<T, Douyin::Error> parsed = parse(envelope);
             // A verify answer we cannot read may still report an applied verification.
             if (!parsed.ok() && lossIsUnknown
                 && parsed.error().kind == Douyin::Error::Kind::BadAnswer) {
                 Douyin::Error error = parsed.error();
                 error.kind = Douyin::Error::Kind::Unknown;
                 return callback(error);
             }
             callback(parsed);
         });
}

void DouyinClient::prepare(const Douyin::PrepareRequest &request, QObject *context,
                           Callback<Douyin::PrepareResult> callback)
{
    Call call{QByteArrayLiteral("GET"), DouyinApi::PATH_PREPARE, {}, {}, RetryPolicy::UnlessSent};
    if (!request.encryptedData.isEmpty())
        call.query.addQueryItem(QStringLiteral("encrypted_data"), request.encryptedData);
    if (!request.code.isEmpty())
        call.query.addQueryItem(QStringLiteral("code"), request.code);
    if (!request.poiId.isEmpty())
        call.query.addQueryItem(QStringLiteral("poi_id"), request.poiId);
    run<Douyin::PrepareResult>(call, context, std::move(callback), DouyinJson::prepare);
}

void DouyinClient::verify(const Douyin::VerifyRequest &request, QObject *context,
                          Callback<Douyin::VerifyResult> callback)
{
    // Never retried here; but QNetworkAccessManager itself sends this POST again when its
    // connection closes (FIN or RST) before any answer byte, and we only see the second answer.
    // We let it: Qt offers no switch for it, and it is safe only because the resend carries
    // the SAME verify_token, which Douyin applies at most once. Its answer to a verify that
    // already applied is 1208 or 2, and RecordTransitions reads those as this verification's
    // success. Never reuse this call with a new token for a verify that may have applied.
    Call call{QByteArrayLiteral("POST"), DouyinApi::PATH_VERIFY, {}, {}, RetryPolicy::Never};
    call.answerLossIsUnknown = true;
    call.body.insert(QStringLiteral("verify_token"), request.verifyToken);
    call.body.insert(QStringLiteral("poi_id"), request.poiId);
    if (!request.encryptedCodes.isEmpty())
        call.body.insert(QStringLiteral("encrypted_codes"), toArray(request.encryptedCodes));
    if (!request.codes.isEmpty())
        call.body.insert(QStringLiteral("codes"), toArray(request.codes));
    if (!request.orderId.isEmpty())
        call.body.insert(QStringLiteral("order_id"), request.orderId);
    run<Douyin::VerifyResult>(call, context, std::move(callback), DouyinJson::verify);
}

void DouyinClient::certificateGet(const QString &encryptedCode, QObject *context,
                                  Callback<Douyin::CertificateGetResult> callback)
{
    Call call{QByteArrayLiteral("GET"), DouyinApi::PATH_CERTIFICATE_GET, {}, {}, RetryPolicy::Read};
    call.query.addQueryItem(QStringLiteral("encrypted_code"), encryptedCode);
    run<Douyin::CertificateGetResult>(call, context, std::move(callback),
                                      DouyinJson::certificateGet);
}

void DouyinClient::certificateQuery(const Douyin::CertificateQueryRequest &request,
                                    QObject *context,
                                    Callback<Douyin::CertificateQueryResult> callback)
{
    Call call{
            QByteArrayLiteral("GET"), DouyinApi::PATH_CERTIFICATE_QUERY, {}, {}, RetryPolicy::Read};
    if (!request.encryptedCode.isEmpty())
        call.query.addQueryItem(QStringLiteral("encrypted_code"), request.encryptedCode);
    if (!request.orderId.isEmpty())
        call.query.addQueryItem(QStringLiteral("order_id"), request.orderId);
    run<Douyin::CertificateQueryResult>(call, context, std::move(callback),
                                        DouyinJson::certificateQuery);
}

void DouyinClient::orderQuery(const Douyin::OrderQueryRequest &request, QObject *context,
                              Callback<Douyin::OrderQueryResult> callback)
{
    Call call{QByteArrayLiteral("GET"), DouyinApi::PATH_ORDER_QUERY, {}, {}, RetryPolicy::Read};
    const QString account = request.accountId.isEmpty() ? m_config.accountId : request.accountId;
    if (!account.isEmpty())
        call.query.addQueryItem(QStringLiteral("account_id"), account);
    call.query.addQueryItem(QStringLiteral("order_id"), request.orderId);
    call.query.addQueryItem(QStringLiteral("page_num"), QString::number(request.pageNum));
    call.query.addQueryItem(QStringLiteral("page_size"), QString::number(request.pageSize));
    run<Douyin::OrderQueryResult>(call, context, std::move(callback), DouyinJson::orderQuery);
}

void DouyinClient::poiQuery(const Douyin::PoiQueryRequest &request, QObject *context,
                            Callback<Douyin::PoiQueryResult> callback)
{
    Call call{QByteArrayLiteral("GET"), DouyinApi::PATH_POI_QUERY, {}, {}, RetryPolicy::Read};
    const QString account = request.accountId.isEmpty() ? m_config.accountId : request.accountId;
    if (!account.isEmpty())
        call.query.addQueryItem(QStringLiteral("account_id"), account);
    call.query.addQueryItem(QStringLiteral("page"), QString::number(request.page));
    call.query.addQueryItem(QStringLiteral("size"), QString::number(request.size));
    run<Douyin::PoiQueryResult>(call, context, std::move(callback), DouyinJson::poiQuery);
}

void DouyinClient::cancel(const Douyin::CancelRequest &request, QObject *context,
                          Callback<QJsonObject> callback)
{
    Call call{QByteArrayLiteral("POST"), DouyinApi::PATH_CANCEL, {}, {}, RetryPolicy::Never};
    call.answerLossIsUnknown = true;
    call.body.insert(QStringLiteral("verify_id"), request.verifyId);
    call.body.insert(QStringLiteral("certificate_id"), request.certificateId);
    if (!request.cancelToken.isEmpty())
        call.body.insert(QStringLiteral("cancel_token"), request.cancelToken);
    if (!m_config.accountId.isEmpty())
        call.body.insert(QStringLiteral("account_id"), m_config.accountId);
    run<QJsonObject>(call, context, std::move(callback), [](const DouyinJson::Envelope &envelope) {
        return Result<QJsonObject, Douyin::Error>(envelope.raw);
    });
}

void DouyinClient::send(const Call &call, QObject *context, RawCallback callback)
{
    if (!isConfigured()) {
        return callback(
                Douyin::Error::make(Douyin::Error::Kind::NotConfigured,
                                    QStringLiteral("Douyin client key and secret are not set")),
                {});
    }
    attempt(call, 1, false, context, std::move(callback));
}

QNetworkRequest DouyinClient::requestFor(const Call &call, const QString &accessToken) const
{
    QUrl url = m_config.baseUrl;
    url.setPath(url.path() + QLatin1String(call.path));
    if (!call.query.isEmpty())
        url.setQuery(call.query);
    QNetworkRequest request(url);
    request.setRawHeader(DouyinApi::HEADER_ACCESS_TOKEN, accessToken.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return request;
}

void DouyinClient::attempt(const Call &call, int attemptNumber, bool tokenReplaced,
                           QObject *context, RawCallback callback)
{
    if (const int left = cooldownRemaining(); left > 0) {
        Douyin::Error error = Douyin::Error::make(
                Douyin::Error::Kind::Cooldown,
                QStringLiteral("Douyin said calls are too frequent (2119003); waiting %1 s")
                        .arg(left));
        error.code = DouyinApi::TOO_FREQUENT;
        error.retryAfterSeconds = left;
        return callback(error, {});
    }

    QPointer<QObject> guard(context);
    m_tokens->token(this, [=, this](const Result<QString, Douyin::Error> &token) {
        if (!guard)
            return;
        if (!token.ok())
            return callback(token.error(), {});

        const QNetworkRequest request = requestFor(call, token.value());
        const QByteArray body = call.method == "GET"
                ? QByteArray()
                : QJsonDocument(call.body).toJson(QJsonDocument::Compact);
        HttpExchange::Limits limits;
        limits.connectTimeoutMs = m_config.connectTimeoutMs;
        limits.totalTimeoutMs = m_config.requestTimeoutMs;

        QNetworkAccessManager *network = m_networks.at(m_nextNetwork);
        m_nextNetwork = (m_nextNetwork + 1) % int(m_networks.size());
        const QElapsedTimer sent = GatewayMetrics::startTimer();
        HttpExchange::start(
                network, request, call.method, body, limits, this,
                [=, this, usedToken = token.value()](const HttpOutcome &outcome) {
                    GatewayMetrics::observePlatformCall("douyin", call.path, outcome, sent);
                    if (!guard)
                        return;
                    Douyin::Error error;
                    if (outcome.failure == HttpOutcome::Failure::None && outcome.status == 200) {
                        const auto envelope = DouyinJson::envelope(outcome.body);
                        if (envelope.ok())
                            return callback(envelope.value().raw, envelope.value().data);
                        error = envelope.error();
                        const bool rejected = error.kind == Douyin::Error::Kind::Rejected;
                        if (rejected && isTokenCode(error.code) && !tokenReplaced) {
                            qCInfo(lcDouyin)
                                    << "token refused with" << error.code << "- replacing it once";
                            m_tokens->replaceRejected(
                                    usedToken, this,
                                    [=, this](const Result<QString, Douyin::Error> &) {
                                        if (guard)
                                            attempt(call, attemptNumber, true, guard, callback);
                                    });
                            return;
                        }
                        if (rejected && error.code == DouyinApi::TOO_FREQUENT) {
                            m_cooldownUntilMs = QDateTime::currentMSecsSinceEpoch()
                                    + qint64(m_config.cooldownSeconds) * 1000;
                            error.kind = Douyin::Error::Kind::Cooldown;
                            error.retryAfterSeconds = m_config.cooldownSeconds;
                            return callback(error, {});
                        }
                        if (!rejected && call.answerLossIsUnknown)
                            error.kind = Douyin::Error::Kind::Unknown;
                    } else {
                        error = classify(call, outcome);
                    }
                    if (!shouldRetry(call, error, attemptNumber))
                        return callback(error, {});
                    const int delay = 200 * (1 << (attemptNumber - 1))
                            + int(QRandomGenerator::global()->bounded(200));
                    QTimer::singleShot(delay, this, [=, this] {
                        if (guard)
                            attempt(call, attemptNumber + 1, tokenReplaced, guard, callback);
                    });
                });
    });
}

void DouyinClient::history(const Douyin::HistoryRequest &request, QObject *context,
                           Callback<Douyin::HistoryResult> callback)
{
    Call call{QByteArrayLiteral("GET"),
              DouyinApi::PATH_VERIFY_RECORD_QUERY,
              {},
              {},
              RetryPolicy::Read};
    const QString account = request.accountId.isEmpty() ? m_config.accountId : request.accountId;
    if (!account.isEmpty())
        call.query.addQueryItem(QStringLiteral("account_id"), account);
    call.query.addQueryItem(QStringLiteral("cursor"),
                            request.cursor.isEmpty()
                                    ? QString::fromLatin1(DouyinApi::HISTORY_FIRST_CURSOR)
                                    : request.cursor);
    call.query.addQueryItem(QStringLiteral("size"), QString::number(request.size));
    call.query.addQueryItem(QStringLiteral("start_time"), QString::number(request.startTime));
    call.query.addQueryItem(QStringLiteral("end_time"), QString::number(request.endTime));
    if (!request.poiIds.isEmpty())
        call.query.addQueryItem(QStringLiteral("poi_ids"), request.poiIds.join(u','));
    run<Douyin::HistoryResult>(call, context, std::move(callback), DouyinHistoryJson::history);
}

void DouyinClient::ledger(const QStringList &certificateIds, QObject *context,
                          Callback<Douyin::LedgerResult> callback)
{
    Call call{QByteArrayLiteral("GET"), DouyinApi::PATH_LEDGER_QUERY, {}, {}, RetryPolicy::Read};
    if (!m_config.accountId.isEmpty())
        call.query.addQueryItem(QStringLiteral("account_id"), m_config.accountId);
    call.query.addQueryItem(QStringLiteral("certificate_ids"), certificateIds.join(u','));
    run<Douyin::LedgerResult>(call, context, std::move(callback), DouyinHistoryJson::ledger);
}

Douyin::Error DouyinClient::classify(const Call &call, const HttpOutcome &outcome) const
{
    using Failure = HttpOutcome::Failure;
    const QString where = QLatin1String(call.path);
    switch (outcome.failure) {
    case Failure::NotSent:
        return Douyin::Error::make(Douyin::Error::Kind::Unavailable,
                                   where + u": " + outcome.errorText);
    case Failure::LostAfterSend:
        return Douyin::Error::make(Douyin::Error::Kind::Unknown, where + u": " + outcome.errorText);
    case Failure::TooLarge:
    case Failure::None:
        break;
    }
    // An HTTP answer that is not Douyin's envelope. For verify it may still hide an applied
    // verification, so its outcome is unknown; for anything else it is a bad answer.
    const QString detail = outcome.failure == Failure::TooLarge
            ? outcome.errorText
            : QStringLiteral("HTTP %1").arg(outcome.status);
    return Douyin::Error::make(call.answerLossIsUnknown ? Douyin::Error::Kind::Unknown
                                                        : Douyin::Error::Kind::BadAnswer,
                               where + u": " + detail);
}

bool DouyinClient::shouldRetry(const Call &call, const Douyin::Error &error,
                               int attemptNumber) const
{
    if (attemptNumber >= m_config.maxReadAttempts)
        return false;
    const bool busy = error.kind == Douyin::Error::Kind::Rejected && isBusyCode(error.code);
    switch (call.retry) {
    case RetryPolicy::Read:
        return busy || error.kind == Douyin::Error::Kind::Unavailable
                || error.kind == Douyin::Error::Kind::Unknown
                || error.kind == Douyin::Error::Kind::BadAnswer;
    case RetryPolicy::UnlessSent:
        return busy || error.kind == Douyin::Error::Kind::Unavailable;
    case RetryPolicy::Never:
        return false;
    }
    return false;
}
