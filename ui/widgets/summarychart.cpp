#include "ui/widgets/summarychart.h"

#include <cmath>

#include <QEvent>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include "ui/recordtext.h"
#include "ui/style.h"

namespace {

const QColor COUNT_COLOR = Style::colour(Style::Colour::ChartCount);
const QColor PAY_COLOR = Style::colour(Style::Colour::ChartPay);
const QColor RECEIPT_COLOR = Style::colour(Style::Colour::ChartReceipt);
const QColor GRID_COLOR = Style::colour(Style::Colour::ChartGrid);
const QColor TEXT_COLOR = Style::colour(Style::Colour::ChartText);
const QColor MUTED_TEXT_COLOR = Style::colour(Style::Colour::ChartMutedText);
constexpr int GRID_LINES = 4;
constexpr int MUTED_ALPHA = 80;

// The smallest 1, 2, 2.5 or 5 times a power of ten that, GRID_LINES times, reaches `max`;
// 2.5 only where it stays a whole number of units (no gridline at 2.5 coupons).
qint64 niceTop(qint64 max, qint64 unit)
{
    const double rough = std::max<double>(double(max) / unit / GRID_LINES, 1.0);
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    double step = 10 * magnitude;
    for (const double factor : {1.0, 2.0, 2.5, 5.0}) {
        const double candidate = factor * magnitude;
        if (candidate * unit != std::floor(candidate * unit))
            continue;
        if (candidate >= rough) {
            step = candidate;
            break;
        }
    }
    return qint64(std::llround(step * unit)) * GRID_LINES;
}

QString yuanLabel(qint64 fen)
{
    // Whole yuan on the axis: the gridlines sit on round amounts.
    return QStringLiteral("¥") + QLocale(QLocale::English).toString(fen / 100);
}

QColor muted(QColor color, bool selected)
{
    if (!selected)
        color.setAlpha(MUTED_ALPHA);
    return color;
}

// A platform's colour washed towards white: its paid amounts, beside the received in full.
QColor washed(const QColor &color)
{
    constexpr qreal WASH = 0.55;
    return QColor::fromRgbF(color.redF() + (1 - color.redF()) * WASH,
                            color.greenF() + (1 - color.greenF()) * WASH,
                            color.blueF() + (1 - color.blueF()) * WASH);
}

using Part = std::pair<qint64, QColor>;

// A bar whose full height stands for the sum of `parts`, filled from the bottom part by part.
void paintStack(QPainter &painter, const QRectF &bar, const QList<Part> &parts, bool selected)
{
    qint64 total = 0;
    for (const Part &part : parts)
        total += part.first;
    if (total <= 0)
        return;
    qreal bottom = bar.bottom();
    for (const auto &[value, color] : parts) {
        const qreal height = bar.height() * value / total;
        painter.fillRect(QRectF(bar.left(), bottom - height, bar.width(), height),
                         muted(color, selected));
        bottom -= height;
    }
}

enum class Bar { Count, Paid, Received };

// What one of a day's bars is made of.
QList<Part> partsOf(const SummaryChart::Day &day, Bar kind, bool split)
{
    const auto valueOf = [kind](qint64 count, qint64 pay, qint64 receipt) {
        return kind == Bar::Count ? count : kind == Bar::Paid ? pay : receipt;
    };
    if (!split) {
        const QColor color = kind == Bar::Count ? COUNT_COLOR
                : kind == Bar::Paid             ? PAY_COLOR
                                                : RECEIPT_COLOR;
        return {{valueOf(day.count, day.payAmount, day.receiptAmount), color}};
    }
    QList<Part> parts;
    for (const SummaryChart::Share &share : day.shares) {
        const QColor color = Style::platformTone(share.platform).background;
        parts.append({valueOf(share.count, share.payAmount, share.receiptAmount),
                      kind == Bar::Paid ? washed(color) : color});
    }
    return parts;
}

} // namespace

SummaryChart::SummaryChart(QWidget *parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(true);
}

void SummaryChart::setDays(const QList<Day> &days, bool splitByPlatform)
{
    m_days = days;
    m_split = splitByPlatform;
    update();
}

QSize SummaryChart::sizeHint() const
{
    return {800, fontMetrics().height() * 18};
}

QSize SummaryChart::minimumSizeHint() const
{
    return {360, fontMetrics().height() * 14};
}

