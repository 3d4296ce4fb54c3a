#include "core/sandbox/sandboxserver.h"

#include <memory>

#include <QJsonDocument>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include "core/douyin/douyinapi.h"
#include "core/http/httproute.h"
#include "core/logging/categories.h"
#include "core/meituan/meituanapi.h"
#include "core/sandbox/sandboxcut.h"

namespace {

using Method = QHttpServerRequest::Method;
using Request = SandboxHttpRequest;
using Answer = SandboxHttpAnswer;

} // namespace

SandboxServer::SandboxServer(SandboxConfig config, QObject *parent)
    : QObject(parent),
      m_state(std::move(config))
{
    addDouyinRoute(DouyinApi::PATH_CLIENT_TOKEN, Method::Post, SandboxEndpoint::ClientToken);
    addDouyinRoute(DouyinApi::PATH_PREPARE, Method::Get, SandboxEndpoint::Prepare);
    addDouyinRoute(DouyinApi::PATH_VERIFY, Method::Post, SandboxEndpoint::Verify);
    addDouyinRoute(DouyinApi::PATH_CANCEL, Method::Post, SandboxEndpoint::Cancel);
    addDouyinRoute(DouyinApi::PATH_CERTIFICATE_GET, Method::Get, SandboxEndpoint::CertificateGet);
    addDouyinRoute(DouyinApi::PATH_CERTIFICATE_QUERY, Method::Get,
                   SandboxEndpoint::CertificateQuery);
    addDouyinRoute(DouyinApi::PATH_ORDER_QUERY, Method::Get, SandboxEndpoint::OrderQuery);
    addDouyinRoute(DouyinApi::PATH_POI_QUERY, Method::Get, SandboxEndpoint::PoiQuery);
    addDouyinRoute(DouyinApi::PATH_VERIFY_RECORD_QUERY, Method::Get,
                   SandboxEndpoint::VerifyRecordQuery);
    addDouyinRoute(DouyinApi::PATH_LEDGER_QUERY, Method::Get, SandboxEndpoint::LedgerQuery);

    for (const bool hop : {false, true}) {
        const QString path = hop ? QStringLiteral("/v/<arg>/hop/") : QStringLiteral("/v/<arg>/");
        m_routes.add(path, Method::Get);
        m_server.route(path, Method::Get,
                       [this, hop](const QString &linkId, const QHttpServerRequest &request,
                                   QHttpServerResponder &&responder) {
                           serve(SandboxEndpoint::ShortLink, request, std::move(responder),
                                 [this, hop, linkId](const Request &copy) {
                                     return m_douyinApi.shortLink(linkId, hop, copy);
                                 });
                       });
    }
    addRoute(QStringLiteral("/life/coupon"), Method::Get,
             [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                 write(responder, SandboxDouyinApi::couponPage(Request::from(request)));
             });

    addControlRoutes();
    addMeituanRoutes();

    m_server.setMissingHandler(
            [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                answerMissing(request, std::move(responder));
            });
}

SandboxServer::~SandboxServer() = default;

Result<HostPort> SandboxServer::listen(const HostPort &address)
{
    // Our own QTcpServer, so a failure can say why (port in use, address not local…).
    auto *tcp = new QTcpServer(&m_server);
    if (!tcp->listen(address.address(), address.port)) {
        const QString reason = tcp->errorString();
        delete tcp;
        return makeError(ErrorCode::Network,
                         QStringLiteral("cannot listen on %1: %2").arg(address.toString(), reason));
    }
    m_server.bind(tcp);
    m_address = HostPort{address.host, tcp->serverPort()};
    m_controlApi.setBaseUrl(baseUrl());
    qCInfo(lcSandbox) << "Douyin and Meituan sandbox listening on" << baseUrl().toString();
    return m_address;
}

QUrl SandboxServer::baseUrl() const
{
    return QUrl(m_address.toUrl());
}

void SandboxServer::addRoute(const QString &path, Method method, Handler handler)
{
    m_routes.add(path, method);
    m_server.route(path, method, std::move(handler));
}

void SandboxServer::addDouyinRoute(const char *path, Method method, SandboxEndpoint endpoint)
{
    addRoute(QString::fromLatin1(path), method,
             [this, endpoint](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                 serve(endpoint, request, std::move(responder),
                       [this, endpoint](const Request &copy) {
                           return m_douyinApi.answer(endpoint, copy);
                       });
             });
}

void SandboxServer::addMeituanRoute(const char *path, SandboxEndpoint endpoint)
{
    addRoute(QString::fromLatin1(path), Method::Post,
             [this, endpoint](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                 serve(endpoint, request, std::move(responder),
                       [this, endpoint](const Request &copy) {
                           return m_meituanApi.answer(endpoint, copy);
                       });
             });
}

