#include "ui/pages/verifypage.h"

VerifyPage::VerifyPage(EngineProxy *engine, QWidget *parent) : QWidget(parent), m_engine(engine) { }
