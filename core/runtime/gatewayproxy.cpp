#include "core/runtime/gatewayproxy.h"

#include <QMetaObject>

#include "core/api/admintoken.h"
#include "core/douyin/accesstokencache.h"
#include "core/douyin/douyinclient.h"
#include "core/douyin/poidirectory.h"
#include "core/reconcile/reconciliationservice.h"
#include "core/runtime/democouponshelf.h"
#include "core/runtime/gatewayruntime.h"
#include "core/runtime/meituansetup.h"
#include "core/store/verificationrepository.h"
#include "core/verify/verificationservice.h"

namespace {

// Before start() (or after it failed) the runtime has no repositories to ask.
Error notStarted()
{
    return makeError(ErrorCode::Storage, QStringLiteral("the gateway has not started"));
}

} // namespace

GatewayProxy::GatewayProxy(GatewayRuntime *runtime, QObject *parent)
    : QObject(parent),
      m_runtime(runtime)
{
    // Queued: the runtime emits on the gateway thread.
    connect(runtime, &GatewayRuntime::recordsChanged, this, &GatewayProxy::recordsChanged);
    connect(runtime, &GatewayRuntime::reconciliationChanged, this,
            &GatewayProxy::reconciliationChanged);
}

template <typename T>
void GatewayProxy::runAsync(QObject *context,
                            std::function<void(GatewayRuntime *, Callback<T>)> work,
                            Callback<T> done)
{
    QPointer<QObject> guard(context);
    QPointer<GatewayProxy> self(this);
    GatewayRuntime *runtime = m_runtime;
    QMetaObject::invokeMethod(runtime, [runtime, self, guard, work, done] {
        runtime->whenStarted([runtime, self, guard, work, done] {
            // A runtime that failed to start has no gateway; the window has said so already.
            if (!runtime->engine())
                return;
            work(runtime, [self, guard, done](const T &result) {
                if (self)
                    QMetaObject::invokeMethod(self, [guard, done, result] {
                        if (guard)
                            done(result);
                    });
            });
        });
    });
}

template <typename T>
void GatewayProxy::run(QObject *context, std::function<T(GatewayRuntime *)> work, Callback<T> done)
{
    runAsync<T>(
            context, [work](GatewayRuntime *runtime, Callback<T> answer) { answer(work(runtime)); },
            std::move(done));
}

void GatewayProxy::prepare(const PrepareCommand &command, QObject *context,
                           Callback<PrepareOutcome> done)
{
    runAsync<PrepareOutcome>(
            context,
            [command](GatewayRuntime *runtime, Callback<PrepareOutcome> answer) {
                runtime->engine()->prepare(command, runtime, answer);
            },
            std::move(done));
}

void GatewayProxy::verify(const VerifyCommand &command, QObject *context,
                          Callback<VerifyOutcome> done)
{
    runAsync<VerifyOutcome>(
            context,
            [command](GatewayRuntime *runtime, Callback<VerifyOutcome> answer) {
                runtime->engine()->verify(command, runtime, answer);
            },
            std::move(done));
}

void GatewayProxy::cancel(const CancelCommand &command, QObject *context,
                          Callback<CancelOutcome> done)
{
    runAsync<CancelOutcome>(
            context,
            [command](GatewayRuntime *runtime, Callback<CancelOutcome> answer) {
                runtime->engine()->cancel(command, runtime, answer);
            },
            std::move(done));
}

void GatewayProxy::platformsServing(const QString &poiId, QObject *context,
                                    Callback<QList<PlatformId>> done)
{
    run<QList<PlatformId>>(
            context,
            [poiId](GatewayRuntime *runtime) { return runtime->engine()->platformsServing(poiId); },
            std::move(done));
}

void GatewayProxy::record(qint64 id, QObject *context, Callback<Result<VerificationRecord>> done)
{
    run<Result<VerificationRecord>>(
            context,
            [id](GatewayRuntime *runtime) { return runtime->engine()->repository()->get(id); },
            std::move(done));
}

void GatewayProxy::listRecords(const VerificationFilter &filter, int page, int pageSize,
                               QObject *context, Callback<Result<VerificationPage>> done)
{
    run<Result<VerificationPage>>(
            context,
            [filter, page, pageSize](GatewayRuntime *runtime) {
                return runtime->engine()->repository()->list(filter, page, pageSize);
            },
            std::move(done));
}

