#pragma once

#include <atomic>
#include <memory>

#include <QJsonObject>

#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "tests/common/sandboxcontrol.h"
#include "tests/common/scriptedmeituan.h"

#include "core/config/gatewaysettings.h"
#include "core/runtime/gatewayproxy.h"
#include "core/runtime/gatewayruntime.h"
#include "core/runtime/meituansetup.h"
#include "core/sandbox/sandboxserver.h"
#include "core/verify/verificationservice.h"

// A whole gateway on a thread of its own, as app/gatewayhost.h runs it under the window, for
// the till's platform tests: Douyin is the sandbox (running here, on the test's thread), and
// Meituan answers literally (ScriptedMeituan, here too), so a code can be one both know. The
// sandbox's first store is bound to Meituan, its second is not.
class TwoPlatformGateway
{
public:
    TwoPlatformGateway() = default;
    Q_DISABLE_COPY_MOVE(TwoPlatformGateway)

    ~TwoPlatformGateway()
    {
        m_proxy.reset();
        if (m_runtime) {
            QObject::connect(&m_thread, &QThread::finished, m_runtime, &QObject::deleteLater);
            m_thread.quit();
            m_thread.wait();
        }
    }

    bool start()
    {
        if (!m_sandbox.listen({"127.0.0.1", 0}).ok())
            return false;
        control.setBaseUrl(m_sandbox.baseUrl().toString());
        storeA = m_sandbox.state().pois().at(0).poiId;
        storeB = m_sandbox.state().pois().at(1).poiId;
        const QString sandbox = m_sandbox.baseUrl().toString();
        QProcessEnvironment env; // nothing inherited: no stray settings
        env.insert("DYGW_LISTEN", "127.0.0.1:0");
        env.insert("DYGW_DATA_DIR", m_dir.path());
        env.insert("DYGW_DOUYIN_BASE_URL", sandbox);
        env.insert("DYGW_SHORT_LINK_BASE", sandbox);
        env.insert("DYGW_DOUYIN_CLIENT_KEY", "sandbox_client_key");
        env.insert("DYGW_DOUYIN_CLIENT_SECRET", "sandbox_client_secret");
        env.insert("DYGW_DOUYIN_ACCOUNT_ID", "sandbox_account");
        env.insert("DYGW_MEITUAN_BASE_URL", meituan.config().baseUrl.toString());
        env.insert("DYGW_MEITUAN_DEVELOPER_ID", QString::number(ScriptedMeituan::DEVELOPER_ID));
        env.insert("DYGW_MEITUAN_SIGN_KEY", ScriptedMeituan::SIGN_KEY);
        auto settings = GatewaySettings::load(m_dir.path() + "/dy-gateway.ini", env);
        if (!settings.ok())
            return false;
        m_runtime = new GatewayRuntime(std::move(settings).value());
        m_runtime->moveToThread(&m_thread);
        m_thread.setObjectName("gateway");
        m_thread.start();
        m_proxy = std::make_unique<GatewayProxy>(m_runtime);
        // Both the start and the binding talk to servers on this thread: wait here, with its
        // event loop running, never blocked on the gateway thread.
        auto state = std::make_shared<std::atomic<int>>(0); // 1 bound, -1 failed
        GatewayRuntime *runtime = m_runtime;
        const QString poiId = storeA;
        QMetaObject::invokeMethod(m_runtime, [runtime, poiId, state] {
            GatewayRuntime::Options options;
            options.adminTokenFromEnvironment = "ui-test";
            if (!runtime->start(options).ok())
                return state->store(-1);
            VerificationService::Config config = runtime->engine()->config();
            config.enrichmentBaseDelayMs = 20;
            config.resolveTimeScale = 1000; // no resolution pass during a ui test
            runtime->engine()->setConfig(config);
            runtime->meituan()->bind(poiId, "auth-" + poiId, runtime,
                                     [state](const Result<MeituanStore, Meituan::Error> &bound) {
                                         state->store(bound.ok() ? 1 : -1);
                                     });
        });
        return QTest::qWaitFor([state] { return state->load() != 0; }, 20000) && state->load() == 1;
    }

    GatewayProxy *proxy() const { return m_proxy.get(); }

    // A fresh one-coupon Douyin order of the store: {"order_id", "codes", "short_link", ...}.
    QJsonObject mint(const QString &poiId, const QString &product = QStringLiteral("抖音双人餐"))
    {
        return control.call("POST", "/sandbox/orders",
                            {{"certificates", 1}, {"poi_id", poiId}, {"product_name", product}});
    }
    // Ten digits like Meituan's, new each time; the sandbox's Douyin codes have fifteen.
    QString meituanCode() { return QString::number(5200000000LL + ++m_codes); }

    SandboxControl control;
    ScriptedMeituan meituan;
    QString storeA; // Douyin and Meituan
    QString storeB; // Douyin only

private:
    QTemporaryDir m_dir;
    SandboxServer m_sandbox;
    QThread m_thread;
    GatewayRuntime *m_runtime = nullptr;
    std::unique_ptr<GatewayProxy> m_proxy;
    int m_codes = 0;
};
