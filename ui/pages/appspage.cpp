#include "ui/pages/appspage.h"

#include <QCheckBox>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "core/runtime/engineproxy.h"
#include "ui/errortext.h"
#include "ui/models/verifierapptablemodel.h"
#include "ui/widgets/confirmationbox.h"
#include "ui/widgets/createappdialog.h"
#include "ui/widgets/secretdialog.h"

namespace {

constexpr int DETAILS_WIDTH = 340;

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
    label->setStyleSheet(QStringLiteral("QLabel { color: #666666; }"));
    return label;
}

} // namespace

AppsPage::AppsPage(EngineProxy *engine, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_model(new VerifierAppTableModel(this)),
      m_heading(new QLabel(this)),
      m_intro(hintLabel(this)),
      m_message(new QLabel(this)),
      m_createButton(new QPushButton(this)),
      m_refreshButton(new QPushButton(this)),
      m_listStack(new QStackedWidget(this)),
      m_table(new QTableView(this)),
      m_emptyLabel(new QLabel(this)),
      m_details(new QGroupBox(this)),
      m_noSelection(hintLabel(this)),
      m_detailsBody(new QWidget(this)),
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
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.5);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->hide();

    m_createButton->setObjectName(QStringLiteral("createButton"));
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_createButton->setStyleSheet(QStringLiteral("QPushButton { font-weight: bold; padding: 6px "
                                                 "16px; }"));
    m_refreshButton->setStyleSheet(QStringLiteral("QPushButton { padding: 6px 16px; }"));
    connect(m_createButton, &QPushButton::clicked, this, &AppsPage::startCreateApp);
    connect(m_refreshButton, &QPushButton::clicked, this, &AppsPage::refresh);

    m_table->setObjectName(QStringLiteral("appsTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Room around the texts: the columns size to their contents.
    m_table->setStyleSheet(QStringLiteral("QTableView::item { padding: 0 6px; } "
                                          "QHeaderView::section { padding: 4px 6px; }"));
    m_table->verticalHeader()->setDefaultSectionSize(30);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(VerifierAppTableModel::Name,
                                                      QHeaderView::Stretch);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const VerifierApp *app = m_model->app(current.row());
                m_selectedId = app ? app->id : 0;
                updateDetails();
            });

    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setObjectName(QStringLiteral("emptyLabel"));
    m_emptyLabel->setFrameShape(QFrame::StyledPanel);
    m_emptyLabel->setStyleSheet(QStringLiteral("QLabel { color: #555555; font-size: 13pt; "
                                               "padding: 24px; background: palette(base); }"));
    m_listStack->addWidget(m_table);
    m_listStack->addWidget(m_emptyLabel);

    m_keyValue->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    QFont statusFont = m_statusValue->font();
    statusFont.setBold(true);
    m_statusValue->setFont(statusFont);
    m_copyKeyButton->setObjectName(QStringLiteral("copyKeyButton"));
    connect(m_copyKeyButton, &QPushButton::clicked, this, [this] {
        if (const VerifierApp *app = selectedApp())
            QGuiApplication::clipboard()->setText(app->clientKey);
    });
    m_tokenRead->setObjectName(QStringLiteral("tokenReadBox"));
    connect(m_tokenRead, &QCheckBox::clicked, this, &AppsPage::setTokenRead);
    m_statusButton->setObjectName(QStringLiteral("statusButton"));
    m_statusButton->setStyleSheet(QStringLiteral("QPushButton { padding: 6px 16px; }"));
    connect(m_statusButton, &QPushButton::clicked, this, &AppsPage::toggleStatus);

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
    auto *bodyLayout = new QVBoxLayout(m_detailsBody);
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
    auto *detailsLayout = new QVBoxLayout(m_details);
    detailsLayout->addWidget(m_noSelection);
    detailsLayout->addWidget(m_detailsBody);
    detailsLayout->addStretch();
    m_details->setFixedWidth(DETAILS_WIDTH);

    auto *top = new QHBoxLayout;
    top->addWidget(m_heading, 1);
    top->addWidget(m_refreshButton);
    top->addWidget(m_createButton);
    auto *middle = new QHBoxLayout;
    middle->addWidget(m_listStack, 1);
    middle->addWidget(m_details);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(10);
    layout->addLayout(top);
    layout->addWidget(m_intro);
    layout->addWidget(m_message);
    layout->addLayout(middle, 1);

    retranslateUi();
    updateDetails();
}

void AppsPage::showEvent(QShowEvent *event)
{
    // Last use changes while other devices work, so the list is fresh whenever it is looked at.
    refresh();
    QWidget::showEvent(event);
}

void AppsPage::refresh()
{
    m_engine->listApps(this, [this](const Result<QList<VerifierApp>> &apps) { showApps(apps); });
}

void AppsPage::showApps(const Result<QList<VerifierApp>> &apps)
{
    if (!apps.ok()) {
        showError(tr("The list of apps could not be loaded."), apps.error());
        return;
    }
    const qint64 selected = m_selectedId;
    m_model->setApps(apps.value());
    m_listStack->setCurrentWidget(apps.value().isEmpty() ? static_cast<QWidget *>(m_emptyLabel)
                                                         : m_table);
    selectApp(selected);
    emit appsLoaded();
}

void AppsPage::selectApp(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row >= 0)
        m_table->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                                   QItemSelectionModel::ClearAndSelect
                                                           | QItemSelectionModel::Rows);
    m_selectedId = row >= 0 ? id : 0;
    updateDetails();
}

const VerifierApp *AppsPage::selectedApp() const
{
    return m_model->app(m_model->rowOf(m_selectedId));
}

