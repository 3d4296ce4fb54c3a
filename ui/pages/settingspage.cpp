#include "ui/pages/settingspage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include "core/douyin/douyinapi.h"
#include "core/runtime/engineproxy.h"
#include "ui/apptranslator.h"
#include "ui/errortext.h"
#include "ui/widgets/confirmationbox.h"
#include "ui/widgets/secretdialog.h"

namespace {

const QString ALL_NETWORKS = QStringLiteral("0.0.0.0");
const QString THIS_COMPUTER = QStringLiteral("127.0.0.1");
// The slider saves once it rests, not on every step of a drag.
constexpr int SOUND_SAVE_DELAY_MS = 400;
constexpr int MAX_LISTED_POIS = 5;
constexpr int COLUMN_SPACING = 16;

const QString HINT_STYLE = QStringLiteral("QLabel { color: #666666; }");
const QString LOCKED_STYLE = QStringLiteral("QLabel { color: #8a5a00; }");

QLabel *hintLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setStyleSheet(HINT_STYLE);
    return label;
}

QLabel *bannerLabel(QWidget *parent, const QString &background, const QString &border,
                    const QString &colour)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setStyleSheet(QStringLiteral("QLabel { background: %1; border: 1px solid %2; color: "
                                        "%3; border-radius: 4px; padding: 8px 10px; }")
                                 .arg(background, border, colour));
    label->hide();
    return label;
}

QString normalisedUrl(const QString &text)
{
    QString url = text.trimmed();
    while (url.endsWith(u'/'))
        url.chop(1);
    return url;
}

bool isLockedLayer(GatewaySettings::Layer layer)
{
    return layer == GatewaySettings::Layer::Environment
            || layer == GatewaySettings::Layer::CommandLine;
}

} // namespace

