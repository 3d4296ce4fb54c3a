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
    // The value a card shows: "success", "failed", "checking", "pay", "receipt", "discount";
    // "receipt_note" is the line under the receipt (how many are pending settlement).
    QString text(const QString &card) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Card
    {
        QString name;
        QLabel *title = nullptr;
        QLabel *value = nullptr;
        QLabel *note = nullptr; // the receipt's only
    };

    void retranslateUi();
    static QString settlementNote(const VerificationSummaryRow &totals);

    QList<Card> m_cards;
    VerificationSummaryRow m_totals;
    bool m_shown = false; // totals have arrived
};
