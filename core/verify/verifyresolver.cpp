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

using Verdict = VerifyRecords::StatusVerdict;

bool isOpen(const VerificationRecord &record)
{
    return record.verifyStatus == VerificationRecord::Status::Pending
            || record.verifyStatus == VerificationRecord::Status::Unknown;
}

// Douyin answered, but only to say "not now": the pass ends and the next one asks again.
bool isTransient(const DouyinError &error)
{
    return error.code == DouyinApi::UNKNOWN_ERROR || error.code == DouyinApi::SYSTEM_BUSY
            || error.code == DouyinApi::BUSY || error.code == DouyinApi::TOKEN_INVALID
            || error.code == DouyinApi::TOKEN_EXPIRED;
}

const CertificateState *matching(const QList<CertificateState> &states,
                                 const VerificationRecord &record)
{
    for (const CertificateState &state : states) {
        if ((!state.encryptedCode.isEmpty() && state.encryptedCode == record.encryptedCode)
            || (!state.certificateId.isEmpty() && state.certificateId == record.certificateId))
            return &state;
    }
    // Asked by this one encrypted code: a single answer is its certificate.
    return states.size() == 1 ? &states.constFirst() : nullptr;
}

} // namespace

struct VerifyResolver::Pass
{
    QString batchId;
    int attempt = 0; // this pass's number in the schedule, 1-based
    QList<VerificationRecord> records;
    QList<Verdict> verdicts; // per record; Settled for records that were not open
    QList<VerifyRecord> seen; // per record: the platform's verify when VerifiedSomehow
    int remaining = 0;
    QString failure;
};

VerifyResolver::VerifyResolver(VerificationRepository *repository, DouyinClient *client,
                               QObject *parent)
    : QObject(parent),
      m_repository(repository),
      m_client(client),
      m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }),
      m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &VerifyResolver::runDue);
}

VerifyResolver::~VerifyResolver() = default;

void VerifyResolver::setClock(Clock clock)
{
    m_clock = std::move(clock);
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
        // A record that used up the schedule waits for a person, not for another pass.
        if (record.verifyStatus == VerificationRecord::Status::Unknown && !record.nextResolveAt)
            continue;
        // Due now: time has passed while the program was down, and a pass starts with a
        // status query.
        if (!m_batches.contains(record.batchId))
            schedule(record.batchId, now());
    }
    if (!m_batches.isEmpty())
        qCInfo(lcVerify) << "resuming" << m_batches.size() << "unsettled verify calls";
}

void VerifyResolver::track(const QString &batchId)
{
    schedule(batchId, now() + m_schedule.delayBefore(1));
}

void VerifyResolver::schedule(const QString &batchId, qint64 dueAtMs)
{
    m_batches.insert(batchId, dueAtMs);
    qint64 next = dueAtMs;
    for (const qint64 due : std::as_const(m_batches))
        next = qMin(next, due);
    const qint64 wait = qMax<qint64>(0, next - now());
    if (!m_timer->isActive() || m_timer->remainingTime() > wait)
        m_timer->start(int(qMin<qint64>(wait, 3600 * 1000)));
}

void VerifyResolver::runDue()
{
    const qint64 t = now();
    qint64 next = -1;
    const auto batches = m_batches;
    for (auto it = batches.cbegin(); it != batches.cend(); ++it) {
        if (m_running.contains(it.key()))
            continue;
        if (it.value() <= t)
            resolve(it.key());
        else
            next = next < 0 ? it.value() : qMin(next, it.value());
    }
    if (next >= 0)
        m_timer->start(int(qMin<qint64>(qMax<qint64>(0, next - t), 3600 * 1000)));
}

void VerifyResolver::resolve(const QString &batchId)
{
    auto loaded = m_repository->findByBatch(batchId);
    if (!loaded.ok() || loaded.value().isEmpty()
        || std::none_of(loaded.value().cbegin(), loaded.value().cend(), isOpen)) {
        m_batches.remove(batchId);
        return;
    }
    m_running.insert(batchId);

    auto pass = std::make_shared<Pass>();
    pass->batchId = batchId;
    pass->records = loaded.value();
    for (const VerificationRecord &record : std::as_const(pass->records)) {
        if (isOpen(record))
            pass->attempt = qMax(pass->attempt, record.resolveAttempts + 1);
    }
    // Counted once, here: whatever this pass ends as, it was one step of the schedule.
    for (VerificationRecord &record : pass->records) {
        pass->verdicts.append(isOpen(record) ? Verdict::Usable : Verdict::Settled);
        pass->seen.append(VerifyRecord{});
        if (isOpen(record)) {
            record.resolveAttempts = pass->attempt;
            ++pass->remaining;
        }
    }
    for (qsizetype i = 0; i < pass->records.size(); ++i) {
        if (isOpen(pass->records.at(i)))
            queryStatus(pass, i);
    }
}

