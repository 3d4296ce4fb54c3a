#pragma once

#include <QString>

#include "core/result.h"

class Database;

// Chain mode's election of the one gateway that refreshes a shared token: a PostgreSQL advisory
// lock named after what it guards. The server also releases it when the holder's connection
// ends, so a holder that dies hands over by itself. On SQLite (one gateway) every try wins.
namespace NamedLock {

Result<bool> tryAcquire(Database *database, const QString &name);
void release(Database *database, const QString &name);

} // namespace NamedLock
