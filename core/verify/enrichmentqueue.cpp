#include "core/verify/enrichmentqueue.h"

#include <memory>

#include <QDateTime>
#include <QHash>
#include <QRandomGenerator>
#include <QTimer>

#include "core/logging/categories.h"
#include "core/platform/couponplatform.h"
#include "core/platform/platformregistry.h"
#include "core/store/verificationrepository.h"
#include "core/verify/recordwriter.h"

namespace {

constexpr int POLL_MS = 5000; // picks up jobs whose backoff has passed
// The jobs of one order done in one go; an order seldom has more certificates.
constexpr int MAX_JOBS_PER_ORDER = 20;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

using Enrichment = VerificationRecord::Enrichment;

// Job bookkeeping that fails is retried by the next poll; it only needs to be seen in the log.
void logIfFailed(const Result<Done> &result, const char *what)
{
    if (!result.ok())
        qCWarning(lcVerify) << what << "failed:" << result.error().message;
}

void applyOrder(VerificationRecord &record, const OrderDetails &order)
{
    record.orderStatus = order.orderStatus;
    if (!order.productId.isEmpty())
        record.productId = order.productId;
    if (!order.productName.isEmpty())
        record.productName = order.productName;
    if (!order.skuId.isEmpty())
        record.skuId = order.skuId;
    if (!order.skuName.isEmpty())
        record.skuName = order.skuName;
    // The order's amounts cover all its certificates; per-certificate figures come from
    // prepare. Keep prepare's pay amount and take what only the order knows.
    const int count = qMax(1, order.count);
    if (!record.payAmount)
        record.payAmount = order.payAmount / count;
    // 商家实收 is not taken from the order: the ledger states it (SettlementPass), and until
    // then it stays unknown rather than guessed.
    record.discountAmount = order.discountAmount / count;
    if (order.createOrderTime)
        record.createOrderTime = order.createOrderTime;
    if (order.payTime)
        record.payTime = order.payTime;
    if (!order.sourceOrderId.isEmpty())
        record.sourceOrderId = order.sourceOrderId;
    if (!order.extOrderId.isEmpty())
        record.extOrderId = order.extOrderId;
}

// Empty identifiers match nothing: an order's answer lists all its certificates.
bool isSameCertificate(const CouponState &state, const VerificationRecord &record)
{
    return (!record.encryptedCode.isEmpty() && state.encryptedCode == record.encryptedCode)
            || (!record.certificateId.isEmpty() && state.certificateId == record.certificateId);
}

} // namespace

EnrichmentQueue::EnrichmentQueue(VerificationRepository *repository, RecordWriter *writer,
                                 const PlatformRegistry *platforms, QObject *parent)
    : QObject(parent),
      m_repository(repository),
      m_writer(writer),
      m_platforms(platforms),
      m_timer(new QTimer(this))
{
    m_timer->setInterval(POLL_MS);
    connect(m_timer, &QTimer::timeout, this, &EnrichmentQueue::kick);
    m_timer->start();
}

int EnrichmentQueue::backlog() const
{
    const auto count = m_repository->enrichmentBacklog();
    return count.ok() ? int(count.value()) : 0;
}

bool EnrichmentQueue::isPaused() const
{
    return m_pausedUntilMs > nowMs();
}

QList<EnrichmentJob> EnrichmentQueue::jobsFor(const QList<VerificationRecord> &records)
{
    QList<EnrichmentJob> jobs;
    for (const VerificationRecord &record : records) {
        if (record.verifyStatus != VerificationRecord::Status::Success
            || record.enrichmentStatus != Enrichment::Pending || record.id == 0)
            continue;
        EnrichmentJob job;
        job.verificationId = record.id;
        job.nextAttemptAt = nowMs();
        jobs.append(job);
    }
    return jobs;
}

bool EnrichmentQueue::isBusy() const
{
    return m_busyUntilMs > nowMs();
}