void VerifyResolver::queryStatus(const std::shared_ptr<Pass> &pass, qsizetype index)
{
    const VerificationRecord &record = pass->records.at(index);
    if (m_batchQueryDenied) {
        m_client->certificateGet(
                record.encryptedCode, this,
                [this, pass, index](const Result<CertificateGetResult, DouyinError> &result) {
                    if (result.ok())
                        return statusAnswered(pass, index, &result.value().certificate, nullptr);
                    statusAnswered(pass, index, nullptr, &result.error());
                });
        return;
    }
    CertificateQueryRequest request;
    request.encryptedCode = record.encryptedCode;
    m_client->certificateQuery(
            request, this,
            [this, pass, index](const Result<CertificateQueryResult, DouyinError> &result) {
                if (!result.ok()) {
                    if (result.error().isRejected(DouyinApi::CAPABILITY_NOT_GRANTED)) {
                        if (!m_batchQueryDenied)
                            qCWarning(lcVerify) << "Douyin has not granted the certificate batch "
                                                   "query (2190004); using certificate/get";
                        m_batchQueryDenied = true;
                        return queryStatus(pass, index);
                    }
                    return statusAnswered(pass, index, nullptr, &result.error());
                }
                const CertificateState *state =
                        matching(result.value().certificates, pass->records.at(index));
                if (state)
                    return statusAnswered(pass, index, state, nullptr);
                DouyinError missing = DouyinError::make(
                        DouyinError::Kind::BadAnswer,
                        QStringLiteral("the status query did not list the certificate"));
                statusAnswered(pass, index, nullptr, &missing);
            });
}

void VerifyResolver::statusAnswered(const std::shared_ptr<Pass> &pass, qsizetype index,
                                    const CertificateState *state, const DouyinError *error)
{
    if (state) {
        VerificationRecord &record = pass->records[index];
        pass->verdicts[index] = VerifyRecords::applyStatus(record, *state);
        if (pass->verdicts[index] == Verdict::VerifiedSomehow) {
            pass->seen[index] = state->hasVerify || state->verifyRecords.isEmpty()
                    ? state->verify
                    : state->verifyRecords.constLast();
        }
    } else {
        pass->failure = error->message;
    }
    if (--pass->remaining > 0)
        return;
    if (!pass->failure.isEmpty())
        return endPass(pass, QStringLiteral("status query failed: ") + pass->failure);
    if (std::any_of(pass->verdicts.cbegin(), pass->verdicts.cend(),
                    [](Verdict verdict) { return verdict != Verdict::Settled; }))
        return retryVerify(pass);
    write(pass->batchId, pass->records);
}

namespace {

// The same-token resend answered. Takes its result for each record the pass left open, and
// tells our applied verify (0, 1208, 2) from a certificate verified by someone else.
// Returns the reason for records that stay open (the token can no longer tell), else "".
QString takeResendAnswer(QList<VerificationRecord> &records, const QList<Verdict> &verdicts,
                         const QList<VerifyRecord> &seen, const VerifyResult &answer)
{
    QList<VerificationRecord> answered = records; // aligned with the codes sent, in order
    VerifyRecords::applyAnswer(answered, answer);
    QString stillOpen;
    for (qsizetype i = 0; i < records.size(); ++i) {
        if (!isOpen(records.at(i)))
            continue;
        const VerificationRecord &theirs = answered.at(i);
        VerificationRecord &record = records[i];
        const bool success = theirs.verifyStatus == VerificationRecord::Status::Success;
        if (verdicts.at(i) != Verdict::VerifiedSomehow || success) {
            const int attempts = record.resolveAttempts;
            record = theirs;
            record.resolveAttempts = attempts;
            if (success && record.verifyId.isEmpty())
                record.verifyId = seen.at(i).verifyId;
            if (success && !record.verifyTime && seen.at(i).verifyTime)
                record.verifyTime = seen.at(i).verifyTime;
            continue;
        }
        record.platformResponse = theirs.platformResponse;
        record.logid = theirs.logid;
        const bool verifiedBeforeWeSent =
                seen.at(i).verifyTime && seen.at(i).verifyTime * 1000 < record.createdAt - 1000;
        if (theirs.errorCode == DouyinApi::CERTIFICATE_USED || verifiedBeforeWeSent) {
            VerifyRecords::applyVerifiedElsewhere(record, seen.at(i));
            continue;
        }
        // Verified on Douyin, but our token no longer answers for it (e.g. 1229, expired).
        stillOpen = QStringLiteral("the certificate is verified on Douyin, but the verify_token "
                                   "answered %1, so it cannot tell whether by this verification")
                            .arg(theirs.errorCode.value_or(0));
    }
    return stillOpen;
}

} // namespace

