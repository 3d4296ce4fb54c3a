#pragma once

#include <utility>

#include <QColor>
#include <QDate>
#include <QList>
#include <QWidget>

#include "core/platform/platformid.h"

// Bars per day: verified coupons on top, amounts (paid and received) below, each bar split
// into its platforms' parts in their colours when asked. Painted here rather than with Qt
// Charts, which is GPL-only and not installed by default, for two bar series with a shared
// date axis.
class SummaryChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryChart)

public:
    // One platform's part of a day.
    struct Share
    {
        PlatformId platform = PlatformId::Douyin;
        qint64 count = 0;
        qint64 payAmount = 0;
        qint64 receiptAmount = 0;
    };

    struct Day
    {
        QDate date;
        qint64 count = 0; // successful verifications
        qint64 payAmount = 0; // fen
        qint64 receiptAmount = 0; // fen
        bool selected = true; // inside the chosen period; others are drawn muted for context
        QList<Share> shares; // split by platform: the parts, in PlatformId order, adding up
    };

    explicit SummaryChart(QWidget *parent = nullptr);

    // One entry per calendar day, oldest first, with no gaps. splitByPlatform: bars are drawn
    // as their days' shares, with a legend of the platforms.
    void setDays(const QList<Day> &days, bool splitByPlatform = false);
    const QList<Day> &days() const { return m_days; }
    bool isSplitByPlatform() const { return m_split; }

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
    // Colour swatches and their names, right-aligned to `right` on the line at `y`.
    void paintLegend(QPainter &painter, qreal right, qreal y,
                     const QList<std::pair<QColor, QString>> &entries) const;

    QList<Day> m_days;
    bool m_split = false;
};
