#include "ui/reconciliationbadge.h"

#include <QDateTime>
#include <QTimer>

#include "core/reconcile/reconciliationquery.h"
#include "core/runtime/gatewayproxy.h"

namespace {

// After midnight, not at it: a timer may fire a little early, and the day must have turned.
constexpr int AFTER_MIDNIGHT_MS = 5000;

} // namespace

ReconciliationBadge::ReconciliationBadge(GatewayProxy *gateway, QObject *parent)
    : QObject(parent),
      m_gateway(gateway),
      m_midnight(new QTimer(this))
{
    m_midnight->setSingleShot(true);
    m_midnight->setTimerType(Qt::VeryCoarseTimer);
    connect(m_midnight, &QTimer::timeout, this, [this] {
        refresh();
        armMidnight();
    });
    connect(m_gateway, &GatewayProxy::reconciliationChanged, this, [this](const QDate &date) {
        if (!date.isValid() || date == day()) // invalid: settlements changed
            refresh();
    });
}

void ReconciliationBadge::start()
{
    refresh();
    armMidnight();
}

void ReconciliationBadge::refresh()
{
    const int generation = ++m_generation;
    ReconciliationQuery query;
    query.date = day();
    m_gateway->reconciliation(query, this,
                              [this, generation](const Result<ReconciliationReport> &result) {
                                  // A failed question leaves the badge as it was: the page
                                  // shows the error when opened.
                                  if (generation == m_generation && result.ok())
                                      showReport(result.value());
                              });
}

void ReconciliationBadge::showReport(const ReconciliationReport &report)
{
    if (report.date != day() || !report.poiId.isEmpty() || report.platform)
        return;
    const int count = int(report.onlyPlatform.size() + report.onlyLocal.size()
                          + report.statusMismatch.size() + report.amountMismatch.size());
    if (count == m_count)
        return;
    m_count = count;
    emit countChanged(count);
}

int ReconciliationBadge::msecsToMidnight() const
{
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime midnight(now.date().addDays(1), QTime(0, 0));
    return int(qMin<qint64>(now.msecsTo(midnight), 24 * 3600 * 1000)) + AFTER_MIDNIGHT_MS;
}

void ReconciliationBadge::armMidnight()
{
    m_midnight->start(msecsToMidnight());
}
