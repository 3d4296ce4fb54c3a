#include "ui/pages/settingspage.h"

#include <QEvent>

SettingsPage::SettingsPage(EngineProxy *engine, QWidget *parent) : QWidget(parent), m_engine(engine)
{
    retranslateUi();
}

void SettingsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SettingsPage::retranslateUi() { }
