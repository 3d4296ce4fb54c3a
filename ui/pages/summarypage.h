#pragma once

#include <QWidget>

class EngineProxy;

class SummaryPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryPage)

public:
    explicit SummaryPage(EngineProxy *engine, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    EngineProxy *m_engine;
};