void SandboxServer::addControlRoutes()
{
    addControlRoute(QStringLiteral("/sandbox/orders"), Method::Post,
                    [this](const Request &request) { return m_controlApi.mintOrder(request); });
    addControlRoute(QStringLiteral("/sandbox/orders"), Method::Get,
                    [this](const Request &request) { return m_controlApi.listOrders(request); });
    m_routes.add(QStringLiteral("/sandbox/orders/<arg>"), Method::Get);
    m_server.route(QStringLiteral("/sandbox/orders/<arg>"), Method::Get,
                   [this](const QString &orderId, const QHttpServerRequest &request,
                          QHttpServerResponder &&responder) {
                       write(responder,
                             m_controlApi.orderSnapshot(orderId, Request::from(request)));
                   });
    m_routes.add(QStringLiteral("/sandbox/orders/<arg>/refund"), Method::Post);
    m_server.route(QStringLiteral("/sandbox/orders/<arg>/refund"), Method::Post,
                   [this](const QString &orderId, const QHttpServerRequest &request,
                          QHttpServerResponder &&responder) {
                       write(responder, m_controlApi.refund(orderId, Request::from(request)));
                   });
    addControlRoute(QStringLiteral("/sandbox/orders/<arg>/verify_elsewhere"), Method::Post,
                    [this](const QString &orderId, const Request &request) {
                        return m_controlApi.verifyElsewhere(orderId, request);
                    });
    addControlRoute(QStringLiteral("/sandbox/orders/<arg>/cancel_elsewhere"), Method::Post,
                    [this](const QString &orderId, const Request &request) {
                        return m_controlApi.cancelElsewhere(orderId, request);
                    });
    addControlRoute(QStringLiteral("/sandbox/faults"), Method::Post,
                    [this](const Request &request) { return m_controlApi.addFault(request); });
    addControlRoute(QStringLiteral("/sandbox/faults"), Method::Get,
                    [this](const Request &request) { return m_controlApi.listFaults(request); });
    addControlRoute(QStringLiteral("/sandbox/faults"), Method::Delete,
                    [this](const Request &request) { return m_controlApi.clearFaults(request); });
    addControlRoute(QStringLiteral("/sandbox/tokens/expire"), Method::Post,
                    [this](const Request &request) { return m_controlApi.expireTokens(request); });
    addControlRoute(QStringLiteral("/sandbox/stats"), Method::Get,
                    [this](const Request &request) { return m_controlApi.stats(request); });
    addControlRoute(QStringLiteral("/sandbox/clock"), Method::Get,
                    [this](const Request &request) { return m_controlApi.clock(request); });
    addControlRoute(QStringLiteral("/sandbox/clock"), Method::Post,
                    [this](const Request &request) { return m_controlApi.advanceClock(request); });
}

void SandboxServer::addMeituanRoutes()
{
    addMeituanRoute(MeituanApi::PATH_TOKEN, SandboxEndpoint::MeituanOauthToken);
    addMeituanRoute(MeituanApi::PATH_REFRESH, SandboxEndpoint::MeituanOauthRefresh);
    addMeituanRoute(MeituanApi::PATH_PREPARE, SandboxEndpoint::MeituanPrepare);
    addMeituanRoute(MeituanApi::PATH_CONSUME, SandboxEndpoint::MeituanConsume);
    addMeituanRoute(MeituanApi::PATH_GET_CONSUMED, SandboxEndpoint::MeituanGetConsumed);
    addMeituanRoute(MeituanApi::PATH_REVERSE_CONSUME, SandboxEndpoint::MeituanReverseConsume);
    addMeituanRoute(MeituanApi::PATH_QUERY_LIST_BY_DATE, SandboxEndpoint::MeituanQueryListByDate);

    SandboxMeituanControlApi &control = m_meituanControlApi;
    const QString orders = QStringLiteral("/sandbox/meituan/orders");
    addControlRoute(orders, Method::Post,
                    [&control](const Request &request) { return control.mintOrder(request); });
    addControlRoute(orders, Method::Get,
                    [&control](const Request &request) { return control.listOrders(request); });
    addControlRoute(orders + QStringLiteral("/<arg>"), Method::Get,
                    [&control](const QString &orderId, const Request &request) {
                        return control.orderSnapshot(orderId, request);
                    });
    addControlRoute(orders + QStringLiteral("/<arg>/refund"), Method::Post,
                    [&control](const QString &orderId, const Request &request) {
                        return control.refund(orderId, request);
                    });
    const QString receipts = QStringLiteral("/sandbox/meituan/receipts/<arg>");
    addControlRoute(receipts, Method::Get, [&control](const QString &code, const Request &request) {
        return control.receipt(code, request);
    });
    addControlRoute(receipts + QStringLiteral("/consume_elsewhere"), Method::Post,
                    [&control](const QString &code, const Request &request) {
                        return control.consumeElsewhere(code, request);
                    });
    addControlRoute(QStringLiteral("/sandbox/meituan/tokens/expire"), Method::Post,
                    [&control](const Request &request) { return control.expireTokens(request); });
    addControlRoute(QStringLiteral("/sandbox/meituan/auth_codes"), Method::Post,
                    [&control](const Request &request) { return control.issueAuthCode(request); });
}

