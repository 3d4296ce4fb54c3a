#include "ui/pages/recordspage.h"

#include <climits>
#include <utility>

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QTimer>
#include <QVBoxLayout>

#include "core/report/recordexport.h"
#include "core/runtime/gatewayproxy.h"
#include "ui/errortext.h"
#include "ui/models/verificationtablemodel.h"
#include "ui/recordtext.h"
#include "ui/style.h"
#include "ui/widgets/csvsavedialog.h"
#include "ui/widgets/recorddetaildialog.h"
#include "ui/widgets/recordfilterbar.h"

namespace {

// The gateway throttles recordsChanged; this also keeps a burst of verifications at another
// till from reloading the list more than twice a second.
constexpr int REFRESH_DELAY_MS = 500;

} // namespace

RecordsPage::RecordsPage(GatewayProxy *gateway, QWidget *parent)
    : QWidget(parent),
      m_gateway(gateway),
      m_model(new VerificationTableModel(gateway, this)),
      m_filterBar(new RecordFilterBar(this)),
      m_detailsButton(new QPushButton(this)),
      m_exportButton(new QPushButton(this)),
      m_countLabel(new QLabel(this)),
      m_newRecordsButton(new QPushButton(this)),
      m_messageLabel(new QLabel(this)),
      m_refreshTimer(new QTimer(this)),
      m_export(new RecordExport(gateway, this))
{
    // Read at arm's length by busy staff: everything a size up from the desktop default.
    QFont large = font();
    large.setPointSizeF(large.pointSizeF() * 1.2);
    setFont(large);
    // Made after the font: a table that already has its model keeps its header's own font.
    m_table = new VerificationTableView(m_model, this);

    m_newRecordsButton->hide();
    m_detailsButton->setEnabled(false);
    m_messageLabel->setWordWrap(true);
    m_messageLabel->hide();
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->sizeForFont(fontMetrics());
    buildLayout();
    connectControls();
    connectExport();

    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(REFRESH_DELAY_MS);
    connect(m_refreshTimer, &QTimer::timeout, this, &RecordsPage::applyPendingChanges);
    connect(m_gateway, &GatewayProxy::recordsChanged, this, &RecordsPage::recordsChanged);
    retranslateUi();
}

void RecordsPage::buildLayout()
{
    m_filterBar->addButton(m_detailsButton);
    m_filterBar->addButton(m_exportButton);

    auto *status = new QHBoxLayout;
    status->addWidget(m_countLabel);
    status->addWidget(m_newRecordsButton);
    status->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filterBar);
    layout->addLayout(status);
    layout->addWidget(m_messageLabel);
    layout->addWidget(m_table, 1);
}

void RecordsPage::connectControls()
{
    connect(m_filterBar, &RecordFilterBar::filterChanged, this, &RecordsPage::applyFilter);
    connect(m_filterBar, &RecordFilterBar::searchEmptied, this, [this] {
        // Emptying the box (its clear button) shows everything again without another key.
        if (!m_model->filter().q.isEmpty())
            applyFilter();
    });
    connect(m_detailsButton, &QPushButton::clicked, this, [this] {
        if (m_table->currentIndex().isValid())
            showDetails(m_table->currentIndex().row());
    });
    connect(m_exportButton, &QPushButton::clicked, this, &RecordsPage::chooseExportFile);
    connect(m_newRecordsButton, &QPushButton::clicked, this, [this] {
        m_table->scrollToTop();
        reloadKeepingSelection();
    });
    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex &index) { showDetails(index.row()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_detailsButton->setEnabled(current.isValid());
                if (current.isValid())
                    m_selectedId = current.data(VerificationTableModel::IdRole).toLongLong();
            });
    connect(m_model, &VerificationTableModel::pageLoaded, this, [this] {
        m_messageLabel->hide();
        updateCountLabel();
        const int row = m_model->rowOf(m_selectedId);
        if (row >= 0 && !m_table->currentIndex().isValid())
            m_table->setCurrentIndex(m_model->index(row, 0));
    });
    connect(m_model, &VerificationTableModel::modelReset, this, &RecordsPage::updateCountLabel);
    connect(m_model, &VerificationTableModel::loadFailed, this, &RecordsPage::showLoadError);

    auto *findShortcut = new QShortcut(QKeySequence::Find, this);
    connect(findShortcut, &QShortcut::activated, m_filterBar, &RecordFilterBar::focusSearch);
    auto *refreshShortcut = new QShortcut(QKeySequence::Refresh, this);
    connect(refreshShortcut, &QShortcut::activated, this, &RecordsPage::reloadKeepingSelection);
    auto *exportShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_E), this);
    connect(exportShortcut, &QShortcut::activated, this, &RecordsPage::chooseExportFile);
}

