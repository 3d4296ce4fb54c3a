#include "ui/widgets/meituanbinddialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/runtime/gatewayproxy.h"
#include "ui/meituanerrortext.h"
#include "ui/style.h"

namespace {

constexpr int DIALOG_WIDTH = 620;

} // namespace

MeituanBindDialog::MeituanBindDialog(GatewayProxy *gateway, const QString &poiId,
                                     const QString &poiName, const QUrl &authorizationUrl,
                                     bool browserOpened, QWidget *parent)
    : QDialog(parent),
      m_gateway(gateway),
      m_poiId(poiId),
      m_poiName(poiName),
      m_url(authorizationUrl),
      m_browserOpened(browserOpened)
{
    buildUi();
    connect(m_code, &QLineEdit::textChanged, this, &MeituanBindDialog::updateButtons);
    connect(m_code, &QLineEdit::returnPressed, this, &MeituanBindDialog::bind);
    connect(m_bindButton, &QPushButton::clicked, this, &MeituanBindDialog::bind);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copyButton, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_url.toString(QUrl::FullyEncoded)); });
    retranslateUi();
    updateButtons();
    fitHeight();
}

void MeituanBindDialog::fitHeight()
{
    // Wrapped texts need the height their width gives them; a dialog keeps its first size.
    const int width = isVisible() ? this->width() : DIALOG_WIDTH;
    const int needed = qMax(heightForWidth(width), sizeHint().height());
    resize(width, isVisible() ? qMax(height(), needed) : needed);
}

void MeituanBindDialog::buildUi()
{
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_address = new QLineEdit(m_url.toString(QUrl::FullyEncoded), this);
    m_address->setObjectName(QStringLiteral("addressEdit"));
    m_address->setReadOnly(true);
    m_address->setCursorPosition(0);
    m_copyButton = new QPushButton(this);
    m_copyButton->setStyleSheet(Style::button());
    m_codeLabel = new QLabel(this);
    m_code = new QLineEdit(this);
    m_code->setObjectName(QStringLiteral("codeEdit"));
    m_codeLabel->setBuddy(m_code);
    m_codeHint = new QLabel(this);
    m_codeHint->setWordWrap(true);
    m_codeHint->setStyleSheet(Style::label(Style::Colour::Hint));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("bindError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_bindButton = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_bindButton->setObjectName(QStringLiteral("bindButton"));
    m_bindButton->setDefault(true);

    auto *address = new QHBoxLayout;
    address->addWidget(m_address, 1);
    address->addWidget(m_copyButton);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(m_intro);
    layout->addLayout(address);
    layout->addSpacing(6);
    layout->addWidget(m_codeLabel);
    layout->addWidget(m_code);
    layout->addWidget(m_codeHint);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);
    setMinimumWidth(480);
}

void MeituanBindDialog::bind()
{
    const QString code = m_code->text().trimmed();
    if (m_binding || code.isEmpty())
        return;
    m_binding = true;
    updateButtons();
    m_error->setStyleSheet(QString());
    m_error->setText(tr("Binding with Meituan…"));
    m_error->show();
    m_gateway->bindMeituan(m_poiId, code, this,
                           [this](const Result<MeituanStatus::Store, Meituan::Error> &result) {
                               m_binding = false;
                               updateButtons();
                               if (!result.ok()) {
                                   showError(MeituanErrorText::bindFailure(result.error()));
                                   return;
                               }
                               emit bound(result.value());
                               accept();
                           });
}

void MeituanBindDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setStyleSheet(Style::box(Style::Box::Failed));
    m_error->show();
    fitHeight();
    emit bindFailed(text);
}

void MeituanBindDialog::updateButtons()
{
    m_bindButton->setEnabled(!m_binding && !m_code->text().trimmed().isEmpty());
    m_code->setEnabled(!m_binding);
}

void MeituanBindDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void MeituanBindDialog::retranslateUi()
{
    //: %1 is the store's name
    setWindowTitle(tr("Bind %1 to Meituan").arg(m_poiName));
    m_intro->setText(
            m_browserOpened
                    ? tr("Meituan's authorization page for %1 has opened in the browser. Sign "
                         "in there with the store's Meituan merchant account and agree; "
                         "Meituan then gives an authorization code. If the page is not on this "
                         "computer, open this address where the account is signed in:")
                              .arg(m_poiName)
                    : tr("The browser could not be opened. Open this address in a browser "
                         "where the Meituan merchant account of %1 is signed in, and agree; "
                         "Meituan then gives an authorization code:")
                              .arg(m_poiName));
    m_copyButton->setText(tr("Copy address"));
    m_codeLabel->setText(tr("&Authorization code from Meituan"));
    m_codeHint->setText(tr("A code works once, for 10 minutes."));
    m_bindButton->setText(tr("Bind"));
}
