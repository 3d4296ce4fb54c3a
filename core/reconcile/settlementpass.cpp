#include "core/reconcile/settlementpass.h"

#include <QDateTime>
#include <QHash>

#include "core/logging/categories.h"
#include "core/platform/couponplatform.h"
#include "core/store/verificationsettlements.h"

SettlementPass::SettlementPass(CouponPlatform *platform, VerificationSettlements *settlements,
                               QObject *parent)
    : QObject(parent),
      m_platform(platform),
      m_settlements(settlements),
      m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

qint64 SettlementPass::backoffMs(int attempts)
{
    constexpr qint64 FIRST_MS = 10 * 60 * 1000;
    constexpr qint64 MAX_MS = 6 * 3600 * 1000;
    const int doublings = qBound(0, attempts, 10);
    return qMin(MAX_MS, FIRST_MS << doublings);
}

void SettlementPass::askDue(Done done)
{
    m_done = std::move(done);
    if (!m_platform)
        return finish(0);
    const auto due = m_settlements->due(m_platform->id(), m_clock(), DUE_LIMIT);
    if (!due.ok())
        return finish(due.error());
    askBatches(due.value(), std::move(m_done));
}

void SettlementPass::askDay(const QDate &date, const QString &poiId, Done done)
{
    m_done = std::move(done);
    if (!m_platform)
        return finish(0);
    const auto pending = m_settlements->pendingOfDay(m_platform->id(), date, poiId);
    if (!pending.ok())
        return finish(pending.error());
    askBatches(pending.value(), std::move(m_done));
}

void SettlementPass::askBatches(const QList<VerificationRecord> &records, Done done)
{
    const int batch = m_platform ? m_platform->capabilities().ledgerBatchMax : 0;
    m_done = std::move(done);
    m_settled = 0;
    m_batches.clear();
    for (qsizetype i = 0; batch > 0 && i < records.size(); i += batch)
        m_batches.append(records.mid(i, batch));
    askNext();
}

void SettlementPass::askNext()
{
    if (m_batches.isEmpty())
        return finish(m_settled);
    const QList<VerificationRecord> records = m_batches.takeFirst();
    QStringList certificates;
    for (const VerificationRecord &record : records)
        certificates << record.certificateId;
    m_platform->ledger(
            certificates, this,
            [this, records](const Result<QList<LedgerEntry>, PlatformError> &answer) {
                if (!answer.ok()) {
                    m_batches.clear();
                    return finish(makeError(ErrorCode::Network,
                                            QStringLiteral("ledger: ") + answer.error().message));
                }
                QHash<QString, LedgerEntry> entries;
                for (const LedgerEntry &entry : answer.value())
                    entries.insert(entry.certificateId, entry);
                const qint64 now = m_clock();
                QList<VerificationSettlements::Answer> answers;
                for (const VerificationRecord &record : records) {
                    VerificationSettlements::Answer one{record.id, {}, 0};
                    // A record of another verification of the coupon is not ours.
                    const auto found = entries.constFind(record.certificateId);
                    if (found != entries.constEnd()
                        && (found->verifyId.isEmpty() || record.verifyId.isEmpty()
                            || found->verifyId == record.verifyId))
                        one.entry = *found;
                    else
                        one.nextAskAtMs = now + backoffMs(record.settleAttempts);
                    answers.append(one);
                }
                const auto stored = m_settlements->store(answers, now);
                if (!stored.ok()) {
                    m_batches.clear();
                    return finish(stored.error());
                }
                m_settled += int(stored.value().size());
                if (!stored.value().isEmpty())
                    emit recordsSettled(stored.value());
                askNext();
            });
}

void SettlementPass::finish(const Result<int> &result)
{
    deleteLater();
    if (result.ok() && result.value() > 0)
        qCInfo(lcReconcile) << "settlement:" << result.value() << "records settled";
    const Done done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(result);
}
