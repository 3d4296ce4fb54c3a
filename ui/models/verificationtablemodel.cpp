#include "ui/models/verificationtablemodel.h"

#include <QFont>

#include "core/runtime/gatewayproxy.h"
#include "ui/canceltext.h"
#include "ui/recordtext.h"
#include "ui/style.h"

namespace {

// clang-format off
const char *const COLUMN_TITLES[VerificationTableModel::ColumnCount] = {
    QT_TRANSLATE_NOOP("VerificationTableModel", "Time"),
    //: Column: the coupon's platform (抖音 / 美团)
    QT_TRANSLATE_NOOP("VerificationTableModel", "Platform"),
    QT_TRANSLATE_NOOP("VerificationTableModel", "Status"),
    QT_TRANSLATE_NOOP("VerificationTableModel", "Product"),
    QT_TRANSLATE_NOOP("VerificationTableModel", "Coupon code"),
    //: Column: what the customer paid for the coupon
    QT_TRANSLATE_NOOP("VerificationTableModel", "Paid"),
    //: Column: what the store receives for the coupon (receipt amount)
    QT_TRANSLATE_NOOP("VerificationTableModel", "Received"),
    QT_TRANSLATE_NOOP("VerificationTableModel", "Store"),
    //: Column: the till or LAN device (verifier app) that verified the coupon
    QT_TRANSLATE_NOOP("VerificationTableModel", "Verified by"),
    QT_TRANSLATE_NOOP("VerificationTableModel", "Order status"),
    //: Column: the cashier who verified the coupon
    QT_TRANSLATE_NOOP("VerificationTableModel", "Operator"),
    //: Column: why a verification failed
    QT_TRANSLATE_NOOP("VerificationTableModel", "Reason"),
};
// clang-format on

bool isCancelled(const VerificationRecord &record)
{
    return record.cancel.status == VerificationRecord::Cancel::Status::Cancelled;
}

} // namespace

VerificationTableModel::VerificationTableModel(GatewayProxy *gateway, QObject *parent)
    : QAbstractTableModel(parent),
      m_gateway(gateway)
{
}

void VerificationTableModel::setFilter(const VerificationFilter &filter)
{
    m_filter = filter;
    reload();
}

void VerificationTableModel::reload()
{
    beginResetModel();
    ++m_generation;
    m_rows.clear();
    m_rowById.clear();
    m_total = 0;
    m_complete = false;
    m_failed = false;
    m_nextPage = 1;
    endResetModel();
    fetchPage();
}

void VerificationTableModel::setPoiNames(const QHash<QString, QString> &names)
{
    m_poiNames = names;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, StoreColumn), index(int(m_rows.size()) - 1, StoreColumn));
}

QString VerificationTableModel::poiName(const QString &poiId) const
{
    return m_poiNames.value(poiId, poiId);
}

void VerificationTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void VerificationTableModel::fetchPage()
{
    m_loading = true;
    const int generation = m_generation;
    m_gateway->listRecords(m_filter, m_nextPage, PAGE_SIZE, this,
                           [this, generation](const Result<VerificationPage> &result) {
                               if (generation != m_generation)
                                   return;
                               m_loading = false;
                               if (!result.ok()) {
                                   m_failed = true;
                                   emit loadFailed(result.error());
                                   return;
                               }
                               const VerificationPage &page = result.value();
                               ++m_nextPage;
                               m_complete = page.items.size() < PAGE_SIZE;
                               m_total = page.total;
                               // Records that arrived since the last page push this page down, so it can
                               // repeat rows already shown.
                               QList<VerificationRecord> fresh;
                               for (const VerificationRecord &record : page.items) {
                                   if (!m_rowById.contains(record.id))
                                       fresh << record;
                               }
                               if (!fresh.isEmpty()) {
                                   const int first = int(m_rows.size());
                                   beginInsertRows({}, first, first + int(fresh.size()) - 1);
                                   for (VerificationRecord &record : fresh) {
                                       record.platformResponse = {};
                                       m_rowById.insert(record.id, int(m_rows.size()));
                                       m_rows << std::move(record);
                                   }
                                   endInsertRows();
                               }
                               emit pageLoaded();
                           });
}

