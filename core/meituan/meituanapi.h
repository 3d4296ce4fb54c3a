#pragma once

// Meituan's paths, fixed field values and error codes (MEITUAN.md); each in ONE place.
namespace MeituanApi {

inline constexpr char PATH_TOKEN[] = "/oauth/token";
inline constexpr char PATH_REFRESH[] = "/oauth/refresh";
inline constexpr char PATH_PREPARE[] = "/ddzh/tuangou/receipt/prepare";
inline constexpr char PATH_CONSUME[] = "/ddzh/tuangou/receipt/consume";
inline constexpr char PATH_GET_CONSUMED[] = "/ddzh/tuangou/receipt/getconsumed";
inline constexpr char PATH_REVERSE_CONSUME[] = "/ddzh/tuangou/receipt/reverseconsume";
inline constexpr char PATH_QUERY_LIST_BY_DATE[] = "/ddzh/tuangou/receipt/querylistbydate";

// §1: where the merchant authorizes the developer for one store.
inline constexpr char AUTH_PAGE_URL[] = "https://open-erp.meituan.com/general/auth";

inline constexpr int BUSINESS_ID = 58; // every 团购 call
inline constexpr int VERSION = 2;
inline constexpr char CHARSET[] = "UTF-8";

inline constexpr int MAX_CONSUME_COUNT = 100;
inline constexpr int MAX_LIST_LIMIT = 300;
inline constexpr int CANCEL_WINDOW_SECONDS = 10 * 60; // §5
// §1 [choice, from a secondary source]; §9's timestamp window, either side of the server's clock.
inline constexpr int AUTH_CODE_LIFETIME_SECONDS = 10 * 60;
inline constexpr int ACCESS_TOKEN_LIFETIME_SECONDS = 30 * 24 * 3600;
inline constexpr int REFRESH_TOKEN_LIFETIME_SECONDS = 35 * 24 * 3600;
inline constexpr int TIMESTAMP_WINDOW_SECONDS = 300;

// §7. The numbers are [choice]; the OP_* strings are the envelope's `code`.
inline constexpr char SUCCESS[] = "OP_SUCCESS";
inline constexpr char CODE_NOT_FOUND[] = "1006"; // also getconsumed's "not consumed"
inline constexpr char CODE_USED[] = "1008";
inline constexpr char CODE_EXPIRED[] = "1009";
inline constexpr char CODE_REFUNDING[] = "1010";
inline constexpr char CODE_REFUNDED[] = "1011";
inline constexpr char CODE_WRONG_STORE[] = "1012";
inline constexpr char CODE_NOT_STARTED[] = "1015";
inline constexpr char CODE_WRONG_COUNT[] = "1018";
inline constexpr char REVERSE_NOT_ALLOWED[] = "OP_REVERSE_NOT_ALLOWED";
inline constexpr char PARAM_ERROR[] = "OP_PARAM_ERROR";
inline constexpr char TOKEN_EXPIRED[] = "OP_TOKEN_EXPIRED";
inline constexpr char RATE_LIMIT[] = "OP_RATE_LIMIT";
inline constexpr char SIGN_ERROR[] = "OP_SIGN_ERROR";
inline constexpr char SYSTEM_BUSY[] = "OP_SYSTEM_BUSY";

} // namespace MeituanApi
