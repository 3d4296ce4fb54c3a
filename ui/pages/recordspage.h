#pragma once

#include <QWidget>

class EngineProxy;

class RecordsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordsPage)

public:
    explicit RecordsPage(EngineProxy *engine, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    EngineProxy *m_engine;
};
