#include "ui/widgets/recordfilterbar.h"

#include <algorithm>

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/recordtext.h"
#include "ui/widgets/gatewaychooser.h"

namespace {

constexpr int ALL = -1; // combo data for "any"

using Status = VerificationRecord::Status;
using DateRange = RecordFilterBar::DateRange;

const Status STATUSES[] = {Status::Success, Status::Failed, Status::Unknown, Status::Pending};
const PlatformId PLATFORMS[] = {PlatformId::Douyin, PlatformId::Meituan};

} // namespace

RecordFilterBar::RecordFilterBar(QWidget *parent)
    : QWidget(parent),
      m_datesLabel(new QLabel(this)),
      m_dates(new DateRangePicker({DateRange::Today, DateRange::Yesterday, DateRange::Last7Days,
                                   DateRange::ThisMonth, DateRange::AllDates, DateRange::Custom},
                                  this)),
      m_statusLabel(new QLabel(this)),
      m_status(new QComboBox(this)),
      m_platformLabel(new QLabel(this)),
      m_platform(new QComboBox(this)),
      m_poiLabel(new QLabel(this)),
      m_poi(new QComboBox(this)),
      m_appLabel(new QLabel(this)),
      m_app(new QComboBox(this)),
      m_search(new QLineEdit(this)),
      m_searchButton(new QPushButton(this)),
      m_clearButton(new QPushButton(this)),
      m_gateway(new GatewayChooser(this))
{
    m_status->addItem(QString(), ALL);
    for (const Status status : STATUSES)
        m_status->addItem(QString(), int(status));
    m_platform->setObjectName(QStringLiteral("platformCombo"));
    m_platform->addItem(QString(), ALL);
    for (const PlatformId platform : PLATFORMS)
        m_platform->addItem(QString(), int(platform));
    m_poi->addItem(QString(), QString());
    m_poi->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_app->addItem(QString(), QVariant());
    m_app->addItem(QString(), qint64(0));
    m_app->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(360);
    buildUi();

    connect(m_dates, &DateRangePicker::rangeChanged, this, &RecordFilterBar::filterChanged);
    for (QComboBox *combo : {m_status, m_platform, m_poi, m_app})
        connect(combo, &QComboBox::activated, this, &RecordFilterBar::filterChanged);
    connect(m_search, &QLineEdit::returnPressed, this, &RecordFilterBar::filterChanged);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            emit searchEmptied();
    });
    connect(m_searchButton, &QPushButton::clicked, this, &RecordFilterBar::filterChanged);
    connect(m_clearButton, &QPushButton::clicked, this, &RecordFilterBar::clear);
    connect(m_gateway, &GatewayChooser::gatewayChanged, this, &RecordFilterBar::filterChanged);
    m_dates->setRange(DateRange::Last7Days);
    retranslateUi();
}

void RecordFilterBar::buildUi()
{
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_datesLabel);
    filters->addWidget(m_dates);
    filters->addSpacing(16);
    filters->addWidget(m_statusLabel);
    filters->addWidget(m_status);
    filters->addSpacing(16);
    filters->addWidget(m_platformLabel);
    filters->addWidget(m_platform);
    filters->addSpacing(16);
    filters->addWidget(m_poiLabel);
    filters->addWidget(m_poi);
    filters->addSpacing(16);
    filters->addWidget(m_appLabel);
    filters->addWidget(m_app);
    filters->addStretch(1);

    m_searchRow = new QHBoxLayout;
    m_searchRow->addWidget(m_search, 2);
    m_searchRow->addWidget(m_searchButton);
    m_searchRow->addWidget(m_clearButton);
    m_searchRow->addSpacing(16);
    m_searchRow->addWidget(m_gateway);
    m_searchRow->addStretch(1);

    // Laid out as if both rows were in the page's own layout.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addLayout(m_searchRow);
}

void RecordFilterBar::addButton(QPushButton *button)
{
    m_searchRow->addWidget(button);
}

