#include "core/verify/verifyresolver.h"

#include <memory>

#include <QDateTime>
#include <QTimer>

#include "core/douyin/douyinclient.h"
#include "core/logging/categories.h"
#include "core/store/verificationrepository.h"
#include "core/verify/enrichmentqueue.h"
#include "core/verify/verifyrecords.h"

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

bool isOpen(const VerificationRecord &record)
{
    return record.verifyStatus == VerificationRecord::Status::Pending
            || record.verifyStatus == VerificationRecord::Status::Unknown;
}

} // namespace

VerifyResolver::VerifyResolver(VerificationRepository *repository, DouyinClient *client,
                               QObject *parent)
    : QObject(parent),
      m_repository(repository),
      m_client(client),
      m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &VerifyResolver::runDue);
}

int VerifyResolver::delayBefore(int attempt) const
{
    return attempt <= m_schedule.fastCount ? m_schedule.fastDelayMs : m_schedule.slowDelayMs;
}

void VerifyResolver::resumeAll()
{
    const auto open = m_repository->findByStatus(
            {VerificationRecord::Status::Pending, VerificationRecord::Status::Unknown});
    if (!open.ok()) {
        qCWarning(lcVerify) << "cannot load open verifications:" << open.error().message;
        return;
    }
    for (const VerificationRecord &record : open.value()) {
        // Due now: time has passed while the program was down, and the first step of a
        // resolution is only a status query.
        if (!m_batches.contains(record.batchId))
            schedule(record.batchId, nowMs());
    }
    if (!open.value().isEmpty())
        qCInfo(lcVerify) << "resuming" << m_batches.size() << "unsettled verify calls";
}

void VerifyResolver::track(const QString &batchId)
{
    schedule(batchId, nowMs() + delayBefore(1));
}

void VerifyResolver::schedule(const QString &batchId, qint64 dueAtMs)
{
    m_batches.insert(batchId, dueAtMs);
    qint64 next = dueAtMs;
    for (const qint64 due : std::as_const(m_batches))
        next = qMin(next, due);
    const qint64 wait = qMax<qint64>(0, next - nowMs());
    if (!m_timer->isActive() || m_timer->remainingTime() > wait)
        m_timer->start(int(qMin<qint64>(wait, 3600 * 1000)));
}

void VerifyResolver::runDue()
{
    const qint64 now = nowMs();
    qint64 next = -1;
    const auto batches = m_batches;
    for (auto it = batches.cbegin(); it != batches.cend(); ++it) {
        if (m_running.contains(it.key()))
            continue;
        if (it.value() <= now)
            resolve(it.key());
        else
            next = next < 0 ? it.value() : qMin(next, it.value());
    }
    if (next >= 0)
        m_timer->start(int(qMin<qint64>(qMax<qint64>(0, next - now), 3600 * 1000)));
}

void VerifyResolver::resolve(const QString &batchId)
{
    auto loaded = m_repository->findByBatch(batchId);
    if (!loaded.ok() || loaded.value().isEmpty()) {
        m_batches.remove(batchId);
        return;
    }
    QList<VerificationRecord> records = loaded.value();
    if (std::none_of(records.cbegin(), records.cend(), isOpen)) {
        m_batches.remove(batchId);
        return;
    }
    m_running.insert(batchId);

    // Ask Douyin about every certificate of the call; settle what the answers settle.
    auto state = std::make_shared<QList<VerificationRecord>>(records);
    auto remaining = std::make_shared<int>(int(records.size()));
    auto failure = std::make_shared<QString>();
    for (qsizetype i = 0; i < records.size(); ++i) {
        m_client->certificateGet(
                records.at(i).encryptedCode, this,
                [this, batchId, state, remaining, failure,
                 i](const Result<CertificateGetResult, DouyinError> &result) {
                    if (result.ok())
                        VerifyRecords::applyStatus((*state)[i], result.value().certificate);
                    else
                        *failure = result.error().message;
                    if (--*remaining > 0)
                        return;
                    if (!failure->isEmpty())
                        return giveUpOrReschedule(batchId, *state,
                                                  QStringLiteral("status query failed: ")
                                                          + *failure);
                    if (std::any_of(state->cbegin(), state->cend(), isOpen))
                        return retryVerify(batchId, *state);
                    write(batchId, *state);
                });
    }
}

