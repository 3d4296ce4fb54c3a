#include "core/store/platformmigrations.h"

namespace PlatformMigrations {

// The product's store key stays the Douyin POI id; a bound store adds Meituan's opBizCode and
// the token pair Meituan issued for it (sealed like the Douyin client_token). A refresh that
// failed leaves the pair in place and says why here, for the settings page and /health.
Schema::Migration version10()
{
    return {10,
            "meituan_stores",
            {
                    QStringLiteral("CREATE TABLE meituan_stores ("
                                   " poi_id TEXT PRIMARY KEY,"
                                   " op_biz_code TEXT NOT NULL,"
                                   " developer_id BIGINT NOT NULL,"
                                   " access_token_sealed {{BLOB}} NOT NULL,"
                                   " refresh_token_sealed {{BLOB}} NOT NULL,"
                                   " expires_at BIGINT NOT NULL,"
                                   " refresh_expires_at BIGINT NOT NULL,"
                                   " scope TEXT NOT NULL DEFAULT '',"
                                   " bound_at BIGINT NOT NULL,"
                                   " refreshed_at BIGINT NOT NULL,"
                                   " refresh_error TEXT,"
                                   " refresh_failed_at BIGINT)"),
            }};
}

} // namespace PlatformMigrations
