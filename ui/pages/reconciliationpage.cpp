#include "ui/pages/reconciliationpage.h"

#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "core/report/asyncsavefile.h"
#include "core/report/reconciliationexport.h"
#include "core/runtime/gatewayproxy.h"
#include "ui/errortext.h"
#include "ui/models/reconciliationtablemodel.h"
#include "ui/reconciliationtext.h"
#include "ui/recordtext.h"
#include "ui/style.h"
#include "ui/widgets/csvsavedialog.h"
#include "ui/widgets/platformbadgedelegate.h"
#include "ui/widgets/reconciliationfilterbar.h"
#include "ui/widgets/reconciliationtotals.h"
#include "ui/widgets/recorddetaildialog.h"

namespace {

void setUpTable(QTableView *table, ReconciliationTableModel *model)
{
    using Model = ReconciliationTableModel;
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setStyleSheet(Style::roomyTable());
    table->setItemDelegateForColumn(Model::PlatformColumn,
                                    new PlatformBadgeDelegate(Model::PlatformRole, table));
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() * 2);
    QHeaderView *header = table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Product names can be long; the explanation takes what is left and its tooltip the rest.
    header->setSectionResizeMode(Model::ProductColumn, QHeaderView::Interactive);
    table->setColumnWidth(Model::ProductColumn,
                          table->fontMetrics().horizontalAdvance(QStringLiteral("W")) * 12);
    header->setSectionResizeMode(Model::ExplanationColumn, QHeaderView::Stretch);
}

} // namespace

ReconciliationPage::ReconciliationPage(GatewayProxy *gateway, QWidget *parent)
    : QWidget(parent),
      m_gateway(gateway),
      m_filters(new ReconciliationFilterBar(this)),
      m_runButton(new QPushButton(this)),
      m_exportButton(new QPushButton(this)),
      m_state(new QLabel(this)),
      m_totals(new ReconciliationTotals(this)),
      m_differencesTitle(new QLabel(this)),
      m_differences(new QTableView(this)),
      m_differencesModel(new ReconciliationTableModel(this)),
      m_unresolvedTitle(new QLabel(this)),
      m_unresolved(new QTableView(this)),
      m_unresolvedModel(new ReconciliationTableModel(this)),
      m_message(new QLabel(this))
{
    QFont large = font();
    large.setPointSizeF(large.pointSizeF() * 1.2);
    setFont(large);

    m_runButton->setStyleSheet(Style::button());
    m_exportButton->setStyleSheet(Style::button());
    m_exportButton->setEnabled(false);
    QFont stateFont = large;
    stateFont.setBold(true);
    m_state->setFont(stateFont);
    m_state->setObjectName(QStringLiteral("reconciliationState"));
    m_message->setWordWrap(true);
    m_message->hide();
    setUpTable(m_differences, m_differencesModel);
    setUpTable(m_unresolved, m_unresolvedModel);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_filters);
    controls->addStretch(1);
    controls->addWidget(m_runButton);
    controls->addWidget(m_exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_state);
    layout->addWidget(m_totals);
    layout->addWidget(m_message);
    layout->addWidget(buildLists(), 1);

    connect(m_filters, &ReconciliationFilterBar::changed, this, &ReconciliationPage::refresh);
    connect(m_runButton, &QPushButton::clicked, this, &ReconciliationPage::runNow);
    connect(m_exportButton, &QPushButton::clicked, this, &ReconciliationPage::chooseExportFile);
    connect(m_differences, &QTableView::doubleClicked, this, &ReconciliationPage::openRecord);
    connect(m_unresolved, &QTableView::doubleClicked, this, &ReconciliationPage::openRecord);
    auto *refreshShortcut = new QShortcut(QKeySequence::Refresh, this);
    connect(refreshShortcut, &QShortcut::activated, this, &ReconciliationPage::refresh);
    auto *exportShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_E), this);
    connect(exportShortcut, &QShortcut::activated, this, &ReconciliationPage::chooseExportFile);
    connect(m_gateway, &GatewayProxy::reconciliationChanged, this, [this](const QDate &date) {
        // An invalid date: settlements changed, which may be any day's.
        if (!m_started || (date.isValid() && date != m_filters->query().date))
            return;
        if (isVisible())
            refresh();
        else
            m_stale = true;
    });

    retranslateUi();
}