QRectF SummaryChart::plotArea() const
{
    const QFontMetrics metrics = fontMetrics();
    const qreal left = metrics.horizontalAdvance(QStringLiteral("¥888,888,888")) + 14;
    return QRectF(QPointF(left, 0), QPointF(width() - 16, height()));
}

int SummaryChart::dayAt(const QPointF &point) const
{
    const QRectF area = plotArea();
    if (m_days.isEmpty() || point.x() < area.left() || point.x() >= area.right())
        return -1;
    const qreal slot = area.width() / m_days.size();
    return qBound(0, int((point.x() - area.left()) / slot), int(m_days.size()) - 1);
}

void SummaryChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    painter.setRenderHint(QPainter::Antialiasing, false);

    const QFontMetrics metrics = fontMetrics();
    const int line = metrics.height();
    const QRectF area = plotArea();
    // Two panels one above the other, each a title line and a plot, with the dates under the
    // lower one. The gaps leave room for the top gridline's label.
    const qreal titleSpace = line * 2.0;
    const qreal between = line * 0.8;
    const qreal plotHeight = (height() - line * 1.6 - 2 * titleSpace - between) / 2.0;
    Panel counts;
    counts.title = tr("Verified coupons per day");
    counts.plot = QRectF(area.left(), titleSpace, area.width(), plotHeight);
    Panel amounts;
    amounts.title = tr("Amount per day");
    amounts.plot = QRectF(area.left(), counts.plot.bottom() + between + titleSpace, area.width(),
                          plotHeight);

    qint64 maxCount = 0;
    qint64 maxAmount = 0;
    for (const Day &day : m_days) {
        maxCount = qMax(maxCount, day.count);
        maxAmount = qMax(maxAmount, qMax(day.payAmount, day.receiptAmount));
    }
    // Headroom above the tallest bar for its value label.
    counts.top = niceTop(maxCount + (maxCount + 9) / 10, 1);
    amounts.top = niceTop(maxAmount + maxAmount / 8, 100);
    paintPanel(painter, counts, false);
    paintPanel(painter, amounts, true);

    // The legends, right-aligned on the panels' title lines. Split, the platforms have the
    // colours and a washed-out bar beside a full one tells paid from received.
    const QColor neutral = Style::colour(Style::Colour::Muted);
    if (m_split) {
        QList<std::pair<QColor, QString>> platforms;
        for (const PlatformId platform : {PlatformId::Meituan, PlatformId::Douyin})
            platforms.append({Style::platformTone(platform).background,
                              RecordText::platformShort(platform)});
        paintLegend(painter, area.right(), counts.plot.top() - titleSpace, platforms);
    }
    paintLegend(painter, area.right(), amounts.plot.top() - titleSpace,
                {{m_split ? neutral : RECEIPT_COLOR, tr("Received")},
                 {m_split ? washed(neutral) : PAY_COLOR, tr("Paid")}});

    // Dates under the lower panel, thinned to what fits, counted back from the last day so
    // the newest always has its label.
    if (!m_days.isEmpty()) {
        const qreal slot = area.width() / m_days.size();
        const qreal labelWidth = metrics.horizontalAdvance(QStringLiteral("00-00")) + 12;
        const int every = qMax(1, int(std::ceil(labelWidth / slot)));
        painter.setPen(TEXT_COLOR);
        for (int i = int(m_days.size()) - 1; i >= 0; i -= every) {
            const qreal centre = area.left() + slot * (i + 0.5);
            painter.setPen(m_days.at(i).selected ? TEXT_COLOR : MUTED_TEXT_COLOR);
            painter.drawText(
                    QRectF(centre - labelWidth / 2, amounts.plot.bottom() + 4, labelWidth, line),
                    Qt::AlignCenter, m_days.at(i).date.toString(QStringLiteral("MM-dd")));
        }
    }

    if (maxCount == 0 && maxAmount == 0) {
        QFont bigger = font();
        bigger.setPointSizeF(bigger.pointSizeF() * 1.2);
        painter.setFont(bigger);
        painter.setPen(MUTED_TEXT_COLOR);
        // Inside the upper plot: centred on both panels it would cross the lower one's title.
        painter.drawText(counts.plot, Qt::AlignCenter, tr("No verifications in this period"));
    }
}

