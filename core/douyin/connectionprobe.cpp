#include "core/douyin/connectionprobe.h"

ConnectionProbe::ConnectionProbe(const DouyinClient::Config &config, QObject *parent)
    : QObject(parent),
      m_client(new DouyinClient(this))
{
    m_client->setConfig(config);
}

void ConnectionProbe::run(Callback done)
{
    const QString accountId = m_client->config().accountId;
    m_client->clientToken(this, [this, accountId, done](const Result<QString, DouyinError> &token) {
        Outcome outcome;
        outcome.accountIdMissing = m_client->config().lacksAccountId();
        if (!token.ok()) {
            outcome.error = token.error();
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
                    }
                    done(outcome);
                });
    });
}
