#pragma once

#include <functional>

#include <QList>
#include <QObject>

#include "core/platform/historytypes.h"
#include "core/platform/platformcapabilities.h"
#include "core/platform/platformerror.h"
#include "core/platform/platformtypes.h"
#include "core/result.h"

// A group-buy coupon platform as the verification engine sees it (Verify → Platform ←
// Douyin/Meituan). Asynchronous: every call reports exactly once through its callback on
// the platform's thread, unless `context` is destroyed first.
class CouponPlatform : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CouponPlatform)

public:
    template <typename T>
    using Callback = std::function<void(const Result<T, PlatformError> &)>;

    using QObject::QObject;

    virtual PlatformId id() const = 0;
    virtual PlatformCapabilities capabilities() const = 0;
    virtual bool isConfigured() const = 0;
    // Whether this store (a Douyin POI id, the product's store key) can verify here: Meituan
    // needs the store bound to a Meituan store as well as the developer's credentials.
    virtual bool servesStore(const QString &poiId) const
    {
        Q_UNUSED(poiId)
        return isConfigured();
    }

    // A scanned short link to the data prepare takes (only where hasShortLink).
    virtual void resolveShortLink(const QString &link, QObject *context,
                                  Callback<QString> callback) = 0;
    virtual void prepare(const PrepareQuery &query, QObject *context,
                         Callback<PreparedOrder> callback) = 0;
    // Never retried below this call, except where the token makes a resend harmless.
    virtual void verify(const VerifyQuery &query, QObject *context,
                        Callback<PlatformOutcome> callback) = 0;
    // Status of the coupon with this encrypted code, or of every coupon of the order.
    virtual void queryStatus(const StatusQuery &query, QObject *context,
                             Callback<QList<CouponState>> callback) = 0;
    // Never retried below this call: a lost answer is the caller's to resolve (status query,
    // then a resend with the same token). Refusals carry TooLateToCancel / AlreadyCancelled.
    virtual void cancel(const CancelQuery &query, QObject *context,
                        Callback<CancelAnswer> callback) = 0;
    // One page of the store's verification history for one local day, made here or anywhere
    // (the reconciliation source). Reads: retried below this call where safe.
    virtual void history(const HistoryQuery &query, QObject *context,
                         Callback<HistoryPage> callback) = 0;
    // Only where capabilities().ledgerBatchMax > 0: what the store receives for each coupon
    // the ledger has a record of; a coupon missing from the answer has none yet.
    virtual void ledger(const QStringList &certificateIds, QObject *context,
                        Callback<QList<LedgerEntry>> callback)
    {
        Q_UNUSED(certificateIds)
        Q_UNUSED(context)
        callback(PlatformError::make(id(), PlatformError::Kind::NotConfigured,
                                     QStringLiteral("this platform has no ledger")));
    }
    // Only where capabilities().hasOrderDetails.
    virtual void orderDetails(const QString &poiId, const QString &orderId, QObject *context,
                              Callback<OrderDetails> callback) = 0;
};
