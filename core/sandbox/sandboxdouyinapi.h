#pragma once

#include <QString>
#include <QUrlQuery>

#include "core/sandbox/sandboxanswer.h"
#include "core/sandbox/sandboxfault.h"
#include "core/sandbox/sandboxhttpanswer.h"
#include "core/sandbox/sandboxhttprequest.h"

class SandboxState;

// The Douyin side of the sandbox without sockets: the open-platform endpoints (token check,
// parameters, the {data, extra} envelope), the short links and the page they land on.
// Malformed input of any kind becomes an error answer, never a crash.
class SandboxDouyinApi
{
public:
    explicit SandboxDouyinApi(SandboxState &state) : m_state(state) { }

    // Douyin endpoints (not ShortLink).
    SandboxHttpAnswer answer(SandboxEndpoint endpoint, const SandboxHttpRequest &request);
    // GET /v/{id}/ (hop = false) and /v/{id}/hop/: 302 towards /life/coupon?object_id=…
    SandboxHttpAnswer shortLink(const QString &linkId, bool hop,
                                const SandboxHttpRequest &request) const;
    // GET /life/coupon: the page a browser would land on.
    static SandboxHttpAnswer couponPage(const SandboxHttpRequest &request);
    // What a fault answers instead of the call (http_500, error_code, rate_limit).
    SandboxHttpAnswer faultAnswer(const SandboxFault &fault, SandboxEndpoint endpoint,
                                  const SandboxHttpRequest &request);

private:
    SandboxHttpAnswer envelope(const SandboxAnswer &answer, SandboxEndpoint endpoint);
    SandboxAnswer call(SandboxEndpoint endpoint, const SandboxHttpRequest &request);
    SandboxAnswer clientToken(const SandboxHttpRequest &request);
    // Not a const query: every call counts toward the ledger's per-second limit.
    SandboxAnswer ledger(const QUrlQuery &query);
    SandboxAnswer query(SandboxEndpoint endpoint, const QUrlQuery &query) const;

    SandboxState &m_state;
};
