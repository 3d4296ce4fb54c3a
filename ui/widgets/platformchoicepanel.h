#pragma once

#include <QFrame>
#include <QList>

#include "core/platform/platformid.h"

class QHBoxLayout;
class QLabel;
class QPushButton;

// A plain code that more than one platform knows (platform_ambiguous): one big button per
// platform, in its colours, so the cashier says which app the customer showed. The choice
// runs the scan again, forced to that platform.
class PlatformChoicePanel final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlatformChoicePanel)

public:
    explicit PlatformChoicePanel(QWidget *parent = nullptr);

    void showChoice(const QList<PlatformId> &platforms);
    QList<PlatformId> platforms() const { return m_platforms; }
    // The button of a platform shown now (named "choose_<platform>"), else nullptr.
    QPushButton *button(PlatformId platform) const;

signals:
    void chosen(PlatformId platform);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QList<PlatformId> m_platforms;
    QLabel *m_question;
    QHBoxLayout *m_buttonRow;
    QList<QPushButton *> m_buttons;
};
