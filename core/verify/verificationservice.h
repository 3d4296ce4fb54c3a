#pragma once

#include <functional>
#include <memory>

#include <QHash>
#include <QObject>
#include <QPointer>

#include "core/platform/couponplatform.h"
#include "core/verify/cancelcommand.h"
#include "core/verify/canceloutcome.h"
#include "core/verify/preparecache.h"
#include "core/verify/verifycommand.h"
#include "core/verify/verifyoutcome.h"

class CancelResolver;
class Canceller;
class CouponLookup;
class Database;
class PlatformRegistry;
class PlatformRouter;
class EnrichmentQueue;
class IdempotencyKeys;
class Preparer;
class RecordWriter;
class VerificationRepository;
class VerifyResolver;

// The verification engine: the one place that turns a scan into a platform's prepare → verify and
// durable records. The till and the LAN API both drive it. It lives on the gateway thread with
// the Database and the platforms it is given; callbacks run on that thread. Records are
// written by a RecordWriter through a second connection to the same file, on a thread of its
// own; reads stay on the given Database.
//
// Safety rules it keeps:
// - a record is committed as pending before verify is sent;
// - verify is sent at most once per verify_token by this service; a lost answer is resolved
//   by the status query and the platform's documented retry with the same token and identical
//   parameters (VerifyResolver);
// - "already verified under this verify_token" (1208, 2) is this verification's success;
// - a verify_token that already produced records, or is being verified right now, is
//   answered from those records (single flight; a unique index backs it in the database).
class VerificationService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerificationService)

public:
    using VerifyCallback = std::function<void(const VerifyOutcome &)>;
    using PrepareCallback = std::function<void(const PrepareOutcome &)>;
    using CancelCallback = std::function<void(const CancelOutcome &)>;

    struct Config
    {
        // Multiplies each platform's retry schedule for a lost answer; tests shorten it.
        double resolveTimeScale = 1.0;
        int enrichmentBaseDelayMs = 2000;
        int enrichmentMaxDelayMs = 600000;
        int enrichmentMaxAttempts = 8;
        int idempotencyTtlHours = 24;
        // Chain mode: the lease on shared work (VerifyResolver, EnrichmentQueue); 0 alone.
        qint64 claimLeaseMs = 0;
    };

    VerificationService(Database *database, const QList<CouponPlatform *> &platforms,
                        QObject *parent = nullptr);
    ~VerificationService() override;

    void setConfig(const Config &config);
    const Config &config() const { return m_config; }

    // Resumes what an earlier run left: pending/unknown records and enrichment jobs.
    void start();

    // A command without a platform goes where PlatformRouter sends it (MEITUAN.md §8).
    void verify(const VerifyCommand &command, QObject *context, VerifyCallback callback);
    void prepare(const PrepareCommand &command, QObject *context, PrepareCallback callback);
    // The platforms that can verify at this store (the till's platform toggle).
    QList<PlatformId> platformsServing(const QString &poiId) const;
    // Cancels (撤销核销) one successful verification inside its platform's window (Canceller);
    // a lost answer is settled in the background (CancelResolver).
    void cancel(const CancelCommand &command, QObject *context, CancelCallback callback);

    VerificationRepository *repository() const { return m_repository.get(); }
    VerifyResolver *resolver() const { return m_resolver; }
    CancelResolver *cancelResolver() const { return m_cancelResolver; }
    int resolutionBacklog() const;
    int enrichmentBacklog() const;

signals:
    // Records that were written: new, answered, resolved or enriched.
    void recordsChanged(const QList<VerificationRecord> &records);

private:
    struct Flow;
    using FlowPtr = std::shared_ptr<Flow>;

    void runVerify(const FlowPtr &flow);
    // Verifies `count` coupons of a prepare made for this flow (here or by the router).
    void verifyPrepared(const FlowPtr &flow, const PreparedOrder &prepared);
    void sendVerify(const FlowPtr &flow, const QList<PreparedCoupon> &certificates);
    void finish(const FlowPtr &flow, VerifyOutcome outcome);
    void releaseToken(const FlowPtr &flow, const VerifyOutcome &outcome);
    bool replayIdempotent(const FlowPtr &flow);
    std::optional<VerifyOutcome> outcomeOfToken(const QString &verifyToken);
    // Answers the flow with its token's records once they are no longer pending (another
    // gateway's verify in flight), or as they stand after pollsLeft looks.
    void awaitToken(const FlowPtr &flow, int pollsLeft);
    // Stores settled records (group commit), then hands the flow its outcome.
    void settle(const FlowPtr &flow, VerifyOutcome outcome);

    Config m_config;
    Database *m_database;
    std::unique_ptr<PlatformRegistry> m_platforms;
    std::unique_ptr<VerificationRepository> m_repository;
    VerifyResolver *m_resolver;
    RecordWriter *m_writer;
    EnrichmentQueue *m_enrichment;
    std::unique_ptr<IdempotencyKeys> m_idempotency;
    Preparer *m_preparer;
    PlatformRouter *m_router;
    CouponLookup *m_lookup;
    CancelResolver *m_cancelResolver;
    Canceller *m_canceller;
    PrepareCache m_prepared;
    // Requests with an idempotency key still running, by (app, key): a duplicate waits.
    QHash<QString, QList<FlowPtr>> m_inFlight;
    // encrypted_code verifies still running, by verify_token (any app: the token is
    // the platform's and serves one verify): a repeat waits and answers the first one's records.
    QHash<QString, QList<FlowPtr>> m_tokenFlights;
};
