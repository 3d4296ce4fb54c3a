#pragma once

#include <tuple>

#include <QByteArray>
#include <QElapsedTimer>
#include <QString>

#include "core/store/verificationrecord.h"

class MetricFamily;
struct HttpOutcome;

// The gateway's metric families in MetricsRegistry::global() (README, Monitoring) and the one
// call each instrumented place makes. Every family exists from the first scrape on, so a
// dashboard sees zeros rather than missing series.
namespace GatewayMetrics {

MetricFamily *httpRequests(); // {route, method, status}
MetricFamily *httpRequestDuration(); // {route, method, status}
MetricFamily *verifications(); // {platform, status}
MetricFamily *cancels(); // {platform, status}
MetricFamily *eventReaders();
MetricFamily *eventReadersDropped();

// Creates every family (an empty exposition still names them all).
void registerAll();

void observeDatabaseWrite(qint64 nanoseconds, bool ok);
// A started timer, for observePlatformCall.
QElapsedTimer startTimer();
// One attempt of a platform HTTP call, timed from `sent`; endpoint is the call's path.
void observePlatformCall(const char *platform, const char *endpoint, const HttpOutcome &outcome,
                         const QElapsedTimer &sent);
// A record reached a verify status (other than pending) or a cancel status it did not have.
void countVerification(const VerificationRecord &record);
void countCancel(const VerificationRecord &record);

// Scrape-time values, set just before rendering.
struct Snapshot
{
    qint64 enrichmentBacklog = 0;
    qint64 resolutionBacklog = 0;
    QString version;
    QString gatewayName;
    QString databaseKind;
    // (platform, poi_id or "", seconds to expiry; negative = expired)
    QList<std::tuple<QString, QString, qint64>> tokenExpiries;
};
void setSnapshot(const Snapshot &snapshot);

} // namespace GatewayMetrics
