#pragma once

#include "core/store/schemamigrations.h"

// The schema steps for chain mode and the platforms beside Douyin (schemamigrations.cpp holds
// 1–8).
namespace PlatformMigrations {
// Chain mode: each record names the gateway that made it.
Schema::Migration version9();

// Meituan's per-store authorization: one row per Douyin POI bound to a Meituan store.
Schema::Migration version10();
// Settlement fields on the records, the platforms' reconciliation rows and runs.
Schema::Migration version11();

} // namespace PlatformMigrations
