#include "core/meituan/meituanclient.h"

#include <algorithm>

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrlQuery>

#include "core/http/httpexchange.h"
#include "core/logging/categories.h"
#include "core/meituan/meituanapi.h"
#include "core/metrics/gatewaymetrics.h"

using MtError = Meituan::Error;

namespace {

// Nothing was sent: the request itself is wrong. Not Unavailable, which callers may retry.
MtError refused(const QString &why)
{
    MtError error = MtError::make(MtError::Kind::Rejected, QStringLiteral("not sent: ") + why);
    error.reason = RejectReason::Unknown;
    return error;
}

} // namespace

MeituanClient::MeituanClient(QObject *parent)
    : QObject(parent),
      m_network(new QNetworkAccessManager(this))
{
}

MeituanClient::~MeituanClient() = default;

void MeituanClient::setConfig(const Config &config)
{
    m_config = config;
}

bool MeituanClient::isConfigured() const
{
    return m_config.developerId > 0 && !m_config.signKey.isEmpty();
}

QUrl MeituanClient::authorizationUrl(const QString &state) const
{
    const MeituanSigner::Fields fields =
            signedForm({{QStringLiteral("businessId"), QString::number(MeituanApi::BUSINESS_ID)},
                        {QStringLiteral("charset"), QString::fromLatin1(MeituanApi::CHARSET)},
                        {QStringLiteral("state"), state}});
    QUrlQuery query;
    for (const auto &[key, value] : fields)
        query.addQueryItem(key, QString::fromUtf8(QUrl::toPercentEncoding(value)));
    QUrl url(QString::fromLatin1(MeituanApi::AUTH_PAGE_URL));
    url.setQuery(query);
    return url;
}

MeituanSigner::Fields MeituanClient::signedForm(MeituanSigner::Fields fields) const
{
    fields.prepend(
            {QStringLiteral("timestamp"), QString::number(QDateTime::currentSecsSinceEpoch())});
    fields.prepend({QStringLiteral("developerId"), QString::number(m_config.developerId)});
    const QByteArray sign = MeituanSigner::sign(m_config.signKey, fields);
    fields.append({QStringLiteral("sign"), QString::fromLatin1(sign)});
    return fields;
}

MeituanClient::Call MeituanClient::business(const char *path, const QString &appAuthToken,
                                            const QJsonObject &biz, RetryPolicy retry)
{
    Call call;
    call.path = path;
    call.retry = retry;
    // What is never resent (consume, cancel) is what a lost answer may have applied.
    call.answerLossIsUnknown = retry == RetryPolicy::Never;
    call.fields = {
            {QStringLiteral("businessId"), QString::number(MeituanApi::BUSINESS_ID)},
            {QStringLiteral("charset"), QLatin1String(MeituanApi::CHARSET)},
            {QStringLiteral("version"), QString::number(MeituanApi::VERSION)},
            {QStringLiteral("appAuthToken"), appAuthToken},
            // Signed and sent as this one string, so both sides hash the same bytes.
            {QStringLiteral("biz"),
             QString::fromUtf8(QJsonDocument(biz).toJson(QJsonDocument::Compact))},
    };
    return call;
}

MeituanClient::Call MeituanClient::oauth(const char *path, MeituanSigner::Fields fields) const
{
    Call call;
    call.path = path;
    call.style = MeituanJson::Style::Token;
    // A lost answer may have spent the code or rotated the pair; only an unsent one is resent.
    call.retry = RetryPolicy::UnlessSent;
    fields.prepend({QStringLiteral("charset"), QLatin1String(MeituanApi::CHARSET)});
    fields.prepend({QStringLiteral("businessId"), QString::number(MeituanApi::BUSINESS_ID)});
    call.fields = std::move(fields);
    return call;
}

template <typename T, typename Parse>
void MeituanClient::run(const Call &call, QObject *context, Callback<T> callback, Parse parse)
{
    if (!isConfigured()) {
        return callback(
                MtError::make(MtError::Kind::NotConfigured,
                              QStringLiteral("Meituan developerId and signKey are not set")));
    }
    const bool unbound = std::any_of(call.fields.cbegin(), call.fields.cend(), [](const auto &f) {
        return f.first == u"appAuthToken" && f.second.isEmpty();
    });
    if (unbound) {
        return callback(
                MtError::make(MtError::Kind::NotConfigured,
                              QStringLiteral("no Meituan store authorization (appAuthToken)")));
    }
    attempt(call, 1, context,
            [callback = std::move(callback), parse, lossIsUnknown = call.answerLossIsUnknown](
                    const Result<MeituanJson::Envelope, MtError> &answer) {
                if (!answer.ok())
                    return callback(answer.error());
                Result<T, MtError> parsed = parse(answer.value());
                // A consume answer we cannot read may still report consumed coupons.
                if (!parsed.ok() && lossIsUnknown
                    && parsed.error().kind == MtError::Kind::BadAnswer) {
                    MtError error = parsed.error();
                    error.kind = MtError::Kind::Unknown;
                    error.reason = RejectReason::Unavailable;
                    return callback(error);
                }
                callback(parsed);
            });
}

