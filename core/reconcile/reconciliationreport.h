#pragma once

#include <optional>

#include <QDate>
#include <QList>
#include <QString>

#include "core/platform/historytypes.h"
#include "core/platform/platformid.h"
#include "core/store/verificationrecord.h"

// One day of one store on one platform (or all of them), the till's records set against the
// platform's history (API.md, Extensions → Reconciliation).
struct ReconciliationReport
{
    enum class State { NotFetched, Partial, Complete };

    // Both sides of a difference.
    struct Pair
    {
        VerificationRecord local;
        HistoryRow platform;
    };

    // What one side counts: standing verifications and what the customers paid for them.
    struct Side
    {
        int count = 0;
        qint64 payAmount = 0;
    };

    QDate date;
    std::optional<PlatformId> platform; // nullopt: every platform
    QString poiId; // '': every store
    State state = State::NotFetched;
    std::optional<qint64> fetchedAt; // Unix ms of the oldest fetch in the report
    bool running = false; // a fetch of this day is under way
    int matched = 0;
    QList<HistoryRow> onlyPlatform; // verified outside this product
    QList<VerificationRecord> onlyLocal; // local successes the platform does not list
    QList<Pair> statusMismatch; // e.g. cancelled on the platform, success here
    QList<Pair> amountMismatch;
    // Local pending/unknown records still being resolved: never reported as differences.
    QList<VerificationRecord> unresolved;
    Side local;
    Side remote;

    bool hasDifferences() const
    {
        return !onlyPlatform.isEmpty() || !onlyLocal.isEmpty() || !statusMismatch.isEmpty()
                || !amountMismatch.isEmpty();
    }
    static QString toString(State state);
};
