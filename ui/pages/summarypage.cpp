#include "ui/pages/summarypage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "core/report/asyncsavefile.h"
#include "core/report/report.h"
#include "core/runtime/gatewayproxy.h"
#include "ui/errortext.h"
#include "ui/models/summarytablemodel.h"
#include "ui/recordtext.h"
#include "ui/style.h"
#include "ui/widgets/csvsavedialog.h"
#include "ui/widgets/gatewaychooser.h"
#include "ui/widgets/summarychart.h"
#include "ui/widgets/summarytotals.h"

namespace {

// Totals come from the daily totals table in a millisecond, but a burst of verifications at
// the LAN's tills should not re-ask more than once a second.
constexpr int REFRESH_DELAY_MS = 1000;

using GroupKey = SummaryQuery::GroupKey;
using Period = SummaryPage::Period;

// clang-format off
const struct { GroupKey key; const char *title; } GROUPS[] = {
    {GroupKey::Date, QT_TRANSLATE_NOOP("SummaryPage", "Day")},
    {GroupKey::Poi, QT_TRANSLATE_NOOP("SummaryPage", "Store")},
    //: Group by: the till or LAN device (verifier app) that verified
    {GroupKey::App, QT_TRANSLATE_NOOP("SummaryPage", "Verified by")},
    {GroupKey::Product, QT_TRANSLATE_NOOP("SummaryPage", "Product")},
    {GroupKey::Platform, QT_TRANSLATE_NOOP("SummaryPage", "Platform")},
    //: Group by: the gateway (till) of a chain that made the records
    {GroupKey::Gateway, QT_TRANSLATE_NOOP("SummaryPage", "Gateway")},
};

// clang-format on

} // namespace

SummaryPage::SummaryPage(GatewayProxy *gateway, QWidget *parent)
    : QWidget(parent),
      m_gateway(gateway),
      m_periodLabel(new QLabel(this)),
      m_period(new DateRangePicker({Period::Today, Period::Yesterday, Period::ThisWeek,
                                    Period::ThisMonth, Period::Custom},
                                   this)),
      m_groupLabel(new QLabel(this)),
      m_group(new QComboBox(this)),
      m_split(new QCheckBox(this)),
      m_gatewayChooser(new GatewayChooser(this)),
      m_refreshButton(new QPushButton(this)),
      m_exportButton(new QPushButton(this)),
      m_messageLabel(new QLabel(this)),
      m_chart(new SummaryChart(this)),
      m_model(new SummaryTableModel(this)),
      m_table(new QTableView(this)),
      m_refreshTimer(new QTimer(this))
{
    QFont large = font();
    large.setPointSizeF(large.pointSizeF() * 1.2);
    setFont(large);

    for (const auto &group : GROUPS) {
        if (group.key != GroupKey::Gateway) // chain mode only: setGatewayNames()
            m_group->addItem(QString(), int(group.key));
    }
    m_messageLabel->setWordWrap(true);
    m_messageLabel->hide();

    buildLayout();

    connect(m_period, &DateRangePicker::rangeChanged, this, &SummaryPage::refresh);
    connect(m_group, &QComboBox::activated, this, [this] { refresh(); });
    m_split->setObjectName(QStringLiteral("splitByPlatformBox"));
    connect(m_split, &QCheckBox::toggled, this, &SummaryPage::refresh);
    connect(m_gatewayChooser, &GatewayChooser::gatewayChanged, this, &SummaryPage::refresh);
    connect(m_refreshButton, &QPushButton::clicked, this, &SummaryPage::refresh);
    connect(m_exportButton, &QPushButton::clicked, this, &SummaryPage::chooseExportFile);
    auto *refreshShortcut = new QShortcut(QKeySequence::Refresh, this);
    connect(refreshShortcut, &QShortcut::activated, this, &SummaryPage::refresh);
    auto *exportShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_E), this);
    connect(exportShortcut, &QShortcut::activated, this, &SummaryPage::chooseExportFile);

    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(REFRESH_DELAY_MS);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
        else
            m_stale = true;
    });
    const auto recordsChanged = [this] {
        if (m_started && !m_refreshTimer->isActive())
            m_refreshTimer->start();
    };
    connect(m_gateway, &GatewayProxy::recordsChanged, this, recordsChanged);
    // Settlements fill 商家实收 and empty the pending count.
    connect(m_gateway, &GatewayProxy::reconciliationChanged, this, recordsChanged);

    m_period->setRange(Period::Today);
    retranslateUi();
}

