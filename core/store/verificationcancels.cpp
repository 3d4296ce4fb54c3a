#include "core/store/verificationcancels.h"

#include <optional>

#include <QSqlQuery>

#include "core/store/database.h"
#include "core/store/recordrewriter.h"
#include "core/store/store.h"
#include "core/store/verificationrowmapper.h"

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
    // Database::write(): on PostgreSQL a transaction whose connection dropped runs again.
    return m_database->write<VerificationRecord>([&]() -> Result<VerificationRecord> {
        return RecordRewriter(m_database)
                .rewrite(
                        id,
                        [&decide](const VerificationRecord &before)
                                -> std::optional<VerificationRecord> {
                            const std::optional<VerificationRecord::Cancel> cancel = decide(before);
                            if (!cancel)
                                return std::nullopt;
                            VerificationRecord after = before;
                            after.cancel = *cancel;
                            return after;
                        },
                        written);
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
