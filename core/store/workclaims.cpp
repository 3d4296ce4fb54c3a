#include "core/store/workclaims.h"

#include <QSqlQuery>

#include "core/store/database.h"
#include "core/store/store.h"

Result<bool> WorkClaims::claim(const QString &kind, const QString &item, const QString &gateway,
                               qint64 nowMs, qint64 leaseMs)
{
    return m_database->write<bool>([&]() -> Result<bool> {
        QSqlQuery query(m_database->connection());
        // One statement, so two gateways claiming at once are ordered by the row's lock: the
        // second sees the first's fresh lease and changes nothing.
        query.prepare(QStringLiteral(
                "INSERT INTO work_claims (kind, item, gateway, lease_until) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (kind, item) DO UPDATE SET gateway = excluded.gateway, "
                "lease_until = excluded.lease_until "
                "WHERE work_claims.lease_until <= ? OR work_claims.gateway = ?"));
        if (!Store::execWith(query, {kind, item, gateway, nowMs + leaseMs, nowMs, gateway}))
            return Store::sqlError(QStringLiteral("cannot claim %1 %2").arg(kind, item), query);
        return query.numRowsAffected() == 1;
    });
}

Result<Done> WorkClaims::release(const QString &kind, const QString &item, const QString &gateway)
{
    return m_database->write<Done>([&]() -> Result<Done> {
        QSqlQuery query(m_database->connection());
        query.prepare(QStringLiteral(
                "DELETE FROM work_claims WHERE kind = ? AND item = ? AND gateway = ?"));
        if (!Store::execWith(query, {kind, item, gateway}))
            return Store::sqlError(QStringLiteral("cannot release %1 %2").arg(kind, item), query);
        return Done{};
    });
}
