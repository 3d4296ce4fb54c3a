#pragma once

#include <QtGlobal>

// Douyin open-platform facts in one place (../shared/DOUYIN.md). The client and the sandbox
// both read them from here, so a fact that turns out wrong is corrected once.
// [doc] = published by Douyin; [choice] = not published, our best reading.
namespace DouyinApi {

// Paths, relative to the base URL. All end with '/'. [doc]
inline constexpr char PATH_CLIENT_TOKEN[] = "/oauth/client_token/";
inline constexpr char PATH_PREPARE[] = "/goodlife/v1/fulfilment/certificate/prepare/";
inline constexpr char PATH_VERIFY[] = "/goodlife/v1/fulfilment/certificate/verify/";
inline constexpr char PATH_CANCEL[] = "/goodlife/v1/fulfilment/certificate/cancel/";
inline constexpr char PATH_CERTIFICATE_GET[] = "/goodlife/v1/fulfilment/certificate/get/";
inline constexpr char PATH_CERTIFICATE_QUERY[] =
        "/goodlife/v1/compre_retail/fulfilment/certificate/query/";
inline constexpr char PATH_ORDER_QUERY[] = "/goodlife/v1/trade/order/query/";
inline constexpr char PATH_POI_QUERY[] = "/goodlife/v1/shop/poi/query/";
inline constexpr char PATH_VERIFY_RECORD_QUERY[] =
        "/goodlife/v1/fulfilment/certificate/verify_record/query/"; // §13
inline constexpr char PATH_LEDGER_QUERY[] =
        "/goodlife/v1/settle/ledger/query_record_by_cert/"; // §14

inline constexpr char HEADER_ACCESS_TOKEN[] = "access-token";

// Error codes (extra.error_code / data.error_code, and per-code verify results).
enum ErrorCodeValue : qint64 {
    OK = 0,
    UNKNOWN_ERROR = 2100001, // [doc] retry reads up to 3 times
    SYSTEM_BUSY = 2100004, // [doc]
    BAD_PARAMETER = 2100005, // [doc]
    PARAMETER_INVALID = 2119001, // [doc]
    BUSY = 2119002, // [doc]
    TOO_FREQUENT = 2119003, // [doc] cooldown
    MERCHANT_NOT_AUTHORISED = 2119005, // [doc]
    TOKEN_INVALID = 2190002, // [doc] refresh once, retry once
    CAPABILITY_NOT_GRANTED = 2190004, // [doc]
    TOKEN_EXPIRED = 2190008, // [doc] refresh once, retry once
    CLIENT_KEY_INVALID = 10003, // [choice]
    CLIENT_SECRET_INVALID = 10013, // [choice]
    CLIENT_TOKEN_THROTTLED = 10020, // [choice]
    // Per-code verify results.
    VERIFY_REPEATED = 2, // [doc] on a retry: the earlier attempt was applied
    VERIFY_ALREADY_UNDER_TOKEN = 1208, // [doc] on a retry: verified under this verify_token
    CERTIFICATE_EXPIRED = 1221, // [choice]
    CERTIFICATE_REFUNDED = 1222, // [choice]
    VERIFY_TOKEN_INVALID = 1229, // [choice] unknown, expired or already used verify_token
    CERTIFICATE_USED = 1241, // [choice] verified earlier, elsewhere or under another token
    POI_NOT_ALLOWED = 45005117, // [choice]
    // Unknown code, encrypted code, encrypted_data, order or verify_id. [choice]
    CERTIFICATE_NOT_FOUND = 1205,
    // Cancel refused (§12): the sub code says why. [doc]
    CANCEL_REFUSED = 3000001,
};

// extra.sub_error_code of CANCEL_REFUSED (§12).
enum CancelSubCode : qint64 {
    CANCEL_TOO_LATE = 2034000910, // [doc] past the window (Douyin may close it before 1 h)
    CANCEL_ALREADY_DONE = 2034000911, // [choice] the verification is cancelled already
};

// Certificate status. [choice] A cancelled verification makes a certificate usable again.
enum class CertificateStatus : int { Usable = 1, Verified = 2, Refunded = 3, Expired = 4 };

// Order status as the sandbox reports it; passed through unchanged. [choice]
enum class OrderStatus : int { Paid = 1, PartlyUsed = 2, Used = 3, Refunded = 4 };

inline constexpr int MAX_CODES_PER_VERIFY = 10; // [doc]
inline constexpr int TOKEN_LIFETIME_SECONDS = 7200; // [doc]
inline constexpr int TOKEN_GRACE_SECONDS = 300; // [doc] the previous token stays valid ~5 min
inline constexpr int VERIFY_TOKEN_LIFETIME_SECONDS = 1800; // [choice] sandbox
// The sandbox answers an identical repeat within this many seconds of the applied verify with
// result 2 (a duplicate request), later with 1208. [choice] Both mean "applied".
inline constexpr int VERIFY_DUPLICATE_WINDOW_SECONDS = 2;
inline constexpr int CANCEL_WINDOW_SECONDS = 3600; // [doc]
// Verification history (§13): pages of 1..20, the first cursor "0"; status of a record. [doc]
inline constexpr int HISTORY_PAGE_MAX = 20;
inline constexpr char HISTORY_FIRST_CURSOR[] = "0";
enum class HistoryStatus : int { Verified = 1, Cancelled = 2 }; // [choice]
// Ledger (§14): 1..50 certificates a call, at most 300 calls/s; a certificate's record appears
// about an hour after its verify (after the cancel window). [doc]
inline constexpr int LEDGER_BATCH_MAX = 50;
inline constexpr int LEDGER_MAX_QPS = 300;
inline constexpr int LEDGER_DELAY_SECONDS = 3600;
enum class LedgerStatus : int {
    Created = 0,
    Splitting = 1,
    Done = 2,
    Failed = 3,
    Voided = 4
}; // [choice]
inline constexpr int CLIENT_TOKEN_THROTTLE_CALLS = 500; // [choice] per 5 minutes per key
inline constexpr int CLIENT_TOKEN_THROTTLE_WINDOW_SECONDS = 300;
inline constexpr char GRANT_TYPE_CLIENT_CREDENTIAL[] = "client_credential"; // [doc]

// Verify retry schedule for a lost answer: 5 s x5, then every 40 s, at most 14. [doc]
inline constexpr int VERIFY_RETRY_FAST_COUNT = 5;
inline constexpr int VERIFY_RETRY_FAST_SECONDS = 5;
inline constexpr int VERIFY_RETRY_SLOW_SECONDS = 40;
inline constexpr int VERIFY_RETRY_MAX = 14;

// Timeouts toward Douyin (../shared/API.md). [choice]
inline constexpr int CONNECT_TIMEOUT_MS = 3000;
inline constexpr int REQUEST_TIMEOUT_MS = 10000;

} // namespace DouyinApi
