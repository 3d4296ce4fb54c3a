#include "ui/pages/recordspage.h"

#include <algorithm>
#include <climits>
#include <utility>

#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "core/report/recordexport.h"
#include "core/runtime/engineproxy.h"
#include "ui/errortext.h"
#include "ui/models/verificationtablemodel.h"
#include "ui/recordtext.h"
#include "ui/widgets/recorddetaildialog.h"

namespace {

// The engine throttles recordsChanged; this also keeps a burst of verifications at another
// till from reloading the list more than twice a second.
constexpr int REFRESH_DELAY_MS = 500;
constexpr int ALL = -1; // combo data for "any"

using Status = VerificationRecord::Status;
using DateRange = RecordsPage::DateRange;

// clang-format off
const struct { DateRange range; const char *title; } DATE_RANGES[] = {
    {DateRange::Today, QT_TRANSLATE_NOOP("RecordsPage", "Today")},
    {DateRange::Yesterday, QT_TRANSLATE_NOOP("RecordsPage", "Yesterday")},
    {DateRange::Last7Days, QT_TRANSLATE_NOOP("RecordsPage", "Last 7 days")},
    {DateRange::ThisMonth, QT_TRANSLATE_NOOP("RecordsPage", "This month")},
    {DateRange::AllDates, QT_TRANSLATE_NOOP("RecordsPage", "All dates")},
    //: Date range chosen with the two date fields
    {DateRange::Custom, QT_TRANSLATE_NOOP("RecordsPage", "Custom")},
};
// clang-format on

const Status STATUSES[] = {Status::Success, Status::Failed, Status::Unknown, Status::Pending};

} // namespace

