#pragma once

#include <QCoreApplication>

// The rows of the record detail dialog, in order; titles are translated in the
// RecordDetailDialog context.
namespace RecordDetailFields {

struct Field
{
    const char *name; // API.md's field name, or one of ours after the view's
    const char *title;
};

// API.md's VerificationView in its order (the cancel rows next to the outcome they change) (platform_response, which douyin_response repeats
// for Douyin records, has the pane on the right), then
// what staff need when they call support: the scanned text, the platform's log id, the expiry.
// clang-format off
inline const Field ALL[] = {
    {"verify_status", QT_TRANSLATE_NOOP("RecordDetailDialog", "Status")},
    {"platform", QT_TRANSLATE_NOOP("RecordDetailDialog", "Platform")},
    {"error_code", QT_TRANSLATE_NOOP("RecordDetailDialog", "Error code")},
    {"error_description", QT_TRANSLATE_NOOP("RecordDetailDialog", "Reason")},
    //: Row: whether the verification was cancelled (撤销核销)
    {"cancel_status", QT_TRANSLATE_NOOP("RecordDetailDialog", "Cancel status")},
    {"cancel_deadline", QT_TRANSLATE_NOOP("RecordDetailDialog", "Can be cancelled until")},
    {"cancelled_at", QT_TRANSLATE_NOOP("RecordDetailDialog", "Cancelled at")},
    {"cancel_reason", QT_TRANSLATE_NOOP("RecordDetailDialog", "Cancel reason")},
    {"cancel_requested_by", QT_TRANSLATE_NOOP("RecordDetailDialog", "Cancelled by")},
    {"cancel_error_code", QT_TRANSLATE_NOOP("RecordDetailDialog", "Cancel error code")},
    {"cancel_error_description", QT_TRANSLATE_NOOP("RecordDetailDialog", "Why the cancel was refused")},
    {"product_name", QT_TRANSLATE_NOOP("RecordDetailDialog", "Product")},
    {"sku_name", QT_TRANSLATE_NOOP("RecordDetailDialog", "Package")},
    {"pay_amount", QT_TRANSLATE_NOOP("RecordDetailDialog", "Paid by customer")},
    {"receipt_amount", QT_TRANSLATE_NOOP("RecordDetailDialog", "Received by store")},
    //: Row: whether the platform has settled the verification (待结算 / 已结算)
    {"settlement_status", QT_TRANSLATE_NOOP("RecordDetailDialog", "Settlement")},
    //: Row: the platform's commission on the verification (佣金)
    {"commission_amount", QT_TRANSLATE_NOOP("RecordDetailDialog", "Commission")},
    {"settled_at", QT_TRANSLATE_NOOP("RecordDetailDialog", "Settled at")},
    {"discount_amount", QT_TRANSLATE_NOOP("RecordDetailDialog", "Discount")},
    {"origin_code", QT_TRANSLATE_NOOP("RecordDetailDialog", "Coupon code")},
    {"coupon_status", QT_TRANSLATE_NOOP("RecordDetailDialog", "Coupon status")},
    {"order_id", QT_TRANSLATE_NOOP("RecordDetailDialog", "Order number")},
    {"order_status", QT_TRANSLATE_NOOP("RecordDetailDialog", "Order status")},
    {"poi_id", QT_TRANSLATE_NOOP("RecordDetailDialog", "Store")},
    {"app_name", QT_TRANSLATE_NOOP("RecordDetailDialog", "Verified by")},
    {"created_at", QT_TRANSLATE_NOOP("RecordDetailDialog", "Scanned at")},
    {"verify_time", QT_TRANSLATE_NOOP("RecordDetailDialog", "Verified at (platform's time)")},
    {"create_order_time", QT_TRANSLATE_NOOP("RecordDetailDialog", "Order placed at")},
    {"pay_time", QT_TRANSLATE_NOOP("RecordDetailDialog", "Paid at")},
    {"updated_at", QT_TRANSLATE_NOOP("RecordDetailDialog", "Last updated")},
    {"extra", QT_TRANSLATE_NOOP("RecordDetailDialog", "Cashier's notes")},
    {"id", QT_TRANSLATE_NOOP("RecordDetailDialog", "Record number")},
    {"app_id", QT_TRANSLATE_NOOP("RecordDetailDialog", "App ID")},
    {"certificate_id", QT_TRANSLATE_NOOP("RecordDetailDialog", "Certificate ID")},
    {"encrypted_code", QT_TRANSLATE_NOOP("RecordDetailDialog", "Encrypted code")},
    {"product_id", QT_TRANSLATE_NOOP("RecordDetailDialog", "Product ID")},
    {"sku_id", QT_TRANSLATE_NOOP("RecordDetailDialog", "Package ID")},
    {"verify_records_count", QT_TRANSLATE_NOOP("RecordDetailDialog", "Times verified")},
    {"verify_id", QT_TRANSLATE_NOOP("RecordDetailDialog", "Verification ID")},
    {"source_order_id", QT_TRANSLATE_NOOP("RecordDetailDialog", "Source order number")},
    {"ext_order_id", QT_TRANSLATE_NOOP("RecordDetailDialog", "External order number")},
    {"enrichment_status", QT_TRANSLATE_NOOP("RecordDetailDialog", "Order details")},
    {"enrichment_retry_count", QT_TRANSLATE_NOOP("RecordDetailDialog", "Order detail retries")},
    {"source_input", QT_TRANSLATE_NOOP("RecordDetailDialog", "Scanned text")},
    {"logid", QT_TRANSLATE_NOOP("RecordDetailDialog", "Platform's log ID")},
    {"expire_time", QT_TRANSLATE_NOOP("RecordDetailDialog", "Coupon valid until")},
    //: Row: chain mode, the gateway (computer) that made the record
    {"gateway", QT_TRANSLATE_NOOP("RecordDetailDialog", "Gateway")},
};
// clang-format on

} // namespace RecordDetailFields
