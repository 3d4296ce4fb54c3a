#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include "core/report/reconciliationentry.h"

// The lines of a reconciliation as a table: what kind of difference, which coupon, both sides'
// status and amount, and the explanation in words. The page shows the differences in one and
// the records still being confirmed in another.
class ReconciliationTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconciliationTableModel)

public:
    enum Column {
        KindColumn,
        PlatformColumn,
        TimeColumn,
        CodeColumn,
        ProductColumn,
        LocalColumn,
        RemoteColumn,
        StoreColumn,
        ExplanationColumn,
        ColumnCount
    };
    enum Role {
        PlatformRole = Qt::UserRole + 1, // int(PlatformId), in the platform column: its badge
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setEntries(const QList<ReconciliationEntry> &entries);
    const QList<ReconciliationEntry> &entries() const { return m_entries; }
    // Store names for the store column, by poi id; ids are shown where a name is missing.
    void setPoiNames(const QHash<QString, QString> &names);
    // Headers and words again, in the language just installed.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString text(const ReconciliationEntry &entry, int column) const;

    QList<ReconciliationEntry> m_entries;
    QHash<QString, QString> m_poiNames;
};
