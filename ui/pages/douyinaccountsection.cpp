#include "ui/pages/douyinaccountsection.h"

#include <algorithm>

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

#include "core/runtime/gatewayproxy.h"
#include "ui/douyinerrortext.h"
#include "ui/style.h"

namespace {

constexpr int MAX_LISTED_POIS = 5;

} // namespace

DouyinAccountSection::DouyinAccountSection(GatewayProxy *gateway, QWidget *parent)
    : QGroupBox(parent),
      m_gateway(gateway),
      m_keyRow(this),
      m_secretRow(this),
      m_accountRow(this),
      m_baseUrlRow(this)
{
    buildUi();
    for (QLineEdit *edit : {m_clientKey, m_clientSecret, m_accountId, m_baseUrl})
        connect(edit, &QLineEdit::textChanged, this, &DouyinAccountSection::edited);
    for (QLineEdit *edit : {m_accountId, m_baseUrl})
        connect(edit, &QLineEdit::textChanged, this, &DouyinAccountSection::updateAccountNote);
    connect(m_testButton, &QPushButton::clicked, this, &DouyinAccountSection::testConnection);
    updateTestButton();
}

void DouyinAccountSection::buildUi()
{
    m_intro = SettingsRow::hintLabel(this);
    m_clientKey = new QLineEdit(this);
    m_clientKey->setObjectName(QStringLiteral("clientKeyEdit"));
    m_clientSecret = new QLineEdit(this);
    m_clientSecret->setObjectName(QStringLiteral("clientSecretEdit"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_accountId = new QLineEdit(this);
    m_accountId->setObjectName(QStringLiteral("accountIdEdit"));
    m_baseUrlRow.note()->show();
    m_baseUrl = new QLineEdit(this);
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_testButton = new QPushButton(this);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_testButton->setStyleSheet(Style::button());
    m_testResult = SettingsRow::selectableLabel(this);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->hide();
    m_restartHint = SettingsRow::hintLabel(this);
    m_keyStorageLabel = SettingsRow::hintLabel(this);
    m_keyStorageLabel->setObjectName(QStringLiteral("keyStorageLabel"));
    m_keyStorageLabel->hide();

    auto *grid = SettingsRow::formGrid();
    int row = 0;
    m_keyRow.addTo(grid, row, m_clientKey);
    m_secretRow.addTo(grid, row, m_clientSecret);
    m_accountRow.addTo(grid, row, m_accountId);
    m_baseUrlRow.addTo(grid, row, m_baseUrl);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(8);
    layout->addWidget(m_intro);
    layout->addLayout(grid);
    layout->addLayout(testRow);
    layout->addWidget(m_testResult);
    layout->addWidget(m_restartHint);
    layout->addWidget(m_keyStorageLabel);
    layout->addStretch();
}

void DouyinAccountSection::showSnapshot(const SettingsSnapshot &snapshot)
{
    m_loaded = true;
    const QSignalBlocker blockKey(m_clientKey);
    const QSignalBlocker blockAccount(m_accountId);
    const QSignalBlocker blockUrl(m_baseUrl);
    m_clientKey->setText(SettingsRow::value(snapshot, Setting::DouyinClientKey));
    m_accountId->setText(SettingsRow::value(snapshot, Setting::DouyinAccountId));
    m_baseUrl->setText(SettingsRow::value(snapshot, Setting::DouyinBaseUrl));
    updateTestButton();
}

void DouyinAccountSection::updateLocks(const SettingsSnapshot &snapshot)
{
    m_secretSource = snapshot.clientSecret;
    m_keyStorage = snapshot.masterKey;
    updateKeyStorageText();
    if (!m_keyRow.showLock(snapshot, Setting::DouyinClientKey, m_clientKey))
        m_keyRow.note()->hide();
    if (!m_accountRow.showLock(snapshot, Setting::DouyinAccountId, m_accountId))
        updateAccountNote();
    if (!m_baseUrlRow.showLock(snapshot, Setting::DouyinBaseUrl, m_baseUrl))
        m_baseUrlRow.note()->setText(tr("Leave this as it is unless support tells you otherwise."));

    m_secretRow.showSecretSource(m_secretSource, Setting::DouyinClientSecret, m_clientSecret);
}

bool DouyinAccountSection::hasUnsavedChanges(const SettingsSnapshot &snapshot) const
{
    return SettingsRow::isEdited(snapshot, Setting::DouyinClientKey, m_clientKey->text().trimmed())
            || !m_clientSecret->text().trimmed().isEmpty()
            || SettingsRow::isEdited(snapshot, Setting::DouyinAccountId,
                                     m_accountId->text().trimmed())
            || SettingsRow::isEdited(snapshot, Setting::DouyinBaseUrl,
                                     SettingsRow::normalisedUrl(m_baseUrl->text()));
}

bool DouyinAccountSection::hasValidBaseUrl(const SettingsSnapshot &snapshot)
{
    if (SettingsRow::isLocked(snapshot, Setting::DouyinBaseUrl)
        || SettingsRow::isServerUrl(SettingsRow::normalisedUrl(m_baseUrl->text())))
        return true;
    m_baseUrl->setFocus();
    return false;
}

void DouyinAccountSection::addChanges(const SettingsSnapshot &snapshot,
                                      SettingsUpdate &update) const
{
    const auto put = [&snapshot, &update](Setting setting, const QString &shown) {
        if (SettingsRow::isEdited(snapshot, setting, shown))
            update.values.insert(setting, shown);
    };
    put(Setting::DouyinClientKey, m_clientKey->text().trimmed());
    put(Setting::DouyinAccountId, m_accountId->text().trimmed());
    put(Setting::DouyinBaseUrl, SettingsRow::normalisedUrl(m_baseUrl->text()));
    if (const QString secret = m_clientSecret->text().trimmed(); !secret.isEmpty())
        update.douyinClientSecret = secret;
}

void DouyinAccountSection::clearSecret()
{
    m_clientSecret->clear();
}

void DouyinAccountSection::updateTestButton()
{
    m_testButton->setEnabled(m_loaded && !m_testing);
}

// ---- connection test

void DouyinAccountSection::testConnection()
{
    if (m_testing)
        return;
    DouyinClient::Config config;
    config.clientKey = m_clientKey->text().trimmed();
    config.clientSecret = m_clientSecret->text().trimmed(); // empty: the saved one
    config.accountId = m_accountId->text().trimmed();
    config.baseUrl = QUrl(SettingsRow::normalisedUrl(m_baseUrl->text()), QUrl::StrictMode);
    const bool secretKnown = !config.clientSecret.isEmpty()
            || m_secretSource == SettingsSnapshot::SecretSource::Sealed
            || m_secretSource == SettingsSnapshot::SecretSource::File
            || m_secretSource == SettingsSnapshot::SecretSource::Environment;
    m_lastOutcome.reset();
    if (config.clientKey.isEmpty() || !secretKnown) {
        showTestMessage(tr("Enter the client key and the client secret first."), false);
        emit connectionTested(false);
        return;
    }
    if (!config.baseUrl.isValid() || config.baseUrl.host().isEmpty()) {
        showTestMessage(tr("The Douyin server address must start with https://, for example "
                           "https://open.douyin.com"),
                        false);
        emit connectionTested(false);
        return;
    }
    m_testing = true;
    updateTestButton();
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(tr("Connecting to Douyin…"));
    m_testResult->show();
    m_gateway->testConnection(config, this, [this](const ConnectionProbe::Outcome &outcome) {
        m_testing = false;
        m_lastOutcome = outcome;
        updateTestButton();
        showTestOutcome(outcome);
        emit connectionTested(outcome.ok());
    });
}

void DouyinAccountSection::updateAccountNote()
{
    if (!m_accountId->isEnabled())
        return; // the note says which setting locks it
    DouyinClient::Config config;
    config.baseUrl = QUrl(SettingsRow::normalisedUrl(m_baseUrl->text()));
    config.accountId = m_accountId->text();
    if (!config.lacksAccountId()) {
        m_accountRow.note()->hide();
        return;
    }
    m_accountRow.note()->setText(accountIdMissingText());
    m_accountRow.note()->setStyleSheet(Style::label(Style::Colour::Locked));
    m_accountRow.note()->show();
}

QString DouyinAccountSection::accountIdMissingText()
{
    return tr("Douyin needs the merchant account id (account_id) to list the stores and to "
              "read order details. Find it in the Douyin merchant console and enter it here.");
}

void DouyinAccountSection::showTestOutcome(const ConnectionProbe::Outcome &outcome)
{
    if (outcome.accountIdMissing) {
        showTestMessage(accountIdMissingText()
                                + (outcome.ok()
                                           ? QString()
                                           : u'\n' + DouyinErrorText::describe(*outcome.error)),
                        false);
        return;
    }
    if (!outcome.ok()) {
        const QString stage = outcome.tokenFetched
                ? tr("Signed in to Douyin, but the list of stores could not be read.")
                : tr("Could not sign in to Douyin.");
        showTestMessage(stage + u'\n' + DouyinErrorText::describe(*outcome.error), false);
        return;
    }
    if (outcome.pois.isEmpty()) {
        showTestMessage(tr("Connected. Douyin accepted the key and secret, but lists no stores "
                           "for this account. Check the account id."),
                        false);
        return;
    }
    const int total = std::max(outcome.poiTotal, int(outcome.pois.size()));
    QStringList lines{tr("Connected. Douyin accepted the key and secret. Stores of this "
                         "account: %n",
                         nullptr, total)};
    for (int i = 0; i < outcome.pois.size() && i < MAX_LISTED_POIS; ++i) {
        const Douyin::Poi &poi = outcome.pois.at(i);
        //: One store in the connection test: name, then Douyin's store id
        lines.append(tr("• %1 (store id %2)").arg(poi.poiName, poi.poiId));
    }
    if (total > MAX_LISTED_POIS)
        lines.append(tr("…and %n more", nullptr, total - MAX_LISTED_POIS));
    showTestMessage(lines.join(u'\n'), true);
}

void DouyinAccountSection::showTestMessage(const QString &text, bool ok)
{
    m_testResult->setText(text);
    m_testResult->setStyleSheet(Style::box(ok ? Style::Box::Passed : Style::Box::Failed));
    m_testResult->show();
}

void DouyinAccountSection::updateKeyStorageText()
{
    switch (m_keyStorage) {
    case SecretBox::Storage::Keychain:
        //: The master key that encrypts the saved client secret, Meituan sign key and tokens
        m_keyStorageLabel->setText(tr("Key that protects the saved secrets: kept in the system "
                                      "keychain"));
        break;
    case SecretBox::Storage::File:
        //: The master key that encrypts the saved client secret, Meituan sign key and tokens
        m_keyStorageLabel->setText(tr("Key that protects the saved secrets: kept in a file "
                                      "(master.key in the data folder; no system keychain, or "
                                      "DYGW_KEY_STORE=file)"));
        break;
    case SecretBox::Storage::Memory:
        m_keyStorageLabel->hide();
        return;
    }
    m_keyStorageLabel->show();
}

void DouyinAccountSection::retranslateUi()
{
    setTitle(tr("Douyin account"));
    m_intro->setText(tr("The client key and secret are on your app's page in the Douyin "
                        "Open Platform; the account id is your merchant account's id."));
    m_keyRow.caption()->setText(tr("Client key"));
    m_secretRow.caption()->setText(tr("Client secret"));
    m_accountRow.caption()->setText(tr("Account id"));
    m_baseUrlRow.caption()->setText(tr("Douyin server"));
    m_testButton->setText(tr("Test connection"));
    m_restartHint->setText(tr("Saved changes here take effect the next time dy-gateway "
                              "starts. Test them first with \"Test connection\"."));
    updateKeyStorageText();
    if (m_testing)
        m_testResult->setText(tr("Connecting to Douyin…"));
    else if (m_lastOutcome)
        showTestOutcome(*m_lastOutcome);
    else
        m_testResult->hide();
}
