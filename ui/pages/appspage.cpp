#include "ui/pages/appspage.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "core/runtime/gatewayproxy.h"
#include "ui/errortext.h"
#include "ui/models/verifierapptablemodel.h"
#include "ui/style.h"
#include "ui/widgets/appdetailspanel.h"
#include "ui/widgets/confirmationbox.h"
#include "ui/widgets/createappdialog.h"
#include "ui/widgets/secretdialog.h"

namespace {

constexpr int DETAILS_WIDTH = 340;

} // namespace

AppsPage::AppsPage(GatewayProxy *gateway, QWidget *parent)
    : QWidget(parent),
      m_gateway(gateway),
      m_model(new VerifierAppTableModel(this)),
      m_heading(new QLabel(this)),
      m_intro(new QLabel(this)),
      m_message(new QLabel(this)),
      m_createButton(new QPushButton(this)),
      m_refreshButton(new QPushButton(this)),
      m_listStack(new QStackedWidget(this)),
      m_table(new QTableView(this)),
      m_emptyLabel(new QLabel(this)),
      m_details(new AppDetailsPanel(this))
{
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.5);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_intro->setWordWrap(true);
    m_intro->setStyleSheet(Style::label(Style::Colour::Hint));
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->hide();

    m_createButton->setObjectName(QStringLiteral("createButton"));
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_createButton->setStyleSheet(Style::primaryButton(16));
    m_refreshButton->setStyleSheet(Style::button());
    connect(m_createButton, &QPushButton::clicked, this, &AppsPage::startCreateApp);
    connect(m_refreshButton, &QPushButton::clicked, this, &AppsPage::refresh);

    setUpList();
    m_details->setFixedWidth(DETAILS_WIDTH);
    connect(m_details, &AppDetailsPanel::tokenReadToggled, this, &AppsPage::setTokenRead);
    connect(m_details, &AppDetailsPanel::statusToggleRequested, this, &AppsPage::toggleStatus);

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

void AppsPage::setUpList()
{
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
    m_table->setStyleSheet(Style::roomyTable());
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
    m_emptyLabel->setStyleSheet(Style::emptyList());
    m_listStack->addWidget(m_table);
    m_listStack->addWidget(m_emptyLabel);
}

void AppsPage::showEvent(QShowEvent *event)
{
    // Last use changes while other devices work, so the list is fresh whenever it is looked at.
    refresh();
    QWidget::showEvent(event);
}

void AppsPage::refresh()
{
    m_gateway->listApps(this, [this](const Result<QList<VerifierApp>> &apps) { showApps(apps); });
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
    m_createButton->setEnabled(!m_busy);
    m_details->showApp(app, m_busy);
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
    m_gateway->createApp(
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
    m_details->showTokenRead(allow); // reverted if the gateway refuses
    m_gateway->setTokenAccess(app->id, allow, this,
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
    m_gateway->setAppStatus(id, status, this,
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
    m_message->setStyleSheet(isError ? Style::label(Style::Colour::Failure) : QString());
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
    // A message about an earlier action would stay in the old language; it has served.
    showMessage(QString(), false);
    m_model->retranslate();
    updateDetails();
}
