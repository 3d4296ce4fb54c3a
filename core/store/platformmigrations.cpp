#include "core/store/platformmigrations.h"

namespace PlatformMigrations {

// Chain mode: several gateways write one database, and each record names the one that made
// it. Number 9, not 8: main's cancel columns take 8. The index serves the list filtered by
// gateway as the others serve theirs (created_at, id, business_date).
Schema::Migration version9()
{
    return {9,
            "gateway_name",
            {
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN gateway_name TEXT NOT "
                                   "NULL DEFAULT ''"),
                    QStringLiteral("CREATE INDEX idx_verifications_gateway_created "
                                   "ON verifications (gateway_name, created_at, id, "
                                   "business_date)"),
            }};
}

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

// Reconciliation (对账) and settlement (商家实收). A success waits for its settlement (Douyin's
// ledger) as 'pending' with receipt_amount NULL: what enrichment put there before came from
// the order, not from what the store receives, so it is cleared and asked for again. The
// daily totals count 商家实收 only over settled records from now on.
Schema::Migration version11()
{
    return {11,
            "settlement and reconciliation",
            {
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN settlement_status TEXT "
                                   "CHECK (settlement_status IN ('pending', 'settled'))"),
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN commission_amount BIGINT"),
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN settled_at BIGINT"),
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN settle_attempts "
                                   "INTEGER NOT NULL DEFAULT 0"),
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN next_settle_at BIGINT"),
                    QStringLiteral("UPDATE verifications SET settlement_status = 'pending', "
                                   "receipt_amount = NULL WHERE verify_status = 'success' AND "
                                   "COALESCE(cancel_status, '') <> 'cancelled' AND "
                                   "platform = 'douyin'"),
                    QStringLiteral("CREATE INDEX idx_verifications_settlement_due ON verifications "
                                   "(next_settle_at) WHERE settlement_status = 'pending'"),
                    QStringLiteral("ALTER TABLE verification_daily_totals ADD COLUMN "
                                   "settled_count BIGINT NOT NULL DEFAULT 0"),
                    QStringLiteral("ALTER TABLE verification_daily_totals ADD COLUMN "
                                   "settlement_pending_count BIGINT NOT NULL DEFAULT 0"),
                    QStringLiteral("UPDATE verification_daily_totals SET receipt_amount = 0, "
                                   "settlement_pending_count = (SELECT COUNT(*) FROM "
                                   "verifications v WHERE v.settlement_status = 'pending' AND "
                                   "v.business_date = verification_daily_totals.business_date "
                                   "AND v.poi_id = verification_daily_totals.poi_id AND "
                                   "v.app_id = verification_daily_totals.app_id AND "
                                   "COALESCE(v.product_id, '') = "
                                   "verification_daily_totals.product_id AND "
                                   "COALESCE(v.product_name, '') = "
                                   "verification_daily_totals.product_name)"),
                    // The platform's rows of one store's day, replaced by each fetch.
                    QStringLiteral("CREATE TABLE reconciliation_rows ("
                                   " platform TEXT NOT NULL,"
                                   " poi_id TEXT NOT NULL,"
                                   " business_date TEXT NOT NULL,"
                                   " certificate_id TEXT NOT NULL,"
                                   " verify_id TEXT NOT NULL,"
                                   " code TEXT NOT NULL DEFAULT '',"
                                   " verify_time BIGINT NOT NULL,"
                                   " status TEXT NOT NULL,"
                                   " cancel_time BIGINT,"
                                   " product_name TEXT NOT NULL DEFAULT '',"
                                   " pay_amount BIGINT NOT NULL DEFAULT 0,"
                                   " receipt_amount BIGINT,"
                                   " raw TEXT NOT NULL,"
                                   " PRIMARY KEY (platform, poi_id, business_date, "
                                   "certificate_id, verify_id))"),
                    // One fetch of a store's day at a time, across every gateway of a chain:
                    // a run is claimed with a lease that a dead gateway's claim outlives.
                    QStringLiteral("CREATE TABLE reconciliation_runs ("
                                   " platform TEXT NOT NULL,"
                                   " poi_id TEXT NOT NULL,"
                                   " business_date TEXT NOT NULL,"
                                   " fetched_at BIGINT,"
                                   " complete INTEGER NOT NULL DEFAULT 0,"
                                   " row_count INTEGER NOT NULL DEFAULT 0,"
                                   " last_error TEXT,"
                                   " claimed_by TEXT,"
                                   " lease_until BIGINT,"
                                   " PRIMARY KEY (platform, poi_id, business_date))"),
            }};
}

} // namespace PlatformMigrations
