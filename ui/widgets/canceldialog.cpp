#include "ui/widgets/canceldialog.h"

#include <algorithm>

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/verify/cancelcommand.h"
#include "ui/canceltext.h"
#include "ui/recordtext.h"
#include "ui/style.h"

namespace {

constexpr int MIN_WIDTH = 480;

// The earliest deadline of the batch: after it, not all of them can be cancelled.
qint64 earliestDeadline(const QList<VerificationRecord> &records, qint64 nowMs)
{
    qint64 deadline = 0;
    for (const VerificationRecord &record : records) {
        const qint64 own = record.cancelDeadline.value_or(nowMs);
        deadline = deadline == 0 ? own : std::min(deadline, own);
    }
    return deadline;
}

} // namespace

CancelDialog::CancelDialog(const QList<VerificationRecord> &records, bool askReason, qint64 nowMs,
                           QWidget *parent)
    : QDialog(parent),
      m_question(new QLabel(this)),
      m_details(new QLabel(this)),
      m_reasonLabel(new QLabel(this)),
      m_reason(new QLineEdit(this)),
      m_buttons(new QDialogButtonBox(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setMinimumWidth(MIN_WIDTH);
    setWindowTitle(tr("Cancel the verification"));

    QFont questionFont = m_question->font();
    questionFont.setPointSizeF(questionFont.pointSizeF() * 1.4);
    questionFont.setBold(true);
    m_question->setFont(questionFont);
    m_question->setText(records.size() == 1
                                ? tr("Cancel this verification?")
                                : tr("Cancel these %1 verifications?").arg(records.size()));
    m_question->setWordWrap(true);

    QStringList lines;
    for (const VerificationRecord &record : records) {
        const QString product =
                record.productName.isEmpty() ? record.certificateId : record.productName;
        //: One coupon about to be cancelled: product, then the amount the customer paid
        lines << tr("%1 · %2").arg(product, RecordText::money(record.payAmount));
    }
    lines << QString()
          << tr("Time left to cancel: %1")
                     .arg(CancelText::timeLeft(earliestDeadline(records, nowMs), nowMs))
          << tr("The coupon goes back to the customer and can be used again; the amount no "
                "longer counts for the store.");
    m_details->setText(lines.join(u'\n'));
    m_details->setTextFormat(Qt::PlainText);
    m_details->setWordWrap(true);

    m_reasonLabel->setText(tr("Reason (optional):"));
    m_reason->setMaxLength(CancelCommand::MAX_REASON_LENGTH);
    m_reason->setPlaceholderText(tr("e.g. wrong coupon scanned, customer changed their mind"));
    m_reasonLabel->setVisible(askReason);
    m_reason->setVisible(askReason);

    m_confirm = m_buttons->addButton(tr("Cancel verification"), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    m_confirm->setStyleSheet(Style::dangerButton());
    m_keep = m_buttons->addButton(tr("Keep it"), QDialogButtonBox::RejectRole);
    m_keep->setObjectName(QStringLiteral("keepButton"));
    m_keep->setDefault(true);
    m_keep->setFocus();

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        emit confirmed(m_reason->text().trimmed());
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_question);
    layout->addWidget(m_details);
    layout->addSpacing(8);
    layout->addWidget(m_reasonLabel);
    layout->addWidget(m_reason);
    layout->addSpacing(8);
    layout->addWidget(m_buttons);
}

QString CancelDialog::question() const
{
    return m_question->text();
}

QString CancelDialog::details() const
{
    return m_details->text();
}