// The differences above, the records still being confirmed below and apart: they are no
// difference yet, and a manager should not count them as one.
QWidget *ReconciliationPage::buildLists()
{
    auto *differencesPane = new QWidget(this);
    auto *differencesLayout = new QVBoxLayout(differencesPane);
    differencesLayout->setContentsMargins(0, 0, 0, 0);
    differencesLayout->addWidget(m_differencesTitle);
    differencesLayout->addWidget(m_differences, 1);

    m_unresolvedPane = new QWidget(this);
    auto *unresolvedLayout = new QVBoxLayout(m_unresolvedPane);
    unresolvedLayout->setContentsMargins(0, 0, 0, 0);
    unresolvedLayout->addWidget(m_unresolvedTitle);
    unresolvedLayout->addWidget(m_unresolved, 1);
    m_unresolvedPane->hide();

    QFont titleFont = font();
    titleFont.setBold(true);
    m_differencesTitle->setFont(titleFont);
    m_unresolvedTitle->setFont(titleFont);
    m_unresolvedTitle->setStyleSheet(Style::label(Style::Colour::Checking));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(differencesPane);
    splitter->addWidget(m_unresolvedPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    return splitter;
}

void ReconciliationPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_started) {
        m_started = true;
        // As the other pages: after the app has asked the gateway to start, never before.
        QTimer::singleShot(0, this, [this] {
            loadStores();
            refresh();
        });
    } else if (m_stale) {
        m_stale = false;
        refresh();
    }
}

void ReconciliationPage::loadStores()
{
    m_gateway->pois(this, [this](const Result<Douyin::PoiQueryResult, Douyin::Error> &result) {
        if (!result.ok())
            return; // "all stores" still works; stores are then shown by id
        for (const Douyin::Poi &poi : result.value().pois)
            m_poiNames.insert(poi.poiId, poi.poiName);
        m_filters->setPoiNames(m_poiNames);
        m_differencesModel->setPoiNames(m_poiNames);
        m_unresolvedModel->setPoiNames(m_poiNames);
    });
}

void ReconciliationPage::setDate(const QDate &date)
{
    m_filters->setDate(date);
}

void ReconciliationPage::setPoiId(const QString &poiId)
{
    m_filters->setPoiId(poiId);
}

void ReconciliationPage::setPlatform(std::optional<PlatformId> platform)
{
    m_filters->setPlatform(platform);
}

ReconciliationQuery ReconciliationPage::query() const
{
    return m_filters->query();
}

void ReconciliationPage::refresh()
{
    if (!m_started)
        return;
    const int generation = ++m_generation;
    m_gateway->reconciliation(query(), this,
                              [this, generation](const Result<ReconciliationReport> &result) {
                                  if (generation != m_generation)
                                      return;
                                  if (result.ok()) {
                                      m_message->hide();
                                      showReport(result.value());
                                  } else {
                                      //: %1 is the kind of error, %2 the technical detail
                                      showError(tr("The reconciliation could not be loaded: %1 "
                                                   "(%2)")
                                                        .arg(ErrorText::title(result.error().code),
                                                             result.error().message));
                                  }
                                  emit refreshed();
                              });
}

void ReconciliationPage::runNow()
{
    if (m_requesting || m_report.running)
        return;
    m_requesting = true;
    updateRunButton();
    const QDate date = query().date;
    m_gateway->runReconciliation(date, this, [this](const Result<Done> &result) {
        m_requesting = false;
        if (!result.ok()) {
            const Error &error = result.error();
            if (error.code == ErrorCode::Conflict)
                showNotice(tr("A reconciliation is already running. This page refreshes when "
                              "it ends."));
            else
                showError(tr("The reconciliation could not be started: %1 (%2)")
                                  .arg(ErrorText::title(error.code), error.message));
            emit runFailed(error);
        }
        // The run is now under way (or refused): the report says which, and whether it ended.
        updateRunButton();
        refresh();
    });
}

void ReconciliationPage::showReport(const ReconciliationReport &report)
{
    m_report = report;
    QList<ReconciliationEntry> differences;
    QList<ReconciliationEntry> unresolved;
    for (const ReconciliationEntry &entry : ReconciliationEntry::listOf(report))
        (entry.isDifference() ? differences : unresolved).append(entry);
    m_differencesModel->setEntries(differences);
    m_unresolvedModel->setEntries(unresolved);
    m_unresolvedPane->setVisible(!unresolved.isEmpty());
    m_totals->showReport(report);
    m_exportButton->setEnabled(m_file == nullptr);
    updateTitles();
    updateRunButton();
}

