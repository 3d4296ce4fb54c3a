#pragma once

#include <memory>

#include <QString>

#include "core/result.h"

class Database;

// Which engine a store test runs on: SQLite unless DYGW_TEST_ENGINE=postgresql, which the
// *_pg ctests set. On PostgreSQL every "file" is a database of its own on the executable's
// one PgServer.
namespace TestDatabase {

bool usesPostgresql();

// Where a new, empty database is: a file in dir (SQLite) or a new database's URL. The same dir
// and name give the same location again within one run.
QString location(const QString &dir, const QString &name = QStringLiteral("dy-gateway.sqlite"));

// Database::openInDir() for the engine under test.
Result<std::unique_ptr<Database>> openInDir(const QString &dir);

} // namespace TestDatabase
