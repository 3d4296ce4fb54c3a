#include "core/store/writetransaction.h"

#include <QSqlError>
#include <QSqlQuery>

#include "core/logging/categories.h"

namespace {

bool isSqlite(const QSqlDatabase &db)
{
    return db.driverName() == u"QSQLITE";
}

} // namespace

WriteTransaction::WriteTransaction(QSqlDatabase &db) : m_db(db) { }

WriteTransaction::~WriteTransaction()
{
    if (m_open)
        rollback();
}

Result<Done> WriteTransaction::begin()
{
    QSqlQuery query(m_db);
    const bool begun =
            isSqlite(m_db) ? query.exec(QStringLiteral("BEGIN IMMEDIATE")) : m_db.transaction();
    if (!begun) {
        const QSqlError error = isSqlite(m_db) ? query.lastError() : m_db.lastError();
        return makeError(ErrorCode::Storage,
                         QStringLiteral("cannot start a transaction: ") + error.text());
    }
    m_open = true;
    return Done{};
}

Result<Done> WriteTransaction::commit()
{
    QSqlQuery query(m_db);
    const bool committed = isSqlite(m_db) ? query.exec(QStringLiteral("COMMIT")) : m_db.commit();
    if (!committed) {
        const QSqlError error = isSqlite(m_db) ? query.lastError() : m_db.lastError();
        rollback();
        return makeError(ErrorCode::Storage,
                         QStringLiteral("cannot commit a transaction: ") + error.text());
    }
    m_open = false;
    return Done{};
}

void WriteTransaction::rollback()
{
    m_open = false;
    QSqlQuery query(m_db);
    const bool rolledBack =
            isSqlite(m_db) ? query.exec(QStringLiteral("ROLLBACK")) : m_db.rollback();
    // SQLite may already have rolled back by itself (a full disk, an I/O error); then
    // ROLLBACK fails harmlessly, and there is nothing else to undo.
    if (!rolledBack)
        qCDebug(lcStore) << "rollback:" << query.lastError().text();
}
