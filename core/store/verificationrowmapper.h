#pragma once

#include <QList>
#include <QString>
#include <QVariantList>

#include "core/result.h"
#include "core/store/verificationrecord.h"

class Database;
class QSqlQuery;

// How a VerificationRecord maps to a row of verifications: the columns a write sets, the values
// it binds and the record read back from a row of selectSql(). The statement texts are built
// once and kept, so Database::prepared() finds the same text every time.
class VerificationRowMapper
{
public:
    // One statement with its values, in placeholder order.
    struct Statement
    {
        QString sql;
        QVariantList values;
    };

    VerificationRowMapper() = delete;

    // Every column an insert or update writes, in the order of the write columns.
    static QVariantList writeValues(const VerificationRecord &r);

    // All write columns, then business_date and created_at, which never change afterwards.
    static const QString &insertSql();
    static QVariantList insertValues(const VerificationRecord &r);

    // The UPDATE of `after` that writes only the columns whose value differs from `before`
    // (updated_at always), so SQLite rewrites only the index entries that cover them.
    static Statement changedColumnsUpdate(const VerificationRecord &before,
                                          const VerificationRecord &after);

    // v.id, the write columns, v.business_date, v.created_at and the app's name; a WHERE
    // (and ORDER BY) may follow.
    static const QString &selectSql();
    // Reads a row of selectSql(), column by column in the same order.
    static VerificationRecord read(const QSqlQuery &query);
    // selectSql() + tail through the statement cache; reads every row, which also ends the
    // cached statement's read transaction.
    static Result<QList<VerificationRecord>> select(Database &database, const QString &tail,
                                                    const QVariantList &values);
    // The record with this id; NotFound if there is none.
    static Result<VerificationRecord> selectOne(Database &database, qint64 id);
};
