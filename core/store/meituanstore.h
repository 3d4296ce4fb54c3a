#pragma once

#include <QString>

// One Douyin POI bound to a Meituan store (MEITUAN.md §1): the store Meituan's appAuthToken
// names, and the token pair that keeps it authorized. Times are Unix seconds.
struct MeituanStore
{
    QString poiId; // the product's store key
    QString opBizCode; // Meituan's id for the authorized store
    qint64 developerId = 0; // the developer the pair was issued to
    QString accessToken;
    QString refreshToken;
    qint64 expiresAt = 0;
    qint64 refreshExpiresAt = 0;
    QString scope;
    qint64 boundAt = 0;
    qint64 refreshedAt = 0;
    QString refreshError; // the last refresh's failure, empty once one succeeds
    qint64 refreshFailedAt = 0;
};
