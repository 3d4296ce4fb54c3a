#pragma once

#include <functional>

#include <QObject>

#include "core/platform/couponplatform.h"

class PrepareCache;

// The prepare step both flows share (a prepare of its own, and the one inside a code or
// short-link verify): resolve a short link first when there is one, prepare, and remember
// the prepare by its token so a later verify knows what the token stands for.
class Preparer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Preparer)

public:
    struct Request
    {
        QString shortLink; // resolved first, when set
        QString encryptedData;
        QString code;
        QString poiId;
        qint64 appId = 0;
    };
    using Callback = std::function<void(const Result<PreparedOrder, PlatformError> &)>;

    explicit Preparer(PrepareCache *cache, QObject *parent = nullptr);

    // Reports once, on this object's thread.
    void run(CouponPlatform *platform, const Request &request, Callback callback);

private:
    void prepare(CouponPlatform *platform, const Request &request, const QString &encryptedData,
                 const Callback &callback);

    PrepareCache *m_cache;
};
