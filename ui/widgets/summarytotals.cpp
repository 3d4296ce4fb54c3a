#include "ui/widgets/summarytotals.h"

#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include "ui/models/summarytablemodel.h"
#include "ui/recordtext.h"
#include "ui/style.h"

namespace {

// clang-format off
const struct { const char *name; const char *title; } CARDS[] = {
    //: Card: successful verifications in the period
    {"success", QT_TRANSLATE_NOOP("SummaryTotals", "Verified")},
    {"failed", QT_TRANSLATE_NOOP("SummaryTotals", "Failed")},
    //: Card: verifications whose outcome is still being checked with Douyin
    {"checking", QT_TRANSLATE_NOOP("SummaryTotals", "Checking")},
    //: Card: verifications cancelled later (已撤销), not in the counts or amounts
    {"cancelled", QT_TRANSLATE_NOOP("SummaryTotals", "Cancelled")},
    {"pay", QT_TRANSLATE_NOOP("SummaryTotals", "Paid by customers")},
    //: Card: receipt amount, what the store receives
    {"receipt", QT_TRANSLATE_NOOP("SummaryTotals", "Received by store")},
    {"discount", QT_TRANSLATE_NOOP("SummaryTotals", "Discount")},
};
// clang-format on

} // namespace

SummaryTotals::SummaryTotals(QWidget *parent) : QWidget(parent)
{
    auto *cards = new QGridLayout(this);
    cards->setContentsMargins(0, 0, 0, 0);
    cards->setHorizontalSpacing(12);
    QFont valueFont = font();
    valueFont.setPointSizeF(font().pointSizeF() * 1.6);
    valueFont.setBold(true);
    int column = 0;
    for (const auto &spec : CARDS) {
        auto *frame = new QFrame(this);
        frame->setObjectName(QStringLiteral("card"));
        frame->setStyleSheet(Style::totalsCard());
        auto *cardLayout = new QVBoxLayout(frame);
        cardLayout->setContentsMargins(14, 8, 14, 8);
        Card card;
        card.name = QString::fromLatin1(spec.name);
        card.title = new QLabel(frame);
        QPalette muted = card.title->palette();
        muted.setColor(QPalette::WindowText, Style::colour(Style::Colour::Muted));
        card.title->setPalette(muted);
        card.value = new QLabel(RecordText::none(), frame);
        card.value->setObjectName(QStringLiteral("total_") + card.name);
        card.value->setFont(valueFont);
        card.value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        cardLayout->addWidget(card.title);
        cardLayout->addWidget(card.value);
        // Only the receipt has a note; the others keep its line empty, so the values of all
        // cards stay on one line.
        auto *note = new QLabel(frame);
        note->setMinimumHeight(note->fontMetrics().height());
        cardLayout->addWidget(note);
        if (card.name == QLatin1String("receipt")) {
            card.note = note;
            card.note->setObjectName(QStringLiteral("note_receipt"));
            card.note->setStyleSheet(Style::label(Style::Colour::Checking));
        }
        cards->addWidget(frame, 0, column);
        cards->setColumnStretch(column, 1);
        ++column;
        m_cards.append(card);
    }
    retranslateUi();
}

void SummaryTotals::showTotals(const VerificationSummaryRow &totals)
{
    m_totals = totals;
    m_shown = true;
    const QLocale locale;
    for (const Card &card : m_cards) {
        QString text;
        if (card.name == QLatin1String("success"))
            text = locale.toString(totals.successCount);
        else if (card.name == QLatin1String("failed"))
            text = locale.toString(totals.failedCount);
        else if (card.name == QLatin1String("checking"))
            text = locale.toString(SummaryTableModel::checkingCount(totals));
        else if (card.name == QLatin1String("cancelled"))
            text = locale.toString(totals.cancelledCount);
        else if (card.name == QLatin1String("pay"))
            text = RecordText::money(totals.payAmount);
        else if (card.name == QLatin1String("receipt"))
            text = RecordText::money(totals.receiptAmount);
        else if (card.name == QLatin1String("discount"))
            text = RecordText::money(totals.discountAmount);
        card.value->setText(text);
        if (card.note)
            card.note->setText(settlementNote(totals));
    }
}

// 商家实收 counts only what the platform has settled; the note says how much is still to come,
// so a manager does not read a low receipt as money lost.
QString SummaryTotals::settlementNote(const VerificationSummaryRow &totals)
{
    if (totals.settlementPendingCount > 0)
        //: Under the receipt amount: successes whose settlement the platform has not stated yet
        return tr("%n pending settlement", nullptr, int(totals.settlementPendingCount));
    if (totals.settledCount > 0)
        //: Under the receipt amount: every success of the period is settled
        return tr("All settled");
    return QString();
}

QString SummaryTotals::text(const QString &card) const
{
    for (const Card &c : m_cards) {
        if (c.name == card)
            return c.value->text();
        if (c.note && c.name + QStringLiteral("_note") == card)
            return c.note->text();
    }
    return {};
}

void SummaryTotals::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SummaryTotals::retranslateUi()
{
    for (int i = 0; i < m_cards.size(); ++i)
        m_cards[i].title->setText(tr(CARDS[i].title));
    for (const Card &card : m_cards) {
        if (card.note)
            card.value->setToolTip(tr("Only verifications the platform has settled count here; "
                                      "Douyin settles about an hour after a verification."));
    }
    if (m_shown) // the note's words, in the language just installed
        showTotals(m_totals);
}
