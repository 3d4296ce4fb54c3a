#include "core/store/verificationcancels.h"

#include <optional>

#include <QSqlQuery>

#include "core/store/database.h"
#include "core/store/store.h"
#include "core/store/verificationrowmapper.h"
#include "core/store/verificationtotals.h"

namespace {

using CancelStatus = VerificationRecord::Cancel::Status;

bool canStartCancel(const VerificationRecord &record)
{
    return record.verifyStatus == VerificationRecord::Status::Success
            && (!record.cancel.status || record.cancel.status == CancelStatus::Failed);
}

} // namespace

template <typename Decide>
Result<VerificationRecord> VerificationCancels::rewrite(qint64 id, Decide decide, bool *written)
{
    *written = false;
    // Database::write(): on PostgreSQL a transaction whose connection dropped runs again.
    return m_database->write<VerificationRecord>([&]() -> Result<VerificationRecord> {
        // BEGIN IMMEDIATE (SQLite) holds the write lock, FOR UPDATE (PostgreSQL) the row: the
        // row read here is the row the update replaces.
        auto found = VerificationRowMapper::select(
                *m_database,
                QStringLiteral(" WHERE v.id = ?")
                        + m_database->dialect().forUpdate(QStringLiteral("v")),
                {id});
        if (!found.ok())
            return found.error();
        if (found.value().isEmpty())
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("verification %1 does not exist").arg(id));
        const VerificationRecord before = found.value().constFirst();
        const std::optional<VerificationRecord::Cancel> cancel = decide(before);
        if (!cancel)
            return before;

        VerificationRecord after = before;
        after.cancel = *cancel;
        after.updatedAt = Store::nowMs();
        const auto update = VerificationRowMapper::changedColumnsUpdate(before, after);
        const auto prepared = m_database->prepared(update.sql);
        if (!prepared.ok())
            return prepared.error();
        if (!Store::execWith(*prepared.value(), update.values))
            return Store::sqlError(
                    QStringLiteral("cannot store the cancel of verification %1").arg(id),
                    *prepared.value());
        VerificationTotals totals;
        totals.add(before, -1);
        totals.add(after, +1);
        if (const auto applied = totals.apply(*m_database); !applied.ok())
            return applied.error();
        *written = true;
        return after;
    });
}

Result<VerificationCancels::Claim>
VerificationCancels::claim(qint64 id, const VerificationRecord::Cancel &cancel)
{
    if (cancel.status != CancelStatus::Pending || cancel.token.isEmpty())
        return Store::badInput(QStringLiteral("cancel: a claim is pending and has a token"));
    bool written = false;
    auto record = rewrite(
            id,
            [&cancel](const VerificationRecord &before) {
                return canStartCancel(before) ? std::optional(cancel) : std::nullopt;
            },
            &written);
    if (!record.ok())
        return record.error();
    return Claim{written, std::move(record).value()};
}

Result<VerificationRecord> VerificationCancels::store(qint64 id,
                                                      const VerificationRecord::Cancel &cancel)
{
    bool written = false;
    return rewrite(
            id, [&cancel](const VerificationRecord &) { return std::optional(cancel); }, &written);
}

Result<QList<VerificationRecord>> VerificationCancels::findOpen()
{
    return VerificationRowMapper::select(*m_database,
                                         QStringLiteral(" WHERE v.cancel_status IN "
                                                        "('pending', 'unknown') ORDER BY v.id"),
                                         {});
}
