#pragma once

#include <QWidget>

class EngineProxy;

class AppsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppsPage)

public:
    explicit AppsPage(EngineProxy *engine, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    EngineProxy *m_engine;
};