void AppsPage::updateDetails()
{
    const VerifierApp *app = selectedApp();
    // With no apps at all the empty list says what to do; an empty panel beside it would not.
    m_details->setVisible(m_model->rowCount() > 0);
    m_noSelection->setVisible(!app);
    m_detailsBody->setVisible(app != nullptr);
    m_createButton->setEnabled(!m_busy);
    if (!app)
        return;
    const bool active = app->status == VerifierApp::Status::Active;
    m_nameValue->setText(app->name);
    m_keyValue->setText(app->clientKey);
    m_statusValue->setText(VerifierAppTableModel::statusText(app->status));
    m_statusValue->setStyleSheet(active ? QStringLiteral("QLabel { color: #1e8449; }")
                                        : QStringLiteral("QLabel { color: #c0392b; }"));
    m_lastUsedValue->setText(VerifierAppTableModel::timeText(app->lastUsedAt));
    m_createdValue->setText(VerifierAppTableModel::timeText(app->createdAt));
    m_tokenRead->setChecked(app->allowTokenRead);
    m_tokenRead->setEnabled(!m_busy);
    m_statusButton->setEnabled(!m_busy);
    m_statusButton->setText(active ? tr("Disable app…") : tr("Enable app"));
    m_statusHint->setText(active ? tr("A disabled app can no longer verify coupons. You can "
                                      "enable it again at any time.")
                                 : tr("This app is disabled: its requests are refused until "
                                      "you enable it again."));
}

void AppsPage::startCreateApp()
{
    auto *dialog = new CreateAppDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { createApp(dialog->name(), dialog->allowTokenRead()); });
    dialog->open();
}

void AppsPage::createApp(const QString &name, bool allowTokenRead)
{
    m_busy = true;
    updateDetails();
    showMessage(QString(), false);
    m_engine->createApp(
            name, allowTokenRead, this,
            [this, name](const Result<AppRepository::Created> &created) {
                m_busy = false;
                if (!created.ok()) {
                    updateDetails();
                    if (created.error().code == ErrorCode::Conflict)
                        showMessage(tr("There is already an app called \"%1\". Please choose "
                                       "another name.")
                                            .arg(name),
                                    true);
                    else
                        showError(tr("The app could not be created."), created.error());
                    return;
                }
                m_model->updateApp(created.value().app);
                m_listStack->setCurrentWidget(m_table);
                selectApp(created.value().app.id);
                emit appChanged(created.value().app);
                showCreated(created.value().app.clientKey, created.value().clientSecret,
                            created.value().app.name);
            });
}

void AppsPage::showCreated(const QString &clientKey, const QString &clientSecret,
                           const QString &name)
{
    auto *dialog = new SecretDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setHeading(tr("App \"%1\" created").arg(name));
    dialog->setMessage(tr("Enter this client key and client secret in the settings of the "
                          "device or program that will verify coupons."));
    dialog->addValue(tr("Client key"), clientKey);
    dialog->addValue(tr("Client secret"), clientSecret);
    dialog->open();
}

void AppsPage::setTokenRead(bool allow)
{
    const VerifierApp *app = selectedApp();
    if (!app || m_busy)
        return;
    m_busy = true;
    updateDetails();
    m_tokenRead->setChecked(allow); // shown at once; reverted if the engine refuses
    m_engine->setTokenAccess(app->id, allow, this,
                             [this](const Result<VerifierApp> &app) { showChanged(app); });
}

void AppsPage::toggleStatus()
{
    const VerifierApp *app = selectedApp();
    if (!app || m_busy)
        return;
    const qint64 id = app->id;
    if (app->status == VerifierApp::Status::Disabled) {
        setStatus(id, VerifierApp::Status::Active);
        return;
    }
    auto *box = new ConfirmationBox(
            tr("Disable \"%1\"?").arg(app->name),
            tr("The device or program using this app will no longer be able to verify coupons "
               "until you enable it again."),
            tr("Disable app"), tr("Keep it active"), this);
    connect(box, &ConfirmationBox::confirmed, this,
            [this, id] { setStatus(id, VerifierApp::Status::Disabled); });
    box->open();
}

void AppsPage::setStatus(qint64 id, VerifierApp::Status status)
{
    m_busy = true;
    updateDetails();
    m_engine->setAppStatus(id, status, this,
                           [this](const Result<VerifierApp> &app) { showChanged(app); });
}

void AppsPage::showChanged(const Result<VerifierApp> &app)
{
    m_busy = false;
    if (!app.ok()) {
        updateDetails(); // back to what the list knows
        showError(tr("The change could not be saved."), app.error());
        return;
    }
    showMessage(QString(), false);
    m_model->updateApp(app.value());
    updateDetails();
    emit appChanged(app.value());
}

void AppsPage::showError(const QString &what, const Error &error)
{
    //: %1 says what failed, %2 why, in general words
    showMessage(tr("%1 %2.").arg(what, ErrorText::title(error.code)), true);
}

void AppsPage::showMessage(const QString &text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? QStringLiteral("QLabel { color: #c0392b; }") : QString());
    m_message->setVisible(!text.isEmpty());
}

void AppsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AppsPage::retranslateUi()
{
    m_heading->setText(tr("Verifier apps"));
    m_intro->setText(tr("Other devices and programs in the store (another till, a self-service "
                        "kiosk, a mini-program server) verify coupons through this computer. "
                        "Each of them needs its own app here, with its own key and secret."));
    m_createButton->setText(tr("+ New app…"));
    m_refreshButton->setText(tr("Refresh"));
    m_emptyLabel->setText(tr("No apps yet.\nClick \"New app…\" to connect another device or "
                             "program."));
    m_details->setTitle(tr("Selected app"));
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
    // A message about an earlier action would stay in the old language; it has served.
    showMessage(QString(), false);
    m_model->retranslate();
    updateDetails();
}
