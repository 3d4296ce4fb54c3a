#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTranslator>

#include "core/config/gatewaysettings.h"
#include "core/runtime/gatewayproxy.h"
#include "core/runtime/gatewayruntime.h"
#include "core/sandbox/sandboxserver.h"
#include "core/verify/verificationservice.h"

// A whole gateway in demo mode on a thread of its own, the way app/gatewayhost.h runs it under
// the window, for the page tests: the embedded sandbox plays Douyin, the data dir is temporary.
class DemoGateway
{
public:
    DemoGateway() = default;
    Q_DISABLE_COPY_MOVE(DemoGateway)

    ~DemoGateway()
    {
        m_proxy.reset();
        if (m_runtime) {
            QObject::connect(&m_thread, &QThread::finished, m_runtime, &QObject::deleteLater);
            m_thread.quit();
            m_thread.wait();
        }
    }

    // Starts the runtime; false (with a warning) if it did not start.
    bool start()
    {
        QProcessEnvironment env; // nothing inherited: no credentials, no stray settings
        env.insert("DYGW_LISTEN", "127.0.0.1:0");
        env.insert("DYGW_DATA_DIR", m_dir.path());
        auto settings = GatewaySettings::load(settingsFile(), env);
        if (!settings.ok()) {
            qWarning() << "settings:" << settings.error().message;
            return false;
        }
        m_runtime = new GatewayRuntime(std::move(settings).value());
        m_runtime->moveToThread(&m_thread);
        m_thread.setObjectName("gateway");
        m_thread.start();
        m_proxy = std::make_unique<GatewayProxy>(m_runtime);
        const bool started = onEngine([](GatewayRuntime *runtime) {
            GatewayRuntime::Options options;
            options.demo = true;
            const auto result = runtime->start(options);
            if (!result.ok()) {
                qWarning() << "start:" << result.error().message;
                return false;
            }
            // Order details quickly; a lost answer stays "checking" for the whole test.
            VerificationService::Config config = runtime->engine()->config();
            config.enrichmentBaseDelayMs = 20;
            config.resolveTimeScale = 1000; // no resolution pass during a ui test
            runtime->engine()->setConfig(config);
            return true;
        });
        if (!started)
            return false;
        m_sandbox = onEngine(
                [](GatewayRuntime *runtime) { return runtime->sandbox()->baseUrl().toString(); });
        return true;
    }

    GatewayProxy *proxy() const { return m_proxy.get(); }
    GatewayRuntime *runtime() const { return m_runtime; }
    // The real installation's data dir (the demo's is its "demo" folder) and settings file.
    QString dir() const { return m_dir.path(); }
    QString settingsFile() const { return m_dir.path() + "/dy-gateway.ini"; }

    // Runs `work` on the gateway thread and returns its answer (tests may block; the app never).
    template <typename F>
    auto onEngine(F work) -> decltype(work(static_cast<GatewayRuntime *>(nullptr)))
    {
        using T = decltype(work(static_cast<GatewayRuntime *>(nullptr)));
        std::optional<T> result;
        GatewayRuntime *runtime = m_runtime;
        QMetaObject::invokeMethod(
                m_runtime, [&result, &work, runtime] { result.emplace(work(runtime)); },
                Qt::BlockingQueuedConnection);
        return std::move(*result);
    }

    // Calls `call(done)` and waits for `done`; nullopt on timeout.
    template <typename T>
    std::optional<T> await(const std::function<void(QObject *, GatewayProxy::Callback<T>)> &call,
                           int timeoutMs = 15000)
    {
        std::optional<T> result;
        QObject context;
        call(&context, [&result](const T &value) { result.emplace(value); });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs))
            qWarning() << "the gateway did not answer in" << timeoutMs << "ms";
        return result;
    }

    VerifyOutcome verify(const VerifyCommand &command)
    {
        const auto outcome = await<VerifyOutcome>(
                [&](QObject *context, auto done) { m_proxy->verify(command, context, done); });
        if (!outcome) {
            qWarning() << "verify did not answer";
            VerifyOutcome timedOut;
            timedOut.kind = VerifyOutcome::Kind::Unavailable;
            return timedOut;
        }
        return *outcome;
    }

    VerificationPage list(const VerificationFilter &filter, int page = 1, int pageSize = 500)
    {
        const auto answer = await<Result<VerificationPage>>([&](QObject *context, auto done) {
            m_proxy->listRecords(filter, page, pageSize, context, done);
        });
        return answer && answer->ok() ? answer->value() : VerificationPage{};
    }

    // The sandbox's control API (core/sandbox/sandboxapi.cpp).
    QJsonObject control(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        QNetworkRequest request(QUrl(m_sandbox + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(
                request, method, QJsonDocument(body).toJson(QJsonDocument::Compact)));
        if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, 10000))
            qWarning() << "the sandbox did not answer" << path;
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

    // {"order_id", "short_link", "codes", "poi_id", ...}
    QJsonObject mintOrder(const QJsonObject &spec)
    {
        return control("POST", "/sandbox/orders", spec);
    }

    void fault(const QString &endpoint, const QString &mode, const QJsonObject &extra = {})
    {
        QJsonObject body = extra;
        body.insert("endpoint", endpoint);
        body.insert("mode", mode);
        body.insert("count", 1);
        control("POST", "/sandbox/faults", body);
    }

    // Waits until no record waits for its order details.
    bool waitForEnrichment()
    {
        return QTest::qWaitFor(
                [this] {
                    const auto status = await<GatewayStatus>([this](QObject *context, auto done) {
                        m_proxy->status(context, done);
                    });
                    return status && status->enrichmentBacklog == 0;
                },
                20000);
    }

    // Screenshots go next to the test binaries: build/tests/screenshots/<name>.png.
    static bool saveScreenshot(QWidget *widget, const QString &name)
    {
        // Layout requests posted by a language change or new data are handled first, as the
        // event loop would before the next paint.
        for (int i = 0; i < 3; ++i) {
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents();
        }
        const QString dir = QCoreApplication::applicationDirPath() + "/screenshots";
        QDir().mkpath(dir);
        return widget->grab().save(dir + "/" + name + ".png");
    }

    // Installs or removes the app's Chinese translation; widgets retranslate themselves.
    bool setChinese(bool chinese)
    {
        if (chinese) {
            if (!m_translator.load(":/i18n/dygateway_zh_CN.qm"))
                return false;
            QCoreApplication::installTranslator(&m_translator);
        } else {
            QCoreApplication::removeTranslator(&m_translator);
        }
        QCoreApplication::processEvents(); // deliver LanguageChange
        return true;
    }

private:
    QTemporaryDir m_dir;
    QThread m_thread;
    GatewayRuntime *m_runtime = nullptr;
    std::unique_ptr<GatewayProxy> m_proxy;
    QString m_sandbox;
    QNetworkAccessManager m_network;
    QTranslator m_translator;
};
