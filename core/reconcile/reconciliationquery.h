#pragma once

#include <optional>

#include <QDate>
#include <QString>

#include "core/platform/platformid.h"

// Which day's reconciliation to show: one store or all ('' poiId), one platform or all.
struct ReconciliationQuery
{
    QDate date;
    QString poiId;
    std::optional<PlatformId> platform;
};