void MeituanClient::attempt(const Call &call, int attemptNumber, QObject *context,
                            RawCallback callback)
{
    QUrl url = m_config.baseUrl;
    url.setPath(url.path() + QLatin1String(call.path));
    QNetworkRequest request(url);
    // The documented type; the charset travels as a signed form field.
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    HttpExchange::Limits limits;
    limits.connectTimeoutMs = m_config.connectTimeoutMs;
    limits.totalTimeoutMs = m_config.requestTimeoutMs;

    // Each attempt signs afresh: Meituan checks the timestamp against its clock.
    QPointer<QObject> guard(context);
    const QElapsedTimer sent = GatewayMetrics::startTimer();
    HttpExchange::start(
            m_network, request, QByteArrayLiteral("POST"),
            MeituanSigner::formBody(signedForm(call.fields)), limits, this,
            [=, this](const HttpOutcome &outcome) {
                GatewayMetrics::observePlatformCall("meituan", call.path, outcome, sent);
                if (!guard)
                    return;
                const Result<MeituanJson::Envelope, MtError> answer = read(call, outcome);
                if (answer.ok() || !shouldRetry(call, answer.error(), attemptNumber))
                    return callback(answer);
                qCInfo(lcMeituan) << call.path << "attempt" << attemptNumber
                                  << "failed:" << answer.error().message << "- retrying";
                const int delay = 200 * (1 << (attemptNumber - 1))
                        + int(QRandomGenerator::global()->bounded(200));
                QTimer::singleShot(delay, this, [=, this] {
                    if (guard)
                        attempt(call, attemptNumber + 1, guard, callback);
                });
            });
}

Result<MeituanJson::Envelope, MtError> MeituanClient::read(const Call &call,
                                                           const HttpOutcome &outcome) const
{
    using Failure = HttpOutcome::Failure;
    const QString where = QLatin1String(call.path) + u": ";
    if (outcome.failure == Failure::NotSent)
        return MtError::make(MtError::Kind::Unavailable, where + outcome.errorText);
    if (outcome.failure == Failure::LostAfterSend)
        return MtError::make(MtError::Kind::Unknown, where + outcome.errorText);

    QString detail = outcome.errorText;
    if (outcome.failure == Failure::None) {
        auto envelope = MeituanJson::envelope(outcome.body, call.style);
        // Meituan's refusal is trusted whatever the HTTP status; a success only with 200.
        if (envelope.ok() && outcome.status == 200)
            return envelope;
        if (!envelope.ok() && envelope.error().kind == MtError::Kind::Rejected) {
            if (envelope.error().code == QLatin1String(MeituanApi::PARAM_ERROR))
                qCWarning(lcMeituan)
                        << call.path << "refused as malformed:" << envelope.error().msg;
            return envelope;
        }
        detail = QStringLiteral("HTTP %1").arg(outcome.status);
        if (!envelope.ok())
            detail += u", " + envelope.error().message;
    }
    // Not Meituan's envelope (or too large). For consume and cancel it may hide an applied
    // call, so the outcome is unknown; for anything else it is a bad answer.
    return MtError::make(call.answerLossIsUnknown ? MtError::Kind::Unknown
                                                  : MtError::Kind::BadAnswer,
                         where + detail);
}

bool MeituanClient::shouldRetry(const Call &call, const MtError &error, int attemptNumber) const
{
    if (attemptNumber >= m_config.maxReadAttempts)
        return false;
    const bool busy = error.isRejected(MeituanApi::SYSTEM_BUSY);
    switch (call.retry) {
    case RetryPolicy::Read:
        return busy || error.kind == MtError::Kind::Unavailable
                || error.kind == MtError::Kind::Unknown || error.kind == MtError::Kind::BadAnswer;
    case RetryPolicy::UnlessSent:
        return busy || error.kind == MtError::Kind::Unavailable;
    case RetryPolicy::Never:
        return false;
    }
    return false;
}

void MeituanClient::prepare(const QString &appAuthToken, const QString &receiptCode,
                            QObject *context, Callback<Meituan::PrepareResult> callback)
{
    // Prepare has no side effect, but the engine may time it; resend only what never left.
    const QJsonObject biz{{QStringLiteral("receiptCode"), receiptCode}};
    run<Meituan::PrepareResult>(
            business(MeituanApi::PATH_PREPARE, appAuthToken, biz, RetryPolicy::UnlessSent), context,
            std::move(callback), MeituanJson::prepare);
}

