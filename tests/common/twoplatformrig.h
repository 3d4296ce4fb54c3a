#pragma once

#include <memory>
#include <optional>

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "tests/common/enginerig.h"
#include "tests/common/sandboxcontrol.h"
#include "tests/common/scriptedmeituan.h"

#include "core/crypto/secretbox.h"
#include "core/meituan/meituanplatform.h"
#include "core/sandbox/sandboxserver.h"
#include "core/verify/verifyoutcomes.h"

// The engine over both platforms, as the routing tests build it: Douyin is the real
// DouyinPlatform against the sandbox over loopback, Meituan the real MeituanPlatform against
// Meituan's literal answers (ScriptedMeituan), so a code can be one both know. Store A (the
// sandbox's first store) is bound to Meituan, store B (its second) is not.
struct TwoPlatformRig
{
    std::unique_ptr<SandboxServer> sandbox;
    SandboxControl control;
    ScriptedMeituan meituanServer;
    SecretBox box{QByteArray(32, 'k')};
    std::unique_ptr<Database> database;
    DouyinClient douyinClient;
    std::unique_ptr<DouyinPlatform> douyin;
    std::unique_ptr<MeituanSetup> meituan;
    std::unique_ptr<VerificationService> engine;
    QString storeA;
    QString storeB;
    int codes = 0;

    ~TwoPlatformRig()
    {
        engine.reset();
        meituan.reset();
        database.reset();
    }

    bool start(const QString &dir)
    {
        sandbox = std::make_unique<SandboxServer>();
        if (!sandbox->listen({"127.0.0.1", 0}).ok() || sandbox->state().pois().size() < 2)
            return false;
        control.setBaseUrl(sandbox->baseUrl().toString());
        storeA = sandbox->state().pois().at(0).poiId;
        storeB = sandbox->state().pois().at(1).poiId;
        auto opened = TestDatabase::openInDir(dir);
        if (!opened.ok())
            return false;
        database = std::move(opened).value();
        DouyinClient::Config config = EngineRig::sandboxConfig(sandbox->baseUrl());
        config.accountId = "sandbox_account";
        douyinClient.setConfig(config);
        douyin = std::make_unique<DouyinPlatform>(&douyinClient);
        meituan = std::make_unique<MeituanSetup>(database.get(), &box, meituanServer.config());
        meituan->start();
        if (!ScriptedMeituan::bind(meituan.get(), storeA))
            return false;
        engine = std::make_unique<VerificationService>(database.get(), platforms());
        engine->start();
        return true;
    }

    QList<CouponPlatform *> platforms() const { return {douyin.get(), meituan->platform()}; }

    // A fresh one-coupon Douyin order of the store.
    QJsonObject mint(const QString &poiId)
    {
        return control.call("POST", "/sandbox/orders", {{"certificates", 1}, {"poi_id", poiId}});
    }
    QString douyinCode(const QString &poiId) { return mint(poiId).value("codes")[0].toString(); }
    // Ten digits like Meituan's, new each time; the sandbox's Douyin codes have fifteen.
    QString meituanCode() { return QString::number(5000000000LL + ++codes); }

    VerifyOutcome verify(const VerifyCommand &command, QObject *context)
    {
        std::optional<VerifyOutcome> outcome;
        engine->verify(command, context, [&](const VerifyOutcome &o) { outcome = o; });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, EngineRig::WAIT_MS))
            return VerifyOutcomes::failure(VerifyOutcome::Kind::StorageFailed, ErrorCode::Timeout,
                                           "test timed out");
        return *outcome;
    }

    std::optional<PrepareOutcome> prepare(const PrepareCommand &command, QObject *context)
    {
        std::optional<PrepareOutcome> outcome;
        engine->prepare(command, context, [&](const PrepareOutcome &o) { outcome = o; });
        QTest::qWaitFor([&] { return outcome.has_value(); }, EngineRig::WAIT_MS);
        return outcome;
    }
};
