#pragma once

#include <QList>
#include <QString>

// Meituan's part of /health and the settings page: is it set up, which stores are bound, and
// whether their token refreshes work. Times are Unix seconds.
struct MeituanStatus
{
    struct Store
    {
        QString poiId;
        QString opBizCode;
        qint64 tokenValidUntil = 0;
        QString refreshError; // the last refresh's failure; empty when it worked
        qint64 refreshFailedAt = 0;
    };

    bool configured = false; // developer id and sign key are set
    QList<Store> stores;

    // The earliest expiry among the bound stores: when the first one needs a working refresh.
    qint64 tokenValidUntil() const
    {
        qint64 earliest = 0;
        for (const Store &store : stores) {
            if (store.tokenValidUntil > 0 && (earliest == 0 || store.tokenValidUntil < earliest))
                earliest = store.tokenValidUntil;
        }
        return earliest;
    }
};
