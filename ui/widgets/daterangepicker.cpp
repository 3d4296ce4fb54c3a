#include "ui/widgets/daterangepicker.h"

#include <algorithm>

#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

namespace {

using Range = DateRangePicker::Range;

// clang-format off
const struct { Range range; const char *title; } TITLES[] = {
    {Range::Today, QT_TRANSLATE_NOOP("DateRangePicker", "Today")},
    {Range::Yesterday, QT_TRANSLATE_NOOP("DateRangePicker", "Yesterday")},
    {Range::Last7Days, QT_TRANSLATE_NOOP("DateRangePicker", "Last 7 days")},
    {Range::ThisWeek, QT_TRANSLATE_NOOP("DateRangePicker", "This week")},
    {Range::ThisMonth, QT_TRANSLATE_NOOP("DateRangePicker", "This month")},
    {Range::AllDates, QT_TRANSLATE_NOOP("DateRangePicker", "All dates")},
    //: Date range chosen with the two date fields
    {Range::Custom, QT_TRANSLATE_NOOP("DateRangePicker", "Custom")},
};
// clang-format on

} // namespace

DateRangePicker::DateRangePicker(const QList<Range> &ranges, QWidget *parent)
    : QWidget(parent),
      m_ranges(ranges),
      m_range(new QComboBox(this)),
      m_from(new QDateEdit(this)),
      m_toLabel(new QLabel(this)),
      m_to(new QDateEdit(this))
{
    for (const Range range : m_ranges)
        m_range->addItem(QString(), int(range));
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setDate(QDate::currentDate());
        connect(edit, &QDateEdit::dateChanged, this,
                [this, edit](const QDate &date) { dateEdited(edit, date); });
    }
    connect(m_range, &QComboBox::activated, this, &DateRangePicker::applyRange);

    // Laid out as if its parts were in the row it sits in.
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_range);
    layout->addWidget(m_from);
    layout->addWidget(m_toLabel);
    layout->addWidget(m_to);
    retranslateUi();
}

DateRangePicker::Range DateRangePicker::range() const
{
    return Range(m_range->currentData().toInt());
}

QDate DateRangePicker::from() const
{
    return m_from->date();
}

QDate DateRangePicker::to() const
{
    return m_to->date();
}

void DateRangePicker::setRange(Range range)
{
    m_range->setCurrentIndex(std::max(0, m_range->findData(int(range))));
    applyRange();
}

void DateRangePicker::setDates(const QDate &from, const QDate &to)
{
    const QSignalBlocker fromBlocker(m_from);
    const QSignalBlocker toBlocker(m_to);
    m_from->setDate(from);
    m_to->setDate(to);
}

void DateRangePicker::applyRange()
{
    const QDate today = QDate::currentDate();
    QDate from = m_from->date();
    QDate to = m_to->date();
    switch (range()) {
    case Range::Today:
        from = to = today;
        break;
    case Range::Yesterday:
        from = to = today.addDays(-1);
        break;
    case Range::Last7Days:
        from = today.addDays(-6);
        to = today;
        break;
    case Range::ThisWeek:
        // Weeks start on Monday, as Chinese calendars and accounts have them.
        from = today.addDays(1 - today.dayOfWeek());
        to = today;
        break;
    case Range::ThisMonth:
        from = QDate(today.year(), today.month(), 1);
        to = today;
        break;
    case Range::AllDates:
    case Range::Custom:
        break;
    }
    setDates(from, to);
    const bool dated = range() != Range::AllDates;
    m_from->setEnabled(dated);
    m_to->setEnabled(dated);
    emit rangeChanged();
}

void DateRangePicker::dateEdited(QDateEdit *edit, const QDate &date)
{
    QDateEdit *other = edit == m_from ? m_to : m_from;
    if ((edit == m_from && date > other->date()) || (edit == m_to && date < other->date())) {
        const QSignalBlocker blocker(other);
        other->setDate(date);
    }
    {
        const QSignalBlocker blocker(m_range);
        m_range->setCurrentIndex(std::max(0, m_range->findData(int(Range::Custom))));
    }
    emit rangeChanged();
}

void DateRangePicker::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DateRangePicker::retranslateUi()
{
    for (int i = 0; i < m_ranges.size(); ++i) {
        for (const auto &title : TITLES) {
            if (title.range == m_ranges.at(i))
                m_range->setItemText(i, tr(title.title));
        }
    }
    //: Between the two dates of a range: "2026-03-01 to 2026-03-11"
    m_toLabel->setText(tr("to"));
}
