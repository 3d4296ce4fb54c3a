#pragma once

#include <optional>

#include <QDate>
#include <QList>
#include <QString>

#include "core/platform/historytypes.h"
#include "core/platform/platformid.h"
#include "core/result.h"
#include "core/store/verificationrecord.h"

class Database;

// The platforms' history of each store's day (table reconciliation_rows) and the fetches that
// filled it (reconciliation_runs). A fetch is claimed with a lease, so one gateway of a chain
// fetches a store's day at a time and a claim that died with its gateway runs out.
class ReconciliationRepository
{
public:
    struct Run
    {
        PlatformId platform = PlatformId::Douyin;
        QString poiId;
        QDate date;
        std::optional<qint64> fetchedAt; // Unix ms of the last fetch that completed
        bool complete = false; // that fetch began after the day had ended
        int rowCount = 0;
        QString lastError; // of the last fetch that failed, '' after a good one
        QString claimedBy; // the gateway fetching it now, '' when none
        std::optional<qint64> leaseUntil;
        bool isRunning(qint64 nowMs) const { return leaseUntil && *leaseUntil > nowMs; }
    };

    explicit ReconciliationRepository(Database *database);

    // Takes the fetch of a store's day for `gateway` until nowMs + leaseMs; false when another
    // claim is still live.
    Result<bool> claim(PlatformId platform, const QString &poiId, const QDate &date,
                       const QString &gateway, qint64 nowMs, qint64 leaseMs);
    // Replaces the day's rows with `rows` and ends the claim, in one transaction.
    Result<Done> storeFetch(PlatformId platform, const QString &poiId, const QDate &date,
                            const QList<HistoryRow> &rows, qint64 fetchedAtMs, bool complete);
    // Ends a claim whose fetch failed; the rows of the last good fetch stay.
    Result<Done> release(PlatformId platform, const QString &poiId, const QDate &date,
                         const QString &error);
    // The runs of a day, for one store and platform or all of them.
    Result<QList<Run>> runs(const QDate &date, const QString &poiId = {},
                            std::optional<PlatformId> platform = std::nullopt) const;
    Result<QList<HistoryRow>> rows(const QDate &date, const QString &poiId = {},
                                   std::optional<PlatformId> platform = std::nullopt) const;

    // The day's local records (every status) of the platform, of one store or all.
    Result<QList<VerificationRecord>> localRecords(const QDate &date, PlatformId platform,
                                                   const QString &poiId = {}) const;

private:
    Database *m_database;
};
