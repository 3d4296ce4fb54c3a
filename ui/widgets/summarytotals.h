#pragma once

#include <QList>
#include <QWidget>

#include "core/store/verificationqueries.h"

class QLabel;

// The totals of a period as a row of cards: the numbers a manager reads first, large.
class SummaryTotals final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryTotals)

public:
    explicit SummaryTotals(QWidget *parent = nullptr);

    void showTotals(const VerificationSummaryRow &totals);
    // The value a card shows: "success", "failed", "checking", "pay", "receipt", "discount".
    QString text(const QString &card) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Card
    {
        QString name;
        QLabel *title = nullptr;
        QLabel *value = nullptr;
    };

    void retranslateUi();

    QList<Card> m_cards;
};
