#include "core/store/schemamigrations.h"

#include "core/store/chainmigrations.h"
#include "core/store/platformmigrations.h"

namespace {

// The verifications table as version 1 created it; later steps add to it.
QString createVerificationsV1()
{
    return QStringLiteral("CREATE TABLE verifications ("
                          " id {{ID}},"
                          " app_id BIGINT NOT NULL REFERENCES verifier_apps(id),"
                          " poi_id TEXT NOT NULL,"
                          " mode TEXT NOT NULL"
                          "  CHECK (mode IN ('short_link','code','encrypted_code')),"
                          " source_input TEXT,"
                          " batch_id TEXT,"
                          " verify_token TEXT,"
                          " verify_status TEXT NOT NULL"
                          "  CHECK (verify_status IN "
                          "('pending','success','failed','unknown')),"
                          " error_code BIGINT,"
                          " error_description TEXT,"
                          " logid TEXT,"
                          " certificate_id TEXT,"
                          " encrypted_code TEXT,"
                          " origin_code TEXT,"
                          " coupon_status INTEGER,"
                          " product_id TEXT,"
                          " product_name TEXT,"
                          " sku_id TEXT,"
                          " sku_name TEXT,"
                          " verify_records_count INTEGER,"
                          " verify_id TEXT,"
                          " order_id TEXT,"
                          " source_order_id TEXT,"
                          " ext_order_id TEXT,"
                          " order_status INTEGER,"
                          " pay_amount BIGINT,"
                          " receipt_amount BIGINT,"
                          " discount_amount BIGINT,"
                          " expire_time BIGINT,"
                          " enrichment_status TEXT NOT NULL DEFAULT 'pending'"
                          "  CHECK (enrichment_status IN "
                          "('pending','success','failed','skipped')),"
                          " enrichment_retry_count INTEGER NOT NULL DEFAULT 0,"
                          " resolve_attempts INTEGER NOT NULL DEFAULT 0,"
                          " next_resolve_at BIGINT,"
                          " douyin_response TEXT,"
                          " extra TEXT,"
                          " verify_time BIGINT,"
                          " create_order_time BIGINT,"
                          " pay_time BIGINT,"
                          " business_date TEXT NOT NULL,"
                          " created_at BIGINT NOT NULL,"
                          " updated_at BIGINT NOT NULL)");
}

Schema::Migration version1()
{
    return {1,
            "verifier apps, verifications, secrets",
            {
                    QStringLiteral("CREATE TABLE verifier_apps ("
                                   " id {{ID}},"
                                   " name TEXT NOT NULL UNIQUE,"
                                   " client_key TEXT NOT NULL UNIQUE,"
                                   " client_secret_sealed {{BLOB}},"
                                   " status TEXT NOT NULL DEFAULT 'active'"
                                   "  CHECK (status IN ('active','disabled')),"
                                   " allow_token_read INTEGER NOT NULL DEFAULT 0,"
                                   " builtin INTEGER NOT NULL DEFAULT 0,"
                                   " created_at BIGINT NOT NULL,"
                                   " updated_at BIGINT NOT NULL,"
                                   " last_used_at BIGINT)"),
                    // The till itself is app 0, so every record has an app.
                    QStringLiteral("INSERT INTO verifier_apps (id, name, client_key, "
                                   "builtin, created_at, updated_at) VALUES (0, "
                                   "'前台收银', 'builtin-cashier', 1, {{NOW}}, {{NOW}})"),
                    createVerificationsV1(),
                    // Reports filter by day first, then group or filter by one key.
                    QStringLiteral("CREATE INDEX idx_verifications_date "
                                   "ON verifications (business_date, verify_status)"),
                    QStringLiteral("CREATE INDEX idx_verifications_poi_date "
                                   "ON verifications (poi_id, business_date)"),
                    QStringLiteral("CREATE INDEX idx_verifications_app_date "
                                   "ON verifications (app_id, business_date)"),
                    QStringLiteral("CREATE INDEX idx_verifications_product_date "
                                   "ON verifications (product_id, business_date)"),
                    QStringLiteral("CREATE INDEX idx_verifications_created "
                                   "ON verifications (created_at)"),
                    // Resolver start-up scan and the status filter of the list.
                    QStringLiteral("CREATE INDEX idx_verifications_status "
                                   "ON verifications (verify_status, next_resolve_at)"),
                    // Lookups by the identifiers the search box and idempotency use.
                    QStringLiteral("CREATE INDEX idx_verifications_order "
                                   "ON verifications (order_id)"),
                    QStringLiteral("CREATE INDEX idx_verifications_certificate "
                                   "ON verifications (certificate_id)"),
                    QStringLiteral("CREATE INDEX idx_verifications_verify_id "
                                   "ON verifications (verify_id)"),
                    QStringLiteral("CREATE INDEX idx_verifications_token "
                                   "ON verifications (verify_token)"),
                    QStringLiteral("CREATE INDEX idx_verifications_source "
                                   "ON verifications (source_input)"),
                    QStringLiteral("CREATE TABLE secrets ("
                                   " name TEXT PRIMARY KEY,"
                                   " sealed_value {{BLOB}} NOT NULL,"
                                   " updated_at BIGINT NOT NULL)"),
            }};
}

Schema::Migration version2()
{
    return {2,
            "enrichment jobs, Douyin token",
            {
                    QStringLiteral("CREATE TABLE enrichment_jobs ("
                                   " id {{ID}},"
                                   " verification_id BIGINT NOT NULL UNIQUE"
                                   "  REFERENCES verifications(id),"
                                   " status TEXT NOT NULL DEFAULT 'pending'"
                                   "  CHECK (status IN ('pending','success','failed','skipped')),"
                                   " attempts INTEGER NOT NULL DEFAULT 0,"
                                   " next_attempt_at BIGINT NOT NULL,"
                                   " last_error TEXT,"
                                   " created_at BIGINT NOT NULL,"
                                   " updated_at BIGINT NOT NULL)"),
                    QStringLiteral("CREATE INDEX idx_enrichment_jobs_due "
                                   "ON enrichment_jobs (status, next_attempt_at)"),
                    // One row per client_key: the current token and the one it replaced,
                    // which Douyin keeps valid for a grace period.
                    QStringLiteral("CREATE TABLE douyin_tokens ("
                                   " client_key TEXT PRIMARY KEY,"
                                   " token_sealed {{BLOB}} NOT NULL,"
                                   " expires_at BIGINT NOT NULL,"
                                   " fetched_at BIGINT NOT NULL,"
                                   " previous_token_sealed {{BLOB}},"
                                   " previous_valid_until BIGINT)"),
            }};
}

Schema::Migration version3()
{
    return {3,
            "request nonces, idempotency keys",
            {
                    QStringLiteral("CREATE TABLE api_nonces ("
                                   " app_id BIGINT NOT NULL REFERENCES verifier_apps(id),"
                                   " nonce TEXT NOT NULL,"
                                   " seen_at BIGINT NOT NULL,"
                                   " PRIMARY KEY (app_id, nonce))"),
                    QStringLiteral("CREATE INDEX idx_api_nonces_seen ON api_nonces (seen_at)"),
                    QStringLiteral("CREATE TABLE idempotency_keys ("
                                   " app_id BIGINT NOT NULL REFERENCES verifier_apps(id),"
                                   " idempotency_key TEXT NOT NULL,"
                                   " fingerprint TEXT NOT NULL,"
                                   " http_status INTEGER,"
                                   " response_body TEXT,"
                                   " created_at BIGINT NOT NULL,"
                                   " PRIMARY KEY (app_id, idempotency_key))"),
                    QStringLiteral("CREATE INDEX idx_idempotency_keys_created "
                                   "ON idempotency_keys (created_at)"),
            }};
}

// Version 4's running tables.
// Summaries over a million records cannot GROUP BY the raw table within a report's
// budget. VerificationRepository keeps these running totals in the same transaction as
// every write to verifications, so they are exact; this step backfills both tables from
// existing rows.
// Key columns are NOT NULL ('' for an unknown product) because ON CONFLICT never matches
// NULL keys and PostgreSQL refuses NULL in a primary key.
QStringList runningTotalsV4()
{
    return {
            QStringLiteral("CREATE TABLE verification_daily_totals ("
                           " business_date TEXT NOT NULL,"
                           " poi_id TEXT NOT NULL,"
                           " app_id BIGINT NOT NULL,"
                           " product_id TEXT NOT NULL,"
                           " product_name TEXT NOT NULL,"
                           " pending_count BIGINT NOT NULL DEFAULT 0,"
                           " success_count BIGINT NOT NULL DEFAULT 0,"
                           " failed_count BIGINT NOT NULL DEFAULT 0,"
                           " unknown_count BIGINT NOT NULL DEFAULT 0,"
                           " pay_amount BIGINT NOT NULL DEFAULT 0,"
                           " receipt_amount BIGINT NOT NULL DEFAULT 0,"
                           " discount_amount BIGINT NOT NULL DEFAULT 0,"
                           " PRIMARY KEY (business_date, poi_id, app_id, product_id,"
                           " product_name))"),
            QStringLiteral("INSERT INTO verification_daily_totals (business_date, poi_id, "
                           "app_id, product_id, product_name, pending_count, success_count, "
                           "failed_count, unknown_count, pay_amount, receipt_amount, "
                           "discount_amount) SELECT business_date, poi_id, app_id, "
                           "COALESCE(product_id, ''), COALESCE(product_name, ''), "
                           "SUM(CASE WHEN verify_status = 'pending' THEN 1 ELSE 0 END), "
                           "SUM(CASE WHEN verify_status = 'success' THEN 1 ELSE 0 END), "
                           "SUM(CASE WHEN verify_status = 'failed' THEN 1 ELSE 0 END), "
                           "SUM(CASE WHEN verify_status = 'unknown' THEN 1 ELSE 0 END), "
                           "SUM(CASE WHEN verify_status = 'success' "
                           "THEN COALESCE(pay_amount, 0) ELSE 0 END), "
                           "SUM(CASE WHEN verify_status = 'success' "
                           "THEN COALESCE(receipt_amount, 0) ELSE 0 END), "
                           "SUM(CASE WHEN verify_status = 'success' "
                           "THEN COALESCE(discount_amount, 0) ELSE 0 END) "
                           "FROM verifications GROUP BY business_date, poi_id, app_id, "
                           "COALESCE(product_id, ''), COALESCE(product_name, '')"),
            // All-time counts per POI and app: the list's total when no date range
            // narrows it, from a few dozen rows instead of every daily row.
            QStringLiteral("CREATE TABLE verification_status_counts ("
                           " poi_id TEXT NOT NULL,"
                           " app_id BIGINT NOT NULL,"
                           " pending_count BIGINT NOT NULL DEFAULT 0,"
                           " success_count BIGINT NOT NULL DEFAULT 0,"
                           " failed_count BIGINT NOT NULL DEFAULT 0,"
                           " unknown_count BIGINT NOT NULL DEFAULT 0,"
                           " PRIMARY KEY (poi_id, app_id))"),
            QStringLiteral("INSERT INTO verification_status_counts (poi_id, app_id, "
                           "pending_count, success_count, failed_count, unknown_count) "
                           "SELECT poi_id, app_id, "
                           "SUM(CASE WHEN verify_status = 'pending' THEN 1 ELSE 0 END), "
                           "SUM(CASE WHEN verify_status = 'success' THEN 1 ELSE 0 END), "
                           "SUM(CASE WHEN verify_status = 'failed' THEN 1 ELSE 0 END), "
                           "SUM(CASE WHEN verify_status = 'unknown' THEN 1 ELSE 0 END) "
                           "FROM verifications GROUP BY poi_id, app_id"),
    };
}

// Version 4's list and lookup indexes.
QStringList listIndexesV4()
{
    return {
            // The list is newest first (created_at, id): an equality filter followed
            // by both lets it read a page's ids off one index without sorting, and the
            // trailing business_date answers its date condition from the index too.
            // id is spelled out because business_date would otherwise sit between
            // created_at and the implicit rowid and break the order. The first one
            // supersedes version 1's (created_at).
            QStringLiteral("CREATE INDEX idx_verifications_created_date "
                           "ON verifications (created_at, id, business_date)"),
            QStringLiteral("DROP INDEX idx_verifications_created"),
            QStringLiteral("CREATE INDEX idx_verifications_poi_created "
                           "ON verifications (poi_id, created_at, id, business_date)"),
            QStringLiteral("CREATE INDEX idx_verifications_app_created "
                           "ON verifications (app_id, created_at, id, business_date)"),
            QStringLiteral("CREATE INDEX idx_verifications_status_created "
                           "ON verifications (verify_status, created_at, id, "
                           "business_date)"),
            QStringLiteral("CREATE INDEX idx_verifications_enrichment_created "
                           "ON verifications (enrichment_status, created_at, id, "
                           "business_date)"),
            // The search box also matches the plain code; a batch is read back whole.
            QStringLiteral("CREATE INDEX idx_verifications_origin "
                           "ON verifications (origin_code)"),
            QStringLiteral("CREATE INDEX idx_verifications_batch "
                           "ON verifications (batch_id)"),
    };
}

Schema::Migration version4()
{
    return {4, "daily verification totals, status counts, list and lookup indexes",
            runningTotalsV4() + listIndexesV4()};
}

// EXPLAIN QUERY PLAN of every list, count, summary and lookup shape the repository builds
// names none of these (verify_status is served by idx_verifications_status_created), except
// the date index for an unfiltered records summary, which the created_at indexes serve
// about as well. Two of them contain verify_status, so every settled verify rewrote them.
Schema::Migration version5()
{
    return {5,
            "drop indexes no query needs",
            {
                    QStringLiteral("DROP INDEX idx_verifications_date"),
                    QStringLiteral("DROP INDEX idx_verifications_product_date"),
                    QStringLiteral("DROP INDEX idx_verifications_status"),
            }};
}

// One verification per verify_token and code, also across processes and restarts. Wave 1
// could record a token twice (a 1208 copy beside the success): those copies stay, as
// history, marked with the record they repeat, and outside the index.
Schema::Migration version6()
{
    return {6,
            "one record per verify_token and code",
            {
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN duplicate_of BIGINT"),
                    QStringLiteral(
                            "UPDATE verifications SET duplicate_of = (SELECT k.id FROM "
                            "verifications k WHERE k.verify_token = verifications.verify_token "
                            "AND k.encrypted_code = verifications.encrypted_code ORDER BY "
                            "CASE k.verify_status WHEN 'success' THEN 0 ELSE 1 END, k.id "
                            "LIMIT 1) WHERE verify_token IS NOT NULL AND encrypted_code IS NOT "
                            "NULL AND EXISTS (SELECT 1 FROM verifications o WHERE "
                            "o.verify_token = verifications.verify_token AND o.encrypted_code = "
                            "verifications.encrypted_code AND o.id <> verifications.id)"),
                    QStringLiteral("UPDATE verifications SET duplicate_of = NULL "
                                   "WHERE duplicate_of = id"),
                    QStringLiteral("CREATE UNIQUE INDEX idx_verifications_token_code "
                                   "ON verifications (verify_token, encrypted_code) "
                                   "WHERE duplicate_of IS NULL"),
            }};
}

// Records of every platform in one table: which platform, and its raw answer under a
// neutral name (the API still shows Douyin's as douyin_response, the seed's field).
Schema::Migration version7()
{
    return {7,
            "platform and platform_response",
            {
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN platform TEXT NOT "
                                   "NULL DEFAULT 'douyin' CHECK (platform IN "
                                   "('douyin','meituan'))"),
                    QStringLiteral("ALTER TABLE verifications RENAME COLUMN douyin_response "
                                   "TO platform_response"),
            }};
}

