#pragma once

#include <QWidget>

class EngineProxy;

class VerifyPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerifyPage)

public:
    explicit VerifyPage(EngineProxy *engine, QWidget *parent = nullptr);

private:
    EngineProxy *m_engine;
};
