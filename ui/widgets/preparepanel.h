#pragma once

#include <QFrame>

#include "core/verify/verifyoutcome.h"

class PlatformBadge;
class QLabel;
class QPushButton;
class QSpinBox;

// What a scanned coupon is before it is used: its platform, product, amount, expiry and how
// many of the order's coupons are still available, with the count to verify (default 1).
class PreparePanel final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreparePanel)

public:
    explicit PreparePanel(QWidget *parent = nullptr);

    void showPrepared(const PrepareOutcome &prepared);
    const PrepareOutcome &prepared() const { return m_prepared; }
    int count() const;
    void setCount(int count);
    void stepCount(int delta);

signals:
    void confirmed(int count);
    void cancelled();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    PrepareOutcome m_prepared;
    PlatformBadge *m_badge;
    QLabel *m_product;
    QLabel *m_details;
    QLabel *m_countLabel;
    QSpinBox *m_count;
    QPushButton *m_confirm;
    QPushButton *m_cancel;
};
