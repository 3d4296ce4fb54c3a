#pragma once

#include <functional>

#include <QObject>

#include "core/verify/verifycommand.h"
#include "core/verify/verifyoutcome.h"

class PlatformRouter;
class Preparer;

// A prepare command (验券准备) on its own, as the till's first step and the LAN API's prepare
// endpoint ask it: the platform (PlatformRouter), the platform's limits, then the prepare,
// which the PrepareCache keeps for the verify that follows with its token.
class CouponLookup final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CouponLookup)

public:
    using Callback = std::function<void(const PrepareOutcome &)>;

    CouponLookup(PlatformRouter *router, Preparer *preparer, QObject *parent = nullptr);

    // Reports once, on this object's thread; skipped when context is gone.
    void prepare(const PrepareCommand &command, QObject *context, Callback callback);

private:
    PlatformRouter *m_router;
    Preparer *m_preparer;
};
