#include "ui/models/summarytablemodel.h"

#include <QFont>
#include <QLocale>

#include "ui/recordtext.h"

namespace {

// clang-format off
const char *const VALUE_TITLES[] = {
    nullptr, // the key column's title depends on the grouping
    //: Column: successful verifications
    QT_TRANSLATE_NOOP("SummaryTableModel", "Verified"),
    QT_TRANSLATE_NOOP("SummaryTableModel", "Failed"),
    //: Column: verifications whose outcome is still being checked with Douyin
    QT_TRANSLATE_NOOP("SummaryTableModel", "Checking"),
    //: Column: successful verifications that were cancelled later (已撤销)
    QT_TRANSLATE_NOOP("SummaryTableModel", "Cancelled"),
    //: Column: what customers paid for the verified coupons
    QT_TRANSLATE_NOOP("SummaryTableModel", "Paid"),
    //: Column: what the store receives for the verified coupons (receipt amount)
    QT_TRANSLATE_NOOP("SummaryTableModel", "Received"),
    QT_TRANSLATE_NOOP("SummaryTableModel", "Discount"),
};
// clang-format on

} // namespace

SummaryTableModel::SummaryTableModel(QObject *parent) : QAbstractTableModel(parent) { }

void SummaryTableModel::setSummary(const VerificationSummary &summary, SummaryQuery::GroupKey key)
{
    beginResetModel();
    m_summary = summary;
    m_key = key;
    endResetModel();
    emit headerDataChanged(Qt::Horizontal, KeyColumn, KeyColumn);
}

void SummaryTableModel::setPoiNames(const QHash<QString, QString> &names)
{
    m_poiNames = names;
    if (rowCount() > 0)
        emit dataChanged(index(0, KeyColumn), index(rowCount() - 1, KeyColumn));
}

void SummaryTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int SummaryTableModel::rowCount(const QModelIndex &parent) const
{
    // The totals row is there even when no group has records: it reads all zeros.
    return parent.isValid() ? 0 : int(m_summary.rows.size()) + 1;
}

int SummaryTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SummaryTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const bool totals = index.row() == m_summary.rows.size();
    const VerificationSummaryRow &row = totals ? m_summary.totals : m_summary.rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == KeyColumn)
            return totals ? tr("Total") : keyText(row);
        return text(row, index.column());
    case Qt::ToolTipRole:
        if (!totals && index.column() == KeyColumn && m_key == SummaryQuery::GroupKey::Poi)
            return row.poiId.value_or(QString());
        // The receipt counts settled verifications only; the rest is still to come.
        if (index.column() == ReceiptAmountColumn && row.settlementPendingCount > 0)
            return tr("%n verification(s) still pending settlement", nullptr,
                      int(row.settlementPendingCount));
        return {};
    case Qt::FontRole:
        if (totals) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == KeyColumn)
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        return int(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QString SummaryTableModel::keyText(const VerificationSummaryRow &row) const
{
    using GroupKey = SummaryQuery::GroupKey;
    switch (m_key) {
    case GroupKey::Date:
        return row.date ? row.date->toString(Qt::ISODate) : RecordText::none();
    case GroupKey::Poi: {
        const QString id = row.poiId.value_or(QString());
        return m_poiNames.value(id, id);
    }
    case GroupKey::App:
        return RecordText::appName(row.appId.value_or(0), row.appName);
    case GroupKey::Product:
        //: A summary row for records that named no product
        return row.productName.isEmpty() ? tr("(no product)") : row.productName;
    case GroupKey::Platform:
        return row.platform ? RecordText::platform(*row.platform) : RecordText::none();
    case GroupKey::Gateway:
        return row.gatewayName.value_or(QString()).isEmpty() ? RecordText::none()
                                                             : *row.gatewayName;
    }
    return {};
}

QString SummaryTableModel::text(const VerificationSummaryRow &row, int column) const
{
    const QLocale locale;
    switch (column) {
    case SuccessColumn:
        return locale.toString(row.successCount);
    case FailedColumn:
        return locale.toString(row.failedCount);
    case CheckingColumn:
        return locale.toString(checkingCount(row));
    case CancelledColumn:
        return locale.toString(row.cancelledCount);
    case PayAmountColumn:
        return RecordText::money(row.payAmount);
    case ReceiptAmountColumn:
        return RecordText::money(row.receiptAmount);
    case DiscountAmountColumn:
        return RecordText::money(row.discountAmount);
    default:
        return {};
    }
}

QVariant SummaryTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return int((section == KeyColumn ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    if (section != KeyColumn)
        return tr(VALUE_TITLES[section]);
    using GroupKey = SummaryQuery::GroupKey;
    switch (m_key) {
    case GroupKey::Date:
        return tr("Date");
    case GroupKey::Poi:
        return tr("Store");
    case GroupKey::App:
        //: Column: the till or LAN device (verifier app) that verified
        return tr("Verified by");
    case GroupKey::Product:
        return tr("Product");
    case GroupKey::Platform:
        return tr("Platform");
    case GroupKey::Gateway:
        //: Column: the gateway (till) of a chain that made the records
        return tr("Gateway");
    }
    return {};
}
