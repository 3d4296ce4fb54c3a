#include "ui/pages/soundsection.h"

#include <algorithm>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QTimer>
#include <QVBoxLayout>

#include "ui/pages/settingsrow.h"

namespace {

constexpr int SAVE_DELAY_MS = 400;

} // namespace

SoundSection::SoundSection(QWidget *parent)
    : QGroupBox(parent),
      m_volumeCaption(new QLabel(this)),
      m_volume(new QSlider(Qt::Horizontal, this)),
      m_volumeValue(new QLabel(this)),
      m_mute(new QCheckBox(this)),
      m_hint(SettingsRow::hintLabel(this)),
      m_saveTimer(new QTimer(this))
{
    m_volume->setObjectName(QStringLiteral("volumeSlider"));
    m_volume->setRange(0, 100);
    m_volume->setPageStep(10);
    m_volumeValue->setMinimumWidth(48);
    m_mute->setObjectName(QStringLiteral("muteBox"));
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(SAVE_DELAY_MS);
    connect(m_saveTimer, &QTimer::timeout, this,
            [this] { emit soundChosen(m_volume->value(), m_mute->isChecked()); });
    connect(m_volume, &QSlider::valueChanged, this, [this] {
        showVolume();
        scheduleSave();
    });
    connect(m_mute, &QCheckBox::toggled, this, [this](bool muted) {
        m_volume->setEnabled(!muted);
        scheduleSave();
    });

    auto *volumeRow = new QHBoxLayout;
    volumeRow->addWidget(m_volumeCaption);
    volumeRow->addWidget(m_volume, 1);
    volumeRow->addWidget(m_volumeValue);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(volumeRow);
    layout->addWidget(m_mute);
    layout->addWidget(m_hint);
}

void SoundSection::showSnapshot(const SettingsSnapshot &snapshot)
{
    m_loaded = true;
    const QSignalBlocker blockVolume(m_volume);
    const QSignalBlocker blockMute(m_mute);
    const QVariantMap &ui = snapshot.uiPreferences;
    const int volume = ui.value(QLatin1String(SOUND_VOLUME_KEY), DEFAULT_SOUND_VOLUME).toInt();
    m_volume->setValue(std::clamp(volume, 0, 100));
    showVolume();
    m_mute->setChecked(ui.value(QLatin1String(SOUND_MUTED_KEY), false).toBool());
    m_volume->setEnabled(!m_mute->isChecked());
}

void SoundSection::scheduleSave()
{
    if (m_loaded)
        m_saveTimer->start();
}

void SoundSection::showVolume()
{
    m_volumeValue->setText(tr("%1 %").arg(m_volume->value()));
}

void SoundSection::retranslateUi()
{
    setTitle(tr("Sounds"));
    m_volumeCaption->setText(tr("Volume"));
    showVolume();
    m_mute->setText(tr("Mute all sounds"));
    m_hint->setText(tr("A short sound plays after each verification: one for success, "
                       "another for failure. Changes at once."));
}