void RecordsPage::connectExport()
{
    connect(m_export, &RecordExport::progressed, this, &RecordsPage::exportProgressed);
    connect(m_export, &RecordExport::exported, this, [this](const QString &path, qint64 records) {
        exportEnded();
        showMessage(tr("Saved to %1. Records: %2.")
                            .arg(QDir::toNativeSeparators(path), QLocale().toString(records)),
                    false);
    });
    connect(m_export, &RecordExport::exportFailed, this, [this](const Error &error) {
        exportEnded();
        //: %1 is the kind of error, %2 the technical detail
        showMessage(
                tr("The export failed: %1 (%2)").arg(ErrorText::title(error.code), error.message),
                true);
    });
    connect(m_export, &RecordExport::cancelled, this, [this] {
        exportEnded();
        showMessage(tr("Export cancelled; no file was written."), false);
    });
}

void RecordsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_started) {
        m_started = true;
        // Not from the constructor, and one turn of the event loop later: the app builds its
        // window before it asks the gateway to start, and the gateway answers calls in order.
        QTimer::singleShot(0, this, [this] {
            loadChoices();
            applyFilter();
        });
    } else if (m_stale) {
        m_stale = false;
        reloadKeepingSelection();
    }
}

void RecordsPage::loadChoices()
{
    m_gateway->pois(this, [this](const Result<Douyin::PoiQueryResult, Douyin::Error> &result) {
        if (!result.ok())
            return; // not configured or offline: the list shows poi ids, the filter "all"
        m_poiNames.clear();
        for (const Douyin::Poi &poi : result.value().pois)
            m_poiNames.insert(poi.poiId, poi.poiName);
        m_model->setPoiNames(m_poiNames);
        m_filterBar->setPoiNames(m_poiNames);
    });
    m_gateway->listApps(this, [this](const Result<QList<VerifierApp>> &result) {
        if (!result.ok())
            return;
        QList<QPair<qint64, QString>> apps; // without this till
        for (const VerifierApp &app : result.value())
            apps.append({app.id, app.name});
        m_filterBar->setApps(apps);
    });
    m_gateway->gatewayNames(this, [this](const Result<QStringList> &names) {
        if (names.ok())
            m_filterBar->setGatewayNames(names.value());
    });
}

void RecordsPage::setDateRange(DateRange range)
{
    m_filterBar->setDateRange(range);
}

void RecordsPage::setCustomDates(const QDate &from, const QDate &to)
{
    m_filterBar->setCustomDates(from, to);
}

void RecordsPage::setStatusFilter(std::optional<VerificationRecord::Status> status)
{
    m_filterBar->setStatus(status);
}

void RecordsPage::setPlatformFilter(std::optional<PlatformId> platform)
{
    m_filterBar->setPlatform(platform);
}

void RecordsPage::setPoiFilter(const QString &poiId)
{
    m_filterBar->setPoi(poiId);
}

void RecordsPage::setAppFilter(std::optional<qint64> appId)
{
    m_filterBar->setApp(appId);
}

void RecordsPage::search(const QString &text)
{
    m_filterBar->setSearchText(text);
}

void RecordsPage::clearFilters()
{
    m_filterBar->clear();
}

void RecordsPage::applyFilter()
{
    const VerificationFilter filter = m_filterBar->filter();
    if (!m_started)
        return; // the filter is read again when the page is first shown
    m_newRecordsButton->hide();
    m_selectedId = -1;
    m_model->setFilter(filter);
}

void RecordsPage::reloadKeepingSelection()
{
    if (!m_started)
        return;
    m_newRecordsButton->hide();
    const qint64 selected = m_selectedId;
    m_model->reload();
    m_selectedId = selected; // re-selected when its page is in
}

