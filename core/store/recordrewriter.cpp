#include "core/store/recordrewriter.h"

#include <QSqlQuery>

#include "core/store/database.h"
#include "core/store/store.h"
#include "core/store/verificationrowmapper.h"
#include "core/store/verificationtotals.h"

Result<VerificationRecord> RecordRewriter::rewrite(qint64 id, const Change &change, bool *written)
{
    *written = false;
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
    std::optional<VerificationRecord> after = change(before);
    if (!after)
        return before;
    after->updatedAt = Store::nowMs();
    const auto update = VerificationRowMapper::changedColumnsUpdate(before, *after);
    const auto prepared = m_database->prepared(update.sql);
    if (!prepared.ok())
        return prepared.error();
    if (!Store::execWith(*prepared.value(), update.values))
        return Store::sqlError(QStringLiteral("cannot store verification %1").arg(id),
                               *prepared.value());
    VerificationTotals totals;
    totals.add(before, -1);
    totals.add(*after, +1);
    if (const auto applied = totals.apply(*m_database); !applied.ok())
        return applied.error();
    *written = true;
    return *after;
}