SettingsPage::SettingsPage(EngineProxy *engine, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_soundTimer(new QTimer(this))
{
    m_soundTimer->setSingleShot(true);
    m_soundTimer->setInterval(SOUND_SAVE_DELAY_MS);
    connect(m_soundTimer, &QTimer::timeout, this, &SettingsPage::saveSound);
    buildUi();
    retranslateUi();
    updateState();
    reload(true);
}

void SettingsPage::buildUi()
{
    auto makeRow = [this](Row &row) {
        row.caption = new QLabel(this);
        row.note = hintLabel(this);
        row.note->hide();
    };

    m_heading = new QLabel(this);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.5);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_demoBanner = bannerLabel(this, QStringLiteral("#fdebd0"), QStringLiteral("#e67e22"),
                               QStringLiteral("#6e3b00"));
    m_demoBanner->setObjectName(QStringLiteral("demoBanner"));
    m_restartBanner = bannerLabel(this, QStringLiteral("#fef9e7"), QStringLiteral("#f1c40f"),
                                  QStringLiteral("#5c4a00"));
    m_restartBanner->setObjectName(QStringLiteral("restartBanner"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);

    // ---- Douyin account
    m_douyinGroup = new QGroupBox(this);
    m_douyinIntro = hintLabel(this);
    makeRow(m_keyRow);
    m_clientKey = new QLineEdit(this);
    m_clientKey->setObjectName(QStringLiteral("clientKeyEdit"));
    makeRow(m_secretRow);
    m_secretRow.note->show();
    m_clientSecret = new QLineEdit(this);
    m_clientSecret->setObjectName(QStringLiteral("clientSecretEdit"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    makeRow(m_accountRow);
    m_accountId = new QLineEdit(this);
    m_accountId->setObjectName(QStringLiteral("accountIdEdit"));
    makeRow(m_baseUrlRow);
    m_baseUrlRow.note->show();
    m_baseUrl = new QLineEdit(this);
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_testButton = new QPushButton(this);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_testButton->setStyleSheet(QStringLiteral("QPushButton { padding: 6px 16px; }"));
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextFormat(Qt::PlainText);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->hide();
    m_douyinRestartHint = hintLabel(this);

    auto *douyinGrid = new QGridLayout;
    douyinGrid->setColumnStretch(1, 1);
    douyinGrid->setVerticalSpacing(4);
    int row = 0;
    const auto addRow = [&row](QGridLayout *grid, const Row &r, QWidget *field) {
        grid->addWidget(r.caption, row, 0);
        grid->addWidget(field, row++, 1);
        grid->addWidget(r.note, row++, 1);
    };
    addRow(douyinGrid, m_keyRow, m_clientKey);
    addRow(douyinGrid, m_secretRow, m_clientSecret);
    addRow(douyinGrid, m_accountRow, m_accountId);
    addRow(douyinGrid, m_baseUrlRow, m_baseUrl);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addStretch();
    auto *douyinLayout = new QVBoxLayout(m_douyinGroup);
    douyinLayout->setSpacing(8);
    douyinLayout->addWidget(m_douyinIntro);
    douyinLayout->addLayout(douyinGrid);
    douyinLayout->addLayout(testRow);
    douyinLayout->addWidget(m_testResult);
    douyinLayout->addWidget(m_douyinRestartHint);
    douyinLayout->addStretch();

    // ---- LAN API and admin token
    m_lanGroup = new QGroupBox(this);
    m_apiEnabled = new QCheckBox(this);
    m_apiEnabled->setObjectName(QStringLiteral("apiEnabledBox"));
    m_apiEnabledNote = hintLabel(this);
    m_apiEnabledNote->hide();
    makeRow(m_hostRow);
    m_host = new QComboBox(this);
    m_host->setObjectName(QStringLiteral("hostCombo"));
    makeRow(m_portRow);
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(0, 65535);
    m_port->setMinimumWidth(110);
    m_apiState = new QLabel(this);
    m_apiState->setObjectName(QStringLiteral("apiState"));
    m_apiState->setWordWrap(true);
    m_apiState->setTextFormat(Qt::PlainText);
    m_apiState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_lanRestartHint = hintLabel(this);
    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    m_adminHeading = new QLabel(this);
    QFont boldFont = m_adminHeading->font();
    boldFont.setBold(true);
    m_adminHeading->setFont(boldFont);
    m_adminIntro = hintLabel(this);
    m_adminNote = new QLabel(this);
    m_adminNote->setWordWrap(true);
    m_adminNote->setTextFormat(Qt::PlainText);
    m_showTokenButton = new QPushButton(this);
    m_showTokenButton->setObjectName(QStringLiteral("showTokenButton"));
    m_regenerateButton = new QPushButton(this);
    m_regenerateButton->setObjectName(QStringLiteral("regenerateButton"));
    for (QPushButton *button : {m_showTokenButton, m_regenerateButton})
        button->setStyleSheet(QStringLiteral("QPushButton { padding: 6px 16px; }"));

    auto *lanGrid = new QGridLayout;
    lanGrid->setColumnStretch(1, 1);
    lanGrid->setVerticalSpacing(4);
    row = 0;
    addRow(lanGrid, m_hostRow, m_host);
    lanGrid->addWidget(m_portRow.caption, row, 0);
    lanGrid->addWidget(m_port, row++, 1, Qt::AlignLeft);
    lanGrid->addWidget(m_portRow.note, row++, 1);
    auto *tokenButtons = new QHBoxLayout;
    tokenButtons->addWidget(m_showTokenButton);
    tokenButtons->addWidget(m_regenerateButton);
    tokenButtons->addStretch();
    auto *lanLayout = new QVBoxLayout(m_lanGroup);
    lanLayout->setSpacing(8);
    lanLayout->addWidget(m_apiEnabled);
    lanLayout->addWidget(m_apiEnabledNote);
    lanLayout->addLayout(lanGrid);
    lanLayout->addWidget(m_apiState);
    lanLayout->addWidget(m_lanRestartHint);
    lanLayout->addWidget(line);
    lanLayout->addWidget(m_adminHeading);
    lanLayout->addWidget(m_adminIntro);
    lanLayout->addWidget(m_adminNote);
    lanLayout->addLayout(tokenButtons);

    // ---- language
    m_languageGroup = new QGroupBox(this);
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->addItem(QString(), QString());
    // Each language is named in itself, so it can be found whatever is shown now.
    m_language->addItem(QLocale(QLocale::Chinese, QLocale::China).nativeLanguageName(),
                        QStringLiteral("zh_CN"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_languageNote = hintLabel(this);
    auto *languageLayout = new QVBoxLayout(m_languageGroup);
    languageLayout->addWidget(m_language);
    languageLayout->addWidget(m_languageNote);

    // ---- sounds
    m_soundGroup = new QGroupBox(this);
    m_volumeCaption = new QLabel(this);
    m_volume = new QSlider(Qt::Horizontal, this);
    m_volume->setObjectName(QStringLiteral("volumeSlider"));
    m_volume->setRange(0, 100);
    m_volume->setPageStep(10);
    m_volumeValue = new QLabel(this);
    m_volumeValue->setMinimumWidth(48);
    m_mute = new QCheckBox(this);
    m_mute->setObjectName(QStringLiteral("muteBox"));
    m_soundHint = hintLabel(this);
    auto *volumeRow = new QHBoxLayout;
    volumeRow->addWidget(m_volumeCaption);
    volumeRow->addWidget(m_volume, 1);
    volumeRow->addWidget(m_volumeValue);
    auto *soundLayout = new QVBoxLayout(m_soundGroup);
    soundLayout->addLayout(volumeRow);
    soundLayout->addWidget(m_mute);
    soundLayout->addWidget(m_soundHint);

    // ---- buttons
    m_undoButton = new QPushButton(this);
    m_undoButton->setObjectName(QStringLiteral("undoButton"));
    m_saveButton = new QPushButton(this);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setDefault(true);
    m_saveButton->setStyleSheet(QStringLiteral("QPushButton { font-weight: bold; padding: 6px "
                                               "20px; }"));
    m_undoButton->setStyleSheet(QStringLiteral("QPushButton { padding: 6px 16px; }"));

    auto *left = new QVBoxLayout;
    left->addWidget(m_douyinGroup);
    left->addStretch();
    auto *right = new QVBoxLayout;
    right->addWidget(m_lanGroup);
    right->addWidget(m_languageGroup);
    right->addWidget(m_soundGroup);
    right->addStretch();
    auto *columns = new QHBoxLayout;
    columns->setSpacing(COLUMN_SPACING);
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(16, 16, 16, 8);
    contentLayout->setSpacing(10);
    contentLayout->addWidget(m_heading);
    contentLayout->addWidget(m_demoBanner);
    contentLayout->addWidget(m_restartBanner);
    contentLayout->addLayout(columns);
    contentLayout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(16, 8, 16, 12);
    // Always laid out, even when empty, so the buttons keep their size at the right.
    buttons->addWidget(m_message, 1);
    buttons->addWidget(m_undoButton);
    buttons->addWidget(m_saveButton);
    auto *bottomLine = new QFrame(this);
    bottomLine->setFrameShape(QFrame::HLine);
    bottomLine->setFrameShadow(QFrame::Sunken);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(scroll, 1);
    layout->addWidget(bottomLine);
    layout->addLayout(buttons);

    for (QLineEdit *edit : {m_clientKey, m_clientSecret, m_accountId, m_baseUrl})
        connect(edit, &QLineEdit::textChanged, this, &SettingsPage::updateState);
    for (QLineEdit *edit : {m_accountId, m_baseUrl})
        connect(edit, &QLineEdit::textChanged, this, &SettingsPage::updateAccountNote);
    connect(m_apiEnabled, &QCheckBox::toggled, this, &SettingsPage::updateState);
    connect(m_host, &QComboBox::currentIndexChanged, this, &SettingsPage::updateState);
    connect(m_port, &QSpinBox::valueChanged, this, &SettingsPage::updateState);
    connect(m_testButton, &QPushButton::clicked, this, &SettingsPage::testConnection);
    connect(m_saveButton, &QPushButton::clicked, this, &SettingsPage::save);
    connect(m_undoButton, &QPushButton::clicked, this, [this] {
        m_clientSecret->clear();
        reload(true);
    });
    connect(m_showTokenButton, &QPushButton::clicked, this, &SettingsPage::showNewAdminToken);
    connect(m_regenerateButton, &QPushButton::clicked, this,
            &SettingsPage::startRegenerateAdminToken);
    connect(m_language, &QComboBox::activated, this, &SettingsPage::applyLanguage);
    connect(m_volume, &QSlider::valueChanged, this, [this](int volume) {
        m_volumeValue->setText(tr("%1 %").arg(volume));
        scheduleSoundSave();
    });
    connect(m_mute, &QCheckBox::toggled, this, [this](bool muted) {
        m_volume->setEnabled(!muted);
        scheduleSoundSave();
    });
}

// ---- loading

void SettingsPage::showEvent(QShowEvent *event)
{
    // The engine may have started (or the file changed) since the last look.
    reload(false);
    QWidget::showEvent(event);
}

void SettingsPage::reload(bool discardEdits)
{
    m_engine->settings(this, [this, discardEdits](const SettingsSnapshot &snapshot) {
        if (!discardEdits && m_loaded && hasUnsavedChanges()) {
            // Keep what is being typed; only the state around it is refreshed.
            m_snapshot = snapshot;
            updateLocks();
            updateState();
            emit settingsLoaded();
            return;
        }
        showSnapshot(snapshot);
    });
}

QString SettingsPage::value(Setting setting) const
{
    return m_snapshot.values.value(setting).value;
}

bool SettingsPage::isLocked(Setting setting) const
{
    return isLockedLayer(m_snapshot.values.value(setting).layer);
}

void SettingsPage::showSnapshot(const SettingsSnapshot &snapshot)
{
    m_snapshot = snapshot;
    m_loaded = true;
    const QSignalBlocker blockKey(m_clientKey);
    const QSignalBlocker blockAccount(m_accountId);
    const QSignalBlocker blockUrl(m_baseUrl);
    const QSignalBlocker blockApi(m_apiEnabled);
    const QSignalBlocker blockPort(m_port);
    const QSignalBlocker blockVolume(m_volume);
    const QSignalBlocker blockMute(m_mute);
    m_clientKey->setText(value(Setting::DouyinClientKey));
    m_accountId->setText(value(Setting::DouyinAccountId));
    m_baseUrl->setText(value(Setting::DouyinBaseUrl));
    m_apiEnabled->setChecked(value(Setting::ApiEnabled) == u"true");
    const auto listen = HostPort::parse(value(Setting::Listen));
    fillHostCombo(listen.ok() ? listen.value().host : ALL_NETWORKS);
    m_port->setValue(listen.ok() ? listen.value().port : 0);

    const int index = m_language->findData(value(Setting::Language));
    m_language->setCurrentIndex(index < 0 ? 0 : index);

    const QVariantMap &ui = snapshot.uiPreferences;
    const int volume = ui.value(QLatin1String(SOUND_VOLUME_KEY), DEFAULT_SOUND_VOLUME).toInt();
    m_volume->setValue(std::clamp(volume, 0, 100));
    m_volumeValue->setText(tr("%1 %").arg(m_volume->value()));
    m_mute->setChecked(ui.value(QLatin1String(SOUND_MUTED_KEY), false).toBool());
    m_volume->setEnabled(!m_mute->isChecked());

    updateLocks();
    updateState();
    emit settingsLoaded();
}

void SettingsPage::fillHostCombo(const QString &host)
{
    const QSignalBlocker block(m_host);
    m_host->clear();
    m_host->addItem(tr("Every device on the store network"), ALL_NETWORKS);
    m_host->addItem(tr("Only this computer"), THIS_COMPUTER);
    if (host != ALL_NETWORKS && host != THIS_COMPUTER && !host.isEmpty())
        //: A listening address typed into the settings file, e.g. 192.168.1.5
        m_host->addItem(tr("Only the address %1").arg(host), host);
    m_host->setCurrentIndex(std::max(0, m_host->findData(host)));
}

void SettingsPage::updateLocks()
{
    const auto lock = [this](Setting setting, QWidget *field, const Row &row) {
        const bool locked = isLocked(setting);
        field->setEnabled(!locked);
        if (locked) {
            row.note->setText(overrideNote(setting));
            row.note->setStyleSheet(LOCKED_STYLE);
            row.note->show();
        } else {
            row.note->setStyleSheet(HINT_STYLE);
        }
        return locked;
    };
    if (!lock(Setting::DouyinClientKey, m_clientKey, m_keyRow))
        m_keyRow.note->hide();
    if (!lock(Setting::DouyinAccountId, m_accountId, m_accountRow))
        updateAccountNote();
    if (!lock(Setting::DouyinBaseUrl, m_baseUrl, m_baseUrlRow))
        m_baseUrlRow.note->setText(tr("Leave this as it is unless support tells you otherwise."));
    const bool listenLocked = lock(Setting::Listen, m_host, m_hostRow);
    m_port->setEnabled(!listenLocked);
    if (!listenLocked)
        m_hostRow.note->hide();
    m_portRow.note->hide();

    const bool apiLocked = isLocked(Setting::ApiEnabled);
    m_apiEnabled->setEnabled(!apiLocked);
    m_apiEnabledNote->setVisible(apiLocked);
    m_apiEnabledNote->setText(overrideNote(Setting::ApiEnabled));
    m_apiEnabledNote->setStyleSheet(LOCKED_STYLE);

    const bool secretLocked =
            m_snapshot.clientSecret == SettingsSnapshot::SecretSource::Environment;
    m_clientSecret->setEnabled(!secretLocked);
    m_secretRow.note->setText(secretNote());
    m_secretRow.note->setStyleSheet(secretLocked ? LOCKED_STYLE : HINT_STYLE);
    switch (m_snapshot.clientSecret) {
    case SettingsSnapshot::SecretSource::None:
    case SettingsSnapshot::SecretSource::Unreadable:
        m_clientSecret->setPlaceholderText(QString());
        break;
    case SettingsSnapshot::SecretSource::Sealed:
    case SettingsSnapshot::SecretSource::File:
    case SettingsSnapshot::SecretSource::Environment:
        //: Shown in the empty secret field when a secret is stored (never the secret itself)
        m_clientSecret->setPlaceholderText(tr("••••• (saved)"));
        break;
    }

    const bool languageLocked = isLocked(Setting::Language);
    m_language->setEnabled(!languageLocked);
    m_languageNote->setText(languageLocked ? overrideNote(Setting::Language)
                                           : tr("Changes at once."));
    m_languageNote->setStyleSheet(languageLocked ? LOCKED_STYLE : HINT_STYLE);
}

QString SettingsPage::overrideNote(Setting setting) const
{
    switch (m_snapshot.values.value(setting).layer) {
    case GatewaySettings::Layer::Environment:
        return tr("Set by %1 where dy-gateway is started, so it cannot be changed here.")
                .arg(GatewaySettings::environmentName(setting));
        //: %1 is a command-line option such as --listen
    case GatewaySettings::Layer::CommandLine:
        return tr("Set by the command-line option %1 when dy-gateway was started, so it cannot "
                  "be changed here.")
                .arg(GatewaySettings::optionName(setting));
    case GatewaySettings::Layer::Default:
    case GatewaySettings::Layer::File:
        break;
    }
    return QString();
}

QString SettingsPage::secretNote() const
{
    switch (m_snapshot.clientSecret) {
    case SettingsSnapshot::SecretSource::None:
        return tr("Not saved yet. It is stored encrypted and never shown again.");
    case SettingsSnapshot::SecretSource::Sealed:
        return tr("Saved encrypted. Leave this empty to keep it, or type a new one to "
                  "replace it.");
    case SettingsSnapshot::SecretSource::File:
        return tr("It is in the settings file without encryption. Type it here and save to "
                  "store it encrypted instead.");
    case SettingsSnapshot::SecretSource::Environment:
        return tr("Set by %1 where dy-gateway is started, so it cannot be changed here.")
                .arg(GatewaySettings::environmentName(Setting::DouyinClientSecret));
    case SettingsSnapshot::SecretSource::Unreadable:
        return tr("A saved secret exists but cannot be read on this computer. Please type it "
                  "again.");
    }
    return QString();
}

// ---- state

QString SettingsPage::listenText() const
{
    return HostPort{m_host->currentData().toString(), quint16(m_port->value())}.toString();
}

bool SettingsPage::hasUnsavedChanges() const
{
    if (!m_loaded)
        return false;
    const auto differs = [this](Setting setting, const QString &shown) {
        return !isLocked(setting) && shown != value(setting);
    };
    return differs(Setting::DouyinClientKey, m_clientKey->text().trimmed())
            || !m_clientSecret->text().trimmed().isEmpty()
            || differs(Setting::DouyinAccountId, m_accountId->text().trimmed())
            || differs(Setting::DouyinBaseUrl, normalisedUrl(m_baseUrl->text()))
            || differs(Setting::ApiEnabled,
                       m_apiEnabled->isChecked() ? QStringLiteral("true") : QStringLiteral("false"))
            || differs(Setting::Listen, listenText());
}

void SettingsPage::updateState()
{
    const bool dirty = hasUnsavedChanges();
    m_saveButton->setEnabled(dirty && !m_saving);
    m_undoButton->setEnabled(dirty && !m_saving);
    m_testButton->setEnabled(m_loaded && !m_testing);
    const bool apiOn = m_apiEnabled->isChecked();
    const bool listenLocked = isLocked(Setting::Listen);
    m_host->setEnabled(apiOn && !listenLocked);
    m_port->setEnabled(apiOn && !listenLocked);

    m_demoBanner->setVisible(m_snapshot.demo);
    m_restartBanner->setVisible(m_snapshot.restartNeeded);

    if (m_snapshot.api)
        m_apiState->setText(tr("Running now at %1").arg(m_snapshot.api->toUrl()));
    else if (!m_snapshot.started)
        m_apiState->setText(tr("The gateway is starting…"));
    else
        m_apiState->setText(tr("Not running now."));

    const bool fromEnvironment = m_snapshot.adminTokenFromEnvironment;
    m_showTokenButton->setVisible(m_snapshot.hasUnshownAdminToken && !fromEnvironment);
    m_regenerateButton->setEnabled(m_snapshot.started && !fromEnvironment);
    if (fromEnvironment)
        m_adminNote->setText(tr("Set by DYGW_ADMIN_TOKEN where dy-gateway is started, so it "
                                "cannot be changed here."));
    else if (m_snapshot.hasUnshownAdminToken)
        m_adminNote->setText(tr("A new admin token was made when dy-gateway started. Show it "
                                "once and copy it."));
    else
        m_adminNote->setText(tr("If the admin token is lost, make a new one."));
}

// ---- saving

void SettingsPage::save()
{
    if (!hasUnsavedChanges() || m_saving)
        return;
    SettingsUpdate update;
    const auto put = [this, &update](Setting setting, const QString &shown) {
        if (!isLocked(setting) && shown != value(setting))
            update.values.insert(setting, shown);
    };
    const QString baseUrl = normalisedUrl(m_baseUrl->text());
    const QUrl url(baseUrl, QUrl::StrictMode);
    if (!isLocked(Setting::DouyinBaseUrl)
        && (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != u"https" && url.scheme() != u"http"))) {
        showMessage(tr("The Douyin server address must start with https://, for example "
                       "https://open.douyin.com"),
                    true);
        m_baseUrl->setFocus();
        return;
    }
    put(Setting::DouyinClientKey, m_clientKey->text().trimmed());
    put(Setting::DouyinAccountId, m_accountId->text().trimmed());
    put(Setting::DouyinBaseUrl, baseUrl);
    put(Setting::ApiEnabled,
        m_apiEnabled->isChecked() ? QStringLiteral("true") : QStringLiteral("false"));
    put(Setting::Listen, listenText());
    if (const QString secret = m_clientSecret->text().trimmed(); !secret.isEmpty())
        update.douyinClientSecret = secret;

    m_saving = true;
    updateState();
    showMessage(tr("Saving…"), false);
    m_engine->saveSettings(update, this, [this](const Result<SettingsSnapshot> &saved) {
        m_saving = false;
        if (!saved.ok()) {
            updateState();
            showMessage(tr("The settings could not be saved: %1.")
                                .arg(ErrorText::title(saved.error().code)),
                        true);
            emit saveFailed(saved.error().message);
            return;
        }
        // The secret now exists only sealed in the database; the field forgets it.
        m_clientSecret->clear();
        showSnapshot(saved.value());
        showMessage(saved.value().restartNeeded
                            ? tr("Saved. The changes apply when dy-gateway is started again.")
                            : tr("Saved."),
                    false);
        emit settingsSaved();
    });
}

void SettingsPage::showMessage(const QString &text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? QStringLiteral("QLabel { color: #c0392b; }")
                                     : QStringLiteral("QLabel { color: #1e8449; }"));
}

// ---- connection test

void SettingsPage::testConnection()
{
    if (m_testing)
        return;
    DouyinClient::Config config;
    config.clientKey = m_clientKey->text().trimmed();
    config.clientSecret = m_clientSecret->text().trimmed(); // empty: the saved one
    config.accountId = m_accountId->text().trimmed();
    config.baseUrl = QUrl(normalisedUrl(m_baseUrl->text()), QUrl::StrictMode);
    const bool secretKnown = !config.clientSecret.isEmpty()
            || m_snapshot.clientSecret == SettingsSnapshot::SecretSource::Sealed
            || m_snapshot.clientSecret == SettingsSnapshot::SecretSource::File
            || m_snapshot.clientSecret == SettingsSnapshot::SecretSource::Environment;
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
    updateState();
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(tr("Connecting to Douyin…"));
    m_testResult->show();
    m_engine->testConnection(config, this, [this](const ConnectionProbe::Outcome &outcome) {
        m_testing = false;
        m_lastOutcome = outcome;
        updateState();
        showTestOutcome(outcome);
        emit connectionTested(outcome.ok());
    });
}

void SettingsPage::updateAccountNote()
{
    if (!m_accountId->isEnabled())
        return; // the note says which setting locks it
    DouyinClient::Config config;
    config.baseUrl = QUrl(normalisedUrl(m_baseUrl->text()));
    config.accountId = m_accountId->text();
    if (!config.lacksAccountId()) {
        m_accountRow.note->hide();
        return;
    }
    m_accountRow.note->setText(accountIdMissingText());
    m_accountRow.note->setStyleSheet(LOCKED_STYLE);
    m_accountRow.note->show();
}

QString SettingsPage::accountIdMissingText()
{
    return tr("Douyin needs the merchant account id (account_id) to list the stores and to "
              "read order details. Find it in the Douyin merchant console and enter it here.");
}

void SettingsPage::showTestOutcome(const ConnectionProbe::Outcome &outcome)
{
    if (outcome.accountIdMissing) {
        showTestMessage(
                accountIdMissingText()
                        + (outcome.ok() ? QString() : u'\n' + describeDouyinError(*outcome.error)),
                false);
        return;
    }
    if (!outcome.ok()) {
        const QString stage = outcome.tokenFetched
                ? tr("Signed in to Douyin, but the list of stores could not be read.")
                : tr("Could not sign in to Douyin.");
        showTestMessage(stage + u'\n' + describeDouyinError(*outcome.error), false);
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
        const DouyinPoi &poi = outcome.pois.at(i);
        //: One store in the connection test: name, then Douyin's store id
        lines.append(tr("• %1 (store id %2)").arg(poi.poiName, poi.poiId));
    }
    if (total > MAX_LISTED_POIS)
        lines.append(tr("…and %n more", nullptr, total - MAX_LISTED_POIS));
    showTestMessage(lines.join(u'\n'), true);
}

void SettingsPage::showTestMessage(const QString &text, bool ok)
{
    m_testResult->setText(text);
    m_testResult->setStyleSheet(
            ok ? QStringLiteral("QLabel { background: #e9f7ef; border: 1px solid #27ae60; "
                                "color: #145a32; border-radius: 4px; padding: 8px; }")
               : QStringLiteral("QLabel { background: #fdedec; border: 1px solid #e74c3c; "
                                "color: #78281f; border-radius: 4px; padding: 8px; }"));
    m_testResult->show();
}

QString SettingsPage::describeDouyinError(const DouyinError &error) const
{
    QString text;
    switch (error.kind) {
    case DouyinError::Kind::NotConfigured:
        text = tr("Enter the client key and the client secret first.");
        break;
    case DouyinError::Kind::Cooldown:
        text = tr("Douyin is busy or received too many requests. Wait a minute and try again.");
        break;
    case DouyinError::Kind::Unavailable:
        text = tr("The Douyin server could not be reached. Check the internet connection and "
                  "the server address.");
        break;
    case DouyinError::Kind::Unknown:
        text = tr("The Douyin server did not answer in time. Check the internet connection "
                  "and try again.");
        break;
    case DouyinError::Kind::BadAnswer:
        text = tr("The server at this address does not answer like Douyin. Check the server "
                  "address.");
        break;
    case DouyinError::Kind::Rejected:
    case DouyinError::Kind::BadLink:
        switch (error.code) {
        case DouyinApi::CLIENT_KEY_INVALID:
            text = tr("Douyin does not know this client key. Check that it was copied "
                      "completely.");
            break;
        case DouyinApi::CLIENT_SECRET_INVALID:
            text = tr("Douyin did not accept the client secret. Check that it was copied "
                      "completely, without spaces.");
            break;
        case DouyinApi::MERCHANT_NOT_AUTHORISED:
            text = tr("Douyin says the merchant account has not authorised this app. Check "
                      "the account id and the authorisation in the Douyin console.");
            break;
        case DouyinApi::CAPABILITY_NOT_GRANTED:
            text = tr("This Douyin app may not verify coupons yet. Apply for the capability "
                      "in the Douyin Open Platform.");
            break;
        case DouyinApi::TOO_FREQUENT:
        case DouyinApi::CLIENT_TOKEN_THROTTLED:
        case DouyinApi::BUSY:
        case DouyinApi::SYSTEM_BUSY:
            text = tr("Douyin is busy or received too many requests. Wait a minute and try "
                      "again.");
            break;
        default:
            text = tr("Douyin refused the request.");
            break;
        }
        break;
    }
    if (error.kind == DouyinError::Kind::Rejected && !error.description.isEmpty())
        //: %1 is Douyin's own error text (often Chinese), %2 its error code
        text += u'\n' + tr("Douyin said: \"%1\" (code %2)").arg(error.description).arg(error.code);
    if (!error.logid.isEmpty())
        text += u'\n' + tr("Reference for Douyin support: %1").arg(error.logid);
    return text;
}

// ---- admin token

void SettingsPage::showNewAdminToken()
{
    m_engine->takeNewAdminToken(this, [this](const std::optional<QString> &token) {
        if (token)
            showToken(tr("Admin token"), *token);
        else
            showMessage(tr("The admin token was already shown once. Make a new one if it is "
                           "lost."),
                        true);
        reload(false);
    });
}

void SettingsPage::startRegenerateAdminToken()
{
    auto *box = new ConfirmationBox(tr("Make a new admin token?"),
                                    tr("The current admin token stops working at once. Every "
                                       "tool that uses it must be given the new one."),
                                    tr("Make a new token"), tr("Cancel"), this);
    connect(box, &ConfirmationBox::confirmed, this, &SettingsPage::regenerateAdminToken);
    box->open();
}

void SettingsPage::regenerateAdminToken()
{
    m_regenerateButton->setEnabled(false);
    m_engine->regenerateAdminToken(this, [this](const Result<QString> &token) {
        if (!token.ok()) {
            showMessage(tr("No new admin token could be made: %1.")
                                .arg(ErrorText::title(token.error().code)),
                        true);
        } else {
            showToken(tr("New admin token"), token.value());
        }
        reload(false);
    });
}

void SettingsPage::showToken(const QString &heading, const QString &token)
{
    auto *dialog = new SecretDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setHeading(heading);
    dialog->setMessage(tr("Back-office tools send this token to manage apps and read records "
                          "over the store network. Only a fingerprint of it is kept."));
    dialog->addValue(tr("Admin token"), token);
    dialog->open();
    emit adminTokenShown();
}

// ---- language and sounds

QString SettingsPage::selectedLanguage() const
{
    return m_language->currentData().toString();
}

void SettingsPage::applyLanguage()
{
    const QString language = selectedLanguage();
    AppTranslator::apply(language);
    emit languageChanged(language);
    SettingsUpdate update;
    update.values.insert(Setting::Language, language);
    m_engine->saveSettings(update, this, [this](const Result<SettingsSnapshot> &saved) {
        if (!saved.ok()) {
            showMessage(tr("The language could not be saved: %1.")
                                .arg(ErrorText::title(saved.error().code)),
                        true);
            return;
        }
        m_snapshot.values = saved.value().values;
        m_snapshot.restartNeeded = saved.value().restartNeeded;
        updateState();
    });
}

void SettingsPage::scheduleSoundSave()
{
    if (m_loaded)
        m_soundTimer->start();
}

void SettingsPage::saveSound()
{
    const int volume = m_volume->value();
    const bool muted = m_mute->isChecked();
    emit soundChanged(volume, muted);
    SettingsUpdate update;
    update.uiPreferences.insert(QLatin1String(SOUND_VOLUME_KEY), volume);
    update.uiPreferences.insert(QLatin1String(SOUND_MUTED_KEY), muted);
    m_engine->saveSettings(update, this, [this](const Result<SettingsSnapshot> &saved) {
        if (!saved.ok()) {
            showMessage(tr("The sound settings could not be saved: %1.")
                                .arg(ErrorText::title(saved.error().code)),
                        true);
            return;
        }
        m_snapshot.uiPreferences = saved.value().uiPreferences;
    });
}

// ---- texts

void SettingsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SettingsPage::retranslateUi()
{
    m_heading->setText(tr("Settings"));
    m_demoBanner->setText(tr("Demo mode: coupons are checked against the built-in Douyin "
                             "simulator, not against Douyin. To work with Douyin, enter your "
                             "store's Douyin account below, save, and start dy-gateway again."));
    m_restartBanner->setText(tr("Restart to apply: close dy-gateway and open it again to use "
                                "the Douyin account and network settings you saved."));

    m_douyinGroup->setTitle(tr("Douyin account"));
    m_douyinIntro->setText(tr("The client key and secret are on your app's page in the Douyin "
                              "Open Platform; the account id is your merchant account's id."));
    m_keyRow.caption->setText(tr("Client key"));
    m_secretRow.caption->setText(tr("Client secret"));
    m_accountRow.caption->setText(tr("Account id"));
    m_baseUrlRow.caption->setText(tr("Douyin server"));
    m_testButton->setText(tr("Test connection"));
    m_douyinRestartHint->setText(tr("Saved changes here take effect the next time dy-gateway "
                                    "starts. Test them first with \"Test connection\"."));

    m_lanGroup->setTitle(tr("Service for other devices (LAN API)"));
    m_apiEnabled->setText(tr("Let other devices in the store verify coupons through this "
                             "computer"));
    m_hostRow.caption->setText(tr("Who can connect"));
    m_portRow.caption->setText(tr("Port"));
    //: Port 0 in the port field: the system picks a free port at each start
    m_port->setSpecialValueText(tr("any free port"));
    m_lanRestartHint->setText(tr("Changes here take effect the next time dy-gateway starts."));
    m_adminHeading->setText(tr("Admin token"));
    m_adminIntro->setText(tr("Back-office tools use the admin token to manage apps and read "
                             "records over the network. Only a fingerprint of it is kept, so "
                             "it can be shown just once."));
    m_showTokenButton->setText(tr("Show the admin token"));
    m_regenerateButton->setText(tr("Make a new admin token…"));

    m_languageGroup->setTitle(tr("Language"));
    m_language->setItemText(0, tr("Same as this computer"));
    m_soundGroup->setTitle(tr("Sounds"));
    m_volumeCaption->setText(tr("Volume"));
    m_volumeValue->setText(tr("%1 %").arg(m_volume->value()));
    m_mute->setText(tr("Mute all sounds"));
    m_soundHint->setText(tr("A short sound plays after each verification: one for success, "
                            "another for failure. Changes at once."));

    m_undoButton->setText(tr("Undo changes"));
    m_saveButton->setText(tr("Save"));

    fillHostCombo(m_host->count() > 0 ? m_host->currentData().toString() : ALL_NETWORKS);
    // A message about an earlier action would stay in the old language; it has served.
    showMessage(QString(), false);
    if (m_testing)
        m_testResult->setText(tr("Connecting to Douyin…"));
    else if (m_lastOutcome)
        showTestOutcome(*m_lastOutcome);
    else
        m_testResult->hide();
    if (m_loaded) {
        updateLocks();
        updateState();
    }
}
