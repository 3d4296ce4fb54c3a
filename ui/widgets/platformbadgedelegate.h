#pragma once

#include <QStyledItemDelegate>

// Paints a cell as a small badge in its platform's colours (抖音 / 美团), read from
// PlatformRole; other cells and cells without a platform are painted as usual. The text
// stays the model's DisplayRole, so copying and screen readers get the name.
class PlatformBadgeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlatformBadgeDelegate)

public:
    // The role whose value is int(PlatformId).
    explicit PlatformBadgeDelegate(int platformRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_platformRole;
};