VerificationFilter RecordFilterBar::filter() const
{
    VerificationFilter filter;
    if (m_dates->range() != DateRange::AllDates) {
        filter.from = m_dates->from();
        filter.to = m_dates->to();
    }
    if (const int status = m_status->currentData().toInt(); status != ALL)
        filter.verifyStatus = Status(status);
    if (const int platform = m_platform->currentData().toInt(); platform != ALL)
        filter.platform = PlatformId(platform);
    filter.poiId = m_poi->currentData().toString();
    if (const QVariant app = m_app->currentData(); app.isValid())
        filter.appId = app.toLongLong();
    filter.q = m_search->text().trimmed();
    filter.gatewayName = m_gateway->gatewayName();
    return filter;
}

void RecordFilterBar::setDateRange(DateRange range)
{
    m_dates->setRange(range);
}

void RecordFilterBar::setCustomDates(const QDate &from, const QDate &to)
{
    m_dates->setDates(from, to);
    m_dates->setRange(DateRange::Custom);
}

void RecordFilterBar::setStatus(std::optional<VerificationRecord::Status> status)
{
    m_status->setCurrentIndex(qMax(0, m_status->findData(status ? int(*status) : ALL)));
    emit filterChanged();
}

void RecordFilterBar::setPlatform(std::optional<PlatformId> platform)
{
    m_platform->setCurrentIndex(qMax(0, m_platform->findData(platform ? int(*platform) : ALL)));
    emit filterChanged();
}

void RecordFilterBar::setPoi(const QString &poiId)
{
    int index = m_poi->findData(poiId);
    if (index < 0) { // a store the POI list does not name (yet): filter by its id
        m_poi->addItem(poiId, poiId);
        index = m_poi->count() - 1;
    }
    m_poi->setCurrentIndex(index);
    emit filterChanged();
}

void RecordFilterBar::setApp(std::optional<qint64> appId)
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
    emit filterChanged();
}

void RecordFilterBar::setSearchText(const QString &text)
{
    m_search->setText(text);
    emit filterChanged();
}

void RecordFilterBar::clear()
{
    m_status->setCurrentIndex(0);
    m_platform->setCurrentIndex(0);
    m_poi->setCurrentIndex(0);
    m_app->setCurrentIndex(0);
    m_gateway->setGatewayName(QString());
    {
        const QSignalBlocker blocker(m_search);
        m_search->clear();
    }
    setDateRange(DateRange::Last7Days);
}

void RecordFilterBar::setGatewayNames(const QStringList &names)
{
    m_gateway->setNames(names);
}

void RecordFilterBar::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

void RecordFilterBar::setPoiNames(const QHash<QString, QString> &poiNames)
{
    const QString current = m_poi->currentData().toString();
    while (m_poi->count() > 1)
        m_poi->removeItem(1);
    QList<QPair<QString, QString>> pois; // name, id
    for (auto it = poiNames.cbegin(); it != poiNames.cend(); ++it)
        pois.append({it.value(), it.key()});
    std::sort(pois.begin(), pois.end());
    for (const auto &[name, id] : pois)
        m_poi->addItem(name, id);
    m_poi->setCurrentIndex(qMax(0, m_poi->findData(current)));
}

void RecordFilterBar::setApps(const QList<QPair<qint64, QString>> &apps)
{
    const QVariant current = m_app->currentData();
    while (m_app->count() > 2)
        m_app->removeItem(2);
    for (const auto &[id, name] : apps)
        m_app->addItem(name, id);
    m_app->setCurrentIndex(current.isValid() ? qMax(0, m_app->findData(current)) : 0);
}

void RecordFilterBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RecordFilterBar::retranslateUi()
{
    m_datesLabel->setText(tr("Dates:"));
    m_statusLabel->setText(tr("Status:"));
    m_status->setItemText(0, tr("All"));
    for (int i = 0; i < int(std::size(STATUSES)); ++i)
        m_status->setItemText(i + 1, RecordText::status(STATUSES[i]));
    //: Filter: the coupon's platform (抖音 / 美团)
    m_platformLabel->setText(tr("Platform:"));
    m_platform->setItemText(0, tr("All"));
    for (int i = 0; i < int(std::size(PLATFORMS)); ++i)
        m_platform->setItemText(i + 1, RecordText::platformShort(PLATFORMS[i]));
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
}
