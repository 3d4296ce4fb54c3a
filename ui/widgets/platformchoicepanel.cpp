#include "ui/widgets/platformchoicepanel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/style.h"
#include "ui/widgets/platformbadge.h"

PlatformChoicePanel::PlatformChoicePanel(QWidget *parent)
    : QFrame(parent),
      m_question(new QLabel(this)),
      m_buttonRow(new QHBoxLayout)
{
    setObjectName(QStringLiteral("platformChoicePanel"));
    setStyleSheet(Style::platformChoicePanel());
    QFont questionFont = m_question->font();
    questionFont.setPointSizeF(questionFont.pointSizeF() * 1.5);
    questionFont.setBold(true);
    m_question->setFont(questionFont);
    m_question->setWordWrap(true);
    m_question->setAlignment(Qt::AlignCenter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 18, 24, 18);
    layout->addWidget(m_question);
    layout->addLayout(m_buttonRow);
    retranslateUi();
}

void PlatformChoicePanel::showChoice(const QList<PlatformId> &platforms)
{
    while (QLayoutItem *item = m_buttonRow->takeAt(0))
        delete item; // the stretches; the buttons go next
    qDeleteAll(m_buttons);
    m_buttons.clear();
    m_platforms = platforms;
    m_buttonRow->addStretch();
    for (const PlatformId platform : platforms) {
        auto *button = new QPushButton(this);
        button->setObjectName(QStringLiteral("choose_") + Platforms::toString(platform));
        QFont big = button->font();
        big.setPointSizeF(big.pointSizeF() * 2.4);
        button->setFont(big);
        button->setMinimumSize(220, 96);
        button->setStyleSheet(Style::platformChoiceButton(platform));
        button->setFocusPolicy(Qt::NoFocus); // the scanner gun types into the code input
        connect(button, &QPushButton::clicked, this, [this, platform] { emit chosen(platform); });
        m_buttonRow->addWidget(button);
        m_buttons.append(button);
    }
    m_buttonRow->addStretch();
    retranslateUi();
}

QPushButton *PlatformChoicePanel::button(PlatformId platform) const
{
    const qsizetype index = m_platforms.indexOf(platform);
    return index < 0 ? nullptr : m_buttons.at(index);
}

void PlatformChoicePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

void PlatformChoicePanel::retranslateUi()
{
    m_question->setText(tr("This code is on more than one platform. Which app did the customer "
                           "show it in?"));
    for (qsizetype i = 0; i < m_buttons.size(); ++i)
        m_buttons.at(i)->setText(PlatformBadge::shortName(m_platforms.at(i)));
}