void GatewayProxy::reconciliation(const ReconciliationQuery &query, QObject *context,
                                  Callback<Result<ReconciliationReport>> done)
{
    run<Result<ReconciliationReport>>(
            context,
            [query](GatewayRuntime *runtime) { return runtime->reconciliation()->report(query); },
            std::move(done));
}

void GatewayProxy::runReconciliation(const QDate &date, QObject *context,
                                     Callback<Result<Done>> done)
{
    run<Result<Done>>(
            context,
            [date](GatewayRuntime *runtime) -> Result<Done> {
                const auto started = runtime->reconciliation()->startRun(date);
                if (!started.ok())
                    return started.error();
                return Done{};
            },
            std::move(done));
}

void GatewayProxy::summary(const SummaryQuery &query, QObject *context,
                           Callback<Result<VerificationSummary>> done)
{
    run<Result<VerificationSummary>>(
            context,
            [query](GatewayRuntime *runtime) {
                return runtime->engine()->repository()->summary(query);
            },
            std::move(done));
}

void GatewayProxy::gatewayNames(QObject *context, Callback<Result<QStringList>> done)
{
    run<Result<QStringList>>(
            context,
            [](GatewayRuntime *runtime) { return runtime->engine()->repository()->gatewayNames(); },
            std::move(done));
}

void GatewayProxy::listApps(QObject *context, Callback<Result<QList<VerifierApp>>> done)
{
    run<Result<QList<VerifierApp>>>(
            context,
            [](GatewayRuntime *runtime) -> Result<QList<VerifierApp>> {
                if (!runtime->apps())
                    return notStarted();
                return runtime->apps()->list();
            },
            std::move(done));
}

void GatewayProxy::createApp(const QString &name, bool allowTokenRead, QObject *context,
                             Callback<Result<AppRepository::Created>> done)
{
    run<Result<AppRepository::Created>>(
            context,
            [name, allowTokenRead](GatewayRuntime *runtime) -> Result<AppRepository::Created> {
                if (!runtime->apps())
                    return notStarted();
                return runtime->apps()->create(name, allowTokenRead);
            },
            std::move(done));
}

void GatewayProxy::setAppStatus(qint64 id, VerifierApp::Status status, QObject *context,
                                Callback<Result<VerifierApp>> done)
{
    run<Result<VerifierApp>>(
            context,
            [id, status](GatewayRuntime *runtime) -> Result<VerifierApp> {
                if (!runtime->apps())
                    return notStarted();
                return runtime->apps()->setStatus(id, status);
            },
            std::move(done));
}

void GatewayProxy::setTokenAccess(qint64 id, bool allow, QObject *context,
                                  Callback<Result<VerifierApp>> done)
{
    run<Result<VerifierApp>>(
            context,
            [id, allow](GatewayRuntime *runtime) -> Result<VerifierApp> {
                if (!runtime->apps())
                    return notStarted();
                return runtime->apps()->setTokenAccess(id, allow);
            },
            std::move(done));
}

void GatewayProxy::pois(QObject *context,
                        Callback<Result<Douyin::PoiQueryResult, Douyin::Error>> done)
{
    using Answer = Result<Douyin::PoiQueryResult, Douyin::Error>;
    runAsync<Answer>(
            context,
            [](GatewayRuntime *runtime, Callback<Answer> answer) {
                runtime->pois()->page(1, 100, runtime, answer);
            },
            std::move(done));
}

void GatewayProxy::status(QObject *context, Callback<GatewayStatus> done)
{
    run<GatewayStatus>(
            context, [](GatewayRuntime *runtime) { return runtime->status(); }, std::move(done));
}

void GatewayProxy::demoCoupons(const QString &poiId, int minimum, QObject *context,
                               Callback<QList<DemoCoupon>> done)
{
    run<QList<DemoCoupon>>(
            context,
            [poiId, minimum](GatewayRuntime *runtime) {
                if (!runtime->sandbox())
                    return QList<DemoCoupon>{};
                return DemoCouponShelf(runtime->sandbox()).coupons(poiId, minimum);
            },
            std::move(done));
}

