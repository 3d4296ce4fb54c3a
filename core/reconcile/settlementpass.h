#pragma once

#include <functional>

#include <QDate>
#include <QList>
#include <QObject>
#include <QPointer>

#include "core/platform/platformid.h"
#include "core/result.h"
#include "core/store/verificationrecord.h"

class CouponPlatform;
class VerificationSettlements;

// Asks a platform's ledger what the store receives for its successes still pending settlement,
// in batches of at most the platform's ledger batch, and stores the answers. A coupon the
// ledger has no record of yet stays pending and is asked again later, backing off: the
// ledger's answer decides when it is settled, never the gateway's clock, and never a guess.
// One pass per object: it deletes itself once `done` has been called. Passes may overlap
// (a run's beside the periodic one): a record settled meanwhile is left as it is.
class SettlementPass final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettlementPass)

public:
    using Clock = std::function<qint64()>; // Unix ms
    using Done = std::function<void(const Result<int> &settled)>;

    SettlementPass(CouponPlatform *platform, VerificationSettlements *settlements,
                   QObject *parent = nullptr);

    void setClock(Clock clock) { m_clock = std::move(clock); }

    // The successes whose next question is due (the periodic pass).
    void askDue(Done done);
    // Every success of the day still pending, due or not (a reconciliation run).
    void askDay(const QDate &date, const QString &poiId, Done done);

    // When a coupon without a ledger record is asked again: 10 min, doubling, at most 6 h.
    static qint64 backoffMs(int attempts);
    static constexpr int DUE_LIMIT = 500; // records one periodic pass looks at

signals:
    // The records a batch settled, as stored (the engine's recordsChanged carries them on).
    void recordsSettled(const QList<VerificationRecord> &records);

private:
    void askBatches(const QList<VerificationRecord> &records, Done done);
    void askNext();
    void finish(const Result<int> &result);

    QPointer<CouponPlatform> m_platform;
    VerificationSettlements *m_settlements;
    Clock m_clock;
    QList<QList<VerificationRecord>> m_batches;
    int m_settled = 0;
    Done m_done;
};
