#pragma once

#include <QJsonObject>
#include <QString>

#include "core/sandbox/sandboxhttpanswer.h"
#include "core/sandbox/sandboxhttprequest.h"
#include "core/sandbox/sandboxmeituanbook.h"

class SandboxState;

// The Meituan part of the control API, under /sandbox/meituan/, without sockets: minting and
// refunding orders, looking at receipts, consuming one as Meituan's merchant app would,
// expiring a store's tokens and minting one-time authorization codes. Like the Douyin part it
// needs no token, is never faulted, and names the offending field in a 400.
class SandboxMeituanControlApi
{
public:
    explicit SandboxMeituanControlApi(SandboxState &state) : m_state(state) { }

    // POST /sandbox/meituan/orders {"poi_id", "receipts"?, "deal_title"?, "deal_price_fen"?,
    // "deal_market_price_fen"?, "biz_type"?, "expire_in_days"?, "starts_in_days"?}
    SandboxHttpAnswer mintOrder(const SandboxHttpRequest &request);
    SandboxHttpAnswer listOrders(const SandboxHttpRequest &request) const;
    SandboxHttpAnswer orderSnapshot(const QString &orderId,
                                    const SandboxHttpRequest &request) const;
    // {"receipt_codes"?: [...], "in_progress"?: bool}
    SandboxHttpAnswer refund(const QString &orderId, const SandboxHttpRequest &request);
    SandboxHttpAnswer receipt(const QString &code, const SandboxHttpRequest &request) const;
    SandboxHttpAnswer consumeElsewhere(const QString &code, const SandboxHttpRequest &request);
    // {"poi_id"?, "refresh_tokens"?: bool} → {"expired": n}
    SandboxHttpAnswer expireTokens(const SandboxHttpRequest &request);
    // {"poi_id"} → {"code", "expires_in", "poi_id", "op_biz_code"}
    SandboxHttpAnswer issueAuthCode(const SandboxHttpRequest &request);

private:
    QJsonObject orderJson(const SandboxMeituanBook::Order &order) const;
    QJsonObject receiptJson(const SandboxMeituanBook::Receipt &receipt) const;

    SandboxState &m_state;
};
