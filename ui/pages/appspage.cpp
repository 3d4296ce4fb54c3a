#include "ui/pages/appspage.h"

#include <QEvent>

AppsPage::AppsPage(EngineProxy *engine, QWidget *parent) : QWidget(parent), m_engine(engine)
{
    retranslateUi();
}

void AppsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AppsPage::retranslateUi() { }
