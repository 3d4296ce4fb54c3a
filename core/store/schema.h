#pragma once

#include <QSqlDatabase>
#include <QString>

#include "core/result.h"
#include "core/store/schemamigrations.h"

class Database;

// Versioned schema migrations. Each step runs in one transaction together with the row that
// records it in schema_migrations, so a crash leaves the database at a whole version.
//
// The same steps run on SQLite and PostgreSQL: the only dialect differences are spelled as
// placeholders ({{ID}} for an auto-increment key, {{BLOB}} for bytes) that SqlDialect rewrites.
// Times are INTEGER Unix milliseconds (UTC); business_date is the store's local
// calendar day as TEXT 'YYYY-MM-DD'.
namespace Schema {

// 0 for an empty database.
Result<int> currentVersion(QSqlDatabase &db);

// Brings the database to targetVersion (default: latest). Refuses a database whose version
// is newer than this program knows, with ErrorCode::NewerDatabase.
Result<Done> migrate(Database &database, int targetVersion = -1);

// Rewrites the placeholders for the connection's driver.
QString dialect(const QSqlDatabase &db, QString statement);

} // namespace Schema
