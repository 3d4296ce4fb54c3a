#pragma once

#include <optional>

#include <QHash>
#include <QList>
#include <QWidget>

#include "core/result.h"
#include "core/store/verificationrecord.h"
#include "ui/widgets/daterangepicker.h"
#include "ui/widgets/verificationtableview.h"

class GatewayProxy;
class QLabel;
class QProgressDialog;
class QPushButton;
class QTimer;
class RecordExport;
class RecordDetailDialog;
class RecordFilterBar;
class VerificationTableModel;

// 流水: every verification, newest first, narrowed by dates, status, platform, store, app and
// a code search; a detail view of one record; CSV export of everything the filters match.
class RecordsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordsPage)

public:
    using DateRange = DateRangePicker::Range;

    explicit RecordsPage(GatewayProxy *gateway, QWidget *parent = nullptr);

    VerificationTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

    // The filter controls, for the keyboard shortcuts and for tests; each applies at once.
    void setDateRange(DateRange range);
    void setCustomDates(const QDate &from, const QDate &to);
    void setStatusFilter(std::optional<VerificationRecord::Status> status);
    void setPlatformFilter(std::optional<PlatformId> platform);
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
    void buildLayout();
    void connectControls();
    void connectExport();
    void retranslateUi();
    void loadChoices();
    void applyFilter();
    void reloadKeepingSelection();
    void recordsChanged(const QList<VerificationRecord> &records);
    void applyPendingChanges();
    void updateCountLabel();
    void showMessage(const QString &text, bool isError);
    void showLoadError(const Error &error);
    void chooseExportFile();
    void exportProgressed(qint64 written, qint64 total);
    void exportEnded();

    GatewayProxy *m_gateway;
    VerificationTableModel *m_model;
    bool m_started = false; // the first load waits for the page to be shown (see showEvent)
    bool m_stale = false; // records changed while hidden

    RecordFilterBar *m_filterBar;
    QPushButton *m_detailsButton;
    QPushButton *m_exportButton;
    QLabel *m_countLabel;
    QPushButton *m_newRecordsButton;
    QLabel *m_messageLabel;
    VerificationTableView *m_table = nullptr;

    QHash<QString, QString> m_poiNames;
    qint64 m_selectedId = -1; // re-selected after a reload
    QTimer *m_refreshTimer;
    QList<VerificationRecord> m_pendingChanges;

    RecordExport *m_export;
    QProgressDialog *m_progress = nullptr;
};
