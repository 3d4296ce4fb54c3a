#pragma once

#include <optional>

#include <QList>

#include "core/result.h"
#include "core/store/meituanstore.h"

class Database;
class SecretBox;

// The bound Meituan stores, tokens sealed with the master key. Chain mode shares the rows: the
// gateway elected by tryLeadRefresh() refreshes a store's pair, the others re-load() it.
class MeituanStoreRepository
{
public:
    // Both must outlive the repository and belong to the calling thread.
    MeituanStoreRepository(Database *database, const SecretBox *box);

    std::optional<MeituanStore> load(const QString &poiId) const;
    // Every bound store; a row whose tokens cannot be opened is left out (and logged).
    Result<QList<MeituanStore>> list() const;
    // Insert or replace the store's row (a new binding, or a refreshed pair).
    Result<Done> save(const MeituanStore &store);
    // A refresh failed: the pair stays, the reason is kept for the settings page and /health.
    Result<Done> saveRefreshFailure(const QString &poiId, const QString &reason, qint64 at);
    Result<Done> remove(const QString &poiId);

    Result<bool> tryLeadRefresh(const QString &poiId);
    void endRefresh(const QString &poiId);

private:
    Database *m_database;
    const SecretBox *m_box;
};
