#pragma once

#include "core/store/schemamigrations.h"

// The schema steps for the platforms beside Douyin (schemamigrations.cpp holds 1–9).
namespace PlatformMigrations {

// Meituan's per-store authorization: one row per Douyin POI bound to a Meituan store.
Schema::Migration version10();
// Settlement fields on the records, the platforms' reconciliation rows and runs.
Schema::Migration version11();

} // namespace PlatformMigrations
