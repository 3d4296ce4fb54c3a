#include "core/reconcile/historyfetcher.h"

#include <QTimer>

#include "core/logging/categories.h"
#include "core/platform/couponplatform.h"

HistoryFetcher::HistoryFetcher(CouponPlatform *platform, const HistoryQuery &query, Done done,
                               QObject *parent)
    : QObject(parent),
      m_platform(platform),
      m_query(query),
      m_done(std::move(done))
{
}

void HistoryFetcher::start()
{
    m_query.cursor.clear();
    m_query.offset = 0;
    fetch();
}

void HistoryFetcher::fetch()
{
    if (!m_platform) {
        return finish(PlatformError::make(PlatformId::Douyin, PlatformError::Kind::NotConfigured,
                                          QStringLiteral("the platform went away")));
    }
    m_platform->history(m_query, this,
                        [this](const Result<HistoryPage, PlatformError> &page) { onPage(page); });
}

void HistoryFetcher::onPage(const Result<HistoryPage, PlatformError> &page)
{
    if (!page.ok()) {
        const PlatformError &error = page.error();
        // Douyin's 2119003 comes as a cooldown with its length; Meituan's OP_RATE_LIMIT as a
        // refusal that names no length.
        const bool slowDown = error.kind == PlatformError::Kind::Cooldown
                || error.reason == RejectReason::RateLimited;
        if (slowDown && m_stats.cooldowns < MAX_COOLDOWNS) {
            ++m_stats.cooldowns;
            const int seconds =
                    error.retryAfterSeconds > 0 ? error.retryAfterSeconds : DEFAULT_WAIT_SECONDS;
            const int waitMs = seconds * 1000;
            qCInfo(lcReconcile) << "history: the platform asks to slow down; next page in" << waitMs
                                << "ms";
            QTimer::singleShot(waitMs, this, &HistoryFetcher::fetch);
            return;
        }
        return finish(error);
    }
    ++m_stats.pages;
    for (HistoryRow row : page.value().rows) {
        if (row.poiId.isEmpty())
            row.poiId = m_query.poiId;
        m_rows.append(row);
    }
    if (!page.value().more || m_stats.pages >= MAX_PAGES)
        return finish(m_rows);
    m_query.cursor = page.value().nextCursor;
    m_query.offset = page.value().nextOffset;
    fetch();
}

void HistoryFetcher::finish(const Result<QList<HistoryRow>, PlatformError> &result)
{
    const Done done = std::move(m_done);
    deleteLater();
    if (done)
        done(result);
}
