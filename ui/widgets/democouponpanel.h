#pragma once

#include <QFrame>

#include "core/runtime/democoupon.h"

class QLabel;
class QPushButton;
class QVBoxLayout;

// Demo and training mode: coupons of the built-in Douyin simulator as QR codes on screen.
// Scan one with the camera (a phone photo of the screen works) or click it to simulate a
// scan; "New coupon" mints another.
class DemoCouponPanel final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoCouponPanel)

public:
    static constexpr int MAX_SHOWN = 8;

    explicit DemoCouponPanel(QWidget *parent = nullptr);

    void showCoupons(const QList<DemoCoupon> &coupons);
    int shownCount() const { return int(m_shown.size()); }

signals:
    void couponChosen(const QString &scannedText);
    void newCouponRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    static QString cardText(const DemoCoupon &coupon);

    QLabel *m_title;
    QLabel *m_hint;
    QPushButton *m_mint;
    QVBoxLayout *m_list;
    QList<DemoCoupon> m_shown;
};
