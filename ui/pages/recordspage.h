#pragma once

#include <QHash>
#include <QList>
#include <QWidget>

#include "core/result.h"
#include "core/store/verificationrecord.h"

class EngineProxy;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QProgressDialog;
class QPushButton;
class QTableView;
class QTimer;
class RecordExport;
class RecordDetailDialog;
class VerificationTableModel;

// 流水: every verification, newest first, narrowed by dates, status, store, app and a code
// search; a detail view of one record; CSV export of everything the filters match.
class RecordsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordsPage)

public:
    enum class DateRange { Today, Yesterday, Last7Days, ThisMonth, AllDates, Custom };

    explicit RecordsPage(EngineProxy *engine, QWidget *parent = nullptr);

    VerificationTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

    // The filter controls, for the keyboard shortcuts and for tests; each applies at once.
    void setDateRange(DateRange range);
    void setCustomDates(const QDate &from, const QDate &to);
    void setStatusFilter(std::optional<VerificationRecord::Status> status);
    void setPoiFilter(const QString &poiId);
    void setAppFilter(std::optional<qint64> appId);
    void search(const QString &text);
    void clearFilters();

    // Opens the detail view of a row (non-modal); nullptr for a bad row.
    RecordDetailDialog *showDetails(int row);
    // Writes every record the filters match to `path`; progress shows in a dialog with Cancel.
    RecordExport *exportCsv(const QString &path);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void loadChoices();
    void fillDateRangeCombo();
    void fillStatusCombo();
    void fillPoiCombo();
    void fillAppCombo();
    void applyDateRange();
    void applyFilter();
    void reloadKeepingSelection();
    void recordsChanged(const QList<VerificationRecord> &records);
    void applyPendingChanges();
    void updateCountLabel();
    void showLoadError(const Error &error);
    void chooseExportFile();
    void exportProgressed(qint64 written, qint64 total);
    void exportEnded();

    EngineProxy *m_engine;
    VerificationTableModel *m_model;
    bool m_started = false; // the first load waits for the page to be shown (see showEvent)
    bool m_stale = false; // records changed while hidden

    QLabel *m_datesLabel;
    QComboBox *m_dateRange;
    QDateEdit *m_from;
    QLabel *m_toLabel;
    QDateEdit *m_to;
    QLabel *m_statusLabel;
    QComboBox *m_status;
    QLabel *m_poiLabel;
    QComboBox *m_poi;
    QLabel *m_appLabel;
    QComboBox *m_app;
    QLineEdit *m_search;
    QPushButton *m_searchButton;
    QPushButton *m_clearButton;
    QPushButton *m_detailsButton;
    QPushButton *m_exportButton;
    QLabel *m_countLabel;
    QPushButton *m_newRecordsButton;
    QLabel *m_messageLabel;
    QTableView *m_table;

    QHash<QString, QString> m_poiNames;
    QList<QPair<qint64, QString>> m_apps; // id, name; without this till
    qint64 m_selectedId = -1; // re-selected after a reload
    QTimer *m_refreshTimer;
    QList<VerificationRecord> m_pendingChanges;

    RecordExport *m_export;
    QProgressDialog *m_progress = nullptr;
};
