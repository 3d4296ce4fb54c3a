#include "core/store/namedlock.h"

#include <QSqlError>
#include <QSqlQuery>

#include "core/logging/categories.h"
#include "core/store/database.h"

namespace NamedLock {

Result<bool> tryAcquire(Database *database, const QString &name)
{
    const QString sql = database->dialect().tryNamedLock();
    if (sql.isEmpty())
        return true;
    QSqlQuery query(database->connection());
    query.prepare(sql);
    query.addBindValue(name);
    if (!query.exec() || !query.next())
        return makeError(ErrorCode::Storage,
                         QStringLiteral("cannot elect the holder of %1: %2")
                                 .arg(name, query.lastError().text()));
    return query.value(0).toBool();
}

void release(Database *database, const QString &name)
{
    const QString sql = database->dialect().releaseNamedLock();
    if (sql.isEmpty())
        return;
    QSqlQuery query(database->connection());
    query.prepare(sql);
    query.addBindValue(name);
    // A lost connection has released the lock already.
    if (!query.exec())
        qCDebug(lcStore) << "releasing" << name << ":" << query.lastError().text();
}

} // namespace NamedLock
