#include "ui/widgets/platformbadge.h"

#include <QEvent>

#include "ui/recordtext.h"
#include "ui/style.h"

PlatformBadge::PlatformBadge(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("platformBadge"));
    setAlignment(Qt::AlignCenter);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    QFont badgeFont = font();
    badgeFont.setPointSizeF(badgeFont.pointSizeF() * 1.3);
    setFont(badgeFont);
    hide();
}

QString PlatformBadge::shortName(PlatformId platform)
{
    return RecordText::platformShort(platform);
}

void PlatformBadge::setPlatform(std::optional<PlatformId> platform)
{
    m_platform = platform;
    if (platform)
        setStyleSheet(Style::platformBadge(*platform));
    retranslateUi();
    setVisible(platform.has_value());
}

void PlatformBadge::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QLabel::changeEvent(event);
}

void PlatformBadge::retranslateUi()
{
    setText(m_platform ? shortName(*m_platform) : QString());
}
