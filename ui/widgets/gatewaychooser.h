#pragma once

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;

// Chain mode's "which gateway (till)" filter: 全部 or one gateway's name. Hidden while no
// gateway has a name (a lone gateway), so a single store never sees it.
class GatewayChooser final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GatewayChooser)

public:
    explicit GatewayChooser(QWidget *parent = nullptr);

    // Keeps the chosen name when it is still listed.
    void setNames(const QStringList &names);
    QStringList names() const { return m_names; }
    // '' = every gateway.
    QString gatewayName() const;
    void setGatewayName(const QString &name);

signals:
    void gatewayChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_label;
    QComboBox *m_combo;
    QStringList m_names;
};
