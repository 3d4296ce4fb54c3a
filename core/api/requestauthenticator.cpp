#include "core/api/requestauthenticator.h"

#include <limits>

#include "core/api/noncestore.h"
#include "core/api/requestsigner.h"
#include "core/crypto/crypto.h"
#include "core/logging/categories.h"
#include "core/store/apprepository.h"

namespace {

using Failure = RequestAuthenticator::Failure;

Failure fail(int status, const char *code, const QString &message)
{
    return Failure{status, QString::fromLatin1(code), message, 0};
}

// Any run of digits is a decimal timestamp, however long: a millisecond (13 digits) or
// otherwise absurd value is well-formed and simply outside the window.
bool isDecimal(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isLowerHex64(QByteArrayView text)
{
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

} // namespace

RequestAuthenticator::RequestAuthenticator(AppRepository *apps, NonceStore *nonces)
    : m_apps(apps),
      m_nonces(nonces)
{
}

bool RequestAuthenticator::isWellFormedNonce(QByteArrayView nonce)
{
    if (nonce.size() < 16 || nonce.size() > 64)
        return false;
    return std::all_of(nonce.begin(), nonce.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-';
    });
}

Result<VerifierApp, Failure> RequestAuthenticator::authenticate(const Request &request,
                                                                qint64 nowMs)
{
    if (request.clientKey.isEmpty() || request.timestamp.isEmpty() || request.nonce.isEmpty()
        || request.signature.isEmpty())
        return fail(
                401, "missing_auth_header",
                QStringLiteral("X-Client-Key, X-Timestamp, X-Nonce and X-Signature are required"));
    if (!isDecimal(request.timestamp))
        return fail(401, "missing_auth_header",
                    QStringLiteral("X-Timestamp: Unix time in seconds, decimal"));
    if (!isWellFormedNonce(request.nonce))
        return fail(401, "missing_auth_header",
                    QStringLiteral("X-Nonce: 16-64 characters of [A-Za-z0-9_-]"));

    const auto credentials = m_apps->credentialsFor(QString::fromUtf8(request.clientKey));
    if (!credentials.ok()) {
        if (credentials.error().code != ErrorCode::NotFound)
            qCWarning(lcApi) << "app lookup failed:" << credentials.error().message;
        return fail(401, "invalid_client", QStringLiteral("unknown X-Client-Key"));
    }

    // Past 15 digits the value cannot be near now (and could overflow qint64).
    const qint64 skew = request.timestamp.size() > 15
            ? std::numeric_limits<qint64>::max()
            : request.timestamp.toLongLong() - nowMs / 1000;
    if (skew > WINDOW_SECONDS || skew < -WINDOW_SECONDS)
        return fail(401, "timestamp_out_of_window",
                    QStringLiteral("X-Timestamp is %1 s away from the gateway's clock (limit %2 s)")
                            .arg(skew)
                            .arg(WINDOW_SECONDS));

    const QByteArray expected = RequestSigner::signature(
            credentials.value().secret, request.method, request.path, request.rawQuery,
            request.timestamp, request.nonce, request.body);
    // Compared in constant time; a malformed signature simply does not match.
    if (!isLowerHex64(request.signature)
        || !Crypto::constantTimeEquals(expected, request.signature))
        return fail(401, "invalid_signature", QStringLiteral("X-Signature does not match"));

    const VerifierApp &app = credentials.value().app;
    if (app.status == VerifierApp::Status::Disabled)
        return fail(403, "app_disabled", QStringLiteral("this app is disabled"));

    // Before the nonce is spent: a request refused for its rate may be sent again as is.
    if (const int wait = m_limiter.take(app.id, nowMs); wait > 0) {
        Failure limited =
                fail(429, "rate_limited", QStringLiteral("too many requests from this app"));
        limited.retryAfterSeconds = wait;
        return limited;
    }
    // Only after the signature: an attacker cannot burn a device's nonces.
    const auto fresh = m_nonces->remember(app.id, QString::fromLatin1(request.nonce), nowMs);
    if (!fresh.ok()) {
        qCWarning(lcApi) << "nonce store failed:" << fresh.error().message;
        return fail(500, "storage_error", QStringLiteral("cannot check the nonce"));
    }
    if (!fresh.value())
        return fail(401, "nonce_replayed",
                    QStringLiteral("X-Nonce was used in the last 15 minutes"));

    m_apps->touch(app.id, nowMs);
    return app;
}
