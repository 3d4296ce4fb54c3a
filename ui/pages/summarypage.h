#pragma once

#include <QDate>
#include <QHash>
#include <QWidget>

#include "core/result.h"
#include "core/store/verificationqueries.h"
#include "ui/widgets/daterangepicker.h"

class AsyncSaveFile;
class GatewayProxy;
class GatewayChooser;
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QTimer;
class SummaryChart;
class SummaryTableModel;
class SummaryTotals;

// 报表: totals for a period (today, yesterday, this week, this month or custom dates), grouped
// by day, store, app, product or platform, with bars of the daily counts and amounts (split by
// platform if asked), and CSV export.
class SummaryPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryPage)

public:
    using Period = DateRangePicker::Range;

    // A chart never shows fewer days than this, so "today" still has days to compare with.
    static constexpr int MIN_CHART_DAYS = 7;

    explicit SummaryPage(GatewayProxy *gateway, QWidget *parent = nullptr);

    void setPeriod(Period period);
    void setCustomPeriod(const QDate &from, const QDate &to);
    void setGroupKey(SummaryQuery::GroupKey key);
    // Chain mode: the gateway filter and the "by gateway" group appear with the names.
    void setGatewayNames(const QStringList &names);
    // The chart's bars in their platforms' parts.
    void setChartSplitByPlatform(bool split);
    // The query behind the totals and the table; the chart's starts earlier for short periods.
    SummaryQuery query() const;
    SummaryQuery chartQuery() const;
    // Asks the gateway again for what is shown.
    void refresh();

    SummaryTableModel *model() const { return m_model; }
    SummaryChart *chart() const { return m_chart; }
    QTableView *table() const { return m_table; }
    // The value a totals card shows: "success", "failed", "checking", "pay", "receipt",
    // "discount".
    QString totalText(const QString &card) const;

    // Writes the table as shown (with its totals) to `path`; exported() or exportFailed().
    void exportCsv(const QString &path);

signals:
    // Both the table and the chart show the gateway's answers to the current queries.
    void refreshed();
    void exported(const QString &path);
    void exportFailed(const Error &error);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void buildLayout();
    void retranslateUi();
    void showSummary(const VerificationSummary &summary);
    void showChart(const VerificationSummary &daily, const SummaryQuery &query);
    void showError(const Error &error);
    void chooseExportFile();

    GatewayProxy *m_gateway;
    bool m_started = false; // nothing is asked of the gateway until the page is first shown
    bool m_stale = false;
    int m_generation = 0; // answers to queries older than the last refresh are dropped
    int m_waiting = 0; // answers of the current refresh still to come

    QLabel *m_periodLabel;
    DateRangePicker *m_period;
    QLabel *m_groupLabel;
    QComboBox *m_group;
    QCheckBox *m_split;
    GatewayChooser *m_gatewayChooser;
    QPushButton *m_refreshButton;
    QPushButton *m_exportButton;
    SummaryTotals *m_totals = nullptr;
    QLabel *m_messageLabel;
    SummaryChart *m_chart;
    SummaryTableModel *m_model;
    QTableView *m_table;
    QTimer *m_refreshTimer;
    AsyncSaveFile *m_file = nullptr;

    QHash<QString, QString> m_poiNames;
};
