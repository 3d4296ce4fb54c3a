#pragma once

#include <functional>

#include <QList>
#include <QObject>
#include <QRegularExpression>
#include <QUrl>

#include <QHttpServer>

#include "core/config/hostport.h"
#include "core/http/routetable.h"
#include "core/result.h"
#include "core/sandbox/sandboxconfig.h"
#include "core/sandbox/sandboxcontrolapi.h"
#include "core/sandbox/sandboxdouyinapi.h"
#include "core/sandbox/sandboxhttpanswer.h"
#include "core/sandbox/sandboxhttprequest.h"
#include "core/sandbox/sandboxmeituanapi.h"
#include "core/sandbox/sandboxmeituancontrolapi.h"
#include "core/sandbox/sandboxstate.h"

// A faithful Douyin life-service simulator over real HTTP: the open-platform paths, the short
// links (/v/{id}/) and the control API (/sandbox/…) on one port; Meituan's oauth and 团购
// receipt paths (MEITUAN.md §9, SandboxMeituanApi) beside them, which do not collide. Used by tests, demo mode and
// LAN integrators. Lives on the thread that created it. Business rules: SandboxState.
//
// [choice] transport behaviour:
// - a short link answers 302 to "/life/coupon?object_id=…&utm_source=qrcode" (relative, and
//   like Douyin's landing URL not only object_id); links minted with redirects = 2 go through
//   /v/{id}/hop/ first. A dead or unknown link → JSON 404.
// - drop_before_commit / drop_after_commit send the status line and headers, then close before
//   the body (see cutOff() in the .cpp for why not before the first byte).
// - delay produces the answer (and applies it) when the delay ends, even if the client has
//   left by then; the late write is skipped when the socket is gone.
// - every call to a Douyin or Meituan path or short link is counted in /sandbox/stats
//   ("meituan.consume" …), faulted or not; a fault plays on Meituan's paths as on Douyin's,
//   error_code and rate_limit answering in Meituan's envelope;
//   the control API is never faulted and never needs a token.
// - faults play on cancel as on verify: error_code, http_500, rate_limit and
//   drop_before_commit leave the verification in force; the *_after_commit ones and delay
//   cancel it and lose (or delay) the answer.
class SandboxServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxServer)

public:
    explicit SandboxServer(SandboxConfig config = {}, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Binds and starts accepting; port 0 picks a free port. Errors name the address.
    Result<HostPort> listen(const HostPort &address);
    HostPort address() const { return m_address; }
    // http://HOST:PORT — serves the Douyin API, the short links and the Meituan API
    QUrl baseUrl() const;
    SandboxState &state() { return m_state; }

private:
    using Handler = std::function<void(const QHttpServerRequest &, QHttpServerResponder &&)>;
    using Producer = std::function<SandboxHttpAnswer(const SandboxHttpRequest &)>;
    using ArgProducer =
            std::function<SandboxHttpAnswer(const QString &, const SandboxHttpRequest &)>;

    void addRoute(const QString &path, QHttpServerRequest::Method method, Handler handler);
    void addDouyinRoute(const char *path, QHttpServerRequest::Method method,
                        SandboxEndpoint endpoint);
    void addMeituanRoute(const char *path, SandboxEndpoint endpoint);
    void addMeituanRoutes();
    void addControlRoutes(); // Douyin's side of /sandbox/…
    void addControlRoute(const QString &path, QHttpServerRequest::Method method, Producer answer);
    // path has one <arg>, handed to answer.
    void addControlRoute(const QString &path, QHttpServerRequest::Method method,
                         ArgProducer answer);
    // Counts the call, plays the first matching fault, otherwise answers with produce().
    void serve(SandboxEndpoint endpoint, const QHttpServerRequest &request,
               QHttpServerResponder &&responder, const Producer &produce);
    void answerMissing(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    static void write(QHttpServerResponder &responder, const SandboxHttpAnswer &answer);

    SandboxState m_state;
    SandboxDouyinApi m_douyinApi{m_state};
    SandboxControlApi m_controlApi{m_state};
    SandboxMeituanApi m_meituanApi{m_state};
    SandboxMeituanControlApi m_meituanControlApi{m_state};
    QHttpServer m_server;
    RouteTable m_routes;
    HostPort m_address;
};