void VerifyResolver::retryVerify(const std::shared_ptr<Pass> &pass)
{
    // Identical parameters: every code of the original call, in the original order. Safe to
    // send again only because it carries the same verify_token: Douyin applies a token once.
    VerifyRequest request;
    request.verifyToken = pass->records.first().verifyToken;
    request.poiId = pass->records.first().poiId;
    for (const VerificationRecord &record : std::as_const(pass->records))
        request.encryptedCodes.append(record.encryptedCode);

    qCInfo(lcVerify) << "pass" << pass->attempt << "of batch" << pass->batchId
                     << ": verify again with its own verify_token";
    m_client->verify(request, this, [this, pass](const Result<VerifyResult, DouyinError> &result) {
        if (result.ok()) {
            const QString open =
                    takeResendAnswer(pass->records, pass->verdicts, pass->seen, result.value());
            if (!open.isEmpty())
                return endPass(pass, open);
            return write(pass->batchId, pass->records);
        }
        const DouyinError &error = result.error();
        const bool anyVerified = pass->verdicts.contains(Verdict::VerifiedSomehow);
        // A refusal of the whole call applied nothing; for a certificate that
        // is already verified it cannot say by whom, so that one waits.
        if (error.kind == DouyinError::Kind::Rejected && !isTransient(error)
            && (!anyVerified || error.code == DouyinApi::VERIFY_ALREADY_UNDER_TOKEN)) {
            QList<VerificationRecord> open;
            for (const VerificationRecord &record : std::as_const(pass->records))
                open.append(record);
            VerifyRecords::applyRejection(open, error);
            for (qsizetype i = 0; i < open.size(); ++i) {
                if (isOpen(pass->records.at(i)))
                    pass->records[i] = open.at(i);
            }
            return write(pass->batchId, pass->records);
        }
        endPass(pass, error.message);
    });
}

void VerifyResolver::endPass(const std::shared_ptr<Pass> &pass, const QString &stillOpenReason)
{
    const bool exhausted = pass->attempt >= m_schedule.maxAttempts;
    const qint64 due = now() + m_schedule.delayBefore(pass->attempt + 1);
    for (VerificationRecord &record : pass->records) {
        if (!isOpen(record))
            continue;
        record.verifyStatus = VerificationRecord::Status::Unknown;
        if (exhausted) {
            record.nextResolveAt.reset();
            record.errorDescription =
                    QStringLiteral("outcome still unknown after %1 attempts (%2); "
                                   "check the coupon in Douyin's merchant backend")
                            .arg(pass->attempt)
                            .arg(stillOpenReason);
        } else {
            record.nextResolveAt = due;
        }
    }
    qCWarning(lcVerify) << "batch" << pass->batchId << "still unknown after pass" << pass->attempt
                        << ":" << stillOpenReason;
    const auto written = m_repository->update(pass->records);
    if (!written.ok())
        qCWarning(lcVerify) << "cannot store resolution state:" << written.error().message;
    m_running.remove(pass->batchId);
    if (exhausted)
        m_batches.remove(pass->batchId);
    else
        schedule(pass->batchId, due);
    emit recordsChanged(pass->records);
}

void VerifyResolver::write(const QString &batchId, const QList<VerificationRecord> &records)
{
    m_running.remove(batchId);
    const auto written = m_repository->update(records, EnrichmentQueue::jobsFor(records));
    if (!written.ok()) {
        // Try again later: the answer is known but could not be stored yet.
        qCWarning(lcVerify) << "cannot store resolved batch" << batchId << written.error().message;
        schedule(batchId, now() + m_schedule.delayBefore(1));
        return;
    }
    if (std::none_of(records.cbegin(), records.cend(), isOpen))
        m_batches.remove(batchId);
    else
        schedule(batchId, now() + m_schedule.delayBefore(1));
    qCInfo(lcVerify) << "batch" << batchId << "resolved";
    emit recordsChanged(records);
}
