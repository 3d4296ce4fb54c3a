#pragma once

#include <QSqlDatabase>

#include "core/result.h"

// One write transaction on a connection. On SQLite it starts with BEGIN IMMEDIATE, which takes
// the write lock up front: a row read inside the transaction (the old state of a record about to
// be updated) cannot be changed by another connection before the transaction commits.
// Destroying a transaction that was not committed rolls it back, so every early return undoes
// its partial writes.
class WriteTransaction
{
public:
    explicit WriteTransaction(QSqlDatabase &db);
    ~WriteTransaction();
    Q_DISABLE_COPY_MOVE(WriteTransaction)

    Result<Done> begin();
    // With synchronous=FULL the data is on disk when this returns ok.
    Result<Done> commit();

private:
    void rollback();

    QSqlDatabase &m_db;
    bool m_open = false;
};
