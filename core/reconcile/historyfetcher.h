#pragma once

#include <functional>

#include <QList>
#include <QObject>
#include <QPointer>

#include "core/platform/historytypes.h"
#include "core/platform/platformerror.h"
#include "core/result.h"

class CouponPlatform;

// Pages through one platform's history of one local day (of one store, or every store of the
// account where poiId is ''), page after page, one request at a time: the platforms limit the
// rate, and a "too frequent" answer is waited out and the same page asked again. The pages'
// own retries (reads, busy) happen below, in the clients.
class HistoryFetcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryFetcher)

public:
    using Done = std::function<void(const Result<QList<HistoryRow>, PlatformError> &)>;

    struct Stats
    {
        int pages = 0;
        int cooldowns = 0;
    };

    // Deletes itself once `done` has been called.
    HistoryFetcher(CouponPlatform *platform, const HistoryQuery &query, Done done,
                   QObject *parent = nullptr);

    void start();
    const Stats &stats() const { return m_stats; }

    // Waiting out more "too frequent" answers than this for one day gives up.
    static constexpr int MAX_COOLDOWNS = 5;
    // How long a "too frequent" that names no length is waited out.
    static constexpr int DEFAULT_WAIT_SECONDS = 2;
    // A platform that keeps saying "more" past this many pages is not followed further.
    static constexpr int MAX_PAGES = 5000;

private:
    void fetch();
    void onPage(const Result<HistoryPage, PlatformError> &page);
    void finish(const Result<QList<HistoryRow>, PlatformError> &result);

    QPointer<CouponPlatform> m_platform;
    HistoryQuery m_query;
    Done m_done;
    QList<HistoryRow> m_rows;
    Stats m_stats;
};
