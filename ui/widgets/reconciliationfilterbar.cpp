#include "ui/widgets/reconciliationfilterbar.h"

#include <algorithm>

#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

#include "ui/recordtext.h"

namespace {

constexpr int ALL_PLATFORMS = -1;

} // namespace

ReconciliationFilterBar::ReconciliationFilterBar(QWidget *parent)
    : QWidget(parent),
      m_dateLabel(new QLabel(this)),
      m_date(new QDateEdit(this)),
      m_storeLabel(new QLabel(this)),
      m_store(new QComboBox(this)),
      m_platformLabel(new QLabel(this)),
      m_platform(new QComboBox(this))
{
    m_date->setObjectName(QStringLiteral("reconciliationDate"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    // Today can be fetched (partial); a day to come has nothing to compare.
    m_date->setMaximumDate(QDate::currentDate());
    // A manager closes the day before; the gateway fetched it this morning.
    m_date->setDate(QDate::currentDate().addDays(-1));
    m_store->setObjectName(QStringLiteral("reconciliationStore"));
    m_store->addItem(QString(), QString());
    m_store->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_platform->setObjectName(QStringLiteral("reconciliationPlatform"));
    m_platform->addItem(QString(), ALL_PLATFORMS);
    m_platform->addItem(QString(), int(PlatformId::Douyin));
    m_platform->addItem(QString(), int(PlatformId::Meituan));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_dateLabel);
    layout->addWidget(m_date);
    layout->addSpacing(24);
    layout->addWidget(m_storeLabel);
    layout->addWidget(m_store);
    layout->addSpacing(24);
    layout->addWidget(m_platformLabel);
    layout->addWidget(m_platform);

    connect(m_date, &QDateEdit::dateChanged, this, &ReconciliationFilterBar::changed);
    connect(m_store, &QComboBox::activated, this, &ReconciliationFilterBar::changed);
    connect(m_platform, &QComboBox::activated, this, &ReconciliationFilterBar::changed);
    fitDate();
    retranslateUi();
}

void ReconciliationFilterBar::setDate(const QDate &date)
{
    if (date > m_date->maximumDate())
        m_date->setMaximumDate(date); // the day has changed since the page was built
    m_date->setDate(date);
}

void ReconciliationFilterBar::setPoiId(const QString &poiId)
{
    int index = m_store->findData(poiId);
    if (index < 0) {
        m_store->addItem(poiId, poiId); // a store the list does not know (yet)
        index = m_store->count() - 1;
    }
    if (index != m_store->currentIndex()) {
        m_store->setCurrentIndex(index);
        emit changed();
    }
}

void ReconciliationFilterBar::setPlatform(std::optional<PlatformId> platform)
{
    const int index = m_platform->findData(platform ? int(*platform) : ALL_PLATFORMS);
    if (index != m_platform->currentIndex()) {
        m_platform->setCurrentIndex(index);
        emit changed();
    }
}

void ReconciliationFilterBar::setPoiNames(const QHash<QString, QString> &poiNames)
{
    const QString current = m_store->currentData().toString();
    while (m_store->count() > 1)
        m_store->removeItem(1);
    QList<QPair<QString, QString>> pois; // name, id
    for (auto it = poiNames.cbegin(); it != poiNames.cend(); ++it)
        pois.append({it.value(), it.key()});
    std::sort(pois.begin(), pois.end());
    for (const auto &[name, id] : pois)
        m_store->addItem(name, id);
    int index = m_store->findData(current);
    if (index < 0) {
        m_store->addItem(current, current);
        index = m_store->count() - 1;
    }
    m_store->setCurrentIndex(index);
}

ReconciliationQuery ReconciliationFilterBar::query() const
{
    ReconciliationQuery query;
    query.date = m_date->date();
    query.poiId = m_store->currentData().toString();
    const int platform = m_platform->currentData().toInt();
    if (platform != ALL_PLATFORMS)
        query.platform = PlatformId(platform);
    return query;
}

void ReconciliationFilterBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    if (event->type() == QEvent::FontChange)
        fitDate();
    QWidget::changeEvent(event);
}

// QDateEdit's own size leaves the last digit against the arrow in a larger font.
void ReconciliationFilterBar::fitDate()
{
    m_date->setMinimumWidth(m_date->fontMetrics().horizontalAdvance(QStringLiteral("2026-12-31"))
                            + m_date->fontMetrics().height() * 3);
}

void ReconciliationFilterBar::retranslateUi()
{
    //: Label of the reconciliation's day
    m_dateLabel->setText(tr("Day:"));
    m_storeLabel->setText(tr("Store:"));
    m_store->setItemText(0, tr("All stores"));
    m_platformLabel->setText(tr("Platform:"));
    //: Platform filter: both Douyin and Meituan (全部)
    m_platform->setItemText(0, tr("All"));
    m_platform->setItemText(1, RecordText::platformShort(PlatformId::Douyin));
    m_platform->setItemText(2, RecordText::platformShort(PlatformId::Meituan));
}
