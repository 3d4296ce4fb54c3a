#include "ui/pages/summarypage.h"

#include <QEvent>

SummaryPage::SummaryPage(EngineProxy *engine, QWidget *parent) : QWidget(parent), m_engine(engine)
{
    retranslateUi();
}

void SummaryPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SummaryPage::retranslateUi() { }