void EnrichmentQueue::yieldToVerifications()
{
    m_busyUntilMs = nowMs() + m_policy.busyForMs;
}

void EnrichmentQueue::kick()
{
    if (isPaused())
        return;
    const int free = (isBusy() ? m_policy.busyConcurrency : m_policy.concurrency) - m_runningOrders;
    if (free <= 0)
        return;
    const auto due = takeDue(free);
    if (!due.ok()) {
        qCWarning(lcVerify) << "cannot read enrichment jobs:" << due.error().message;
        return;
    }
    QStringList orders; // in the order they came due
    QHash<QString, QList<Job>> jobsByOrder;
    QList<EnrichmentJob> unused;
    for (const EnrichmentJob &job : due.value()) {
        if (m_running.contains(job.id))
            continue;
        const auto loaded = m_repository->get(job.verificationId);
        if (!loaded.ok()) {
            logIfFailed(m_repository->finishEnrichment(job.id, Enrichment::Failed),
                        "finishing an enrichment job");
            continue;
        }
        const VerificationRecord &record = loaded.value();
        if (record.orderId.isEmpty()) {
            skip(job.id, record);
            continue;
        }
        QList<Job> *jobs =
                jobsByOrder.contains(record.orderId) ? &jobsByOrder[record.orderId] : nullptr;
        // Oldest first: a later order waits for a free slot.
        if (!jobs && orders.size() < free) {
            orders.append(record.orderId);
            jobs = &jobsByOrder[record.orderId];
        }
        if (jobs && jobs->size() < MAX_JOBS_PER_ORDER)
            jobs->append({job.id, job.attempts, record});
        else if (m_policy.claimLeaseMs > 0)
            unused.append(job);
        else if (!jobs)
            break; // a lone gateway took nothing it does not run
    }
    giveBack(unused);
    for (const QString &orderId : std::as_const(orders))
        runOrder(orderId, jobsByOrder.value(orderId));
}

Result<QList<EnrichmentJob>> EnrichmentQueue::takeDue(int free)
{
    if (m_policy.claimLeaseMs > 0)
        return m_repository->claimEnrichmentJobs(nowMs(), free * MAX_JOBS_PER_ORDER,
                                                 m_policy.claimLeaseMs);
    // Jobs being worked on are still pending in the table: read past them.
    return m_repository->dueEnrichmentJobs(nowMs(),
                                           int(m_running.size()) + free * MAX_JOBS_PER_ORDER);
}

void EnrichmentQueue::giveBack(const QList<EnrichmentJob> &jobs)
{
    if (m_policy.claimLeaseMs <= 0)
        return;
    for (const EnrichmentJob &job : jobs)
        logIfFailed(m_repository->rescheduleEnrichment(job.id, job.attempts, job.nextAttemptAt,
                                                       job.lastError),
                    "giving back an enrichment job");
}

void EnrichmentQueue::skip(qint64 jobId, VerificationRecord record)
{
    m_running.insert(jobId);
    // Storing the final state closes the job in the same transaction.
    record.enrichmentStatus = Enrichment::Skipped;
    m_writer->update({record}, {}, [this, jobId, record](const Result<Done> &written) {
        m_running.remove(jobId);
        if (written.ok())
            emit recordsChanged({record});
    });
}

void EnrichmentQueue::runOrder(const QString &orderId, const QList<Job> &jobs)
{
    ++m_runningOrders;
    for (const Job &job : jobs)
        m_running.insert(job.id);

    CouponPlatform *platform = m_platforms->find(jobs.constFirst().record.platform);
    if (!platform)
        return failAll(jobs, QStringLiteral("the platform is not set up"));
    const QString poiId = jobs.constFirst().record.poiId;
    if (!platform->capabilities().hasOrderDetails) // the verify answer said all there is
        return queryStates(platform, orderId, jobs);
    platform->orderDetails(poiId, orderId, this,
                           [this, platform, orderId, jobs = jobs](
                                   const Result<OrderDetails, PlatformError> &details) mutable {
                               if (!details.ok())
                                   return failAll(jobs, details.error().message,
                                                  details.error().retryAfterSeconds);
                               if (details.value().orderId == orderId) {
                                   for (Job &job : jobs)
                                       applyOrder(job.record, details.value());
                               }
                               queryStates(platform, orderId, jobs);
                           });
}

