#include "ui/widgets/createappdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/runtime/gatewayproxy.h"
#include "ui/style.h"

CreateAppDialog::CreateAppDialog(QWidget *parent)
    : QDialog(parent),
      m_intro(new QLabel(this)),
      m_nameLabel(new QLabel(this)),
      m_name(new QLineEdit(this)),
      m_tokenRead(new QCheckBox(this)),
      m_tokenReadHint(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setModal(true);
    m_intro->setWordWrap(true);
    m_name->setMaxLength(GatewayProxy::MAX_APP_NAME_LENGTH);
    m_nameLabel->setBuddy(m_name);
    m_tokenReadHint->setWordWrap(true);
    m_tokenReadHint->setIndent(24);
    m_tokenReadHint->setStyleSheet(Style::label(Style::Colour::Hint));
    connect(m_name, &QLineEdit::textChanged, this, &CreateAppDialog::updateButtons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(m_intro);
    layout->addWidget(m_nameLabel);
    layout->addWidget(m_name);
    layout->addSpacing(6);
    layout->addWidget(m_tokenRead);
    layout->addWidget(m_tokenReadHint);
    layout->addStretch();
    layout->addWidget(m_buttons);
    setMinimumWidth(480);
    retranslateUi();
    updateButtons();
}

QString CreateAppDialog::name() const
{
    return m_name->text().trimmed();
}

bool CreateAppDialog::allowTokenRead() const
{
    return m_tokenRead->isChecked();
}

void CreateAppDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!name().isEmpty());
}

void CreateAppDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void CreateAppDialog::retranslateUi()
{
    setWindowTitle(tr("New verifier app"));
    m_intro->setText(tr("Create one app for each device or program that should verify coupons "
                        "through this computer, for example \"Till 2\" or \"Self-service "
                        "kiosk\". It gets its own key and secret."));
    m_nameLabel->setText(tr("&Name"));
    m_name->setPlaceholderText(tr("For example: Till 2"));
    m_tokenRead->setText(tr("Allow it to read the Douyin access token"));
    m_tokenReadHint->setText(tr("Only needed by programs that call Douyin themselves. "
                                "Leave it off if you are not sure."));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create app"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
}
