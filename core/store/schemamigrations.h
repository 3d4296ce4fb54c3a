#pragma once

#include <QList>
#include <QStringList>

// The schema's versioned steps, oldest first; Schema::migrate() (schema.h) applies them.
// Statements may hold the placeholders Schema::dialect() rewrites.
namespace Schema {

struct Migration
{
    int version;
    const char *description;
    QStringList statements;
};

const QList<Migration> &migrations();
int latestVersion();

} // namespace Schema