void RecordsPage::recordsChanged(const QList<VerificationRecord> &records)
{
    m_pendingChanges += records;
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void RecordsPage::applyPendingChanges()
{
    const QList<VerificationRecord> changes = std::exchange(m_pendingChanges, {});
    if (!m_started || !m_model->applyChanges(changes))
        return;
    // New records go on top. Reloading under someone who scrolled down would throw away
    // their place, so then they get a button instead.
    if (!isVisible())
        m_stale = true;
    else if (m_table->verticalScrollBar()->value() == 0)
        reloadKeepingSelection();
    else
        m_newRecordsButton->show();
}

void RecordsPage::updateCountLabel()
{
    const qint64 total = m_model->total();
    const int shown = m_model->rowCount();
    // "Records: N" rather than "%n record(s)": English ships no .qm to choose plural forms.
    const QLocale locale;
    if (m_model->isLoading() && shown == 0) {
        m_countLabel->setText(tr("Loading…"));
    } else if (total == 0) {
        m_countLabel->setText(tr("No records match."));
    } else if (shown < total) {
        //: %2 rows loaded so far; more load when the list is scrolled down
        m_countLabel->setText(tr("Records: %1 · showing the newest %2, scroll down for more")
                                      .arg(locale.toString(total), locale.toString(shown)));
    } else {
        m_countLabel->setText(tr("Records: %1").arg(locale.toString(total)));
    }
}

void RecordsPage::showMessage(const QString &text, bool isError)
{
    m_messageLabel->setStyleSheet(isError ? Style::label(Style::Colour::Failure) : QString());
    m_messageLabel->setText(text);
    m_messageLabel->show();
}

void RecordsPage::showLoadError(const Error &error)
{
    //: %1 is the kind of error, %2 the technical detail
    showMessage(tr("The records could not be loaded: %1 (%2)")
                        .arg(ErrorText::title(error.code), error.message),
                true);
    updateCountLabel();
}

RecordDetailDialog *RecordsPage::showDetails(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return nullptr;
    auto *dialog = new RecordDetailDialog(m_gateway, m_model->record(row), m_poiNames, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void RecordsPage::chooseExportFile()
{
    if (m_export->isRunning())
        return;
    const VerificationFilter filter = m_model->filter();
    const QString range = filter.from && filter.to
            ? filter.from->toString(Qt::ISODate) + u'_' + filter.to->toString(Qt::ISODate)
            : QStringLiteral("all");
    auto *dialog = new CsvSaveDialog(this, tr("Export records"),
                                     QStringLiteral("dy-gateway-records-") + range);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &path) { exportCsv(path); });
    dialog->open(); // window-modal without a nested event loop
}

RecordExport *RecordsPage::exportCsv(const QString &path)
{
    m_messageLabel->hide();
    m_exportButton->setEnabled(false);
    delete m_progress;
    // Not modal: a modal QProgressDialog runs processEvents() inside setValue().
    m_progress = new QProgressDialog(this);
    m_progress->setWindowTitle(tr("Export records"));
    m_progress->setLabelText(tr("Exporting records to %1…").arg(QFileInfo(path).fileName()));
    m_progress->setCancelButtonText(tr("Cancel"));
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setMinimumDuration(300);
    m_progress->setRange(0, 0); // busy until the total is known
    connect(m_progress, &QProgressDialog::canceled, m_export, &RecordExport::cancel);
    m_progress->setValue(0);
    m_export->start(m_model->filter(), path, m_poiNames);
    return m_export;
}

void RecordsPage::exportProgressed(qint64 written, qint64 total)
{
    if (!m_progress)
        return;
    m_progress->setMaximum(int(qMin<qint64>(total, INT_MAX)));
    m_progress->setValue(int(qMin<qint64>(written, INT_MAX)));
    //: Progress of a CSV export: records written so far, of all that match
    m_progress->setLabelText(tr("Exporting records… %1 of %2")
                                     .arg(QLocale().toString(written), QLocale().toString(total)));
}

void RecordsPage::exportEnded()
{
    m_exportButton->setEnabled(true);
    if (m_progress) {
        m_progress->disconnect(m_export);
        m_progress->deleteLater();
        m_progress = nullptr;
    }
}

void RecordsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RecordsPage::retranslateUi()
{
    m_detailsButton->setText(tr("Details…"));
    m_detailsButton->setToolTip(tr("Every field of the selected record (Enter)"));
    m_exportButton->setText(tr("Export CSV…"));
    m_exportButton->setToolTip(tr("Save every record the filters match as a CSV file (Ctrl+E)"));
    m_newRecordsButton->setText(tr("New records — show them"));
    m_model->retranslate();
    updateCountLabel();
}