void EnrichmentQueue::queryStates(CouponPlatform *platform, const QString &orderId,
                                  const QList<Job> &jobs)
{
    // One coupon is asked for alone; several come in one answer for the order.
    const bool alone = jobs.size() == 1;
    const VerificationRecord &first = jobs.constFirst().record;
    platform->queryStatus(
            {first.poiId, alone ? first.encryptedCode : QString(), alone ? QString() : orderId},
            this, [this, jobs](const Result<QList<CouponState>, PlatformError> &states) {
                if (!states.ok())
                    return failAll(jobs, states.error().message, states.error().retryAfterSeconds);
                storeStates(jobs, states.value());
            });
}

void EnrichmentQueue::storeStates(const QList<Job> &jobs, const QList<CouponState> &states)
{
    QList<VerificationRecord> records;
    for (const Job &job : jobs) {
        VerificationRecord record = job.record;
        for (const CouponState &state : states) {
            if (isSameCertificate(state, record) || states.size() == 1) {
                record.couponStatus = state.platformStatus;
                record.verifyRecordsCount = state.verifyCount;
                break;
            }
        }
        record.enrichmentStatus = Enrichment::Success;
        records.append(record);
    }
    m_writer->update(records, {}, [this, jobs, records](const Result<Done> &written) {
        if (!written.ok())
            return failAll(jobs, written.error().message);
        emit recordsChanged(records);
        finishOrder(jobs);
    });
}

void EnrichmentQueue::failAll(const QList<Job> &jobs, const QString &reason, int pauseSeconds)
{
    if (pauseSeconds > 0) {
        // The platform asked everyone to slow down: hold the whole queue, not just these jobs.
        m_pausedUntilMs = nowMs() + qint64(pauseSeconds) * 1000;
        QTimer::singleShot(pauseSeconds * 1000, this, &EnrichmentQueue::kick);
    }
    QList<VerificationRecord> records;
    for (const Job &job : jobs) {
        const int attempts = job.attempts + 1;
        VerificationRecord record = job.record;
        record.enrichmentRetryCount = attempts;
        if (attempts >= m_policy.maxAttempts) {
            record.enrichmentStatus = Enrichment::Failed; // closes the job when stored
            qCWarning(lcVerify) << "enrichment of verification" << record.id
                                << "failed for good:" << reason;
        } else {
            const qint64 backoff = qMin<qint64>(qint64(m_policy.baseDelayMs) << (attempts - 1),
                                                m_policy.maxDelayMs);
            const qint64 jitter = QRandomGenerator::global()->bounded(qMax<qint64>(1, backoff / 4));
            const qint64 next = nowMs() + qMax<qint64>(backoff, pauseSeconds * 1000LL) + jitter;
            logIfFailed(m_repository->rescheduleEnrichment(job.id, attempts, next, reason),
                        "rescheduling an enrichment job");
            QTimer::singleShot(int(next - nowMs()), this, &EnrichmentQueue::kick);
        }
        records.append(record);
    }
    // The jobs stay taken until their records are stored, so no kick picks them up twice.
    m_writer->update(records, {}, [this, jobs, records](const Result<Done> &written) {
        if (written.ok())
            emit recordsChanged(records);
        finishOrder(jobs);
    });
}

void EnrichmentQueue::finishOrder(const QList<Job> &jobs)
{
    for (const Job &job : jobs)
        m_running.remove(job.id);
    --m_runningOrders;
    QTimer::singleShot(0, this, &EnrichmentQueue::kick);
}
