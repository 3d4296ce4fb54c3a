#include "ui/widgets/secretdialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include "ui/style.h"

namespace {

// Long enough to notice, short enough that the button is usable again for the next value.
constexpr int COPIED_FEEDBACK_MS = 2000;

} // namespace

SecretDialog::SecretDialog(QWidget *parent)
    : QDialog(parent),
      m_heading(new QLabel(this)),
      m_message(new QLabel(this)),
      m_grid(new QGridLayout),
      m_warning(new QLabel(this)),
      m_doneButton(new QPushButton(this))
{
    setModal(true);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_message->setWordWrap(true);
    m_warning->setWordWrap(true);
    m_warning->setObjectName(QStringLiteral("secretWarning"));
    m_warning->setStyleSheet(Style::box(Style::Box::Warning));
    m_doneButton->setDefault(true);
    connect(m_doneButton, &QPushButton::clicked, this, &QDialog::accept);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_doneButton, QDialogButtonBox::AcceptRole);

    m_grid->setColumnStretch(1, 1);
    m_grid->setHorizontalSpacing(8);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addWidget(m_heading);
    layout->addWidget(m_message);
    layout->addLayout(m_grid);
    layout->addWidget(m_warning);
    layout->addWidget(buttons);
    setMinimumWidth(560);
    retranslateUi();
}

void SecretDialog::setHeading(const QString &heading)
{
    m_heading->setText(heading);
    setWindowTitle(heading);
}

void SecretDialog::setMessage(const QString &message)
{
    m_message->setText(message);
}

void SecretDialog::addValue(const QString &label, const QString &value)
{
    const int index = int(m_values.size());
    auto *edit = new QLineEdit(value, this);
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setObjectName(QStringLiteral("secretValue%1").arg(index));
    edit->setCursorPosition(0);
    auto *copyButton = new QPushButton(this);
    copyButton->setObjectName(QStringLiteral("copyButton%1").arg(index));
    connect(copyButton, &QPushButton::clicked, this, [this, index] { copy(index); });
    auto *caption = new QLabel(label, this);
    caption->setBuddy(edit);
    m_grid->addWidget(caption, index, 0);
    m_grid->addWidget(edit, index, 1);
    m_grid->addWidget(copyButton, index, 2);
    m_values.append(edit);
    m_copyButtons.append(copyButton);
    retranslateUi();
}

QString SecretDialog::value(int index) const
{
    return index >= 0 && index < m_values.size() ? m_values.at(index)->text() : QString();
}

void SecretDialog::copy(int index)
{
    QGuiApplication::clipboard()->setText(m_values.at(index)->text());
    m_copiedIndex = index;
    retranslateUi();
    QTimer::singleShot(COPIED_FEEDBACK_MS, this, [this, index] {
        if (m_copiedIndex == index) {
            m_copiedIndex = -1;
            retranslateUi();
        }
    });
}

void SecretDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void SecretDialog::retranslateUi()
{
    m_warning->setText(tr("This is the only time it is shown. Copy it now and keep it somewhere "
                          "safe: after you close this window it cannot be shown again."));
    m_doneButton->setText(tr("I have copied it, close"));
    for (int i = 0; i < m_copyButtons.size(); ++i)
        //: Button feedback after copying a value to the clipboard
        m_copyButtons.at(i)->setText(i == m_copiedIndex ? tr("Copied ✓") : tr("Copy"));
}