void VerifyResolver::retryVerify(const QString &batchId, QList<VerificationRecord> records)
{
    // Identical parameters: every code of the original call, in the original order.
    VerifyRequest request;
    request.verifyToken = records.first().verifyToken;
    request.poiId = records.first().poiId;
    for (const VerificationRecord &record : std::as_const(records))
        request.encryptedCodes.append(record.encryptedCode);
    for (VerificationRecord &record : records)
        ++record.resolveAttempts;

    qCInfo(lcVerify) << "retrying verify of batch" << batchId << "with its own verify_token";
    m_client->verify(
            request, this,
            [this, batchId, records](const Result<VerifyResult, DouyinError> &result) mutable {
                if (result.ok()) {
                    // Only the still-open records take the retry's answer.
                    QList<VerificationRecord> open;
                    for (const VerificationRecord &record : std::as_const(records)) {
                        if (isOpen(record))
                            open.append(record);
                    }
                    VerifyRecords::applyAnswer(open, result.value(), true);
                    for (VerificationRecord &record : records) {
                        for (const VerificationRecord &answered : std::as_const(open)) {
                            if (answered.id == record.id)
                                record = answered;
                        }
                    }
                    return write(batchId, records);
                }
                const DouyinError &error = result.error();
                if (error.kind == DouyinError::Kind::Rejected) {
                    VerifyRecords::applyRejection(records, error);
                    return write(batchId, records);
                }
                giveUpOrReschedule(batchId, records, error.message);
            });
}

void VerifyResolver::giveUpOrReschedule(const QString &batchId, QList<VerificationRecord> records,
                                        const QString &reason)
{
    int attempts = 0;
    for (VerificationRecord &record : records) {
        if (!isOpen(record))
            continue;
        attempts = qMax(attempts, record.resolveAttempts);
    }
    // Every pass counts against the limit, also those that only asked for the status.
    ++attempts;
    const bool exhausted = attempts >= m_schedule.maxAttempts;
    const qint64 due = nowMs() + delayBefore(attempts + 1);
    for (VerificationRecord &record : records) {
        if (!isOpen(record))
            continue;
        record.resolveAttempts = attempts;
        record.verifyStatus = VerificationRecord::Status::Unknown;
        if (exhausted) {
            record.nextResolveAt.reset();
            record.errorDescription =
                    QStringLiteral("outcome still unknown after %1 attempts (%2); "
                                   "check the coupon in Douyin's merchant backend")
                            .arg(attempts)
                            .arg(reason);
        } else {
            record.nextResolveAt = due;
        }
    }
    qCWarning(lcVerify) << "batch" << batchId << "still unknown:" << reason << "attempt"
                        << attempts;
    const auto written = m_repository->update(records);
    if (!written.ok())
        qCWarning(lcVerify) << "cannot store resolution state:" << written.error().message;
    m_running.remove(batchId);
    if (exhausted)
        m_batches.remove(batchId);
    else
        schedule(batchId, due);
    emit recordsChanged(records);
}

void VerifyResolver::write(const QString &batchId, const QList<VerificationRecord> &records)
{
    m_running.remove(batchId);
    const auto written = m_repository->update(records, EnrichmentQueue::jobsFor(records));
    if (!written.ok()) {
        // Try again later: the answer is known but could not be stored yet.
        qCWarning(lcVerify) << "cannot store resolved batch" << batchId << written.error().message;
        schedule(batchId, nowMs() + delayBefore(1));
        return;
    }
    if (std::none_of(records.cbegin(), records.cend(), isOpen))
        m_batches.remove(batchId);
    qCInfo(lcVerify) << "batch" << batchId << "resolved";
    emit recordsChanged(records);
}
