#pragma once

#include <optional>

#include <QAbstractTableModel>
#include <QList>

#include "core/store/verifierapp.h"

// The verifier apps as the apps page lists them. It holds VerifierApp values only, which
// never carry a client secret, so nothing the list shows can leak one.
class VerifierAppTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerifierAppTableModel)

public:
    enum Column { Name, ClientKey, Status, TokenRead, LastUsed, Created, ColumnCount };
    static constexpr int APP_ID_ROLE = Qt::UserRole + 1;

    explicit VerifierAppTableModel(QObject *parent = nullptr);

    void setApps(const QList<VerifierApp> &apps);
    // Replaces the app with the same id (after a change the gateway confirmed).
    void updateApp(const VerifierApp &app);
    const VerifierApp *app(int row) const;
    int rowOf(qint64 id) const; // -1 when absent
    // Texts are made in data() and headerData(); this tells views to ask again.
    void retranslate();

    static QString statusText(VerifierApp::Status status);
    // "Never" or a local date and time.
    static QString timeText(std::optional<qint64> unixMs);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<VerifierApp> m_apps;
};
