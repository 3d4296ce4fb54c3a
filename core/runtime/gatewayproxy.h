#pragma once

#include <functional>

#include <QObject>
#include <QPointer>

#include "core/douyin/connectionprobe.h"
#include "core/douyin/douyinclient.h"
#include "core/douyin/douyinerror.h"
#include "core/douyin/douyintypes.h"
#include "core/meituan/meituanerror.h"
#include "core/meituan/meituanstatus.h"
#include "core/reconcile/reconciliationquery.h"
#include "core/reconcile/reconciliationreport.h"
#include "core/result.h"
#include "core/runtime/democoupon.h"
#include "core/runtime/gatewaystatus.h"
#include "core/runtime/settingssnapshot.h"
#include "core/runtime/settingsupdate.h"
#include "core/store/apprepository.h"
#include "core/store/verificationqueries.h"
#include "core/verify/cancelcommand.h"
#include "core/verify/canceloutcome.h"
#include "core/verify/verifycommand.h"
#include "core/verify/verifyoutcome.h"

class GatewayRuntime;

// The desktop app's handle on the gateway, which runs on a thread of its own. Every call is
// posted to the gateway thread and its answer posted back; callbacks run on the thread that
// made the call and are skipped when `context` is gone. Nothing here blocks the caller.
class GatewayProxy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GatewayProxy)

public:
    template <typename T>
    using Callback = std::function<void(const T &)>;

    // The longest name createApp() accepts, so a form can stop typing there instead of
    // failing on save.
    static constexpr int MAX_APP_NAME_LENGTH = AppRepository::MAX_NAME_LENGTH;

    // runtime lives on the gateway thread and outlives this proxy's calls.
    explicit GatewayProxy(GatewayRuntime *runtime, QObject *parent = nullptr);

    void prepare(const PrepareCommand &command, QObject *context, Callback<PrepareOutcome> done);
    void verify(const VerifyCommand &command, QObject *context, Callback<VerifyOutcome> done);
    // 撤销核销 of one verification (any record: the till is the manager's).
    void cancel(const CancelCommand &command, QObject *context, Callback<CancelOutcome> done);
    // The platforms that can verify at this store (the till's platform toggle).
    void platformsServing(const QString &poiId, QObject *context, Callback<QList<PlatformId>> done);
    void record(qint64 id, QObject *context, Callback<Result<VerificationRecord>> done);
    void listRecords(const VerificationFilter &filter, int page, int pageSize, QObject *context,
                     Callback<Result<VerificationPage>> done);
    void summary(const SummaryQuery &query, QObject *context,
                 Callback<Result<VerificationSummary>> done);
    // Chain mode: the gateways whose records the database holds (empty for a lone gateway).
    void gatewayNames(QObject *context, Callback<Result<QStringList>> done);
    // API.md, Reconciliation: a day's report; a fetch of every store and platform of a day
    // (ErrorCode::Conflict while one runs). reconciliationChanged says when it ended.
    void reconciliation(const ReconciliationQuery &query, QObject *context,
                        Callback<Result<ReconciliationReport>> done);
    void runReconciliation(const QDate &date, QObject *context, Callback<Result<Done>> done);
    void listApps(QObject *context, Callback<Result<QList<VerifierApp>>> done);
    void createApp(const QString &name, bool allowTokenRead, QObject *context,
                   Callback<Result<AppRepository::Created>> done);
    void setAppStatus(qint64 id, VerifierApp::Status status, QObject *context,
                      Callback<Result<VerifierApp>> done);
    void setTokenAccess(qint64 id, bool allow, QObject *context,
                        Callback<Result<VerifierApp>> done);
    void pois(QObject *context, Callback<Result<Douyin::PoiQueryResult, Douyin::Error>> done);
    void status(QObject *context, Callback<GatewayStatus> done);
    // Demo mode only: the usable sandbox orders, newest first (DemoCouponShelf::coupons).
    void demoCoupons(const QString &poiId, int minimum, QObject *context,
                     Callback<QList<DemoCoupon>> done);
    // Demo mode only: one more Douyin order for poiId (empty: the first store).
    void mintDemoCoupon(const QString &poiId, QObject *context, Callback<Result<DemoCoupon>> done);
    void regenerateAdminToken(QObject *context, Callback<Result<QString>> done);
    // The admin token generated at this start, handed out once (then nullopt).
    void takeNewAdminToken(QObject *context, Callback<std::optional<QString>> done);

    // The settings page: what is saved and in use, saving changes (answering with the new
    // snapshot), and trying Douyin credentials (an empty secret means the saved one).
    void settings(QObject *context, Callback<SettingsSnapshot> done);
    void saveSettings(const SettingsUpdate &update, QObject *context,
                      Callback<Result<SettingsSnapshot>> done);
    void testConnection(const DouyinClient::Config &config, QObject *context,
                        Callback<ConnectionProbe::Outcome> done);

    // Meituan per store (MEITUAN.md §1): which POIs are bound and how their tokens are, the
    // signed page where a store's manager authorizes this developer (`state` = the POI), and
    // binding the POI with the authorization code Meituan gave back. The window gets no token.
    void meituanStatus(QObject *context, Callback<MeituanStatus> done);
    void meituanAuthorizationUrl(const QString &poiId, QObject *context, Callback<QUrl> done);
    void bindMeituan(const QString &poiId, const QString &authCode, QObject *context,
                     Callback<Result<MeituanStatus::Store, Meituan::Error>> done);

signals:
    // Records the gateway wrote (new, answered, resolved, enriched).
    void recordsChanged(const QList<VerificationRecord> &records);
    // A reconciliation run of that day finished, or settlements changed (invalid date).
    void reconciliationChanged(const QDate &date);

private:
    // Runs `work` on the gateway thread once the gateway has started; the answer it gives
    // (possibly later) reaches `done` back on this thread.
    template <typename T>
    void runAsync(QObject *context, std::function<void(GatewayRuntime *, Callback<T>)> work,
                  Callback<T> done);
    // The same for work that answers at once.
    template <typename T>
    void run(QObject *context, std::function<T(GatewayRuntime *)> work, Callback<T> done);

    GatewayRuntime *m_runtime;
};
