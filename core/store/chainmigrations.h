#pragma once

#include "core/store/schemamigrations.h"

// The steps chain mode (several gateways on one database) added.
namespace ChainMigrations {

// work_claims: which gateway works on a shared item (a batch's resolution) until when.
Schema::Migration version12();

} // namespace ChainMigrations