QString ReconciliationPage::stateText() const
{
    return m_state->text();
}

QString ReconciliationPage::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void ReconciliationPage::showError(const QString &text)
{
    m_message->setStyleSheet(Style::label(Style::Colour::Failure));
    m_message->setText(text);
    m_message->show();
}

void ReconciliationPage::showNotice(const QString &text)
{
    m_message->setStyleSheet(QString());
    m_message->setText(text);
    m_message->show();
}

void ReconciliationPage::updateRunButton()
{
    const bool running = m_requesting || m_report.running;
    m_runButton->setEnabled(!running);
    //: Button: fetch the platforms' records of the day now and compare (立即对账)
    m_runButton->setText(running ? tr("Reconciling…") : tr("Reconcile now"));
}

void ReconciliationPage::updateTitles()
{
    using State = ReconciliationReport::State;
    m_state->setText(ReconciliationText::stateLine(m_report));
    const Style::Colour tone = m_report.running ? Style::Colour::Checking
            : m_report.state == State::Complete ? Style::Colour::Success
            : m_report.state == State::Partial  ? Style::Colour::Checking
                                                : Style::Colour::Muted;
    m_state->setStyleSheet(Style::label(tone));

    const int differences = m_differencesModel->rowCount();
    if (m_report.state == State::NotFetched && differences == 0)
        m_differencesTitle->setText(tr("Differences: the platforms' records of this day are not "
                                       "fetched yet"));
    else if (differences == 0)
        m_differencesTitle->setText(tr("No differences"));
    else
        m_differencesTitle->setText(tr("%n difference(s)", nullptr, differences));
    m_unresolvedTitle->setText(tr("%n verification(s) still being confirmed, not counted as "
                                  "differences",
                                  nullptr, m_unresolvedModel->rowCount()));
}

void ReconciliationPage::chooseExportFile()
{
    if (m_file || !m_exportButton->isEnabled())
        return;
    QString name =
            QStringLiteral("dy-gateway-reconciliation-") + m_report.date.toString(Qt::ISODate);
    if (!m_report.poiId.isEmpty())
        name += u'-' + m_report.poiId;
    if (m_report.platform)
        name += u'-' + Platforms::toString(*m_report.platform);
    auto *dialog = new CsvSaveDialog(this, tr("Export reconciliation"), name);
    connect(dialog, &QFileDialog::fileSelected, this, &ReconciliationPage::exportCsv);
    dialog->open(); // window-modal without a nested event loop
}

void ReconciliationPage::exportCsv(const QString &path)
{
    if (m_file)
        return;
    m_exportButton->setEnabled(false);
    m_file = new AsyncSaveFile(path, this);
    const auto finish = [this] {
        m_file->deleteLater();
        m_file = nullptr;
        m_exportButton->setEnabled(true);
    };
    connect(m_file, &AsyncSaveFile::committed, this, [this, path, finish] {
        finish();
        showNotice(tr("Saved the reconciliation to %1.").arg(QDir::toNativeSeparators(path)));
        emit exported(path);
    });
    connect(m_file, &AsyncSaveFile::failed, this, [this, finish](const Error &error) {
        finish();
        showError(
                tr("The export failed: %1 (%2)").arg(ErrorText::title(error.code), error.message));
        emit exportFailed(error);
    });
    // The note column says what the screen says, in the language on screen.
    m_file->write(
            ReconciliationExport::csv(m_report, m_poiNames, &ReconciliationText::explanation));
    m_file->commit();
}

void ReconciliationPage::openRecord(const QModelIndex &index)
{
    const auto *model = static_cast<const ReconciliationTableModel *>(index.model());
    if (!index.isValid() || index.row() >= model->entries().size())
        return;
    const ReconciliationEntry &entry = model->entries().at(index.row());
    if (!entry.local || entry.local->id <= 0)
        return; // only the platform knows it: there is no record here to open
    auto *dialog = new RecordDetailDialog(m_gateway, *entry.local, m_poiNames, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void ReconciliationPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ReconciliationPage::retranslateUi()
{
    m_runButton->setToolTip(tr("Fetch this day's records from the platforms now and compare"));
    m_exportButton->setText(tr("Export CSV…"));
    m_exportButton->setToolTip(tr("Save the differences and totals as a CSV file (Ctrl+E)"));
    m_differencesModel->retranslate();
    m_unresolvedModel->retranslate();
    updateRunButton();
    updateTitles();
}
