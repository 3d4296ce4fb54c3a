#include "core/verify/preparer.h"

#include <QDateTime>

#include "core/verify/preparecache.h"

Preparer::Preparer(PrepareCache *cache, QObject *parent) : QObject(parent), m_cache(cache) { }

void Preparer::run(CouponPlatform *platform, const Request &request, Callback callback)
{
    if (request.shortLink.isEmpty())
        return prepare(platform, request, request.encryptedData, callback);
    platform->resolveShortLink(
            request.shortLink.trimmed(), this,
            [this, platform, request, callback](const Result<QString, PlatformError> &resolved) {
                if (!resolved.ok())
                    return callback(resolved.error());
                prepare(platform, request, resolved.value(), callback);
            });
}

void Preparer::prepare(CouponPlatform *platform, const Request &request,
                       const QString &encryptedData, const Callback &callback)
{
    const PrepareQuery query{encryptedData,
                             encryptedData.isEmpty() ? request.code.trimmed() : QString(),
                             request.poiId};
    platform->prepare(query, this,
                      [this, platform, request,
                       callback](const Result<PreparedOrder, PlatformError> &prepared) {
                          if (prepared.ok())
                              m_cache->insert(prepared.value(), request.poiId, request.appId,
                                              QDateTime::currentMSecsSinceEpoch(),
                                              platform->capabilities().preparedLifetimeSeconds);
                          callback(prepared);
                      });
}
