#pragma once

#include <QJsonObject>
#include <QString>

#include "core/sandbox/sandboxfault.h"
#include "core/sandbox/sandboxhttpanswer.h"
#include "core/sandbox/sandboxhttprequest.h"
#include "core/sandbox/sandboxmeituananswer.h"
#include "core/sandbox/sandboxmeituanform.h"

class SandboxState;

// The Meituan side of the sandbox without sockets (MEITUAN.md §9): the oauth endpoints and
// the 团购 receipt calls, each a signed form POST read by SandboxMeituanForm, answered in
// Meituan's envelope: {"code": "OP_SUCCESS", "msg", "data", "traceId"} for the receipt
// calls, {"code": 0, "msg", "data"} for oauth. Every answer is HTTP 200, errors included, as
// Meituan's are; malformed input of any kind becomes an error answer, never a crash.
//
// [choice] In the receipt calls' envelope every code is a JSON string ("1008"); in the oauth
// envelope a numeric code is a JSON number (success 0, or a fault's error_code given as a
// number) and the OP_* codes are strings.
class SandboxMeituanApi
{
public:
    explicit SandboxMeituanApi(SandboxState &state) : m_state(state) { }

    // Meituan endpoints only (SandboxFault::isMeituan).
    SandboxHttpAnswer answer(SandboxEndpoint endpoint, const SandboxHttpRequest &request);
    // What a fault answers instead of the call (http_500, error_code, rate_limit).
    SandboxHttpAnswer faultAnswer(const SandboxFault &fault, SandboxEndpoint endpoint,
                                  const SandboxHttpRequest &request);

private:
    using Answer = SandboxMeituanAnswer;

    SandboxHttpAnswer envelope(const Answer &answer, SandboxEndpoint endpoint,
                               const SandboxHttpRequest &request);
    Answer call(SandboxEndpoint endpoint, const SandboxHttpRequest &request);
    Answer oauth(SandboxEndpoint endpoint, const SandboxMeituanForm &form);
    Answer business(SandboxEndpoint endpoint, const QString &poiId, const QJsonObject &biz);
    Answer consume(const QString &poiId, const QJsonObject &biz);
    Answer reverse(const QString &poiId, const QJsonObject &biz);
    Answer list(const QString &poiId, const QJsonObject &biz);
    SandboxMeituanForm::Checks checks() const;

    SandboxState &m_state;
};
