#include "core/store/writetransaction.h"

#include <QSqlError>
#include <QSqlQuery>

#include "core/logging/categories.h"
#include "core/store/database.h"

WriteTransaction::WriteTransaction(Database &database) : m_database(database) { }

WriteTransaction::~WriteTransaction()
{
    if (m_open)
        rollback();
}

Result<Done> WriteTransaction::begin()
{
    // connection() may reconnect, so before the transaction is marked open.
    QSqlQuery query(m_database.connection());
    if (!query.exec(m_database.dialect().beginWrite())) {
        return makeError(ErrorCode::Storage,
                         QStringLiteral("cannot start a transaction: ") + query.lastError().text());
    }
    m_open = true;
    m_database.setTransactionOpen(true);
    return Done{};
}

Result<Done> WriteTransaction::commit()
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("COMMIT"))) {
        const QSqlError error = query.lastError();
        rollback();
        return makeError(ErrorCode::Storage,
                         QStringLiteral("cannot commit a transaction: ") + error.text());
    }
    m_open = false;
    m_database.setTransactionOpen(false);
    return Done{};
}

void WriteTransaction::rollback()
{
    m_open = false;
    QSqlQuery query(m_database.connection());
    const bool rolledBack = query.exec(QStringLiteral("ROLLBACK"));
    m_database.setTransactionOpen(false);
    // SQLite may already have rolled back by itself (a full disk, an I/O error), PostgreSQL's
    // connection may be gone; then ROLLBACK fails harmlessly, and there is nothing else to undo.
    if (!rolledBack)
        qCDebug(lcStore) << "rollback:" << query.lastError().text();
}
