#pragma once

#include <QDate>
#include <QObject>

#include "core/reconcile/reconciliationreport.h"

class GatewayProxy;
class QTimer;

// How many differences yesterday has, all stores and platforms together: the count on the
// 对账 tab that tells a manager to look. Asked of the gateway at start, whenever a run of
// yesterday ends or settlements change, and again at midnight, when "yesterday" moves on.
class ReconciliationBadge final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconciliationBadge)

public:
    explicit ReconciliationBadge(GatewayProxy *gateway, QObject *parent = nullptr);

    // Asks now, and arms the midnight timer.
    void start();
    void refresh();
    // Takes the count from a report of yesterday; reports of other days change nothing.
    void showReport(const ReconciliationReport &report);

    QDate day() const { return QDate::currentDate().addDays(-1); }
    // Yesterday's differences; 0 until known.
    int count() const { return m_count; }
    // When the midnight refresh is due, in ms from now.
    int msecsToMidnight() const;

signals:
    void countChanged(int count);

private:
    void armMidnight();

    GatewayProxy *m_gateway;
    QTimer *m_midnight;
    int m_count = 0;
    int m_generation = 0; // answers to an earlier question are dropped
};
