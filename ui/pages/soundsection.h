#pragma once

#include <QGroupBox>

#include "core/runtime/settingssnapshot.h"

class QCheckBox;
class QLabel;
class QSlider;
class QTimer;

// The sounds part of the settings page: volume and mute of the sound after each verification.
// A change applies at once; the page saves it.
class SoundSection final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SoundSection)

public:
    // ui/ preferences this section shows, read by whoever plays the sounds.
    static constexpr auto SOUND_VOLUME_KEY = "sound_volume"; // 0..100
    static constexpr auto SOUND_MUTED_KEY = "sound_muted"; // bool
    static constexpr int DEFAULT_SOUND_VOLUME = 80;

    explicit SoundSection(QWidget *parent = nullptr);

    // Shows the saved volume and mute; changes are not reported.
    void showSnapshot(const SettingsSnapshot &snapshot);
    void retranslateUi();

signals:
    // Once the slider rests, not on every step of a drag.
    void soundChosen(int volume, bool muted);

private:
    void scheduleSave();
    void showVolume();

    bool m_loaded = false;
    QLabel *m_volumeCaption;
    QSlider *m_volume;
    QLabel *m_volumeValue;
    QCheckBox *m_mute;
    QLabel *m_hint;
    QTimer *m_saveTimer;
};