void SummaryChart::paintPanel(QPainter &painter, const Panel &panel, bool amounts) const
{
    const QFontMetrics metrics = fontMetrics();
    const int line = metrics.height();
    const QRectF &plot = panel.plot;

    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(TEXT_COLOR);
    painter.drawText(QRectF(0, plot.top() - line * 2.0, width(), line), Qt::AlignVCenter,
                     panel.title);
    painter.setFont(font());

    for (int i = 0; i <= GRID_LINES; ++i) {
        const qint64 value = panel.top * i / GRID_LINES;
        const qreal y = std::round(plot.bottom() - plot.height() * i / GRID_LINES) + 0.5;
        painter.setPen(i == 0 ? MUTED_TEXT_COLOR : GRID_COLOR);
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(MUTED_TEXT_COLOR);
        const QString label = amounts ? yuanLabel(value) : QLocale().toString(value);
        painter.drawText(QRectF(0, y - line / 2.0, plot.left() - 8, line),
                         Qt::AlignRight | Qt::AlignVCenter, label);
    }
    if (m_days.isEmpty() || panel.top <= 0)
        return;

    const qreal slot = plot.width() / m_days.size();
    const auto heightOf = [&](qint64 value) {
        return plot.height() * value / panel.top;
    };
    for (int i = 0; i < m_days.size(); ++i) {
        const Day &day = m_days.at(i);
        const qreal left = plot.left() + slot * i;
        if (!amounts) {
            const qreal barWidth = qMax<qreal>(1, slot * 0.6);
            const QRectF bar(left + (slot - barWidth) / 2, plot.bottom() - heightOf(day.count),
                             barWidth, heightOf(day.count));
            paintStack(painter, bar, partsOf(day, Bar::Count, m_split), day.selected);
            const QString label = QLocale().toString(day.count);
            if (day.count > 0 && metrics.horizontalAdvance(label) + 4 <= slot) {
                painter.setPen(muted(TEXT_COLOR, day.selected));
                painter.drawText(QRectF(left, bar.top() - line, slot, line),
                                 Qt::AlignHCenter | Qt::AlignBottom, label);
            }
        } else {
            const qreal barWidth = qMax<qreal>(1, slot * 0.35);
            const qreal start = left + (slot - 2 * barWidth) / 2;
            const QRectF pay(start, plot.bottom() - heightOf(day.payAmount), barWidth,
                             heightOf(day.payAmount));
            const QRectF receipt(start + barWidth, plot.bottom() - heightOf(day.receiptAmount),
                                 barWidth, heightOf(day.receiptAmount));
            paintStack(painter, pay, partsOf(day, Bar::Paid, m_split), day.selected);
            paintStack(painter, receipt, partsOf(day, Bar::Received, m_split), day.selected);
            const QString label = RecordText::money(day.payAmount);
            if (day.payAmount > 0 && metrics.horizontalAdvance(label) + 4 <= slot) {
                painter.setPen(muted(TEXT_COLOR, day.selected));
                painter.drawText(QRectF(left, qMin(pay.top(), receipt.top()) - line, slot, line),
                                 Qt::AlignHCenter | Qt::AlignBottom, label);
            }
        }
    }
}

void SummaryChart::paintLegend(QPainter &painter, qreal right, qreal y,
                               const QList<std::pair<QColor, QString>> &entries) const
{
    const QFontMetrics metrics = fontMetrics();
    const int line = metrics.height();
    qreal x = right;
    for (const auto &[color, text] : entries) {
        const qreal textWidth = metrics.horizontalAdvance(text);
        x -= textWidth;
        painter.setPen(TEXT_COLOR);
        painter.drawText(QRectF(x, y, textWidth, line), Qt::AlignVCenter, text);
        x -= line * 0.9;
        painter.fillRect(QRectF(x, y + line * 0.2, line * 0.6, line * 0.6), color);
        x -= line;
    }
}

bool SummaryChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int index = dayAt(help->pos());
        if (index < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const Day &day = m_days.at(index);
        //: Tooltip of one day in the chart
        QString tip = tr("%1\nVerified: %2\nPaid: %3\nReceived: %4")
                              .arg(QLocale().toString(day.date, QLocale::ShortFormat))
                              .arg(day.count)
                              .arg(RecordText::money(day.payAmount),
                                   RecordText::money(day.receiptAmount));
        for (const Share &share : day.shares)
            //: One platform's part of a day in the chart's tooltip: platform, count, paid
            tip += u'\n'
                    + tr("%1: %2 verified, paid %3")
                              .arg(RecordText::platformShort(share.platform))
                              .arg(share.count)
                              .arg(RecordText::money(share.payAmount));
        QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QWidget::event(event);
}

void SummaryChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        update(); // titles and legend are translated as they are painted
    QWidget::changeEvent(event);
}