// Cancels (撤销核销): the cancel's state beside the verify's, which stays the history of the
// verify; the totals count a cancelled success apart from the standing ones.
Schema::Migration version8()
{
    return {8,
            "cancel",
            {
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN cancel_deadline BIGINT"),
                    // Douyin's window (1 h) for the successes recorded before cancels existed.
                    QStringLiteral("UPDATE verifications SET cancel_deadline = "
                                   "COALESCE(verify_time * 1000, created_at) + 3600000 "
                                   "WHERE verify_status = 'success' AND platform = 'douyin'"),
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN cancel_status TEXT CHECK "
                                   "(cancel_status IN ('pending','unknown','cancelled','failed'))"),
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN cancel_token TEXT"),
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN cancel_reason TEXT"),
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN cancel_requested_by TEXT"),
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN cancel_requested_at "
                                   "BIGINT"),
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN cancelled_at BIGINT"),
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN cancel_error_code BIGINT"),
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN cancel_error_description "
                                   "TEXT"),
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN cancel_attempts INTEGER "
                                   "NOT NULL DEFAULT 0"),
                    QStringLiteral("ALTER TABLE verifications ADD COLUMN cancel_next_resolve_at "
                                   "BIGINT"),
                    QStringLiteral("CREATE INDEX idx_verifications_cancel_status ON verifications "
                                   "(cancel_status) WHERE cancel_status IS NOT NULL"),
                    QStringLiteral("ALTER TABLE verification_daily_totals ADD COLUMN "
                                   "cancelled_count BIGINT NOT NULL DEFAULT 0"),
                    QStringLiteral("ALTER TABLE verification_status_counts ADD COLUMN "
                                   "cancelled_count BIGINT NOT NULL DEFAULT 0"),
            }};
}

} // namespace

namespace Schema {

const QList<Migration> &migrations()
{
    // Never edit a released step: add a new one. Tests migrate from every earlier version.
    static const QList<Migration> list{version1(),
                                       version2(),
                                       version3(),
                                       version4(),
                                       version5(),
                                       version6(),
                                       version7(),
                                       version8(),
                                       PlatformMigrations::version9(),
                                       PlatformMigrations::version10(),
                                       PlatformMigrations::version11(),
                                       ChainMigrations::version12()};
    return list;
}

int latestVersion()
{
    return migrations().constLast().version;
}

} // namespace Schema
