#include "ui/widgets/verificationtableview.h"

#include <QFontMetrics>
#include <QHeaderView>

#include "ui/models/verificationtablemodel.h"
#include "ui/widgets/platformbadgedelegate.h"

VerificationTableView::VerificationTableView(VerificationTableModel *model, QWidget *parent)
    : QTableView(parent)
{
    setModel(model);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setSortingEnabled(false); // the gateway's order, newest first, is the only one
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setHighlightSections(false);
    setItemDelegateForColumn(VerificationTableModel::PlatformColumn,
                             new PlatformBadgeDelegate(VerificationTableModel::PlatformRole, this));
}

void VerificationTableView::sizeForFont(const QFontMetrics &metrics)
{
    verticalHeader()->setDefaultSectionSize(metrics.height() * 2);
    const auto width = [&metrics](const QString &sample) {
        return metrics.horizontalAdvance(sample) + 28;
    };
    using Model = VerificationTableModel;
    setColumnWidth(Model::TimeColumn, width(QStringLiteral("2026-12-31 23:59:59")));
    // The badge's bold name and its padding; "Platform" is the longer header.
    setColumnWidth(Model::PlatformColumn, width(QStringLiteral("Platform")) + 8);
    setColumnWidth(Model::StatusColumn, width(QStringLiteral("Checking")));
    setColumnWidth(Model::ProductColumn, width(QStringLiteral("Weekend set meal")));
    setColumnWidth(Model::CodeColumn, width(QStringLiteral("0000000000000000")));
    setColumnWidth(Model::PayAmountColumn, width(QStringLiteral("¥12,345.00")));
    setColumnWidth(Model::ReceiptAmountColumn, width(QStringLiteral("¥12,345.00")));
    setColumnWidth(Model::StoreColumn, width(QStringLiteral("Douyin demo store (Xu)")));
    setColumnWidth(Model::AppColumn, width(QStringLiteral("This till xx")));
    setColumnWidth(Model::OrderStatusColumn, width(QStringLiteral("Paid, not used")));
    setColumnWidth(Model::OperatorColumn, width(QStringLiteral("Operator")));
}
