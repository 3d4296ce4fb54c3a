#include "ui/widgets/slipprintbar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

#include "ui/slip/slipprinter.h"
#include "ui/slip/slipsettings.h"
#include "ui/style.h"

namespace {

constexpr int PRINTED_NOTE_MS = 4000;

} // namespace

SlipPrintBar::SlipPrintBar(QWidget *parent)
    : QFrame(parent),
      m_printer(new SlipPrinter(this)),
      m_message(new QLabel(this)),
      m_retry(new QPushButton(this)),
      m_close(new QPushButton(this))
{
    setObjectName(QStringLiteral("slipPrintBar"));
    m_message->setObjectName(QStringLiteral("slipMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_retry->setObjectName(QStringLiteral("slipRetryButton"));
    m_retry->setStyleSheet(Style::button());
    m_close->setFlat(true);
    m_close->setFixedWidth(m_close->fontMetrics().height() * 2);
    // Retry and close must not steal Enter from the till's code input.
    m_retry->setFocusPolicy(Qt::NoFocus);
    m_close->setFocusPolicy(Qt::NoFocus);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_retry);
    layout->addWidget(m_close);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        m_message->setText(tr("Printing the slip again…"));
        m_retry->setEnabled(false);
        m_printer->retry();
    });
    connect(m_close, &QPushButton::clicked, this, &QWidget::hide);
    connect(m_printer, &SlipPrinter::printFailed, this, &SlipPrintBar::showFailure);
    connect(m_printer, &SlipPrinter::printed, this, &SlipPrintBar::showPrinted);
    retranslateUi();
    hide();
}

void SlipPrintBar::print(const VerificationSlip &slip)
{
    const SlipSettings settings = SlipSettings::load();
    if (settings.output == SlipSettings::Output::Off) {
        showFailure(tr("Slip printing is off. Choose a printer in Settings → Verification "
                       "slips."));
        m_retry->hide();
        emit slipsTurnedOff();
        return;
    }
    m_printer->print(slip, settings);
}

void SlipPrintBar::printIfAutomatic(const VerificationSlip &slip)
{
    const SlipSettings settings = SlipSettings::load();
    if (settings.autoPrint)
        m_printer->print(slip, settings);
}

QString SlipPrintBar::message() const
{
    return isVisible() ? m_message->text() : QString();
}

void SlipPrintBar::showFailure(const QString &message)
{
    m_message->setText(message);
    m_message->setStyleSheet(Style::label(Style::Colour::Failure));
    m_retry->setVisible(m_printer->hasFailedSlip());
    m_retry->setEnabled(true);
    show();
}

void SlipPrintBar::showPrinted()
{
    // Only worth a word when a failure was shown: the cashier retried and wants to know.
    if (!isVisible())
        return;
    m_message->setText(tr("Slip printed."));
    m_message->setStyleSheet(Style::label(Style::Colour::Success));
    m_retry->hide();
    QTimer::singleShot(PRINTED_NOTE_MS, this, [this] {
        if (!m_retry->isVisible())
            hide();
    });
}

void SlipPrintBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

void SlipPrintBar::retranslateUi()
{
    //: Button: print the verification slip again after the printer failed
    m_retry->setText(tr("Retry"));
    m_close->setText(QStringLiteral("✕"));
    m_close->setToolTip(tr("Hide"));
}
