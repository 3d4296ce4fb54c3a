#pragma once

#include <optional>

#include <QHash>
#include <QList>
#include <QPair>
#include <QWidget>

#include "core/meituan/meituanstatus.h"

class GatewayProxy;
class MeituanBindDialog;
class QGridLayout;
class QLabel;
class QPushButton;
class QVBoxLayout;

// The stores of the Douyin account (the list the verify page offers) and, for each, whether it
// is bound to its Meituan store: the Meituan store (opBizCode), until when its token is valid
// and, in red, a refresh Meituan refused. "Bind Meituan store" opens Meituan's signed
// authorization page in the browser and asks for the code Meituan gives back
// (MeituanBindDialog). Stores bound but not on the Douyin list are shown too.
class MeituanStoreList final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MeituanStoreList)

public:
    explicit MeituanStoreList(GatewayProxy *gateway, QWidget *parent = nullptr);

    // Asks the gateway again for the stores and their bindings; refreshed() follows.
    void refresh();
    // What "Bind Meituan store" does for poiId; bindDialogOpened() follows.
    void startBinding(const QString &poiId);
    const MeituanStatus &status() const { return m_status; }
    void retranslateUi();

signals:
    void refreshed();
    void bindDialogOpened(MeituanBindDialog *dialog);
    void storeBound(const QString &poiId);

private:
    struct Row
    {
        QLabel *name = nullptr;
        QLabel *state = nullptr;
        QLabel *refreshError = nullptr;
        QPushButton *bind = nullptr;
    };

    void arrived(int generation);
    void showStores();
    void rebuildRows(const QStringList &poiIds);
    void updateRow(const QString &poiId, const Row &row) const;
    void updateNote();
    QString nameOf(const QString &poiId) const;
    const MeituanStatus::Store *bindingOf(const QString &poiId) const;

    GatewayProxy *m_gateway;
    int m_generation = 0; // answers to an older refresh are dropped
    int m_waiting = 0;
    bool m_loaded = false;
    QList<QPair<QString, QString>> m_pois; // id and name, in Douyin's order
    std::optional<QString> m_poiError; // why Douyin's store list could not be read
    MeituanStatus m_status;

    QLabel *m_intro = nullptr;
    QLabel *m_note = nullptr;
    QVBoxLayout *m_layout = nullptr;
    QWidget *m_rowsWidget = nullptr; // made again when the stores change
    QStringList m_shownIds;
    QHash<QString, Row> m_rows;
};