void SummaryPage::buildLayout()
{
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_periodLabel);
    controls->addWidget(m_period);
    controls->addSpacing(24);
    controls->addWidget(m_groupLabel);
    controls->addWidget(m_group);
    controls->addSpacing(24);
    controls->addWidget(m_split);
    controls->addSpacing(24);
    controls->addWidget(m_gatewayChooser);
    controls->addStretch(1);
    controls->addWidget(m_refreshButton);
    controls->addWidget(m_exportButton);

    m_totals = new SummaryTotals(this);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() * 2);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(SummaryTableModel::KeyColumn,
                                                      QHeaderView::Interactive);
    m_table->setColumnWidth(SummaryTableModel::KeyColumn,
                            fontMetrics().horizontalAdvance(QStringLiteral("W")) * 22);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_chart);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_totals);
    layout->addWidget(m_messageLabel);
    layout->addWidget(splitter, 1);
}

void SummaryPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_started) {
        m_started = true;
        // As RecordsPage: after the app has asked the gateway to start, never before.
        QTimer::singleShot(0, this, [this] {
            m_gateway->pois(this,
                            [this](const Result<Douyin::PoiQueryResult, Douyin::Error> &result) {
                                if (!result.ok())
                                    return; // stores are then shown by id
                                for (const Douyin::Poi &poi : result.value().pois)
                                    m_poiNames.insert(poi.poiId, poi.poiName);
                                m_model->setPoiNames(m_poiNames);
                            });
            m_gateway->gatewayNames(this, [this](const Result<QStringList> &names) {
                if (names.ok())
                    setGatewayNames(names.value());
            });
            refresh();
        });
    } else if (m_stale) {
        m_stale = false;
        refresh();
    }
}

void SummaryPage::setPeriod(Period period)
{
    m_period->setRange(period);
}

void SummaryPage::setCustomPeriod(const QDate &from, const QDate &to)
{
    m_period->setDates(from, qMax(from, to));
    setPeriod(Period::Custom);
}

void SummaryPage::setGatewayNames(const QStringList &names)
{
    m_gatewayChooser->setNames(names);
    const int gatewayItem = m_group->findData(int(GroupKey::Gateway));
    if (!names.isEmpty() && gatewayItem < 0) {
        m_group->addItem(tr(GROUPS[std::size(GROUPS) - 1].title), int(GroupKey::Gateway));
    } else if (names.isEmpty() && gatewayItem >= 0) {
        m_group->removeItem(gatewayItem);
        refresh();
    }
}

void SummaryPage::setGroupKey(SummaryQuery::GroupKey key)
{
    m_group->setCurrentIndex(qMax(0, m_group->findData(int(key))));
    refresh();
}

void SummaryPage::setChartSplitByPlatform(bool split)
{
    m_split->setChecked(split);
}

SummaryQuery SummaryPage::query() const
{
    SummaryQuery query;
    query.from = m_period->from();
    query.to = m_period->to();
    query.groupBy = {GroupKey(m_group->currentData().toInt())};
    query.gatewayName = m_gatewayChooser->gatewayName();
    return query;
}

SummaryQuery SummaryPage::chartQuery() const
{
    SummaryQuery chart = query();
    chart.groupBy = {GroupKey::Date};
    if (m_split->isChecked())
        chart.groupBy.append(GroupKey::Platform);
    if (chart.from.daysTo(chart.to) < MIN_CHART_DAYS - 1)
        chart.from = chart.to.addDays(1 - MIN_CHART_DAYS);
    return chart;
}

void SummaryPage::refresh()
{
    if (!m_started)
        return;
    m_refreshTimer->stop();
    const int generation = ++m_generation;
    m_waiting = 2;
    const SummaryQuery table = query();
    const SummaryQuery chart = chartQuery();
    const auto arrived = [this] {
        if (--m_waiting == 0)
            emit refreshed();
    };
    m_gateway->summary(table, this,
                       [this, generation, arrived](const Result<VerificationSummary> &result) {
                           if (generation != m_generation)
                               return;
                           if (result.ok())
                               showSummary(result.value());
                           else
                               showError(result.error());
                           arrived();
                       });
    m_gateway->summary(
            chart, this,
            [this, generation, chart, arrived](const Result<VerificationSummary> &result) {
                if (generation != m_generation)
                    return;
                if (result.ok())
                    showChart(result.value(), chart);
                else
                    showError(result.error());
                arrived();
            });
}

