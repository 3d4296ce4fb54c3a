#pragma once

#include <QDate>
#include <QList>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;

// A named range of days ("today", "last 7 days", …) with the two date fields it fills in.
// Editing a date makes the range a custom one, and the other end follows if crossed. Shared
// by the records and summary pages, which offer different ranges.
class DateRangePicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DateRangePicker)

public:
    enum class Range { Today, Yesterday, Last7Days, ThisWeek, ThisMonth, AllDates, Custom };

    // `ranges` in the order the combo lists them; the first is chosen.
    explicit DateRangePicker(const QList<Range> &ranges, QWidget *parent = nullptr);

    Range range() const;
    QDate from() const;
    QDate to() const;

    // Chooses `range` and fills in its dates; rangeChanged().
    void setRange(Range range);
    // Puts dates in the fields without choosing a range or telling anyone.
    void setDates(const QDate &from, const QDate &to);

signals:
    void rangeChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void applyRange();
    void dateEdited(QDateEdit *edit, const QDate &date);

    QList<Range> m_ranges;
    QComboBox *m_range;
    QDateEdit *m_from;
    QLabel *m_toLabel;
    QDateEdit *m_to;
};
