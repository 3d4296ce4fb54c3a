#pragma once

#include <QJsonObject>
#include <QString>
#include <QUrl>

#include "core/sandbox/sandboxhttpanswer.h"
#include "core/sandbox/sandboxhttprequest.h"

class SandboxState;

// The sandbox's control API under /sandbox/, without sockets: minting and refunding orders,
// faults, token expiry, the clock and call counts. It needs no token and is never faulted.
class SandboxControlApi
{
public:
    explicit SandboxControlApi(SandboxState &state) : m_state(state) { }

    // Where short links point when the request carries no usable Host header.
    void setBaseUrl(const QUrl &baseUrl) { m_baseUrl = baseUrl; }

    SandboxHttpAnswer mintOrder(const SandboxHttpRequest &request);
    SandboxHttpAnswer listOrders(const SandboxHttpRequest &request) const;
    SandboxHttpAnswer orderSnapshot(const QString &orderId,
                                    const SandboxHttpRequest &request) const;
    SandboxHttpAnswer refund(const QString &orderId, const SandboxHttpRequest &request);
    // POST /sandbox/orders/{id}/verify_elsewhere {"count"?}: as the 抖音来客 app would.
    SandboxHttpAnswer verifyElsewhere(const QString &orderId, const SandboxHttpRequest &request);
    // POST /sandbox/orders/{id}/cancel_elsewhere {"certificate_id"}.
    SandboxHttpAnswer cancelElsewhere(const QString &orderId, const SandboxHttpRequest &request);
    SandboxHttpAnswer addFault(const SandboxHttpRequest &request);
    SandboxHttpAnswer listFaults(const SandboxHttpRequest &request) const;
    SandboxHttpAnswer clearFaults(const SandboxHttpRequest &request);
    SandboxHttpAnswer expireTokens(const SandboxHttpRequest &request);
    SandboxHttpAnswer stats(const SandboxHttpRequest &request) const;
    // GET and POST /sandbox/clock: {"now": unix_seconds}; POST moves it forward first.
    SandboxHttpAnswer clock(const SandboxHttpRequest &request) const;
    SandboxHttpAnswer advanceClock(const SandboxHttpRequest &request);

private:
    // The order with its short link as the caller can reach it.
    QJsonObject snapshot(const QString &orderId, const SandboxHttpRequest &request) const;
    QString shortLinkUrl(const QString &linkId, const SandboxHttpRequest &request) const;

    SandboxState &m_state;
    QUrl m_baseUrl;
};