void SandboxServer::addControlRoute(const QString &path, Method method, ArgProducer answer)
{
    m_routes.add(path, method);
    m_server.route(path, method,
                   [answer = std::move(answer)](const QString &arg,
                                                const QHttpServerRequest &request,
                                                QHttpServerResponder &&responder) {
                       write(responder, answer(arg, Request::from(request)));
                   });
}

void SandboxServer::addControlRoute(const QString &path, Method method, Producer answer)
{
    addRoute(path, method,
             [answer = std::move(answer)](const QHttpServerRequest &request,
                                          QHttpServerResponder &&responder) {
                 write(responder, answer(Request::from(request)));
             });
}

void SandboxServer::serve(SandboxEndpoint endpoint, const QHttpServerRequest &request,
                          QHttpServerResponder &&responder, const Producer &produce)
{
    m_state.countCall(endpoint);
    const Request copy = Request::from(request);
    const std::optional<SandboxFault> fault = m_state.takeFault(endpoint);
    if (!fault) {
        write(responder, produce(copy));
        return;
    }
    qCInfo(lcSandbox).noquote() << "fault" << SandboxFault::modeName(fault->mode) << "on"
                                << SandboxFault::endpointName(endpoint) << copy.path;

    // The responder keeps a raw socket pointer: every late use checks this guard first.
    const QPointer<QTcpSocket> socket(responder.socket());
    switch (fault->mode) {
    case SandboxFault::Mode::Delay: {
        auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
        QTimer::singleShot(fault->delayMs, this, [pending, socket, copy, produce] {
            // Applied even when the client has given up, as a slow server would.
            const Answer answer = produce(copy);
            if (socket && socket->state() == QAbstractSocket::ConnectedState)
                write(*pending, answer);
        });
        return;
    }
    case SandboxFault::Mode::DropAfterCommit:
        produce(copy); // applied; its answer is lost with the connection
        SandboxCut::headersOnly(responder);
        return;
    case SandboxFault::Mode::DropBeforeCommit:
        SandboxCut::headersOnly(responder);
        return;
    case SandboxFault::Mode::FinAfterCommit:
        produce(copy);
        SandboxCut::finWithoutAnswer(responder);
        return;
    case SandboxFault::Mode::RstAfterCommit:
        produce(copy);
        SandboxCut::resetWithoutAnswer(responder);
        return;
    case SandboxFault::Mode::HalfAnswerAfterCommit: {
        const Answer answer = produce(copy);
        SandboxCut::halfAnswer(
                responder, answer.json ? QByteArrayLiteral("application/json") : answer.contentType,
                answer.json ? QJsonDocument(*answer.json).toJson(QJsonDocument::Compact)
                            : answer.body);
        return;
    }
    case SandboxFault::Mode::Http500:
    case SandboxFault::Mode::ErrorCode:
    case SandboxFault::Mode::RateLimit:
        write(responder,
              SandboxFault::isMeituan(endpoint) ? m_meituanApi.faultAnswer(*fault, endpoint, copy)
                                                : m_douyinApi.faultAnswer(*fault, endpoint, copy));
        return;
    }
}

void SandboxServer::write(QHttpServerResponder &responder, const Answer &answer)
{
    if (answer.json) {
        JsonReply::write(responder, answer.status, *answer.json, answer.requestId, answer.headers);
        return;
    }
    responder.writeStatusLine(answer.status);
    if (!answer.contentType.isEmpty())
        responder.writeHeader(QByteArrayLiteral("Content-Type"), answer.contentType);
    responder.writeHeader(QByteArrayLiteral("Content-Length"),
                          QByteArray::number(answer.body.size()));
    if (!answer.requestId.isEmpty())
        responder.writeHeader(QByteArrayLiteral("X-Request-Id"), answer.requestId);
    for (const auto &header : answer.headers)
        responder.writeHeader(header.first, header.second);
    responder.writeBody(answer.body);
}

void SandboxServer::answerMissing(const QHttpServerRequest &request,
                                  QHttpServerResponder &&responder)
{
    m_routes.answerMissing(request, responder);
}
