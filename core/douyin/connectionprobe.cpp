#include "core/douyin/connectionprobe.h"

#include "core/douyin/douyinapi.h"
#include "core/douyin/douyinplatform.h"

ConnectionProbe::ConnectionProbe(const DouyinClient::Config &config, QObject *parent)
    : QObject(parent),
      m_client(new DouyinClient(this))
{
    m_client->setConfig(config);
}

ConnectionProbe::Problem ConnectionProbe::problemOf(const Douyin::Error &error)
{
    if (error.kind == Douyin::Error::Kind::Cooldown)
        return Problem::Busy;
    if (error.kind != Douyin::Error::Kind::Rejected)
        return Problem::Other;
    // The setup problems the reasons do not tell apart, then the reasons themselves.
    if (error.code == DouyinApi::CLIENT_KEY_INVALID)
        return Problem::BadClientKey;
    if (error.code == DouyinApi::CLIENT_SECRET_INVALID)
        return Problem::BadClientSecret;
    if (error.code == DouyinApi::CAPABILITY_NOT_GRANTED)
        return Problem::NoCapability;
    switch (DouyinPlatform::reasonFor(error.code)) {
    case RejectReason::NotAuthorised:
        return Problem::NotAuthorised;
    case RejectReason::RateLimited:
    case RejectReason::Unavailable:
        return Problem::Busy;
    default:
        return Problem::Other;
    }
}

void ConnectionProbe::run(Callback done)
{
    const QString accountId = m_client->config().accountId;
    m_client->clientToken(
            this, [this, accountId, done](const Result<QString, Douyin::Error> &token) {
                Outcome outcome;
                outcome.accountIdMissing = m_client->config().lacksAccountId();
                if (!token.ok()) {
                    outcome.error = token.error();
                    outcome.problem = problemOf(token.error());
                    return done(outcome);
                }
                outcome.tokenFetched = true;
                m_client->poiQuery(
                        Douyin::PoiQueryRequest{accountId, 1, POI_PAGE_SIZE}, this,
                        [outcome,
                         done](const Result<Douyin::PoiQueryResult, Douyin::Error> &pois) mutable {
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
