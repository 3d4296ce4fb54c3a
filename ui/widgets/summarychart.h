#pragma once

#include <QDate>
#include <QList>
#include <QWidget>

// Bars per day: verified coupons on top, amounts (paid and received) below. Painted here
// rather than with Qt Charts, which is GPL-only and not installed by default, for two bar
// series with a shared date axis.
class SummaryChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryChart)

public:
    struct Day
    {
        QDate date;
        qint64 count = 0; // successful verifications
        qint64 payAmount = 0; // fen
        qint64 receiptAmount = 0; // fen
        bool selected = true; // inside the chosen period; others are drawn muted for context
    };

    explicit SummaryChart(QWidget *parent = nullptr);

    // One entry per calendar day, oldest first, with no gaps.
    void setDays(const QList<Day> &days);
    const QList<Day> &days() const { return m_days; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Panel
    {
        QRectF plot; // bars area
        QString title;
        qint64 top = 0; // value at the top gridline
    };

    // The slot (day index) under x, or -1.
    int dayAt(const QPointF &point) const;
    QRectF plotArea() const; // the horizontal extent shared by both panels
    void paintPanel(QPainter &painter, const Panel &panel, bool amounts) const;

    QList<Day> m_days;
};