bool VerificationTableModel::applyChanges(const QList<VerificationRecord> &records)
{
    bool newer = false;
    const qint64 newest = m_rows.isEmpty() ? 0 : m_rows.first().createdAt;
    for (VerificationRecord record : records) {
        const int row = rowOf(record.id);
        if (row < 0) {
            newer = newer || record.createdAt >= newest;
            continue;
        }
        record.platformResponse = {};
        // Records straight from the gateway may not carry the app's name; the list's did.
        if (record.appName.isEmpty() && record.appId == m_rows.at(row).appId)
            record.appName = m_rows.at(row).appName;
        m_rows[row] = std::move(record);
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    return newer;
}

int VerificationTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int VerificationTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VerificationTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const VerificationRecord &record = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return text(record, index.column());
    case Qt::ToolTipRole:
        switch (index.column()) {
        case ProductColumn:
            return record.skuName.isEmpty() ? QVariant() : QVariant(record.skuName);
        case StoreColumn:
            return record.poiId;
        case PlatformColumn:
            return RecordText::platform(record.platform);
        case ReceiptAmountColumn:
            return record.settlementStatus ? RecordText::settlement(*record.settlementStatus)
                                           : QVariant();
        case ReasonColumn:
        case OperatorColumn: {
            const QString shown = text(record, index.column());
            return shown.isEmpty() ? QVariant() : QVariant(shown);
        }
        default:
            return {};
        }
    case Qt::ForegroundRole:
        if (isCancelled(record))
            return Style::colour(Style::Colour::Cancelled);
        if (index.column() == ReasonColumn && record.cancel.isOpen())
            return Style::colour(Style::Colour::Checking); // a cancel still being confirmed
        if (index.column() == StatusColumn || index.column() == ReasonColumn)
            return RecordText::statusColor(record.verifyStatus);
        return {};
    case Qt::FontRole: {
        // A cancelled verification stays in the list, struck through: it no longer counts.
        QFont font;
        font.setBold(index.column() == StatusColumn);
        font.setStrikeOut(isCancelled(record) && index.column() != StatusColumn);
        return font.bold() || font.strikeOut() ? QVariant(font) : QVariant();
    }
    case Qt::TextAlignmentRole:
        if (index.column() == PayAmountColumn || index.column() == ReceiptAmountColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case IdRole:
        return record.id;
    case PlatformRole:
        return index.column() == PlatformColumn ? QVariant(int(record.platform)) : QVariant();
    default:
        return {};
    }
}

QString VerificationTableModel::text(const VerificationRecord &record, int column) const
{
    using Status = VerificationRecord::Status;
    switch (column) {
    case TimeColumn:
        return RecordText::dateTime(record.createdAt);
    case PlatformColumn:
        return RecordText::platformShort(record.platform);
    case StatusColumn:
        return isCancelled(record) ? CancelText::status(record)
                                   : RecordText::status(record.verifyStatus);
    case ProductColumn:
        return record.productName.isEmpty() ? RecordText::none() : record.productName;
    case CodeColumn:
        if (!record.originCode.isEmpty())
            return record.originCode;
        if (record.mode == VerificationRecord::Mode::Code)
            return record.sourceInput;
        return RecordText::none();
    case PayAmountColumn:
        return RecordText::money(record.payAmount);
    case ReceiptAmountColumn:
        // Until the platform settles it, no figure: an amount here would be a guess.
        if (record.settlementStatus == VerificationRecord::Settlement::Pending)
            return RecordText::none();
        return RecordText::money(record.receiptAmount);
    case StoreColumn:
        return poiName(record.poiId);
    case AppColumn:
        return RecordText::appName(record.appId, record.appName);
    case OrderStatusColumn:
        return RecordText::orderStatus(record);
    case OperatorColumn:
        return record.extra.value(QStringLiteral("operator_id")).toString();
    case ReasonColumn:
        switch (record.verifyStatus) {
        case Status::Failed:
            if (record.errorDescription.isEmpty() && record.errorCode)
                //: %1 is the platform (Douyin, Meituan / Dianping), %2 its error number
                return tr("%1 error %2")
                        .arg(RecordText::platform(record.platform))
                        .arg(*record.errorCode);
            return record.errorDescription;
        case Status::Unknown:
            //: %1 is the platform: Douyin, Meituan / Dianping
            return tr("The answer was lost; checking with %1")
                    .arg(RecordText::platform(record.platform));
        case Status::Success: // what became of a cancel, if one was asked
            return record.cancel.status == VerificationRecord::Cancel::Status::Cancelled
                    ? record.cancel.reason
                    : CancelText::status(record);
        case Status::Pending:
            return {};
        }
        return {};
    default:
        return {};
    }
}

QVariant VerificationTableModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return tr(COLUMN_TITLES[section]);
    if (role == Qt::TextAlignmentRole
        && (section == PayAmountColumn || section == ReceiptAmountColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

bool VerificationTableModel::canFetchMore(const QModelIndex &parent) const
{
    // The first page comes with the filter; later ones when the view scrolls near the end.
    return !parent.isValid() && m_nextPage > 1 && !m_complete && !m_loading && !m_failed;
}

void VerificationTableModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        fetchPage();
}
