#pragma once

#include <optional>

#include <QList>
#include <QWidget>

#include "core/platform/platformid.h"

class QButtonGroup;
class QPushButton;

// Beside the code input: 自动 (the gateway decides, MEITUAN.md §8) or one of the store's
// platforms, forced. Only the platforms the selected store has; hidden when it has one.
class PlatformToggle final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlatformToggle)

public:
    explicit PlatformToggle(QWidget *parent = nullptr);

    // The store's platforms; the choice goes back to automatic.
    void setPlatforms(const QList<PlatformId> &platforms);
    QList<PlatformId> platforms() const { return m_platforms; }

    // nullopt: automatic.
    std::optional<PlatformId> forced() const;
    void setForced(std::optional<PlatformId> platform);
    // The button of a platform (nullopt: 自动), for tests and screenshots; nullptr if not shown.
    QPushButton *button(std::optional<PlatformId> platform) const;

signals:
    void choiceChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QList<PlatformId> m_platforms;
    QButtonGroup *m_group;
    QPushButton *m_auto;
    QList<QPushButton *> m_buttons; // one per m_platforms entry, same order
};