RecordsPage::RecordsPage(EngineProxy *engine, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_model(new VerificationTableModel(engine, this)),
      m_datesLabel(new QLabel(this)),
      m_dateRange(new QComboBox(this)),
      m_from(new QDateEdit(this)),
      m_toLabel(new QLabel(this)),
      m_to(new QDateEdit(this)),
      m_statusLabel(new QLabel(this)),
      m_status(new QComboBox(this)),
      m_poiLabel(new QLabel(this)),
      m_poi(new QComboBox(this)),
      m_appLabel(new QLabel(this)),
      m_app(new QComboBox(this)),
      m_search(new QLineEdit(this)),
      m_searchButton(new QPushButton(this)),
      m_clearButton(new QPushButton(this)),
      m_detailsButton(new QPushButton(this)),
      m_exportButton(new QPushButton(this)),
      m_countLabel(new QLabel(this)),
      m_newRecordsButton(new QPushButton(this)),
      m_messageLabel(new QLabel(this)),
      m_table(new QTableView(this)),
      m_refreshTimer(new QTimer(this)),
      m_export(new RecordExport(engine, this))
{
    // Read at arm's length by busy staff: everything a size up from the desktop default.
    QFont large = font();
    large.setPointSizeF(large.pointSizeF() * 1.2);
    setFont(large);

    for (const auto &range : DATE_RANGES)
        m_dateRange->addItem(QString(), int(range.range));
    m_dateRange->setCurrentIndex(int(DateRange::Last7Days));
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setDate(QDate::currentDate());
    }
    m_status->addItem(QString(), ALL);
    for (const Status status : STATUSES)
        m_status->addItem(QString(), int(status));
    m_poi->addItem(QString(), QString());
    m_poi->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_app->addItem(QString(), QVariant());
    m_app->addItem(QString(), qint64(0));
    m_app->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(360);
    m_newRecordsButton->hide();
    m_detailsButton->setEnabled(false);
    m_messageLabel->setWordWrap(true);
    m_messageLabel->hide();
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(false); // the engine's order, newest first, is the only one
    m_table->verticalHeader()->hide();
    // Fixed row heights let the view skip measuring rows: it stays quick however many load.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() * 2);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    const auto width = [this](const QString &sample) {
        return fontMetrics().horizontalAdvance(sample) + 28;
    };
    using Model = VerificationTableModel;
    m_table->setColumnWidth(Model::TimeColumn, width(QStringLiteral("2026-12-31 23:59:59")));
    m_table->setColumnWidth(Model::StatusColumn, width(QStringLiteral("Checking")));
    m_table->setColumnWidth(Model::ProductColumn, width(QStringLiteral("Weekend set meal")));
    m_table->setColumnWidth(Model::CodeColumn, width(QStringLiteral("0000000000000000")));
    m_table->setColumnWidth(Model::PayAmountColumn, width(QStringLiteral("¥12,345.00")));
    m_table->setColumnWidth(Model::ReceiptAmountColumn, width(QStringLiteral("¥12,345.00")));
    m_table->setColumnWidth(Model::StoreColumn, width(QStringLiteral("Douyin demo store (Xu)")));
    m_table->setColumnWidth(Model::AppColumn, width(QStringLiteral("This till xx")));
    m_table->setColumnWidth(Model::OrderStatusColumn, width(QStringLiteral("Paid, not used")));
    m_table->setColumnWidth(Model::OperatorColumn, width(QStringLiteral("Operator")));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_datesLabel);
    filters->addWidget(m_dateRange);
    filters->addWidget(m_from);
    filters->addWidget(m_toLabel);
    filters->addWidget(m_to);
    filters->addSpacing(16);
    filters->addWidget(m_statusLabel);
    filters->addWidget(m_status);
    filters->addSpacing(16);
    filters->addWidget(m_poiLabel);
    filters->addWidget(m_poi);
    filters->addSpacing(16);
    filters->addWidget(m_appLabel);
    filters->addWidget(m_app);
    filters->addStretch(1);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_search, 2);
    actions->addWidget(m_searchButton);
    actions->addWidget(m_clearButton);
    actions->addStretch(1);
    actions->addWidget(m_detailsButton);
    actions->addWidget(m_exportButton);

    auto *status = new QHBoxLayout;
    status->addWidget(m_countLabel);
    status->addWidget(m_newRecordsButton);
    status->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(actions);
    layout->addLayout(status);
    layout->addWidget(m_messageLabel);
    layout->addWidget(m_table, 1);

    connect(m_dateRange, &QComboBox::activated, this, [this] { applyDateRange(); });
    for (QDateEdit *edit : {m_from, m_to}) {
        connect(edit, &QDateEdit::dateChanged, this, [this, edit](const QDate &date) {
            // Editing a date makes the range a custom one; the other end follows if crossed.
            QDateEdit *other = edit == m_from ? m_to : m_from;
            if ((edit == m_from && date > other->date())
                || (edit == m_to && date < other->date())) {
                const QSignalBlocker blocker(other);
                other->setDate(date);
            }
            const QSignalBlocker blocker(m_dateRange);
            m_dateRange->setCurrentIndex(int(DateRange::Custom));
            applyFilter();
        });
    }
    connect(m_status, &QComboBox::activated, this, [this] { applyFilter(); });
    connect(m_poi, &QComboBox::activated, this, [this] { applyFilter(); });
    connect(m_app, &QComboBox::activated, this, [this] { applyFilter(); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] { applyFilter(); });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        // Emptying the box (its clear button) shows everything again without another key.
        if (text.isEmpty() && !m_model->filter().q.isEmpty())
            applyFilter();
    });
    connect(m_searchButton, &QPushButton::clicked, this, [this] { applyFilter(); });
    connect(m_clearButton, &QPushButton::clicked, this, &RecordsPage::clearFilters);
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
    connect(findShortcut, &QShortcut::activated, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    auto *refreshShortcut = new QShortcut(QKeySequence::Refresh, this);
    connect(refreshShortcut, &QShortcut::activated, this, &RecordsPage::reloadKeepingSelection);
    auto *exportShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_E), this);
    connect(exportShortcut, &QShortcut::activated, this, &RecordsPage::chooseExportFile);

    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(REFRESH_DELAY_MS);
    connect(m_refreshTimer, &QTimer::timeout, this, &RecordsPage::applyPendingChanges);
    connect(m_engine, &EngineProxy::recordsChanged, this, &RecordsPage::recordsChanged);

    connect(m_export, &RecordExport::progressed, this, &RecordsPage::exportProgressed);
    connect(m_export, &RecordExport::exported, this, [this](const QString &path, qint64 records) {
        exportEnded();
        m_messageLabel->setStyleSheet(QString());
        m_messageLabel->setText(
                tr("Saved to %1. Records: %2.")
                        .arg(QDir::toNativeSeparators(path), QLocale().toString(records)));
        m_messageLabel->show();
    });
    connect(m_export, &RecordExport::exportFailed, this, [this](const Error &error) {
        exportEnded();
        m_messageLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
        //: %1 is the kind of error, %2 the technical detail
        m_messageLabel->setText(
                tr("The export failed: %1 (%2)").arg(ErrorText::title(error.code), error.message));
        m_messageLabel->show();
    });
    connect(m_export, &RecordExport::cancelled, this, [this] {
        exportEnded();
        m_messageLabel->setStyleSheet(QString());
        m_messageLabel->setText(tr("Export cancelled; no file was written."));
        m_messageLabel->show();
    });

    applyDateRange(); // fills the date fields; loads nothing until the page is shown
    retranslateUi();
}

void RecordsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_started) {
        m_started = true;
        // Not from the constructor, and one turn of the event loop later: the app builds its
        // window before it asks the engine to start, and the engine answers calls in order.
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
    m_engine->pois(this, [this](const Result<PoiQueryResult, DouyinError> &result) {
        if (!result.ok())
            return; // not configured or offline: the list shows poi ids, the filter "all"
        m_poiNames.clear();
        for (const DouyinPoi &poi : result.value().pois)
            m_poiNames.insert(poi.poiId, poi.poiName);
        m_model->setPoiNames(m_poiNames);
        fillPoiCombo();
    });
    m_engine->listApps(this, [this](const Result<QList<VerifierApp>> &result) {
        if (!result.ok())
            return;
        m_apps.clear();
        for (const VerifierApp &app : result.value())
            m_apps.append({app.id, app.name});
        fillAppCombo();
    });
}

void RecordsPage::fillPoiCombo()
{
    const QString current = m_poi->currentData().toString();
    while (m_poi->count() > 1)
        m_poi->removeItem(1);
    QList<QPair<QString, QString>> pois; // name, id
    for (auto it = m_poiNames.cbegin(); it != m_poiNames.cend(); ++it)
        pois.append({it.value(), it.key()});
    std::sort(pois.begin(), pois.end());
    for (const auto &[name, id] : pois)
        m_poi->addItem(name, id);
    m_poi->setCurrentIndex(qMax(0, m_poi->findData(current)));
}

void RecordsPage::fillAppCombo()
{
    const QVariant current = m_app->currentData();
    while (m_app->count() > 2)
        m_app->removeItem(2);
    for (const auto &[id, name] : m_apps)
        m_app->addItem(name, id);
    m_app->setCurrentIndex(current.isValid() ? qMax(0, m_app->findData(current)) : 0);
}

void RecordsPage::setDateRange(DateRange range)
{
    m_dateRange->setCurrentIndex(int(range));
    applyDateRange();
}

void RecordsPage::setCustomDates(const QDate &from, const QDate &to)
{
    {
        const QSignalBlocker fromBlocker(m_from);
        const QSignalBlocker toBlocker(m_to);
        m_from->setDate(from);
        m_to->setDate(to);
    }
    m_dateRange->setCurrentIndex(int(DateRange::Custom));
    applyDateRange();
}

void RecordsPage::setStatusFilter(std::optional<VerificationRecord::Status> status)
{
    m_status->setCurrentIndex(qMax(0, m_status->findData(status ? int(*status) : ALL)));
    applyFilter();
}

void RecordsPage::setPoiFilter(const QString &poiId)
{
    int index = m_poi->findData(poiId);
    if (index < 0) { // a store the POI list does not name (yet): filter by its id
        m_poi->addItem(poiId, poiId);
        index = m_poi->count() - 1;
    }
    m_poi->setCurrentIndex(index);
    applyFilter();
}

void RecordsPage::setAppFilter(std::optional<qint64> appId)
{
    int index = 0;
    if (appId) {
        index = m_app->findData(*appId);
        if (index < 0) {
            m_app->addItem(RecordText::appName(*appId, QString()), *appId);
            index = m_app->count() - 1;
        }
    }
    m_app->setCurrentIndex(index);
    applyFilter();
}

void RecordsPage::search(const QString &text)
{
    m_search->setText(text);
    applyFilter();
}

