#include "ui/pages/settingspage.h"

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include "core/runtime/gatewayproxy.h"
#include "ui/apptranslator.h"
#include "ui/errortext.h"
#include "ui/pages/admintokensection.h"
#include "ui/pages/douyinaccountsection.h"
#include "ui/pages/lanapisection.h"
#include "ui/pages/languagesection.h"
#include "ui/pages/meituanaccountsection.h"
#include "ui/pages/meituanstorelist.h"
#include "ui/pages/slipsection.h"
#include "ui/pages/soundsection.h"
#include "ui/style.h"

namespace {

constexpr int COLUMN_SPACING = 16;

QLabel *bannerLabel(QWidget *parent, Style::Box box)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setStyleSheet(Style::box(box));
    label->hide();
    return label;
}

} // namespace

SettingsPage::SettingsPage(GatewayProxy *gateway, QWidget *parent)
    : QWidget(parent),
      m_gateway(gateway)
{
    buildUi();
    connectSections();
    retranslateUi();
    updateState();
    reload(true);
}

void SettingsPage::buildUi()
{
    m_heading = new QLabel(this);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.5);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_demoBanner = bannerLabel(this, Style::Box::DemoBanner);
    m_demoBanner->setObjectName(QStringLiteral("demoBanner"));
    m_restartBanner = bannerLabel(this, Style::Box::RestartBanner);
    m_restartBanner->setObjectName(QStringLiteral("restartBanner"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);

    // Made in the order Tab should visit them: the fields, the buttons, then the scroll area.
    QWidget *content = buildContent();
    m_undoButton = new QPushButton(this);
    m_undoButton->setObjectName(QStringLiteral("undoButton"));
    m_saveButton = new QPushButton(this);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setDefault(true);
    m_saveButton->setStyleSheet(Style::primaryButton(20));
    m_undoButton->setStyleSheet(Style::button());
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
}

// The scrolled part: heading, banners, and the sections in two columns.
QWidget *SettingsPage::buildContent()
{
    m_douyin = new DouyinAccountSection(m_gateway, this);
    m_meituan = new MeituanAccountSection(m_gateway, this);
    m_lan = new LanApiSection(this);
    m_adminToken = new AdminTokenSection(m_gateway, this);
    m_lan->addPart(m_adminToken);
    m_language = new LanguageSection(this);
    m_sound = new SoundSection(this);
    m_slips = new SlipSection(this);

    auto *left = new QVBoxLayout;
    left->addWidget(m_douyin);
    left->addWidget(m_meituan);
    left->addStretch();
    auto *right = new QVBoxLayout;
    right->addWidget(m_lan);
    right->addWidget(m_language);
    right->addWidget(m_sound);
    right->addWidget(m_slips);
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
    return content;
}

void SettingsPage::connectSections()
{
    connect(m_douyin, &DouyinAccountSection::edited, this, &SettingsPage::updateState);
    connect(m_douyin, &DouyinAccountSection::connectionTested, this,
            &SettingsPage::connectionTested);
    connect(m_meituan, &MeituanAccountSection::edited, this, &SettingsPage::updateState);
    connect(m_lan, &LanApiSection::edited, this, &SettingsPage::updateState);
    connect(m_adminToken, &AdminTokenSection::tokenShown, this, &SettingsPage::adminTokenShown);
    connect(m_adminToken, &AdminTokenSection::failed, this,
            [this](const QString &message) { showMessage(message, true); });
    connect(m_adminToken, &AdminTokenSection::tokenStateChanged, this, [this] { reload(false); });
    connect(m_language, &LanguageSection::languageChosen, this, &SettingsPage::applyLanguage);
    connect(m_sound, &SoundSection::soundChosen, this, &SettingsPage::saveSound);
    connect(m_slips, &SlipSection::slipSettingsChosen, this, &SettingsPage::saveSlipSettings);
    connect(m_saveButton, &QPushButton::clicked, this, &SettingsPage::save);
    connect(m_undoButton, &QPushButton::clicked, this, [this] {
        m_douyin->clearSecret();
        m_meituan->clearSignKey();
        reload(true);
    });
}

// ---- loading

void SettingsPage::showEvent(QShowEvent *event)
{
    // The gateway may have started (or the file changed) since the last look.
    reload(false);
    QWidget::showEvent(event);
}

void SettingsPage::reload(bool discardEdits)
{
    m_gateway->settings(this, [this, discardEdits](const SettingsSnapshot &snapshot) {
        if (!discardEdits && m_loaded && hasUnsavedChanges()) {
            // Keep what is being typed; only the state around it is refreshed.
            m_snapshot = snapshot;
            m_meituan->stores()->refresh();
            updateLocks();
            updateState();
            emit settingsLoaded();
            return;
        }
        showSnapshot(snapshot);
    });
}

void SettingsPage::showSnapshot(const SettingsSnapshot &snapshot)
{
    m_snapshot = snapshot;
    m_loaded = true;
    m_douyin->showSnapshot(snapshot);
    m_meituan->showSnapshot(snapshot);
    m_lan->showSnapshot(snapshot);
    m_language->showSnapshot(snapshot);
    m_sound->showSnapshot(snapshot);
    m_slips->showSnapshot(snapshot);
    updateLocks();
    updateState();
    emit settingsLoaded();
}

