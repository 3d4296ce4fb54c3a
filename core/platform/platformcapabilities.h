#pragma once

#include "core/platform/retryschedule.h"

// What differs between platforms and the engine must respect.
struct PlatformCapabilities
{
    int maxCodesPerVerify = 1; // coupons of one order per verify call
    int cancelWindowSeconds = 0; // how long after a verify it may be cancelled
    RetrySchedule retry; // for a lost verify answer
    bool hasShortLink = false; // coupon QR codes are short links to resolve
    bool hasEncryptedCode = false; // the two-step prepare → verify(encrypted_code) flow
    int preparedLifetimeSeconds = 0; // how long a prepare's token may be verified
    bool hasOrderDetails = false; // an order query for enrichment (Douyin's order/query)
    int historyPageMax = 0; // rows per history page
    int ledgerBatchMax = 0; // coupons per ledger question; 0: no ledger (Meituan)
};
