#include "ui/pages/admintokensection.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/runtime/gatewayproxy.h"
#include "ui/errortext.h"
#include "ui/pages/settingsrow.h"
#include "ui/style.h"
#include "ui/widgets/confirmationbox.h"
#include "ui/widgets/secretdialog.h"

AdminTokenSection::AdminTokenSection(GatewayProxy *gateway, QWidget *parent)
    : QWidget(parent),
      m_gateway(gateway),
      m_heading(new QLabel(this)),
      m_intro(SettingsRow::hintLabel(this)),
      m_note(new QLabel(this)),
      m_showTokenButton(new QPushButton(this)),
      m_regenerateButton(new QPushButton(this))
{
    QFont boldFont = m_heading->font();
    boldFont.setBold(true);
    m_heading->setFont(boldFont);
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_showTokenButton->setObjectName(QStringLiteral("showTokenButton"));
    m_regenerateButton->setObjectName(QStringLiteral("regenerateButton"));
    for (QPushButton *button : {m_showTokenButton, m_regenerateButton})
        button->setStyleSheet(Style::button());
    connect(m_showTokenButton, &QPushButton::clicked, this, &AdminTokenSection::showNewAdminToken);
    connect(m_regenerateButton, &QPushButton::clicked, this,
            &AdminTokenSection::startRegenerateAdminToken);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_showTokenButton);
    buttons->addWidget(m_regenerateButton);
    buttons->addStretch();
    // Laid out as if it were part of the box it sits in.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_heading);
    layout->addWidget(m_intro);
    layout->addWidget(m_note);
    layout->addLayout(buttons);
}

void AdminTokenSection::updateState(const SettingsSnapshot &snapshot)
{
    const bool fromEnvironment = snapshot.adminTokenFromEnvironment;
    m_showTokenButton->setVisible(snapshot.hasUnshownAdminToken && !fromEnvironment);
    m_regenerateButton->setEnabled(snapshot.started && !fromEnvironment);
    if (fromEnvironment)
        m_note->setText(tr("Set by DYGW_ADMIN_TOKEN where dy-gateway is started, so it "
                           "cannot be changed here."));
    else if (snapshot.hasUnshownAdminToken)
        m_note->setText(tr("A new admin token was made when dy-gateway started. Show it "
                           "once and copy it."));
    else
        m_note->setText(tr("If the admin token is lost, make a new one."));
}

void AdminTokenSection::showNewAdminToken()
{
    m_gateway->takeNewAdminToken(this, [this](const std::optional<QString> &token) {
        if (token)
            showToken(tr("Admin token"), *token);
        else
            emit failed(tr("The admin token was already shown once. Make a new one if it is "
                           "lost."));
        emit tokenStateChanged();
    });
}

void AdminTokenSection::startRegenerateAdminToken()
{
    auto *box = new ConfirmationBox(tr("Make a new admin token?"),
                                    tr("The current admin token stops working at once. Every "
                                       "tool that uses it must be given the new one."),
                                    tr("Make a new token"), tr("Cancel"), this);
    connect(box, &ConfirmationBox::confirmed, this, &AdminTokenSection::regenerateAdminToken);
    box->open();
}

void AdminTokenSection::regenerateAdminToken()
{
    m_regenerateButton->setEnabled(false);
    m_gateway->regenerateAdminToken(this, [this](const Result<QString> &token) {
        if (!token.ok()) {
            emit failed(tr("No new admin token could be made: %1.")
                                .arg(ErrorText::title(token.error().code)));
        } else {
            showToken(tr("New admin token"), token.value());
        }
        emit tokenStateChanged();
    });
}

void AdminTokenSection::showToken(const QString &heading, const QString &token)
{
    auto *dialog = new SecretDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setHeading(heading);
    dialog->setMessage(tr("Back-office tools send this token to manage apps and read records "
                          "over the store network. Only a fingerprint of it is kept."));
    dialog->addValue(tr("Admin token"), token);
    dialog->open();
    emit tokenShown();
}

void AdminTokenSection::retranslateUi()
{
    m_heading->setText(tr("Admin token"));
    m_intro->setText(tr("Back-office tools use the admin token to manage apps and read "
                        "records over the network. Only a fingerprint of it is kept, so "
                        "it can be shown just once."));
    m_showTokenButton->setText(tr("Show the admin token"));
    m_regenerateButton->setText(tr("Make a new admin token…"));
}