void SettingsPage::updateLocks()
{
    m_douyin->updateLocks(m_snapshot);
    m_meituan->updateLocks(m_snapshot);
    m_lan->updateLocks(m_snapshot);
    m_language->updateLocks(m_snapshot);
}

// ---- state

bool SettingsPage::hasUnsavedChanges() const
{
    if (!m_loaded)
        return false;
    return m_douyin->hasUnsavedChanges(m_snapshot) || m_meituan->hasUnsavedChanges(m_snapshot)
            || m_lan->hasUnsavedChanges(m_snapshot);
}

void SettingsPage::updateState()
{
    const bool dirty = hasUnsavedChanges();
    m_saveButton->setEnabled(dirty && !m_saving);
    m_undoButton->setEnabled(dirty && !m_saving);
    m_lan->updateState(m_snapshot);
    m_demoBanner->setVisible(m_snapshot.demo);
    m_restartBanner->setVisible(m_snapshot.restartNeeded);
    m_adminToken->updateState(m_snapshot);
}

// ---- saving

void SettingsPage::save()
{
    if (!hasUnsavedChanges() || m_saving)
        return;
    if (!m_douyin->hasValidBaseUrl(m_snapshot)) {
        showMessage(tr("The Douyin server address must start with https://, for example "
                       "https://open.douyin.com"),
                    true);
        return;
    }
    if (!m_meituan->hasValidBaseUrl(m_snapshot)) {
        showMessage(tr("The Meituan server address must start with https://, for example "
                       "https://api-open-cater.meituan.com"),
                    true);
        return;
    }
    SettingsUpdate update;
    m_douyin->addChanges(m_snapshot, update);
    m_meituan->addChanges(m_snapshot, update);
    m_lan->addChanges(m_snapshot, update);

    m_saving = true;
    updateState();
    showMessage(tr("Saving…"), false);
    m_gateway->saveSettings(update, this, [this](const Result<SettingsSnapshot> &saved) {
        m_saving = false;
        if (!saved.ok()) {
            updateState();
            showMessage(tr("The settings could not be saved: %1.")
                                .arg(ErrorText::title(saved.error().code)),
                        true);
            emit saveFailed(saved.error().message);
            return;
        }
        // The secrets now exist only sealed in the database; the fields forget them.
        m_douyin->clearSecret();
        m_meituan->clearSignKey();
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
    m_message->setStyleSheet(
            Style::label(isError ? Style::Colour::Failure : Style::Colour::Success));
}

// ---- language and sounds

void SettingsPage::applyLanguage(const QString &language)
{
    AppTranslator::apply(language);
    emit languageChanged(language);
    SettingsUpdate update;
    update.values.insert(Setting::Language, language);
    m_gateway->saveSettings(update, this, [this](const Result<SettingsSnapshot> &saved) {
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

void SettingsPage::saveSound(int volume, bool muted)
{
    emit soundChanged(volume, muted);
    SettingsUpdate update;
    update.uiPreferences.insert(QLatin1String(SoundSection::SOUND_VOLUME_KEY), volume);
    update.uiPreferences.insert(QLatin1String(SoundSection::SOUND_MUTED_KEY), muted);
    m_gateway->saveSettings(update, this, [this](const Result<SettingsSnapshot> &saved) {
        if (!saved.ok()) {
            showMessage(tr("The sound settings could not be saved: %1.")
                                .arg(ErrorText::title(saved.error().code)),
                        true);
            return;
        }
        m_snapshot.uiPreferences = saved.value().uiPreferences;
    });
}

void SettingsPage::saveSlipSettings(const SlipSettings &settings)
{
    SettingsUpdate update;
    update.uiPreferences = settings.toPreferences();
    m_gateway->saveSettings(update, this, [this](const Result<SettingsSnapshot> &saved) {
        if (!saved.ok()) {
            showMessage(tr("The slip settings could not be saved: %1.")
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
    // The sections are worded from here, not from their own LanguageChange: the locks and
    // states below must be shown after every section has its new texts.
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SettingsPage::retranslateUi()
{
    m_heading->setText(tr("Settings"));
    m_demoBanner->setText(tr("Demo mode: coupons are checked against the built-in simulator "
                             "of Douyin and Meituan, not against the real platforms, and every "
                             "store is bound to the simulator's Meituan store. To work with the "
                             "real platforms, enter your accounts below, save, and start "
                             "dy-gateway again."));
    m_restartBanner->setText(tr("Restart to apply: close dy-gateway and open it again to use "
                                "the Douyin and Meituan accounts and network settings you "
                                "saved."));
    m_undoButton->setText(tr("Undo changes"));
    m_saveButton->setText(tr("Save"));
    m_douyin->retranslateUi();
    m_meituan->retranslateUi();
    m_lan->retranslateUi();
    m_adminToken->retranslateUi();
    m_language->retranslateUi();
    m_sound->retranslateUi();
    m_slips->retranslateUi();
    // A message about an earlier action would stay in the old language; it has served.
    showMessage(QString(), false);
    if (m_loaded) {
        updateLocks();
        updateState();
    }
}
