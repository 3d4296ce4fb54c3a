#include "ui/widgets/platformtoggle.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QPushButton>

#include "ui/style.h"
#include "ui/widgets/platformbadge.h"

namespace {

constexpr int AUTO_ID = -1; // the group's id of 自动; a platform's is int(PlatformId)

} // namespace

PlatformToggle::PlatformToggle(QWidget *parent)
    : QWidget(parent),
      m_group(new QButtonGroup(this)),
      m_auto(new QPushButton(this))
{
    setStyleSheet(Style::platformToggle());
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_auto->setObjectName(QStringLiteral("platformAuto"));
    m_auto->setCheckable(true);
    m_auto->setChecked(true);
    m_auto->setFocusPolicy(Qt::NoFocus); // the scanner gun types into the code input
    m_group->addButton(m_auto, AUTO_ID);
    layout->addWidget(m_auto);
    connect(m_group, &QButtonGroup::idClicked, this, &PlatformToggle::choiceChanged);
    retranslateUi();
    hide();
}

void PlatformToggle::setPlatforms(const QList<PlatformId> &platforms)
{
    if (platforms == m_platforms)
        return setForced(std::nullopt);
    qDeleteAll(m_buttons);
    m_buttons.clear();
    m_platforms = platforms;
    for (const PlatformId platform : platforms) {
        auto *button = new QPushButton(this);
        button->setObjectName(QStringLiteral("platform_") + Platforms::toString(platform));
        button->setCheckable(true);
        button->setFocusPolicy(Qt::NoFocus);
        m_group->addButton(button, int(platform));
        layout()->addWidget(button);
        m_buttons.append(button);
    }
    setForced(std::nullopt);
    retranslateUi();
    // One platform leaves nothing to choose.
    setVisible(platforms.size() > 1);
}

std::optional<PlatformId> PlatformToggle::forced() const
{
    const int id = m_group->checkedId();
    if (id == AUTO_ID || !m_platforms.contains(PlatformId(id)))
        return std::nullopt;
    return PlatformId(id);
}

void PlatformToggle::setForced(std::optional<PlatformId> platform)
{
    if (QPushButton *chosen = button(platform))
        chosen->setChecked(true);
    else
        m_auto->setChecked(true);
}

QPushButton *PlatformToggle::button(std::optional<PlatformId> platform) const
{
    if (!platform)
        return m_auto;
    const qsizetype index = m_platforms.indexOf(*platform);
    return index < 0 ? nullptr : m_buttons.at(index);
}

void PlatformToggle::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void PlatformToggle::retranslateUi()
{
    //: The platform toggle beside the code input: the gateway decides (自动)
    m_auto->setText(tr("Auto"));
    m_auto->setToolTip(tr("Plain codes go to the platform that knows them"));
    for (qsizetype i = 0; i < m_buttons.size(); ++i) {
        m_buttons.at(i)->setText(PlatformBadge::shortName(m_platforms.at(i)));
        m_buttons.at(i)->setToolTip(tr("Send the next code to %1 only")
                                            .arg(PlatformBadge::shortName(m_platforms.at(i))));
    }
}