void GatewayProxy::mintDemoCoupon(const QString &poiId, QObject *context,
                                  Callback<Result<DemoCoupon>> done)
{
    run<Result<DemoCoupon>>(
            context,
            [poiId](GatewayRuntime *runtime) -> Result<DemoCoupon> {
                if (!runtime->sandbox())
                    return makeError(ErrorCode::BadInput, QStringLiteral("not in demo mode"));
                return DemoCouponShelf(runtime->sandbox()).mint(poiId);
            },
            std::move(done));
}

void GatewayProxy::regenerateAdminToken(QObject *context, Callback<Result<QString>> done)
{
    run<Result<QString>>(
            context,
            [](GatewayRuntime *runtime) -> Result<QString> {
                if (!runtime->adminToken())
                    return notStarted();
                // The first token stops working now, so it must not be offered any more.
                runtime->takeUnshownAdminToken();
                return runtime->adminToken()->regenerate();
            },
            std::move(done));
}

void GatewayProxy::takeNewAdminToken(QObject *context, Callback<std::optional<QString>> done)
{
    run<std::optional<QString>>(
            context, [](GatewayRuntime *runtime) { return runtime->takeUnshownAdminToken(); },
            std::move(done));
}

void GatewayProxy::settings(QObject *context, Callback<SettingsSnapshot> done)
{
    run<SettingsSnapshot>(
            context, [](GatewayRuntime *runtime) { return runtime->settingsSnapshot(); },
            std::move(done));
}

void GatewayProxy::saveSettings(const SettingsUpdate &update, QObject *context,
                                Callback<Result<SettingsSnapshot>> done)
{
    run<Result<SettingsSnapshot>>(
            context,
            [update](GatewayRuntime *runtime) -> Result<SettingsSnapshot> {
                if (const auto applied = runtime->applySettings(update); !applied.ok())
                    return applied.error();
                return runtime->settingsSnapshot();
            },
            std::move(done));
}

void GatewayProxy::testConnection(const DouyinClient::Config &config, QObject *context,
                                  Callback<ConnectionProbe::Outcome> done)
{
    QPointer<QObject> guard(context);
    QPointer<GatewayProxy> self(this);
    GatewayRuntime *runtime = m_runtime;
    QMetaObject::invokeMethod(runtime, [runtime, self, guard, config, done] {
        runtime->probeDouyin(config, runtime,
                             [self, guard, done](const ConnectionProbe::Outcome &outcome) {
                                 if (self)
                                     QMetaObject::invokeMethod(self, [guard, done, outcome] {
                                         if (guard)
                                             done(outcome);
                                     });
                             });
    });
}

void GatewayProxy::meituanStatus(QObject *context, Callback<MeituanStatus> done)
{
    run<MeituanStatus>(
            context, [](GatewayRuntime *runtime) { return runtime->meituan()->status(); },
            std::move(done));
}

void GatewayProxy::meituanAuthorizationUrl(const QString &poiId, QObject *context,
                                           Callback<QUrl> done)
{
    run<QUrl>(
            context,
            [poiId](GatewayRuntime *runtime) {
                return runtime->meituan()->authorizationUrl(poiId);
            },
            std::move(done));
}

void GatewayProxy::bindMeituan(const QString &poiId, const QString &authCode, QObject *context,
                               Callback<Result<MeituanStatus::Store, Meituan::Error>> done)
{
    using Answer = Result<MeituanStatus::Store, Meituan::Error>;
    runAsync<Answer>(
            context,
            [poiId, authCode](GatewayRuntime *runtime, Callback<Answer> answer) {
                runtime->meituan()->bind(
                        poiId, authCode, runtime,
                        [answer](const Result<MeituanStore, Meituan::Error> &bound) {
                            if (!bound.ok())
                                return answer(bound.error());
                            // Only what the settings page shows crosses over: no token pair.
                            const MeituanStore &store = bound.value();
                            answer(MeituanStatus::Store{store.poiId, store.opBizCode,
                                                        store.expiresAt, store.refreshError,
                                                        store.refreshFailedAt});
                        });
            },
            std::move(done));
}
