#include "ui/widgets/democouponpanel.h"

#include <algorithm>

#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

#include "core/scan/qrencoder.h"
#include "ui/outcometext.h"
#include "ui/style.h"
#include "ui/widgets/platformbadge.h"

namespace {

constexpr int MIN_LIST_WIDTH = 280; // px; wide enough for the hint text before any coupon

} // namespace

DemoCouponPanel::DemoCouponPanel(QWidget *parent)
    : QFrame(parent),
      m_title(new QLabel(this)),
      m_hint(new QLabel(this)),
      m_mint(new QPushButton(this)),
      m_list(new QVBoxLayout),
      m_scroll(new QScrollArea(this))
{
    setObjectName(QStringLiteral("demoPanel"));
    setStyleSheet(Style::demoPanel());
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    m_title->setFont(titleFont);
    m_hint->setWordWrap(true);

    auto *content = new QWidget;
    content->setLayout(m_list);
    m_list->addStretch();
    m_scroll->setWidget(content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // fitWidth() instead

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_hint);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_mint);
    connect(m_mint, &QPushButton::clicked, this, &DemoCouponPanel::newCouponRequested);
    retranslateUi();
}

void DemoCouponPanel::showCoupons(const QList<DemoCoupon> &coupons, const QString &poiId)
{
    m_poiId = poiId;
    QList<DemoCoupon> ordered = coupons;
    std::stable_partition(ordered.begin(), ordered.end(),
                          [this](const DemoCoupon &coupon) { return isOwnStore(coupon); });
    m_shown = ordered.mid(0, MAX_SHOWN);
    m_otherStores = nullptr;
    while (m_list->count() > 1) {
        QLayoutItem *item = m_list->takeAt(0);
        delete item->widget();
        delete item;
    }
    for (qsizetype i = 0; i < m_shown.size(); ++i) {
        const DemoCoupon &coupon = m_shown.at(i);
        const bool ownStore = isOwnStore(coupon);
        if (!ownStore && !m_otherStores) {
            m_otherStores = new QLabel;
            m_otherStores->setObjectName(QStringLiteral("demoOtherStores"));
            m_otherStores->setWordWrap(true);
            m_otherStores->setStyleSheet(Style::demoOtherStores());
            m_list->insertWidget(m_list->count() - 1, m_otherStores);
        }
        auto *card = new QPushButton;
        card->setObjectName(QStringLiteral("demoCoupon%1").arg(i));
        card->setStyleSheet(Style::demoCouponCard(ownStore, coupon.platform));
        const QString scanned = scannedText(coupon);
        const auto qr = Scan::qrImage(scanned, 3);
        if (qr.ok()) {
            card->setIcon(QPixmap::fromImage(qr.value()));
            card->setIconSize(qr.value().size());
        }
        card->setToolTip(scanned);
        connect(card, &QPushButton::clicked, this, [this, scanned] { emit couponChosen(scanned); });
        m_list->insertWidget(m_list->count() - 1, card);
    }
    retranslateUi(); // the texts of the cards and of the other stores' heading
    emit couponsShown();
}

void DemoCouponPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

QString DemoCouponPanel::scannedText(const DemoCoupon &coupon)
{
    // A Douyin coupon's QR code carries its short link; a Meituan one its plain code.
    return coupon.shortLink.isEmpty() ? coupon.codes.value(0) : coupon.shortLink;
}

QString DemoCouponPanel::cardText(const DemoCoupon &coupon) const
{
    const QString store = coupon.poiName.isEmpty() ? coupon.poiId : coupon.poiName;
    // The store's name gets a line of its own: a card does not wrap, and the panel should not
    // crowd the till at 1366 px for the sake of one long line.
    QString storeLabel;
    if (isOwnStore(coupon)) {
        //: Demo coupon card, above the store's name: the selected store
        storeLabel = tr("Store:");
    } else {
        //: Demo coupon card, above the store's name: a store other than the selected one
        storeLabel = tr("Other store:");
    }
    //: Demo coupon card: the platform (抖音 / 美团), product, price, how many coupons of the
    //: order are left, then the store label and the store's name
    return tr("%1 · %2\n%3 · left: %4\n%5\n%6")
            .arg(PlatformBadge::shortName(coupon.platform), coupon.productName,
                 OutcomeText::money(coupon.payAmount))
            .arg(coupon.codes.size())
            .arg(storeLabel, store);
}

bool DemoCouponPanel::isOwnStore(const DemoCoupon &coupon) const
{
    // Until the store list has loaded no store is selected, and no coupon is marked foreign.
    return m_poiId.isEmpty() || coupon.poiId == m_poiId;
}

void DemoCouponPanel::retranslateUi()
{
    for (qsizetype i = 0; i < m_shown.size(); ++i) {
        if (auto *card = findChild<QPushButton *>(QStringLiteral("demoCoupon%1").arg(i)))
            card->setText(cardText(m_shown.at(i)));
    }
    m_title->setText(tr("Demo coupons"));
    m_hint->setText(tr("Training mode: these coupons live in the built-in coupon simulator. "
                       "Scan a QR code with the camera, or click one to simulate a scan."));
    m_mint->setText(tr("New demo coupon"));
    if (m_otherStores)
        m_otherStores->setText(tr("Coupons of other stores: refused at the selected store"));
    fitWidth();
}

void DemoCouponPanel::fitWidth()
{
    // A push button does not wrap its text, and a cut-off store name is the one line that
    // must stay readable, so the panel grows to the widest card in the current language. The
    // cards' own hints, because the list's layout skips cards not shown yet.
    int widest = 0;
    for (qsizetype i = 0; i < m_shown.size(); ++i) {
        if (auto *card = findChild<QPushButton *>(QStringLiteral("demoCoupon%1").arg(i)))
            widest = std::max(widest, card->sizeHint().width());
    }
    const QMargins margins = m_list->contentsMargins();
    const int needed = widest + margins.left() + margins.right()
            + m_scroll->verticalScrollBar()->sizeHint().width();
    // The minimum, not a size hint: the page squeezes the panel down to its minimum when the
    // window is narrower than everyone's hints together.
    m_scroll->setMinimumWidth(std::max(MIN_LIST_WIDTH, needed));
}
