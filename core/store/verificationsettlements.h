#pragma once

#include <optional>

#include <QDate>
#include <QList>

#include "core/platform/historytypes.h"
#include "core/platform/platformid.h"
#include "core/result.h"
#include "core/store/verificationrecord.h"

class Database;

// The one writer of a record's settlement (商家实收): which successes still wait for theirs,
// and what the ledger said about them.
class VerificationSettlements
{
public:
    // What one ledger question found for one record: its entry, or none yet (then the record
    // is asked again from nextAskAtMs).
    struct Answer
    {
        qint64 id = 0;
        std::optional<LedgerEntry> entry;
        qint64 nextAskAtMs = 0;
    };

    explicit VerificationSettlements(Database *database) : m_database(database) { }

    // Standing successes of the platform still pending settlement whose next question is due,
    // soonest first.
    Result<QList<VerificationRecord>> due(PlatformId platform, qint64 nowMs, int limit);
    // Every one of a day's standing successes still pending, due or not (a reconciliation run
    // asks about all of them); '' poiId: every store.
    Result<QList<VerificationRecord>> pendingOfDay(PlatformId platform, const QDate &date,
                                                   const QString &poiId);
    // Stores the answers in one transaction. A record no longer pending (cancelled, or settled
    // meanwhile) is left as it is. Returns the records it settled, as stored.
    Result<QList<VerificationRecord>> store(const QList<Answer> &answers, qint64 nowMs);

private:
    Database *m_database;
};
