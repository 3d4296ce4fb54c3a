#include "ui/pages/recordspage.h"

#include <QEvent>

RecordsPage::RecordsPage(EngineProxy *engine, QWidget *parent) : QWidget(parent), m_engine(engine)
{
    retranslateUi();
}

void RecordsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RecordsPage::retranslateUi() { }
