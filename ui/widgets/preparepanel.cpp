#include "ui/widgets/preparepanel.h"

#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "ui/outcometext.h"
#include "ui/style.h"
#include "ui/widgets/platformbadge.h"

PreparePanel::PreparePanel(QWidget *parent)
    : QFrame(parent),
      m_badge(new PlatformBadge(this)),
      m_product(new QLabel(this)),
      m_details(new QLabel(this)),
      m_countLabel(new QLabel(this)),
      m_count(new QSpinBox(this)),
      m_confirm(new QPushButton(this)),
      m_cancel(new QPushButton(this))
{
    setObjectName(QStringLiteral("preparePanel"));
    setStyleSheet(Style::preparePanel());
    QFont big = m_product->font();
    big.setPointSizeF(big.pointSizeF() * 2.0);
    big.setBold(true);
    m_product->setFont(big);
    m_product->setWordWrap(true);
    QFont medium = m_details->font();
    medium.setPointSizeF(medium.pointSizeF() * 1.3);
    m_details->setFont(medium);
    m_details->setWordWrap(true);
    m_countLabel->setFont(medium);
    m_count->setFont(medium);
    m_count->setMinimumWidth(90);
    QFont buttonFont = m_confirm->font();
    buttonFont.setPointSizeF(buttonFont.pointSizeF() * 1.6);
    buttonFont.setBold(true);
    m_confirm->setFont(buttonFont);
    m_confirm->setMinimumHeight(64);
    m_confirm->setMinimumWidth(240);
    m_confirm->setStyleSheet(Style::confirmButton());
    m_cancel->setFont(medium);

    auto *countRow = new QHBoxLayout;
    countRow->addWidget(m_countLabel);
    countRow->addWidget(m_count);
    countRow->addStretch();
    countRow->addWidget(m_cancel);
    countRow->addWidget(m_confirm);

    auto *header = new QHBoxLayout;
    header->addWidget(m_badge);
    header->addWidget(m_product, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 18, 24, 18);
    layout->addLayout(header);
    layout->addWidget(m_details);
    layout->addLayout(countRow);

    connect(m_confirm, &QPushButton::clicked, this, [this] { emit confirmed(count()); });
    connect(m_cancel, &QPushButton::clicked, this, &PreparePanel::cancelled);
    retranslateUi();
}

void PreparePanel::showPrepared(const PrepareOutcome &prepared)
{
    m_prepared = prepared;
    m_badge->setPlatform(prepared.prepared.platform);
    const int available = int(prepared.prepared.certificates.size());
    m_count->setRange(1, qMax(1, available));
    m_count->setValue(1);
    retranslateUi();
}

int PreparePanel::count() const
{
    return m_count->value();
}

void PreparePanel::setCount(int count)
{
    m_count->setValue(count);
}

void PreparePanel::stepCount(int delta)
{
    m_count->setValue(m_count->value() + delta);
}

void PreparePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

void PreparePanel::retranslateUi()
{
    m_countLabel->setText(tr("Coupons to use:"));
    m_confirm->setText(tr("Verify (Enter)"));
    m_cancel->setText(tr("Cancel (Esc)"));
    const auto &certificates = m_prepared.prepared.certificates;
    if (certificates.isEmpty()) {
        m_product->clear();
        m_details->clear();
        return;
    }
    const PreparedCoupon &first = certificates.first();
    m_product->setText(first.sku.title.isEmpty() ? tr("Group-buying coupon") : first.sku.title);
    QStringList lines;
    lines.append(tr("Paid: %1 per coupon").arg(OutcomeText::money(first.amount.payAmount)));
    if (first.amount.originalAmount > first.amount.payAmount)
        lines.append(tr("Face value: %1").arg(OutcomeText::money(first.amount.originalAmount)));
    if (first.expireTime > 0)
        lines.append(tr("Valid until %1")
                             .arg(QDateTime::fromSecsSinceEpoch(first.expireTime)
                                          .toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    lines.append(tr("Coupons of this order that can be used now: %1").arg(certificates.size()));
    m_details->setText(lines.join(u'\n'));
}
