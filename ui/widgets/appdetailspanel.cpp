#include "ui/widgets/appdetailspanel.h"

#include <QCheckBox>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/models/verifierapptablemodel.h"
#include "ui/style.h"

namespace {

QLabel *valueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

QLabel *hintLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(Style::label(Style::Colour::Hint));
    return label;
}

} // namespace

AppDetailsPanel::AppDetailsPanel(QWidget *parent)
    : QGroupBox(parent),
      m_noSelection(hintLabel(this)),
      m_body(new QWidget(this)),
      m_nameCaption(new QLabel(this)),
      m_nameValue(valueLabel(this)),
      m_keyCaption(new QLabel(this)),
      m_keyValue(valueLabel(this)),
      m_copyKeyButton(new QPushButton(this)),
      m_statusCaption(new QLabel(this)),
      m_statusValue(valueLabel(this)),
      m_lastUsedCaption(new QLabel(this)),
      m_lastUsedValue(valueLabel(this)),
      m_createdCaption(new QLabel(this)),
      m_createdValue(valueLabel(this)),
      m_tokenRead(new QCheckBox(this)),
      m_tokenReadHint(hintLabel(this)),
      m_statusButton(new QPushButton(this)),
      m_statusHint(hintLabel(this))
{
    m_keyValue->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    QFont statusFont = m_statusValue->font();
    statusFont.setBold(true);
    m_statusValue->setFont(statusFont);
    m_copyKeyButton->setObjectName(QStringLiteral("copyKeyButton"));
    connect(m_copyKeyButton, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_clientKey); });
    m_tokenRead->setObjectName(QStringLiteral("tokenReadBox"));
    connect(m_tokenRead, &QCheckBox::clicked, this, &AppDetailsPanel::tokenReadToggled);
    m_statusButton->setObjectName(QStringLiteral("statusButton"));
    m_statusButton->setStyleSheet(Style::button());
    connect(m_statusButton, &QPushButton::clicked, this, &AppDetailsPanel::statusToggleRequested);

    buildLayout();
    retranslateUi();
}

void AppDetailsPanel::buildLayout()
{
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyValue, 1);
    keyRow->addWidget(m_copyKeyButton);
    auto *grid = new QGridLayout;
    grid->setColumnStretch(1, 1);
    grid->setVerticalSpacing(8);
    grid->addWidget(m_nameCaption, 0, 0);
    grid->addWidget(m_nameValue, 0, 1);
    grid->addWidget(m_keyCaption, 1, 0);
    grid->addLayout(keyRow, 1, 1);
    grid->addWidget(m_statusCaption, 2, 0);
    grid->addWidget(m_statusValue, 2, 1);
    grid->addWidget(m_lastUsedCaption, 3, 0);
    grid->addWidget(m_lastUsedValue, 3, 1);
    grid->addWidget(m_createdCaption, 4, 0);
    grid->addWidget(m_createdValue, 4, 1);
    auto *bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->setSpacing(8);
    bodyLayout->addLayout(grid);
    bodyLayout->addSpacing(8);
    bodyLayout->addWidget(m_tokenRead);
    bodyLayout->addWidget(m_tokenReadHint);
    bodyLayout->addSpacing(8);
    bodyLayout->addWidget(m_statusButton, 0, Qt::AlignLeft);
    bodyLayout->addWidget(m_statusHint);
    bodyLayout->addStretch();
    auto *detailsLayout = new QVBoxLayout(this);
    detailsLayout->addWidget(m_noSelection);
    detailsLayout->addWidget(m_body);
    detailsLayout->addStretch();
}

void AppDetailsPanel::showApp(const VerifierApp *app, bool busy)
{
    m_noSelection->setVisible(!app);
    m_body->setVisible(app != nullptr);
    if (!app)
        return;
    m_clientKey = app->clientKey;
    const bool active = app->status == VerifierApp::Status::Active;
    m_nameValue->setText(app->name);
    m_keyValue->setText(app->clientKey);
    m_statusValue->setText(VerifierAppTableModel::statusText(app->status));
    m_statusValue->setStyleSheet(
            Style::label(active ? Style::Colour::Success : Style::Colour::Failure));
    m_lastUsedValue->setText(VerifierAppTableModel::timeText(app->lastUsedAt));
    m_createdValue->setText(VerifierAppTableModel::timeText(app->createdAt));
    m_tokenRead->setChecked(app->allowTokenRead);
    m_tokenRead->setEnabled(!busy);
    m_statusButton->setEnabled(!busy);
    m_statusButton->setText(active ? tr("Disable app…") : tr("Enable app"));
    m_statusHint->setText(active ? tr("A disabled app can no longer verify coupons. You can "
                                      "enable it again at any time.")
                                 : tr("This app is disabled: its requests are refused until "
                                      "you enable it again."));
}

void AppDetailsPanel::showTokenRead(bool allow)
{
    m_tokenRead->setChecked(allow);
}

void AppDetailsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QGroupBox::changeEvent(event);
}

void AppDetailsPanel::retranslateUi()
{
    setTitle(tr("Selected app"));
    m_noSelection->setText(tr("Click an app in the list to see its details."));
    m_nameCaption->setText(tr("Name:"));
    m_keyCaption->setText(tr("Client key:"));
    m_copyKeyButton->setText(tr("Copy"));
    m_statusCaption->setText(tr("Status:"));
    m_lastUsedCaption->setText(tr("Last used:"));
    m_createdCaption->setText(tr("Created:"));
    m_tokenRead->setText(tr("May read the Douyin access token"));
    m_tokenReadHint->setText(tr("Only for programs that call Douyin themselves. The change "
                                "applies at once."));
}
