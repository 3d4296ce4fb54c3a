#pragma once

#include <functional>
#include <optional>

#include <QList>
#include <QObject>

#include "core/douyin/douyinclient.h"
#include "core/douyin/douyinerror.h"
#include "core/douyin/douyintypes.h"

// Tries Douyin credentials before (or after) they are saved: a client of its own fetches a
// client_token, then the first page of the account's POIs. It shares nothing with the
// running client, so a wrong key never replaces the gateway's token or its stored copy.
class ConnectionProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionProbe)

public:
    static constexpr int POI_PAGE_SIZE = 50;

    // What a refusal says about the setup, so words need no Douyin codes.
    enum class Problem {
        None,
        BadClientKey,
        BadClientSecret,
        NotAuthorised,
        NoCapability,
        Busy,
        Other
    };

    struct Outcome
    {
        Problem problem = Problem::None;
        bool tokenFetched = false; // false with an error: the credentials themselves failed
        QList<Douyin::Poi> pois;
        int poiTotal = 0;
        std::optional<Douyin::Error> error;
        // Real Douyin and no account_id: the POI and order queries will be refused.
        bool accountIdMissing = false;

        bool ok() const { return !error.has_value(); }
    };
    using Callback = std::function<void(const Outcome &)>;

    explicit ConnectionProbe(const DouyinClient::Config &config, QObject *parent = nullptr);

    static Problem problemOf(const Douyin::Error &error);

    // Reports exactly once, on this object's thread.
    void run(Callback done);

private:
    DouyinClient *m_client;
};
