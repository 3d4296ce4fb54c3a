#pragma once

#include <QList>
#include <QWidget>

#include "core/reconcile/reconciliationreport.h"

class QFrame;
class QLabel;

// The day's two sides as cards, side by side: this till's standing verifications and what
// they were paid, the platform's, the difference between them (framed red when there is one)
// and how many matched.
class ReconciliationTotals final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconciliationTotals)

public:
    explicit ReconciliationTotals(QWidget *parent = nullptr);

    void showReport(const ReconciliationReport &report);
    // A card's big value or its line below: "local", "remote", "difference", "matched", and
    // "local_note", "remote_note", "difference_note".
    QString text(const QString &name) const;
    // The difference card is framed red.
    bool isAlerting() const { return m_alerting; }

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Card
    {
        QFrame *frame = nullptr;
        QLabel *title = nullptr;
        QLabel *value = nullptr;
        QLabel *note = nullptr;
    };

    Card addCard(const QString &name, int column);
    void retranslateUi();

    QList<Card> m_cards; // local, remote, difference, matched
    ReconciliationReport m_report;
    bool m_shown = false; // a report has arrived
    bool m_alerting = false;
};
