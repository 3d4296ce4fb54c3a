#include "core/sandbox/sandboxanswerjson.h"

#include <QJsonArray>

#include "core/sandbox/sandboxmessages.h"

namespace {

using Status = DouyinApi::CertificateStatus;

} // namespace

QJsonObject SandboxAnswerJson::certificate(const SandboxOrderBook::Certificate &certificate,
                                           bool full) const
{
    const QJsonObject amount{
            {QStringLiteral("original_amount"), certificate.originalAmount},
            {QStringLiteral("pay_amount"), certificate.payAmount},
            {QStringLiteral("coupon_pay_amount"), certificate.payAmount},
            {QStringLiteral("merchant_ticket_amount"), 0},
            {QStringLiteral("list_market_amount"), certificate.originalAmount},
            {QStringLiteral("platform_discount_amount"), 0},
            {QStringLiteral("payment_discount_amount"), 0},
            {QStringLiteral("brand_ticket_amount"), 0},
    };
    const QJsonObject sku{
            {QStringLiteral("sku_id"), certificate.skuId},
            {QStringLiteral("title"), certificate.skuTitle},
            {QStringLiteral("groupon_type"), certificate.grouponType},
            {QStringLiteral("market_price"), certificate.originalAmount},
            {QStringLiteral("sold_start_time"), certificate.startTime},
            {QStringLiteral("third_sku_id"), QString()},
            {QStringLiteral("account_id"), m_config.accountId},
            {QStringLiteral("product_id"), certificate.productId},
    };
    QJsonObject json{
            {QStringLiteral("encrypted_code"), certificate.encryptedCode},
            {QStringLiteral("certificate_id"), certificate.certificateId},
            {QStringLiteral("start_time"), certificate.startTime},
            {QStringLiteral("expire_time"), certificate.expireTime},
            {QStringLiteral("amount"), amount},
            {QStringLiteral("sku"), sku},
    };
    return full ? fullCertificate(json, certificate) : json;
}

QJsonObject
SandboxAnswerJson::fullCertificate(QJsonObject json,
                                   const SandboxOrderBook::Certificate &certificate) const
{
    const Status current = m_book.status(certificate);
    json.insert(QStringLiteral("code"), certificate.code);
    json.insert(QStringLiteral("status"), int(current));
    QJsonArray records;
    for (const SandboxOrderBook::Verification &record : certificate.verifyRecords) {
        if (!record.cancelled)
            records.append(verifyRecord(record));
    }
    json.insert(QStringLiteral("verify_records"), records);
    if (const SandboxOrderBook::Verification *active = m_book.activeRecord(certificate))
        json.insert(QStringLiteral("verify"), verifyRecord(*active));
    if (certificate.grouponType == 3) {
        json.insert(QStringLiteral("time_card"),
                    QJsonObject{{QStringLiteral("times_count"), certificate.timesCount},
                                {QStringLiteral("times_used"),
                                 current == Status::Verified ? certificate.timesCount : 0}});
    }
    return json;
}

// Seed 003's example answers certificate_id and poi_id as JSON numbers (beyond 2^53): the
// batch query does the same here, so clients are tested against both forms.
QJsonObject SandboxAnswerJson::numericIds(QJsonObject certificate)
{
    const auto asNumber = [](QJsonObject &object, const QString &key) {
        bool ok = false;
        const qint64 value = object.value(key).toString().toLongLong(&ok);
        if (ok)
            object.insert(key, value);
    };
    asNumber(certificate, QStringLiteral("certificate_id"));
    for (const QString &key : {QStringLiteral("verify")}) {
        QJsonObject verify = certificate.value(key).toObject();
        if (verify.isEmpty())
            continue;
        asNumber(verify, QStringLiteral("poi_id"));
        certificate.insert(key, verify);
    }
    QJsonArray records;
    for (const QJsonValue &value : certificate.value(QStringLiteral("verify_records")).toArray()) {
        QJsonObject record = value.toObject();
        asNumber(record, QStringLiteral("poi_id"));
        records.append(record);
    }
    certificate.insert(QStringLiteral("verify_records"), records);
    return certificate;
}

QJsonObject SandboxAnswerJson::verifyRecord(const SandboxOrderBook::Verification &record) const
{
    return {{QStringLiteral("verify_id"), record.verifyId},
            {QStringLiteral("certificate_id"), record.certificateId},
            {QStringLiteral("verify_type"), 1},
            {QStringLiteral("verify_time"), record.verifyTime},
            {QStringLiteral("can_cancel"), m_book.canCancel(record)},
            {QStringLiteral("verifier_unique_id"), m_config.clientKey},
            {QStringLiteral("poi_id"), record.poiId}};
}

