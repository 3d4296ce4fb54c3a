#pragma once

#include <QFrame>

#include "core/runtime/democoupon.h"

class QLabel;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

// Demo and training mode: coupons of the built-in simulator (Douyin's, and Meituan's where the
// store is bound) as QR codes on screen, each labelled with its platform. Scan one with the
// camera (a phone photo of the screen works) or click it to simulate a scan; "New coupon"
// mints another. The selected store's coupons come first, because Douyin
// refuses a coupon at any other store and a newcomer clicks the top one.
class DemoCouponPanel final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoCouponPanel)

public:
    static constexpr int MAX_SHOWN = 8;
    // The page has coupons minted for the selected store whenever fewer than this are usable.
    static constexpr int MIN_OWN_STORE = 3;

    explicit DemoCouponPanel(QWidget *parent = nullptr);

    // coupons newest first; those of poiId are moved to the top, the rest follow marked.
    void showCoupons(const QList<DemoCoupon> &coupons, const QString &poiId);
    int shownCount() const { return int(m_shown.size()); }
    // In screen order; card i is the button named "demoCoupon<i>".
    QList<DemoCoupon> shownCoupons() const { return m_shown; }
    QString poiId() const { return m_poiId; }

signals:
    void couponChosen(const QString &scannedText);
    void newCouponRequested();
    void couponsShown();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void fitWidth();
    bool isOwnStore(const DemoCoupon &coupon) const;
    QString cardText(const DemoCoupon &coupon) const;
    static QString scannedText(const DemoCoupon &coupon);

    QLabel *m_title;
    QLabel *m_hint;
    QPushButton *m_mint;
    QVBoxLayout *m_list;
    QScrollArea *m_scroll;
    QLabel *m_otherStores = nullptr; // heads the other stores' coupons; owned by the list
    QList<DemoCoupon> m_shown;
    QString m_poiId;
};
