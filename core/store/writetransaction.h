#pragma once

#include <QSqlDatabase>

#include "core/result.h"

class Database;

// One write transaction on a connection. On SQLite it starts with BEGIN IMMEDIATE, which takes
// the write lock up front: a row read inside the transaction (the old state of a record about to
// be updated) cannot be changed by another connection before the transaction commits. On
// PostgreSQL such reads say SELECT ... FOR UPDATE (SqlDialect::forUpdate()).
// Destroying a transaction that was not committed rolls it back, so every early return undoes
// its partial writes. Prefer Database::write(), which also repeats a transaction whose
// PostgreSQL connection dropped.
class WriteTransaction
{
public:
    explicit WriteTransaction(Database &database);
    ~WriteTransaction();
    Q_DISABLE_COPY_MOVE(WriteTransaction)

    Result<Done> begin();
    // With synchronous=FULL (SQLite) or PostgreSQL's default synchronous_commit the data is
    // on disk when this returns ok.
    Result<Done> commit();

private:
    void rollback();

    Database &m_database;
    bool m_open = false;
};