void MeituanClient::consume(const QString &appAuthToken, const Meituan::ConsumeRequest &request,
                            QObject *context, Callback<Meituan::ConsumeResult> callback)
{
    if (request.count < 1 || request.count > MeituanApi::MAX_CONSUME_COUNT)
        return callback(refused(QStringLiteral("count %1 is not 1..100").arg(request.count)));
    if (request.requestId.isEmpty())
        return callback(refused(QStringLiteral("consume without a requestId")));
    // Never retried here. QNetworkAccessManager itself resends a POST whose connection closed
    // before any answer byte; that is safe only because the resend carries the SAME requestId.
    const QJsonObject biz{
            {QStringLiteral("receiptCode"), request.receiptCode},
            {QStringLiteral("count"), request.count},
            {QStringLiteral("requestId"), request.requestId},
            {QStringLiteral("appShopAccount"), request.appShopAccount},
            {QStringLiteral("appShopAccountName"), request.appShopAccountName},
    };
    run<Meituan::ConsumeResult>(
            business(MeituanApi::PATH_CONSUME, appAuthToken, biz, RetryPolicy::Never), context,
            std::move(callback), MeituanJson::consume);
}

void MeituanClient::consumedStatus(const QString &appAuthToken, const QString &receiptCode,
                                   QObject *context, Callback<Meituan::ConsumedStatus> callback)
{
    const QJsonObject biz{{QStringLiteral("receiptCode"), receiptCode}};
    run<Meituan::ConsumedStatus>(
            business(MeituanApi::PATH_GET_CONSUMED, appAuthToken, biz, RetryPolicy::Read), context,
            [callback = std::move(callback),
             receiptCode](const Result<Meituan::ConsumedStatus, MtError> &result) {
                // 1006 here is the answer "not consumed", which is what resolution asks.
                if (!result.ok() && result.error().isRejected(MeituanApi::CODE_NOT_FOUND)) {
                    Meituan::ConsumedStatus status;
                    status.receiptCode = receiptCode;
                    status.traceId = result.error().traceId;
                    return callback(status);
                }
                callback(result);
            },
            MeituanJson::consumed);
}

void MeituanClient::reverseConsume(const QString &appAuthToken,
                                   const Meituan::ReverseConsumeRequest &request, QObject *context,
                                   Callback<Meituan::ReverseConsumeResult> callback)
{
    const QJsonObject biz{
            {QStringLiteral("receiptCode"), request.receiptCode},
            {QStringLiteral("dealId"), request.dealId}, // a string, as Meituan wants it
            {QStringLiteral("appShopAccount"), request.appShopAccount},
            {QStringLiteral("appShopAccountName"), request.appShopAccountName},
    };
    run<Meituan::ReverseConsumeResult>(
            business(MeituanApi::PATH_REVERSE_CONSUME, appAuthToken, biz, RetryPolicy::Never),
            context, std::move(callback), MeituanJson::reverseConsume);
}

void MeituanClient::listByDate(const QString &appAuthToken, const Meituan::ListRequest &request,
                               QObject *context, Callback<Meituan::ListResult> callback)
{
    if (!request.date.isValid() || request.offset < 0 || request.limit < 1
        || request.limit > MeituanApi::MAX_LIST_LIMIT)
        return callback(refused(QStringLiteral("date, offset or limit (1..300) out of range")));
    const QJsonObject biz{
            {QStringLiteral("date"), request.date.toString(QStringLiteral("yyyy-MM-dd"))},
            {QStringLiteral("offset"), request.offset},
            {QStringLiteral("limit"), request.limit},
            {QStringLiteral("type"), request.type},
    };
    run<Meituan::ListResult>(
            business(MeituanApi::PATH_QUERY_LIST_BY_DATE, appAuthToken, biz, RetryPolicy::Read),
            context, std::move(callback), MeituanJson::list);
}

void MeituanClient::exchangeCode(const QString &authCode, QObject *context,
                                 Callback<Meituan::TokenPair> callback)
{
    const Call call = oauth(MeituanApi::PATH_TOKEN,
                            {{QStringLiteral("code"), authCode},
                             {QStringLiteral("grantType"), QStringLiteral("authorization_code")}});
    run<Meituan::TokenPair>(call, context, std::move(callback), [](const auto &envelope) {
        return MeituanJson::tokenPair(envelope, QDateTime::currentDateTimeUtc());
    });
}

void MeituanClient::refreshToken(const QString &refreshToken, QObject *context,
                                 Callback<Meituan::TokenPair> callback)
{
    const Call call = oauth(MeituanApi::PATH_REFRESH,
                            {{QStringLiteral("refreshToken"), refreshToken},
                             {QStringLiteral("grantType"), QStringLiteral("refresh_token")},
                             {QStringLiteral("scope"), QStringLiteral("all")}});
    run<Meituan::TokenPair>(call, context, std::move(callback), [](const auto &envelope) {
        return MeituanJson::tokenPair(envelope, QDateTime::currentDateTimeUtc());
    });
}
