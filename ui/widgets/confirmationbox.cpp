#include "ui/widgets/confirmationbox.h"

#include <QGridLayout>
#include <QPushButton>
#include <QSpacerItem>

namespace {

constexpr int MIN_TEXT_WIDTH = 420;

} // namespace

ConfirmationBox::ConfirmationBox(const QString &question, const QString &consequence,
                                 const QString &confirmText, const QString &cancelText,
                                 QWidget *parent)
    : QMessageBox(QMessageBox::Warning, question, question, QMessageBox::NoButton, parent)
{
    setAttribute(Qt::WA_DeleteOnClose);
    setInformativeText(consequence);
    m_confirm = addButton(confirmText, QMessageBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    QPushButton *cancel = addButton(cancelText, QMessageBox::RejectRole);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    setDefaultButton(cancel);
    setEscapeButton(cancel);
    // QMessageBox sizes itself to its shortest line; a spacer row across its grid widens it.
    if (auto *grid = qobject_cast<QGridLayout *>(layout()))
        grid->addItem(
                new QSpacerItem(MIN_TEXT_WIDTH, 0, QSizePolicy::Minimum, QSizePolicy::Expanding),
                grid->rowCount(), 0, 1, grid->columnCount());
    connect(m_confirm, &QPushButton::clicked, this, &ConfirmationBox::confirmed);
}
