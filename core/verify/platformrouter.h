#pragma once

#include <functional>
#include <optional>

#include <QList>
#include <QObject>

#include "core/platform/couponplatform.h"
#include "core/verify/verifycommand.h"
#include "core/verify/verifyoutcome.h"

class PlatformRegistry;
class Preparer;

// Which platform a prepare or verify goes to (MEITUAN.md §8). A forced platform is taken as
// it is, when it serves the store. Otherwise: the Douyin-only sources (short link or Douyin
// URL, encrypted code, encrypted data) go to Douyin; a plain code goes to the one platform
// that serves the store, or, when several do, to a prepare on each of them at once (prepare
// has no side effect) and the one that knows the code:
// - a platform knows a code when it prepared it, or refused it for what the coupon is (used,
//   expired, refunded, another store's, not yet valid); "no such code" and any failure to
//   answer are not knowing it;
// - two or more know it: Ambiguous, naming them (the caller forces one);
// - one knows it: that one, with its prepare (verified without preparing again), or its
//   refusal ("already used" says more than "no such code" from the other);
// - none knows it: a platform that could not answer, if any, says why (the code may be
//   its); else Douyin's "no such code", so a client written for Douyin alone gets the same
//   douyin_rejected as before the store added a platform; `platforms` lists those asked.
// A prepare that answers while another platform did not answer at all goes ahead: waiting
// for the silent one would stop the till whenever that platform is down.
class PlatformRouter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlatformRouter)

public:
    // What is to be prepared or verified, as far as the choice of a platform needs it.
    struct Request
    {
        std::optional<PlatformId> forced;
        QString poiId;
        qint64 appId = 0;
        QString code; // a plain code: the only source more than one platform may know
        bool douyinOnly = false; // short link or URL, encrypted code, encrypted data
        int count = 1; // coupons in the verify: more than any candidate takes asks none
    };

    struct Route
    {
        CouponPlatform *platform = nullptr;
        // The chosen platform's prepare when a probe chose it (also in the PrepareCache).
        std::optional<PreparedOrder> prepared;
    };

    using Callback = std::function<void(const Result<Route, VerifyOutcome> &)>;

    // Only a plain code may belong to more than one platform.
    static Request requestOf(const VerifyCommand &command);
    static Request requestOf(const PrepareCommand &command);

    PlatformRouter(const PlatformRegistry *platforms, Preparer *preparer,
                   QObject *parent = nullptr);

    // The platforms that can verify at this store, in the registry's order.
    QList<PlatformId> platformsServing(const QString &poiId) const;

    // Reports once: at once when no probe is needed, else when every probe has answered.
    // Skipped when context is gone by then.
    void route(const Request &request, QObject *context, Callback callback);

private:
    struct Probe;

    void probe(const Request &request, const QList<CouponPlatform *> &candidates, QObject *context,
               Callback callback);
    static Result<Route, VerifyOutcome> decide(const Probe &probe);

    const PlatformRegistry *m_platforms;
    Preparer *m_preparer;
};
