#pragma once

#include <QByteArray>
#include <QString>

#include "core/api/ratelimiter.h"
#include "core/result.h"
#include "core/store/verifierapp.h"

class AppRepository;
class NonceStore;

// Checks the four signature headers of an open endpoint (API.md, Authentication).
class RequestAuthenticator
{
public:
    static constexpr qint64 WINDOW_SECONDS = 300;

    struct Request
    {
        QByteArray method;
        QByteArray path; // as sent, without the query
        QByteArray rawQuery;
        QByteArray body;
        QByteArray clientKey;
        QByteArray timestamp;
        QByteArray nonce;
        QByteArray signature;
    };

    struct Failure
    {
        int httpStatus = 401;
        QString code; // API.md's error.code
        QString message;
        int retryAfterSeconds = 0;
    };

    RequestAuthenticator(AppRepository *apps, NonceStore *nonces);

    void setRateLimits(int ratePerSecond, int burst) { m_limiter.setLimits(ratePerSecond, burst); }

    Result<VerifierApp, Failure> authenticate(const Request &request, qint64 nowMs);

    static bool isWellFormedNonce(QByteArrayView nonce);

private:
    AppRepository *m_apps;
    NonceStore *m_nonces;
    RateLimiter m_limiter;
};
