#include "ui/models/reconciliationtablemodel.h"

#include "ui/reconciliationtext.h"
#include "ui/recordtext.h"
#include "ui/style.h"

namespace {

// clang-format off
const char *const HEADERS[] = {
    //: Column: the kind of difference (only on the platform, only here, ...)
    QT_TRANSLATE_NOOP("ReconciliationTableModel", "Difference"),
    QT_TRANSLATE_NOOP("ReconciliationTableModel", "Platform"),
    //: Column: when the coupon was verified
    QT_TRANSLATE_NOOP("ReconciliationTableModel", "Verified at"),
    QT_TRANSLATE_NOOP("ReconciliationTableModel", "Coupon code"),
    QT_TRANSLATE_NOOP("ReconciliationTableModel", "Product"),
    //: Column: this till's record of the coupon, status and amount (本机)
    QT_TRANSLATE_NOOP("ReconciliationTableModel", "This till"),
    //: Column: the platform's record of the coupon, status and amount (平台)
    QT_TRANSLATE_NOOP("ReconciliationTableModel", "On the platform"),
    QT_TRANSLATE_NOOP("ReconciliationTableModel", "Store"),
    //: Column: what the difference means, in words
    QT_TRANSLATE_NOOP("ReconciliationTableModel", "What happened"),
};
// clang-format on

} // namespace

void ReconciliationTableModel::setEntries(const QList<ReconciliationEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

void ReconciliationTableModel::setPoiNames(const QHash<QString, QString> &names)
{
    m_poiNames = names;
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, StoreColumn), index(m_entries.size() - 1, StoreColumn));
}

void ReconciliationTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, 0), index(m_entries.size() - 1, ColumnCount - 1));
}

int ReconciliationTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ReconciliationTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReconciliationTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const ReconciliationEntry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return text(entry, index.column());
    case Qt::ToolTipRole:
        // The explanation may be cut at the column's edge.
        if (index.column() == ExplanationColumn || index.column() == ProductColumn)
            return text(entry, index.column());
        break;
    case Qt::ForegroundRole:
        if (index.column() == KindColumn)
            return Style::colour(entry.isDifference() ? Style::Colour::Failure
                                                      : Style::Colour::Checking);
        break;
    case PlatformRole:
        if (index.column() == PlatformColumn)
            return int(entry.platformId());
        break;
    default:
        break;
    }
    return {};
}

QString ReconciliationTableModel::text(const ReconciliationEntry &entry, int column) const
{
    switch (column) {
    case KindColumn:
        return ReconciliationText::kind(entry.kind);
    case PlatformColumn:
        return RecordText::platformShort(entry.platformId());
    case TimeColumn:
        return RecordText::dateTime(entry.time());
    case CodeColumn: {
        const QString code = entry.code();
        return code.isEmpty() ? RecordText::none() : code;
    }
    case ProductColumn: {
        const QString product = entry.productName();
        return product.isEmpty() ? RecordText::none() : product;
    }
    case LocalColumn:
        if (!entry.local)
            return RecordText::none();
        //: A side of a difference: its status, then the amount paid
        return tr("%1 · %2").arg(ReconciliationText::localStatus(*entry.local),
                                 RecordText::money(entry.local->payAmount));
    case RemoteColumn:
        if (!entry.platform)
            return RecordText::none();
        return tr("%1 · %2").arg(ReconciliationText::platformStatus(entry.platform->status),
                                 RecordText::money(entry.platform->payAmount));
    case StoreColumn: {
        const QString poiId = entry.poiId();
        return m_poiNames.value(poiId, poiId);
    }
    case ExplanationColumn:
        return ReconciliationText::explanation(entry);
    }
    return {};
}

QVariant ReconciliationTableModel::headerData(int section, Qt::Orientation orientation,
                                              int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section >= ColumnCount)
        return {};
    return tr(HEADERS[section]);
}
