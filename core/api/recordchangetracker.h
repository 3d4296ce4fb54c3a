#pragma once

#include <optional>

#include <QHash>

#include "core/store/verificationrecord.h"

// Tells, for each record the engine reports changed, what changed: the rule behind the
// events' "verification.created" and the verification and cancel counters of /metrics.
//
// Created: the first report of a record id while its verify_status is pending. The engine
// stores every record as pending before it sends the verify (API.md, step 3) and reports that
// insert first, so this is the insert; any later report of the id is an update (resolved,
// enriched, cancelled, settled). A record met first in another state (one written before this
// gateway started, resolved now) is an update too.
class RecordChangeTracker
{
public:
    struct Change
    {
        bool created = false;
        bool verifyStatusChanged = false; // to a status other than pending
        bool cancelStatusChanged = false;
    };

    Change note(const VerificationRecord &record);

private:
    struct Seen
    {
        VerificationRecord::Status status;
        std::optional<VerificationRecord::Cancel::Status> cancel;
    };
    // Ids far below the newest stop changing soon; forgetting them bounds the memory.
    static constexpr qint64 REMEMBERED_IDS = 20000;

    QHash<qint64, Seen> m_seen;
    qint64 m_highestId = 0;
};