QJsonObject SandboxAnswerJson::historyRecord(const SandboxOrderBook::Verification &record) const
{
    const SandboxOrderBook::Certificate &certificate = *m_book.certificate(record.certificateId);
    const auto status = record.cancelled ? DouyinApi::HistoryStatus::Cancelled
                                         : DouyinApi::HistoryStatus::Verified;
    QJsonObject json{
            {QStringLiteral("cursor"), QString::number(record.sequence)},
            {QStringLiteral("verify_id"), record.verifyId},
            {QStringLiteral("certificate_id"), record.certificateId},
            {QStringLiteral("code"), certificate.code},
            {QStringLiteral("verify_type"), 1},
            {QStringLiteral("verify_time"), record.verifyTime},
            {QStringLiteral("can_cancel"), m_book.canCancel(record)},
            {QStringLiteral("status"), int(status)},
            {QStringLiteral("amount"),
             recordAmount(certificate.originalAmount, certificate.payAmount)},
            {QStringLiteral("sku"),
             QJsonObject{{QStringLiteral("sku_id"), certificate.skuId},
                         {QStringLiteral("title"), certificate.skuTitle},
                         {QStringLiteral("groupon_type"), certificate.grouponType},
                         {QStringLiteral("product_id"), certificate.productId}}},
            {QStringLiteral("poi_id"), record.poiId},
    };
    if (record.cancelled)
        json.insert(QStringLiteral("cancel_time"), record.cancelTime);
    return json;
}

QJsonObject SandboxAnswerJson::recordAmount(qint64 originalAmount, qint64 payAmount)
{
    // The sandbox sells without discounts: what was paid is what the coupon was paid with.
    return {{QStringLiteral("original_amount"), originalAmount},
            {QStringLiteral("pay_amount"), payAmount},
            {QStringLiteral("merchant_ticket_amount"), 0},
            {QStringLiteral("platform_discount_amount"), 0},
            {QStringLiteral("payment_discount_amount"), 0},
            {QStringLiteral("coupon_pay_amount"), payAmount}};
}

QJsonObject SandboxAnswerJson::order(const SandboxOrderBook::Order &order) const
{
    qint64 originalAmount = 0;
    qint64 payAmount = 0;
    QJsonArray certificates;
    for (const QString &id : order.certificateIds) {
        const SandboxOrderBook::Certificate &item = *m_book.certificate(id);
        originalAmount += item.originalAmount;
        payAmount += item.payAmount;
        certificates.append(QJsonObject{{QStringLiteral("certificate_id"), id},
                                        {QStringLiteral("item_status"), int(m_book.status(item))}});
    }
    return {{QStringLiteral("order_id"), order.orderId},
            {QStringLiteral("order_status"), int(m_book.orderStatus(order))},
            {QStringLiteral("sku_id"), order.skuId},
            {QStringLiteral("sku_name"), order.skuName},
            {QStringLiteral("product_id"), order.productId},
            {QStringLiteral("product_name"), order.productName},
            {QStringLiteral("count"), int(order.certificateIds.size())},
            {QStringLiteral("original_amount"), originalAmount},
            {QStringLiteral("pay_amount"), payAmount},
            {QStringLiteral("discount_amount"), originalAmount - payAmount},
            {QStringLiteral("create_order_time"), order.createTime},
            {QStringLiteral("pay_time"), order.createTime},
            {QStringLiteral("update_order_time"), order.updateTime},
            {QStringLiteral("certificate"), certificates}};
}

QJsonObject SandboxAnswerJson::poi(const SandboxOrderBook::Poi &store)
{
    return {{QStringLiteral("poi_id"), store.poiId},
            {QStringLiteral("poi_name"), store.name},
            {QStringLiteral("address"), store.address},
            {QStringLiteral("latitude"), store.latitude},
            {QStringLiteral("longitude"), store.longitude}};
}

QJsonObject SandboxAnswerJson::verifyResult(const QString &sentCode,
                                            const SandboxOrderBook::Certificate *certificate,
                                            qint64 result,
                                            const SandboxOrderBook::Verification *record) const
{
    QJsonObject json{{QStringLiteral("result"), result},
                     {QStringLiteral("msg"), SandboxMessages::describe(result)},
                     {QStringLiteral("code"), sentCode}};
    if (certificate) {
        json.insert(QStringLiteral("origin_code"), certificate->code);
        json.insert(QStringLiteral("certificate_id"), certificate->certificateId);
        json.insert(QStringLiteral("order_id"), certificate->orderId);
        json.insert(QStringLiteral("account_id"), m_config.accountId);
    }
    if (record) {
        json.insert(QStringLiteral("verify_id"), record->verifyId);
        json.insert(QStringLiteral("verify_time"), record->verifyTime);
    }
    return json;
}
