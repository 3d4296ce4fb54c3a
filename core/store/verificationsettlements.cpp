#include "core/store/verificationsettlements.h"

#include "core/store/database.h"
#include "core/store/recordrewriter.h"
#include "core/store/verificationrowmapper.h"

namespace {

using Settlement = VerificationRecord::Settlement;

const QString PENDING_STANDING =
        QStringLiteral(" WHERE v.settlement_status = 'pending' AND v.verify_status = 'success' AND "
                       "COALESCE(v.cancel_status, '') <> 'cancelled' AND v.platform = ?");

std::optional<VerificationRecord> applied(const VerificationRecord &before,
                                          const VerificationSettlements::Answer &answer,
                                          qint64 nowMs)
{
    if (before.settlementStatus != Settlement::Pending || !before.isStandingSuccess())
        return std::nullopt;
    VerificationRecord after = before;
    if (!answer.entry) {
        after.settleAttempts = before.settleAttempts + 1;
        after.nextSettleAt = answer.nextAskAtMs;
        return after;
    }
    after.settlementStatus = Settlement::Settled;
    after.receiptAmount = answer.entry->goods;
    after.commissionAmount = answer.entry->commission;
    after.settledAt = nowMs;
    after.nextSettleAt.reset();
    return after;
}

} // namespace

Result<QList<VerificationRecord>> VerificationSettlements::due(PlatformId platform, qint64 nowMs,
                                                               int limit)
{
    return VerificationRowMapper::select(
            *m_database,
            PENDING_STANDING
                    + QStringLiteral(" AND (v.next_settle_at IS NULL OR v.next_settle_at <= ?) "
                                     "ORDER BY COALESCE(v.next_settle_at, 0), v.id LIMIT ?"),
            {Platforms::toString(platform), nowMs, limit});
}

Result<QList<VerificationRecord>>
VerificationSettlements::pendingOfDay(PlatformId platform, const QDate &date, const QString &poiId)
{
    QVariantList values{Platforms::toString(platform), date.toString(Qt::ISODate)};
    QString where = PENDING_STANDING + QStringLiteral(" AND v.business_date = ?");
    if (!poiId.isEmpty()) {
        where += QStringLiteral(" AND v.poi_id = ?");
        values << poiId;
    }
    return VerificationRowMapper::select(*m_database, where + QStringLiteral(" ORDER BY v.id"),
                                         values);
}

Result<QList<VerificationRecord>> VerificationSettlements::store(const QList<Answer> &answers,
                                                                 qint64 nowMs)
{
    return m_database->write<QList<VerificationRecord>>([&]() -> Result<QList<VerificationRecord>> {
        RecordRewriter rewriter(m_database);
        QList<VerificationRecord> settled; // afresh on each attempt of the transaction
        for (const Answer &answer : answers) {
            bool written = false;
            const auto stored = rewriter.rewrite(
                    answer.id,
                    [&answer, nowMs](const VerificationRecord &before) {
                        return applied(before, answer, nowMs);
                    },
                    &written);
            if (!stored.ok() && stored.error().code != ErrorCode::NotFound)
                return stored.error();
            if (written && answer.entry)
                settled.append(stored.value());
        }
        return settled;
    });
}
