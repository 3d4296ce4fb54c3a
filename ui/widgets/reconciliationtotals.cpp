#include "ui/widgets/reconciliationtotals.h"

#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include "ui/recordtext.h"
#include "ui/style.h"

namespace {

enum CardIndex { LOCAL, REMOTE, DIFFERENCE, MATCHED };

const char *const NAMES[] = {"local", "remote", "difference", "matched"};

QString signedMoney(qint64 fen)
{
    return fen > 0 ? QStringLiteral("+") + RecordText::money(fen) : RecordText::money(fen);
}

} // namespace

ReconciliationTotals::ReconciliationTotals(QWidget *parent) : QWidget(parent)
{
    auto *cards = new QGridLayout(this);
    cards->setContentsMargins(0, 0, 0, 0);
    cards->setHorizontalSpacing(12);
    for (int i = 0; i < 4; ++i)
        m_cards.append(addCard(QString::fromLatin1(NAMES[i]), i));
    // The two sides and their difference are what a manager compares; matched is a footnote.
    for (int i = 0; i < 3; ++i)
        cards->setColumnStretch(i, 3);
    cards->setColumnStretch(MATCHED, 2);
    retranslateUi();
}

ReconciliationTotals::Card ReconciliationTotals::addCard(const QString &name, int column)
{
    QFont valueFont = font();
    valueFont.setPointSizeF(font().pointSizeF() * 1.6);
    valueFont.setBold(true);
    Card card;
    card.frame = new QFrame(this);
    card.frame->setObjectName(QStringLiteral("card"));
    card.frame->setStyleSheet(Style::totalsCard());
    auto *layout = new QVBoxLayout(card.frame);
    layout->setContentsMargins(14, 8, 14, 8);
    card.title = new QLabel(card.frame);
    QPalette muted = card.title->palette();
    muted.setColor(QPalette::WindowText, Style::colour(Style::Colour::Muted));
    card.title->setPalette(muted);
    card.value = new QLabel(RecordText::none(), card.frame);
    card.value->setObjectName(QStringLiteral("total_") + name);
    card.value->setFont(valueFont);
    card.value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    card.note = new QLabel(card.frame);
    card.note->setObjectName(QStringLiteral("note_") + name);
    card.note->setWordWrap(true);
    layout->addWidget(card.title);
    layout->addWidget(card.value);
    layout->addWidget(card.note);
    static_cast<QGridLayout *>(this->layout())->addWidget(card.frame, 0, column);
    return card;
}

void ReconciliationTotals::showReport(const ReconciliationReport &report)
{
    m_report = report;
    m_shown = true;
    retranslateUi();
}

QString ReconciliationTotals::text(const QString &name) const
{
    for (int i = 0; i < m_cards.size(); ++i) {
        const QString card = QString::fromLatin1(NAMES[i]);
        if (name == card)
            return m_cards.at(i).value->text();
        if (name == card + QStringLiteral("_note"))
            return m_cards.at(i).note->text();
    }
    return {};
}

void ReconciliationTotals::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ReconciliationTotals::retranslateUi()
{
    //: Card: this till's side of the reconciliation (本机)
    m_cards[LOCAL].title->setText(tr("This till"));
    //: Card: the platforms' side of the reconciliation (平台)
    m_cards[REMOTE].title->setText(tr("Platform"));
    //: Card: the platform's numbers minus this till's (差额)
    m_cards[DIFFERENCE].title->setText(tr("Difference (platform − this till)"));
    //: Card: verifications both sides list alike (相符)
    m_cards[MATCHED].title->setText(tr("Matched"));

    const ReconciliationReport &r = m_report;
    const bool known = m_shown && r.state != ReconciliationReport::State::NotFetched;
    const int differences = int(r.onlyPlatform.size() + r.onlyLocal.size() + r.statusMismatch.size()
                                + r.amountMismatch.size());
    const int countDelta = r.remote.count - r.local.count;
    const qint64 amountDelta = r.remote.payAmount - r.local.payAmount;
    m_alerting = known && (r.hasDifferences() || countDelta != 0 || amountDelta != 0);

    const auto side = [&](Card &card, const ReconciliationReport::Side &numbers) {
        card.value->setText(known ? RecordText::money(numbers.payAmount) : RecordText::none());
        //: How many standing verifications a side counts (笔)
        card.note->setText(known ? tr("%n verification(s)", nullptr, numbers.count) : QString());
    };
    side(m_cards[LOCAL], r.local);
    side(m_cards[REMOTE], r.remote);

    Card &difference = m_cards[DIFFERENCE];
    if (!known) {
        difference.value->setText(RecordText::none());
        difference.note->clear();
    } else if (!m_alerting) {
        //: The two sides agree
        difference.value->setText(tr("None"));
        difference.note->setText(tr("Both sides agree"));
    } else {
        difference.value->setText(signedMoney(amountDelta));
        //: %1 the difference in verifications (+2), %2 how many lines differ
        difference.note->setText(tr("%1 verification(s) · %2")
                                         .arg(countDelta > 0 ? QStringLiteral("+%1").arg(countDelta)
                                                             : QString::number(countDelta),
                                              tr("%n difference(s)", nullptr, differences)));
    }
    difference.frame->setStyleSheet(m_alerting ? Style::alertCard() : Style::totalsCard());
    QPalette palette = difference.value->palette();
    palette.setColor(QPalette::WindowText,
                     m_alerting      ? Style::colour(Style::Colour::Failure)
                             : known ? Style::colour(Style::Colour::Success)
                                     : palette.color(QPalette::Text));
    difference.value->setPalette(palette);

    m_cards[MATCHED].value->setText(known ? QLocale().toString(r.matched) : RecordText::none());
    //: Under the number of matched verifications
    m_cards[MATCHED].note->setText(known ? tr("listed alike on both sides") : QString());
}
