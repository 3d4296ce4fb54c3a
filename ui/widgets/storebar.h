#pragma once

#include <QWidget>

class GatewayProxy;
class QComboBox;
class QLabel;
class QLineEdit;

// The top of the till: which store it verifies for (Douyin's store list; a POI id can be
// typed when the list is unreachable) and who is at the till. Both are remembered.
class StoreBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreBar)

public:
    explicit StoreBar(GatewayProxy *gateway, QWidget *parent = nullptr);

    // Asks the gateway for the store list again (answers later).
    void loadStores();
    // The selected store; a typed POI id when Douyin's store list is unreachable.
    QString poiId() const;
    QString cashier() const;
    QComboBox *selector() const { return m_store; }

signals:
    // Another store was selected, or the list arrived.
    void storeChanged();
    // A field was left or changed: the code input may take the focus back.
    void edited();

protected:
    void changeEvent(QEvent *event) override;

private:
    void rememberPreferences();
    void retranslateUi();

    GatewayProxy *m_gateway;
    QLabel *m_storeLabel;
    QComboBox *m_store;
    QLabel *m_operatorLabel;
    QLineEdit *m_operator;
};
