#include "core/douyin/connectionprobe.h"

#include "core/douyin/douyinapi.h"

ConnectionProbe::ConnectionProbe(const DouyinClient::Config &config, QObject *parent)
    : QObject(parent),
      m_client(new DouyinClient(this))
{
    m_client->setConfig(config);
}

ConnectionProbe::Problem ConnectionProbe::problemOf(const DouyinError &error)
{
    if (error.kind == DouyinError::Kind::Cooldown)
        return Problem::Busy;
    if (error.kind != DouyinError::Kind::Rejected)
        return Problem::Other;
    switch (error.code) {
    case DouyinApi::CLIENT_KEY_INVALID:
        return Problem::BadClientKey;
    case DouyinApi::CLIENT_SECRET_INVALID:
        return Problem::BadClientSecret;
    case DouyinApi::MERCHANT_NOT_AUTHORISED:
        return Problem::NotAuthorised;
    case DouyinApi::CAPABILITY_NOT_GRANTED:
        return Problem::NoCapability;
    case DouyinApi::TOO_FREQUENT:
    case DouyinApi::CLIENT_TOKEN_THROTTLED:
    case DouyinApi::BUSY:
    case DouyinApi::SYSTEM_BUSY:
        return Problem::Busy;
    default:
        return Problem::Other;
    }
}

void ConnectionProbe::run(Callback done)
{
    const QString accountId = m_client->config().accountId;
    m_client->clientToken(this, [this, accountId, done](const Result<QString, DouyinError> &token) {
        Outcome outcome;
        outcome.accountIdMissing = m_client->config().lacksAccountId();
        if (!token.ok()) {
            outcome.error = token.error();
            outcome.problem = problemOf(token.error());
            return done(outcome);
        }
        outcome.tokenFetched = true;
        m_client->poiQuery(
                PoiQueryRequest{accountId, 1, POI_PAGE_SIZE}, this,
                [outcome, done](const Result<PoiQueryResult, DouyinError> &pois) mutable {
                    if (pois.ok()) {
                        outcome.pois = pois.value().pois;
                        outcome.poiTotal = pois.value().total;
                    } else {
                        outcome.error = pois.error();
                        outcome.problem = problemOf(pois.error());
                    }
                    done(outcome);
                });
    });
}
