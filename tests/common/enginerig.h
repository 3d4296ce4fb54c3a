#pragma once

#include <memory>
#include <optional>

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "core/douyin/douyinclient.h"
#include "core/crypto/secretbox.h"
#include "core/douyin/douyinplatform.h"
#include "core/meituan/meituanplatform.h"
#include "core/meituan/meituantokenkeeper.h"
#include "core/runtime/meituansetup.h"
#include "core/store/database.h"
#include "core/store/verificationrepository.h"
#include "core/verify/verificationservice.h"
#include "tests/common/testdatabase.h"

// The verification engine as the engine tests build it: a real SQLite file in a directory (a
// database on the test PostgreSQL server for the *_pg ctests),
// a DouyinClient over real HTTP (to the sandbox or a scripted Douyin) and the engine over
// the Douyin platform. Calls wait for the answer while the event loop keeps running.
struct EngineRig
{
    std::unique_ptr<Database> database;
    std::unique_ptr<DouyinClient> client;
    std::unique_ptr<DouyinPlatform> platform;
    SecretBox box{QByteArray(32, 'k')}; // seals the Meituan stores' tokens
    std::unique_ptr<MeituanSetup> meituan; // when started with a Meituan config
    std::unique_ptr<VerificationService> engine;

    static constexpr int WAIT_MS = 30000;

    // The sandbox's own credentials at baseUrl (also its short-link host).
    static DouyinClient::Config sandboxConfig(const QUrl &baseUrl)
    {
        DouyinClient::Config config;
        config.baseUrl = baseUrl;
        config.shortLinkBase = baseUrl;
        config.clientKey = "sandbox_client_key";
        config.clientSecret = "sandbox_client_secret";
        return config;
    }

    // Stops what ran before, so a test can restart the engine on the same database.
    // The sandbox's Meituan developer at baseUrl.
    static MeituanClient::Config meituanSandboxConfig(const QUrl &baseUrl)
    {
        MeituanClient::Config config;
        config.baseUrl = baseUrl;
        config.developerId = 100001;
        config.signKey = "sandbox_meituan_sign_key";
        return config;
    }

    // Stops what ran before, so a test can restart the engine on the same database.
    // With a Meituan config, the engine verifies through both platforms.
    bool start(const QString &dir, const DouyinClient::Config &douyin,
               const VerificationService::Config &engineConfig,
               const std::optional<MeituanClient::Config> &meituanConfig)
    {
        reset();
        auto db = TestDatabase::openInDir(dir);
        if (!db.ok())
            return false;
        database = std::move(db).value();
        client = std::make_unique<DouyinClient>();
        client->setConfig(douyin);
        platform = std::make_unique<DouyinPlatform>(client.get());
        QList<CouponPlatform *> platforms{platform.get()};
        if (meituanConfig) {
            meituan = std::make_unique<MeituanSetup>(database.get(), &box, *meituanConfig);
            meituan->start();
            platforms.append(meituan->platform());
        }
        engine = std::make_unique<VerificationService>(database.get(), platforms);
        engine->setConfig(engineConfig);
        engine->start();
        return true;
    }

    // Binds the store to its sandbox Meituan store (code `sandbox-auth-<poi_id>`).
    bool bindMeituan(const QString &poiId, QObject *context)
    {
        std::optional<bool> bound;
        meituan->bind(poiId, "sandbox-auth-" + poiId, context,
                      [&](const Result<MeituanStore, Meituan::Error> &result) {
                          if (!result.ok())
                              qWarning("bind %s: %s", qPrintable(poiId),
                                       qPrintable(result.error().message));
                          bound = result.ok();
                      });
        return QTest::qWaitFor([&] { return bound.has_value(); }, WAIT_MS) && *bound;
    }

    bool start(const QString &dir, const DouyinClient::Config &douyin,
               const VerificationService::Config &engineConfig)
    {
        reset();
        auto db = TestDatabase::openInDir(dir); // the engine under test: SQLite or PostgreSQL
        if (!db.ok())
            return false;
        database = std::move(db).value();
        client = std::make_unique<DouyinClient>();
        client->setConfig(douyin);
        platform = std::make_unique<DouyinPlatform>(client.get());
        engine = std::make_unique<VerificationService>(database.get(),
                                                       QList<CouponPlatform *>{platform.get()});
        engine->setConfig(engineConfig);
        engine->start();
        return true;
    }

    void reset()
    {
        engine.reset();
        meituan.reset();
        platform.reset();
        client.reset();
        database.reset();
    }

    VerifyOutcome verify(const VerifyCommand &command, QObject *context)
    {
        std::optional<VerifyOutcome> outcome;
        engine->verify(command, context, [&](const VerifyOutcome &o) { outcome = o; });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, WAIT_MS)) {
            VerifyOutcome timedOut;
            timedOut.kind = VerifyOutcome::Kind::StorageFailed;
            timedOut.error.message = "test timed out";
            return timedOut;
        }
        return *outcome;
    }

    CancelOutcome cancel(const CancelCommand &command, QObject *context)
    {
        std::optional<CancelOutcome> outcome;
        engine->cancel(command, context, [&](const CancelOutcome &o) { outcome = o; });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, WAIT_MS)) {
            CancelOutcome timedOut;
            timedOut.kind = CancelOutcome::Kind::StorageFailed;
            timedOut.error.message = "test timed out";
            return timedOut;
        }
        return *outcome;
    }

    PrepareOutcome prepare(const PrepareCommand &command, QObject *context)
    {
        std::optional<PrepareOutcome> outcome;
        engine->prepare(command, context, [&](const PrepareOutcome &o) { outcome = o; });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, WAIT_MS))
            qWarning("prepare timed out");
        return outcome.value_or(PrepareOutcome{});
    }

    VerificationRecord reload(qint64 id) const
    {
        const auto record = engine->repository()->get(id);
        return record.ok() ? record.value() : VerificationRecord{};
    }

    // A sandbox order's index-th plain code, at its store.
    static VerifyCommand byCode(const QJsonObject &order, int index = 0)
    {
        VerifyCommand command;
        command.poiId = order.value("poi_id").toString();
        command.code = order.value("codes").toArray().at(index).toString();
        return command;
    }
};
