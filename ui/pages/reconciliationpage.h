#pragma once

#include <optional>

#include <QDate>
#include <QHash>
#include <QWidget>

#include "core/platform/platformid.h"
#include "core/reconcile/reconciliationquery.h"
#include "core/reconcile/reconciliationreport.h"
#include "core/result.h"

class AsyncSaveFile;
class GatewayProxy;
class QLabel;
class QPushButton;
class QTableView;
class ReconciliationFilterBar;
class ReconciliationTableModel;
class ReconciliationTotals;

// 对账: one day of one store (or all) on one platform (or both), this till's records against the
// platforms' history. The state of the day, both sides' totals, the differences in words, the
// records still being confirmed apart from them, a button that fetches the day now, and CSV
// export. Everything it shows is asked of the gateway; nothing here waits for it.
class ReconciliationPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconciliationPage)

public:
    explicit ReconciliationPage(GatewayProxy *gateway, QWidget *parent = nullptr);

    void setDate(const QDate &date);
    void setPoiId(const QString &poiId);
    void setPlatform(std::optional<PlatformId> platform);
    ReconciliationQuery query() const;
    // Asks the gateway again for the shown day.
    void refresh();
    // Fetches the shown day from the platforms now (立即对账); the page refreshes when it ends.
    void runNow();
    // Shows a report as the gateway's answer would be shown.
    void showReport(const ReconciliationReport &report);
    // Writes the shown report to `path`; exported() or exportFailed().
    void exportCsv(const QString &path);

    const ReconciliationReport &report() const { return m_report; }
    ReconciliationTotals *totals() const { return m_totals; }
    ReconciliationTableModel *differences() const { return m_differencesModel; }
    ReconciliationTableModel *unresolved() const { return m_unresolvedModel; }
    QString stateText() const;
    QString messageText() const;
    QPushButton *runButton() const { return m_runButton; }
    QTableView *differencesView() const { return m_differences; }
    QTableView *unresolvedView() const { return m_unresolved; }
    ReconciliationFilterBar *filters() const { return m_filters; }

signals:
    // The gateway's answer to the current query is shown.
    void refreshed();
    void runFailed(const Error &error);
    void exported(const QString &path);
    void exportFailed(const Error &error);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildLists();
    void loadStores();
    void showError(const QString &text);
    void showNotice(const QString &text);
    void updateRunButton();
    void updateTitles();
    void chooseExportFile();
    void openRecord(const QModelIndex &index);
    void retranslateUi();

    GatewayProxy *m_gateway;
    bool m_started = false; // nothing is asked of the gateway until the page is first shown
    bool m_stale = false; // the gateway said the shown day changed while the page was hidden
    bool m_requesting = false; // a run was asked for and has not been answered yet
    int m_generation = 0; // answers to queries older than the last refresh are dropped
    ReconciliationReport m_report;
    QHash<QString, QString> m_poiNames;

    ReconciliationFilterBar *m_filters;
    QPushButton *m_runButton;
    QPushButton *m_exportButton;
    QLabel *m_state;
    ReconciliationTotals *m_totals;
    QLabel *m_differencesTitle;
    QTableView *m_differences;
    ReconciliationTableModel *m_differencesModel;
    QWidget *m_unresolvedPane = nullptr;
    QLabel *m_unresolvedTitle;
    QTableView *m_unresolved;
    ReconciliationTableModel *m_unresolvedModel;
    QLabel *m_message;
    AsyncSaveFile *m_file = nullptr;
};
