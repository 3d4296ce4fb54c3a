#pragma once

#include <QString>

#include "core/result.h"

class Database;

// Leases on work the gateways of a chain share (table work_claims): an item of a kind (e.g. a
// batch's resolution) is worked on by one gateway at a time. A claim runs out by itself, so
// the work of a gateway that died is taken over by another once its lease has passed.
class WorkClaims
{
public:
    static constexpr auto RESOLUTION = "resolution"; // item: a verify call's batch id
    static constexpr auto CANCEL_RESOLUTION = "cancel"; // item: the record's id

    explicit WorkClaims(Database *database) : m_database(database) { }

    // True when `gateway` now holds the item until nowMs + leaseMs: nobody held it, the
    // holder's lease ran out, or it already was this gateway's (the lease is extended).
    Result<bool> claim(const QString &kind, const QString &item, const QString &gateway,
                       qint64 nowMs, qint64 leaseMs);
    // Gives the item up, if `gateway` holds it.
    Result<Done> release(const QString &kind, const QString &item, const QString &gateway);

private:
    Database *m_database;
};
