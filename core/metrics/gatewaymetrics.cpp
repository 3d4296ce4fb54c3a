#include "core/metrics/gatewaymetrics.h"

#include "core/http/httpexchange.h"
#include "core/metrics/metricsregistry.h"
#include "core/platform/platformid.h"

namespace {

MetricsRegistry &registry()
{
    return MetricsRegistry::global();
}

// Seconds: LAN answers take a millisecond or two; a verify waits for the platform.
std::vector<double> requestBuckets()
{
    return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

MetricFamily *platformCallDuration()
{
    static MetricFamily *family = registry().histogram(
            "dygw_platform_call_duration_seconds",
            QStringLiteral("Douyin and Meituan HTTP calls (each attempt), by endpoint path"),
            {"platform", "endpoint"}, requestBuckets());
    return family;
}

MetricFamily *platformCallErrors()
{
    static MetricFamily *family = registry().counter(
            "dygw_platform_call_errors_total",
            QStringLiteral("Platform HTTP calls that got no 200 answer: not_sent, lost (after "
                           "sending), too_large or http (another status)"),
            {"platform", "endpoint", "kind"});
    return family;
}

MetricFamily *databaseWriteDuration()
{
    static MetricFamily *family = registry().histogram(
            "dygw_database_write_duration_seconds",
            QStringLiteral("Database write transactions, commit included, by result"), {"result"},
            {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
             5});
    return family;
}

MetricFamily *backlog(const char *name, const char *help)
{
    return registry().gauge(name, QString::fromLatin1(help));
}

MetricFamily *tokenExpiry()
{
    static MetricFamily *family = registry().gauge(
            "dygw_token_expiry_seconds",
            QStringLiteral("Seconds until the platform access token expires (Douyin's client "
                           "token; each bound Meituan store's), negative once expired"),
            {"platform", "poi_id"});
    return family;
}

MetricFamily *buildInfo()
{
    static MetricFamily *family = registry().gauge(
            "dygw_build_info", QStringLiteral("Always 1: the build and this gateway"),
            {"version", "gateway", "database_kind"});
    return family;
}

const char *failureKind(const HttpOutcome &outcome)
{
    switch (outcome.failure) {
    case HttpOutcome::Failure::NotSent:
        return "not_sent";
    case HttpOutcome::Failure::LostAfterSend:
        return "lost";
    case HttpOutcome::Failure::TooLarge:
        return "too_large";
    case HttpOutcome::Failure::None:
        break;
    }
    return outcome.status == 200 ? nullptr : "http";
}

} // namespace

namespace GatewayMetrics {

MetricFamily *httpRequests()
{
    static MetricFamily *family = registry().counter(
            "dygw_http_requests_total",
            QStringLiteral("LAN API requests answered, by route pattern, method and status"),
            {"route", "method", "status"});
    return family;
}

MetricFamily *httpRequestDuration()
{
    static MetricFamily *family = registry().histogram(
            "dygw_http_request_duration_seconds",
            QStringLiteral("LAN API latency from the request head to the answer's status line"),
            {"route", "method", "status"}, requestBuckets());
    return family;
}

MetricFamily *verifications()
{
    static MetricFamily *family = registry().counter(
            "dygw_verifications_total",
            QStringLiteral("Verification records of this gateway reaching a verify status "
                           "(success, failed, unknown), by platform"),
            {"platform", "status"});
    return family;
}

MetricFamily *cancels()
{
    static MetricFamily *family = registry().counter(
            "dygw_cancels_total",
            QStringLiteral("Cancels (撤销核销) reaching a status (cancelled, failed, unknown), "
                           "by platform"),
            {"platform", "status"});
    return family;
}

MetricFamily *eventReaders()
{
    static MetricFamily *family = registry().gauge(
            "dygw_event_readers", QStringLiteral("Open GET /v1/open/events WebSockets"));
    return family;
}

MetricFamily *eventReadersDropped()
{
    static MetricFamily *family =
            registry().counter("dygw_event_readers_dropped_total",
                               QStringLiteral("Event readers closed for falling too far behind"));
    return family;
}

void registerAll()
{
    httpRequests();
    httpRequestDuration();
    verifications();
    cancels();
    backlog("dygw_enrichment_backlog", "Enrichment jobs waiting (order details to fetch)");
    backlog("dygw_resolution_backlog",
            "Verifications and cancels whose outcome is still being resolved");
    platformCallDuration();
    platformCallErrors();
    tokenExpiry();
    databaseWriteDuration();
    eventReaders()->series({});
    eventReadersDropped()->series({});
    buildInfo();
}

void observeDatabaseWrite(qint64 nanoseconds, bool ok)
{
    // Two series only: their pointers are kept, so a write pays no lookup at all.
    static MetricSeries *const okSeries = databaseWriteDuration()->series({QStringLiteral("ok")});
    static MetricSeries *const failedSeries =
            databaseWriteDuration()->series({QStringLiteral("error")});
    (ok ? okSeries : failedSeries)->observe(double(nanoseconds) / 1e9);
}

QElapsedTimer startTimer()
{
    QElapsedTimer timer;
    timer.start();
    return timer;
}

void observePlatformCall(const char *platform, const char *endpoint, const HttpOutcome &outcome,
                         const QElapsedTimer &sent)
{
    const qint64 nanoseconds = sent.nsecsElapsed();
    const QString platformName = QString::fromLatin1(platform);
    const QString endpointName = QString::fromLatin1(endpoint);
    platformCallDuration()
            ->series({platformName, endpointName})
            ->observe(double(nanoseconds) / 1e9);
    if (const char *kind = failureKind(outcome))
        platformCallErrors()
                ->series({platformName, endpointName, QString::fromLatin1(kind)})
                ->add(1);
}

void countVerification(const VerificationRecord &record)
{
    verifications()
            ->series({Platforms::toString(record.platform),
                      VerificationRecord::toString(record.verifyStatus)})
            ->add(1);
}

void countCancel(const VerificationRecord &record)
{
    if (!record.cancel.status)
        return;
    cancels()
            ->series({Platforms::toString(record.platform),
                      VerificationRecord::toString(*record.cancel.status)})
            ->add(1);
}

void setSnapshot(const Snapshot &snapshot)
{
    registerAll();
    backlog("dygw_enrichment_backlog", "")->series({})->set(double(snapshot.enrichmentBacklog));
    backlog("dygw_resolution_backlog", "")->series({})->set(double(snapshot.resolutionBacklog));
    tokenExpiry()->clear();
    for (const auto &[platform, poiId, seconds] : snapshot.tokenExpiries)
        tokenExpiry()->series({platform, poiId})->set(double(seconds));
    buildInfo()->clear();
    buildInfo()->series({snapshot.version, snapshot.gatewayName, snapshot.databaseKind})->set(1);
}

} // namespace GatewayMetrics
