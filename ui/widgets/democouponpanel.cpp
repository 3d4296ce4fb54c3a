#include "ui/widgets/democouponpanel.h"

#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include "core/scan/qrencoder.h"
#include "ui/outcometext.h"

DemoCouponPanel::DemoCouponPanel(QWidget *parent)
    : QFrame(parent),
      m_title(new QLabel(this)),
      m_hint(new QLabel(this)),
      m_mint(new QPushButton(this)),
      m_list(new QVBoxLayout)
{
    setObjectName(QStringLiteral("demoPanel"));
    setStyleSheet(QStringLiteral("QFrame#demoPanel { background: #fff7ec; border: 2px dashed "
                                 "#e67e22; border-radius: 10px; }"));
    setMinimumWidth(300);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    m_title->setFont(titleFont);
    m_hint->setWordWrap(true);

    auto *content = new QWidget;
    content->setLayout(m_list);
    m_list->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_hint);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_mint);
    connect(m_mint, &QPushButton::clicked, this, &DemoCouponPanel::newCouponRequested);
    retranslateUi();
}

void DemoCouponPanel::showCoupons(const QList<DemoCoupon> &coupons)
{
    m_shown = coupons.mid(0, MAX_SHOWN);
    while (m_list->count() > 1) {
        QLayoutItem *item = m_list->takeAt(0);
        delete item->widget();
        delete item;
    }
    for (qsizetype i = 0; i < m_shown.size(); ++i) {
        const DemoCoupon &coupon = m_shown.at(i);
        auto *card = new QPushButton;
        card->setObjectName(QStringLiteral("demoCoupon%1").arg(i));
        card->setStyleSheet(QStringLiteral("QPushButton { text-align: left; background: white; "
                                           "border: 1px solid #e0c09a; border-radius: 8px; "
                                           "padding: 6px; }"));
        const auto qr = Scan::qrImage(coupon.shortLink, 3);
        if (qr.ok()) {
            card->setIcon(QPixmap::fromImage(qr.value()));
            card->setIconSize(qr.value().size());
        }
        card->setText(cardText(coupon));
        card->setToolTip(coupon.shortLink);
        connect(card, &QPushButton::clicked, this,
                [this, link = coupon.shortLink] { emit couponChosen(link); });
        m_list->insertWidget(m_list->count() - 1, card);
    }
}

void DemoCouponPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

QString DemoCouponPanel::cardText(const DemoCoupon &coupon)
{
    //: Demo coupon card: product, price, how many coupons of the order are left
    return tr("%1\n%2 · left: %3")
            .arg(coupon.productName, OutcomeText::money(coupon.payAmount))
            .arg(coupon.codes.size());
}

void DemoCouponPanel::retranslateUi()
{
    for (qsizetype i = 0; i < m_shown.size(); ++i) {
        if (auto *card = findChild<QPushButton *>(QStringLiteral("demoCoupon%1").arg(i)))
            card->setText(cardText(m_shown.at(i)));
    }
    m_title->setText(tr("Demo coupons"));
    m_hint->setText(tr("Training mode: these coupons live in the built-in Douyin simulator. "
                       "Scan a QR code with the camera, or click one to simulate a scan."));
    m_mint->setText(tr("New demo coupon"));
}
