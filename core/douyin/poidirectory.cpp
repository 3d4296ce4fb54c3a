#include "core/douyin/poidirectory.h"

#include <QPointer>

#include "core/douyin/douyinclient.h"

PoiDirectory::PoiDirectory(DouyinClient *client, QObject *parent)
    : QObject(parent),
      m_client(client)
{
}

void PoiDirectory::page(int page, int size, QObject *context, Callback callback)
{
    const QPair<int, int> key{page, size};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (const auto it = m_pages.constFind(key);
        it != m_pages.cend() && now - it->fetchedAtMs < TTL_MS)
        return callback(it->result);

    QPointer<QObject> guard(context);
    m_client->poiQuery(
            Douyin::PoiQueryRequest{{}, page, size}, this,
            [this, key, guard,
             callback](const Result<Douyin::PoiQueryResult, Douyin::Error> &result) {
                if (result.ok())
                    m_pages.insert(key, {result.value(), QDateTime::currentMSecsSinceEpoch()});
                if (guard)
                    callback(result);
            });
}
