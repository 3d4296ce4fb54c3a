#include "core/verify/enrichmentqueue.h"

#include <memory>

#include <QDateTime>
#include <QRandomGenerator>
#include <QTimer>

#include "core/douyin/douyinclient.h"
#include "core/logging/categories.h"
#include "core/store/verificationrepository.h"
#include "core/verify/recordwriter.h"

namespace {

constexpr int POLL_MS = 5000; // picks up jobs whose backoff has passed

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

void applyOrder(VerificationRecord &record, const DouyinOrder &order)
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
    // Only what the order states; a missing receipt amount stays unknown rather than guessed.
    if (order.receiptAmount)
        record.receiptAmount = order.receiptAmount / count;
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

} // namespace

EnrichmentQueue::EnrichmentQueue(VerificationRepository *repository, RecordWriter *writer,
                                 DouyinClient *client, QObject *parent)
    : QObject(parent),
      m_repository(repository),
      m_writer(writer),
      m_client(client),
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

void EnrichmentQueue::kick()
{
    if (isPaused())
        return;
    const int free = m_policy.concurrency - int(m_running.size());
    if (free <= 0)
        return;
    const auto due = m_repository->dueEnrichmentJobs(nowMs(), free + int(m_running.size()));
    if (!due.ok()) {
        qCWarning(lcVerify) << "cannot read enrichment jobs:" << due.error().message;
        return;
    }
    int started = 0;
    for (const EnrichmentJob &job : due.value()) {
        if (started >= free)
            break;
        if (m_running.contains(job.id))
            continue;
        ++started;
        runJob(job.id, job.verificationId, job.attempts);
    }
}

void EnrichmentQueue::runJob(qint64 jobId, qint64 verificationId, int attempts)
{
    auto loaded = m_repository->get(verificationId);
    if (!loaded.ok()) {
        logIfFailed(m_repository->finishEnrichment(jobId, Enrichment::Failed),
                    "finishing an enrichment job");
        return;
    }
    VerificationRecord record = loaded.value();
    if (record.orderId.isEmpty()) {
        // Storing the final state closes the job in the same transaction.
        record.enrichmentStatus = Enrichment::Skipped;
        m_writer->update({record}, {}, [this, record](const Result<Done> &written) {
            if (written.ok())
                emit recordsChanged({record});
        });
        return;
    }
    m_running.insert(jobId);

    m_client->orderQuery(
            OrderQueryRequest{{}, record.orderId, 1, 10}, this,
            [this, jobId, record,
             attempts](const Result<OrderQueryResult, DouyinError> &orders) mutable {
                if (!orders.ok())
                    return fail(jobId, record, attempts, orders.error().message,
                                orders.error().retryAfterSeconds);
                for (const DouyinOrder &order : orders.value().orders) {
                    if (order.orderId == record.orderId)
                        applyOrder(record, order);
                }
                m_client->certificateQuery(
                        CertificateQueryRequest{record.encryptedCode, {}}, this,
                        [this, jobId, record, attempts](
                                const Result<CertificateQueryResult, DouyinError> &states) mutable {
                            if (!states.ok())
                                return fail(jobId, record, attempts, states.error().message,
                                            states.error().retryAfterSeconds);
                            for (const CertificateState &state : states.value().certificates) {
                                if (state.encryptedCode == record.encryptedCode
                                    || state.certificateId == record.certificateId
                                    || states.value().certificates.size() == 1) {
                                    record.couponStatus = state.status;
                                    record.verifyRecordsCount = int(state.verifyRecords.size());
                                    break;
                                }
                            }
                            record.enrichmentStatus = Enrichment::Success;
                            m_writer->update(
                                    {record}, {},
                                    [this, jobId, record, attempts](const Result<Done> &written) {
                                        if (!written.ok())
                                            return fail(jobId, record, attempts,
                                                        written.error().message);
                                        emit recordsChanged({record});
                                        done(jobId);
                                    });
                        });
            });
}

void EnrichmentQueue::fail(qint64 jobId, VerificationRecord record, int attempts,
                           const QString &reason, int pauseSeconds)
{
    ++attempts;
    record.enrichmentRetryCount = attempts;
    if (pauseSeconds > 0) {
        // Douyin asked everyone to slow down: hold the whole queue, not just this job.
        m_pausedUntilMs = nowMs() + qint64(pauseSeconds) * 1000;
        QTimer::singleShot(pauseSeconds * 1000, this, &EnrichmentQueue::kick);
    }
    if (attempts >= m_policy.maxAttempts) {
        record.enrichmentStatus = Enrichment::Failed; // closes the job when stored
        qCWarning(lcVerify) << "enrichment of verification" << record.id
                            << "failed for good:" << reason;
    } else {
        const qint64 backoff =
                qMin<qint64>(qint64(m_policy.baseDelayMs) << (attempts - 1), m_policy.maxDelayMs);
        const qint64 jitter = QRandomGenerator::global()->bounded(qMax<qint64>(1, backoff / 4));
        const qint64 next = nowMs() + qMax<qint64>(backoff, pauseSeconds * 1000LL) + jitter;
        logIfFailed(m_repository->rescheduleEnrichment(jobId, attempts, next, reason),
                    "rescheduling an enrichment job");
        QTimer::singleShot(int(next - nowMs()), this, &EnrichmentQueue::kick);
    }
    m_writer->update({record}, {}, [this, record](const Result<Done> &written) {
        if (written.ok())
            emit recordsChanged({record});
    });
    done(jobId);
}

void EnrichmentQueue::done(qint64 jobId)
{
    m_running.remove(jobId);
    QTimer::singleShot(0, this, &EnrichmentQueue::kick);
}