void SummaryPage::showSummary(const VerificationSummary &summary)
{
    m_messageLabel->hide();
    const GroupKey key = GroupKey(m_group->currentData().toInt());
    m_model->setSummary(summary, key);
    m_totals->showTotals(summary.totals);
}

void SummaryPage::showChart(const VerificationSummary &daily, const SummaryQuery &query)
{
    // Split by platform, a day has a row per platform: the day is their sum.
    const bool split = query.groupBy.contains(GroupKey::Platform);
    QHash<QDate, SummaryChart::Day> byDate;
    for (const VerificationSummaryRow &row : daily.rows) {
        if (!row.date)
            continue;
        SummaryChart::Day &day = byDate[*row.date];
        day.count += row.successCount;
        day.payAmount += row.payAmount;
        day.receiptAmount += row.receiptAmount;
        if (split && row.platform)
            day.shares.append({*row.platform, row.successCount, row.payAmount, row.receiptAmount});
    }
    const SummaryQuery shown = this->query();
    QList<SummaryChart::Day> days;
    // Every day of the range gets a slot, so a day without verifications is a visible gap.
    for (QDate date = query.from; date <= query.to; date = date.addDays(1)) {
        SummaryChart::Day day = byDate.value(date);
        day.date = date;
        day.selected = date >= shown.from && date <= shown.to;
        days.append(day);
    }
    m_chart->setDays(days, split);
}

void SummaryPage::showError(const Error &error)
{
    m_messageLabel->setStyleSheet(Style::label(Style::Colour::Failure));
    //: %1 is the kind of error, %2 the technical detail
    m_messageLabel->setText(tr("The summary could not be loaded: %1 (%2)")
                                    .arg(ErrorText::title(error.code), error.message));
    m_messageLabel->show();
}

QString SummaryPage::totalText(const QString &card) const
{
    return m_totals->text(card);
}

void SummaryPage::chooseExportFile()
{
    if (m_file)
        return;
    const SummaryQuery shown = query();
    auto *dialog = new CsvSaveDialog(this, tr("Export summary"),
                                     QStringLiteral("dy-gateway-summary-")
                                             + shown.from.toString(Qt::ISODate) + u'_'
                                             + shown.to.toString(Qt::ISODate));
    connect(dialog, &QFileDialog::fileSelected, this, &SummaryPage::exportCsv);
    dialog->open(); // window-modal without a nested event loop
}

void SummaryPage::exportCsv(const QString &path)
{
    if (m_file)
        return;
    m_exportButton->setEnabled(false);
    // A summary is small, but the disk may not be: the file is still written off this thread.
    m_file = new AsyncSaveFile(path, this);
    const auto finish = [this] {
        m_file->deleteLater();
        m_file = nullptr;
        m_exportButton->setEnabled(true);
    };
    connect(m_file, &AsyncSaveFile::committed, this, [this, path, finish] {
        finish();
        m_messageLabel->setStyleSheet(QString());
        m_messageLabel->setText(tr("Saved the summary to %1.").arg(QDir::toNativeSeparators(path)));
        m_messageLabel->show();
        emit exported(path);
    });
    connect(m_file, &AsyncSaveFile::failed, this, [this, finish](const Error &error) {
        finish();
        m_messageLabel->setStyleSheet(Style::label(Style::Colour::Failure));
        m_messageLabel->setText(
                tr("The export failed: %1 (%2)").arg(ErrorText::title(error.code), error.message));
        m_messageLabel->show();
        emit exportFailed(error);
    });
    m_file->write(Report::summaryCsv(m_model->summary(), {m_model->groupKey()}, m_poiNames));
    m_file->commit();
}

void SummaryPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SummaryPage::retranslateUi()
{
    m_periodLabel->setText(tr("Period:"));
    m_groupLabel->setText(tr("Group by:"));
    //: Check box: the chart's bars in parts, one colour per platform (抖音 / 美团)
    m_split->setText(tr("Chart by platform"));
    for (int i = 0; i < m_group->count(); ++i) {
        for (const auto &group : GROUPS) {
            if (int(group.key) == m_group->itemData(i).toInt())
                m_group->setItemText(i, tr(group.title));
        }
    }
    m_refreshButton->setText(tr("Refresh"));
    m_refreshButton->setToolTip(tr("Ask for the latest numbers (F5)"));
    m_exportButton->setText(tr("Export CSV…"));
    m_exportButton->setToolTip(tr("Save the table as a CSV file (Ctrl+E)"));
    m_model->retranslate();
}