void RecordsPage::clearFilters()
{
    m_status->setCurrentIndex(0);
    m_poi->setCurrentIndex(0);
    m_app->setCurrentIndex(0);
    {
        const QSignalBlocker blocker(m_search);
        m_search->clear();
    }
    setDateRange(DateRange::Last7Days);
}

void RecordsPage::applyDateRange()
{
    const QDate today = QDate::currentDate();
    const auto range = DateRange(m_dateRange->currentData().toInt());
    QDate from = m_from->date();
    QDate to = m_to->date();
    switch (range) {
    case DateRange::Today:
        from = to = today;
        break;
    case DateRange::Yesterday:
        from = to = today.addDays(-1);
        break;
    case DateRange::Last7Days:
        from = today.addDays(-6);
        to = today;
        break;
    case DateRange::ThisMonth:
        from = QDate(today.year(), today.month(), 1);
        to = today;
        break;
    case DateRange::AllDates:
    case DateRange::Custom:
        break;
    }
    {
        const QSignalBlocker fromBlocker(m_from);
        const QSignalBlocker toBlocker(m_to);
        m_from->setDate(from);
        m_to->setDate(to);
    }
    const bool dated = range != DateRange::AllDates;
    m_from->setEnabled(dated);
    m_to->setEnabled(dated);
    applyFilter();
}

void RecordsPage::applyFilter()
{
    VerificationFilter filter;
    if (DateRange(m_dateRange->currentData().toInt()) != DateRange::AllDates) {
        filter.from = m_from->date();
        filter.to = m_to->date();
    }
    if (const int status = m_status->currentData().toInt(); status != ALL)
        filter.verifyStatus = Status(status);
    filter.poiId = m_poi->currentData().toString();
    if (const QVariant app = m_app->currentData(); app.isValid())
        filter.appId = app.toLongLong();
    filter.q = m_search->text().trimmed();
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

void RecordsPage::showLoadError(const Error &error)
{
    m_messageLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    //: %1 is the kind of error, %2 the technical detail
    m_messageLabel->setText(tr("The records could not be loaded: %1 (%2)")
                                    .arg(ErrorText::title(error.code), error.message));
    m_messageLabel->show();
    updateCountLabel();
}

RecordDetailDialog *RecordsPage::showDetails(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return nullptr;
    auto *dialog = new RecordDetailDialog(m_engine, m_model->record(row), m_poiNames, this);
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
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    auto *dialog = new QFileDialog(this, tr("Export records"),
                                   folder + QStringLiteral("/dy-gateway-records-") + range
                                           + QStringLiteral(".csv"),
                                   tr("CSV files (*.csv)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
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
    m_datesLabel->setText(tr("Dates:"));
    //: Between the two dates of a range: "2026-03-01 to 2026-03-11"
    m_toLabel->setText(tr("to"));
    for (int i = 0; i < m_dateRange->count(); ++i)
        m_dateRange->setItemText(i, tr(DATE_RANGES[i].title));
    m_statusLabel->setText(tr("Status:"));
    m_status->setItemText(0, tr("All"));
    for (int i = 0; i < int(std::size(STATUSES)); ++i)
        m_status->setItemText(i + 1, RecordText::status(STATUSES[i]));
    m_poiLabel->setText(tr("Store:"));
    m_poi->setItemText(0, tr("All stores"));
    //: Filter: which till or LAN device verified
    m_appLabel->setText(tr("Verified by:"));
    m_app->setItemText(0, tr("All"));
    m_app->setItemText(1, RecordText::appName(0, QString()));
    m_search->setPlaceholderText(tr("Scan or type a coupon code, order number or certificate ID"));
    m_search->setToolTip(tr("Finds exact codes and numbers (Ctrl+F)"));
    m_searchButton->setText(tr("Search"));
    m_clearButton->setText(tr("Clear filters"));
    m_detailsButton->setText(tr("Details…"));
    m_detailsButton->setToolTip(tr("Every field of the selected record (Enter)"));
    m_exportButton->setText(tr("Export CSV…"));
    m_exportButton->setToolTip(tr("Save every record the filters match as a CSV file (Ctrl+E)"));
    m_newRecordsButton->setText(tr("New records — show them"));
    m_model->retranslate();
    updateCountLabel();
}
