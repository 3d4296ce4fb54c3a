#pragma once

#include <QAbstractTableModel>
#include <QHash>

#include "core/store/verificationqueries.h"

// A summary's rows under one group-by key, and a bold totals row at the end.
class SummaryTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryTableModel)

public:
    enum Column {
        KeyColumn,
        SuccessColumn,
        FailedColumn,
        CheckingColumn,
        CancelledColumn, // cancelled successes, counted in none of the others or the amounts
        PayAmountColumn,
        ReceiptAmountColumn,
        DiscountAmountColumn,
        ColumnCount
    };

    explicit SummaryTableModel(QObject *parent = nullptr);

    void setSummary(const VerificationSummary &summary, SummaryQuery::GroupKey key);
    void setPoiNames(const QHash<QString, QString> &names);
    const VerificationSummary &summary() const { return m_summary; }
    SummaryQuery::GroupKey groupKey() const { return m_key; }
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Still being checked, as staff see it: unknown outcomes and verifications in flight.
    static qint64 checkingCount(const VerificationSummaryRow &row)
    {
        return row.unknownCount + row.pendingCount;
    }

private:
    QString keyText(const VerificationSummaryRow &row) const;
    QString text(const VerificationSummaryRow &row, int column) const;

    VerificationSummary m_summary;
    SummaryQuery::GroupKey m_key = SummaryQuery::GroupKey::Date;
    QHash<QString, QString> m_poiNames;
};
