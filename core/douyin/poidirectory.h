#pragma once

#include <functional>

#include <QDateTime>
#include <QHash>
#include <QObject>

#include "core/douyin/douyinerror.h"
#include "core/douyin/douyintypes.h"
#include "core/result.h"

class DouyinClient;

// The store's POIs from Douyin's shop query, cached for 10 minutes per page (API.md), so a
// device listing stores on every start does not cost a Douyin call each time.
class PoiDirectory final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoiDirectory)

public:
    using Callback = std::function<void(const Result<Douyin::PoiQueryResult, Douyin::Error> &)>;
    static constexpr qint64 TTL_MS = 10 * 60 * 1000;

    explicit PoiDirectory(DouyinClient *client, QObject *parent = nullptr);

    void page(int page, int size, QObject *context, Callback callback);
    void clear() { m_pages.clear(); }

private:
    struct Cached
    {
        Douyin::PoiQueryResult result;
        qint64 fetchedAtMs = 0;
    };

    DouyinClient *m_client;
    QHash<QPair<int, int>, Cached> m_pages;
};
