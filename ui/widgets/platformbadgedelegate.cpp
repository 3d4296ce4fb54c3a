#include "ui/widgets/platformbadgedelegate.h"

#include <QApplication>
#include <QPainter>

#include "core/platform/platformid.h"
#include "ui/style.h"

namespace {

constexpr int PADDING = 8; // left and right of the name, inside the badge

} // namespace

PlatformBadgeDelegate::PlatformBadgeDelegate(int platformRole, QObject *parent)
    : QStyledItemDelegate(parent),
      m_platformRole(platformRole)
{
}

void PlatformBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const
{
    const QVariant platform = index.data(m_platformRole);
    if (!platform.isValid())
        return QStyledItemDelegate::paint(painter, option, index);

    // The row's background and selection first, as any cell of the row; then the badge.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const QString name = index.data(Qt::DisplayRole).toString();
    const Style::PlatformTone tone = Style::platformTone(PlatformId(platform.toInt()));
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    const int height = qMin(option.rect.height() - 6, metrics.height() + 6);
    const QRect badge(option.rect.left() + 6, option.rect.center().y() - height / 2 + 1,
                      qMin(option.rect.width() - 12, metrics.horizontalAdvance(name) + 2 * PADDING),
                      height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(tone.edge, 1));
    painter->setBrush(tone.background);
    painter->drawRoundedRect(QRectF(badge).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    painter->setFont(bold);
    painter->setPen(tone.text);
    painter->drawText(badge, Qt::AlignCenter, name);
    painter->restore();
}

QSize PlatformBadgeDelegate::sizeHint(const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.data(m_platformRole).isValid()) {
        QFont bold = option.font;
        bold.setBold(true);
        size.setWidth(QFontMetrics(bold).horizontalAdvance(index.data().toString()) + 2 * PADDING
                      + 12);
    }
    return size;
}
