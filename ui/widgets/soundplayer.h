#pragma once

#include <QObject>

#include "core/verify/canceloutcome.h"

class QSoundEffect;

// The success chime, the failure buzz and the falling two-tone of a cancel (撤销). Silent, not broken, without an audio device.
class SoundPlayer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SoundPlayer)

public:
    explicit SoundPlayer(QObject *parent = nullptr);

    void setVolume(int percent); // 0..100
    void setMuted(bool muted);
    // The volume and mute the settings page saved; hosts call it before each sound, so a
    // change there is heard at the next one.
    void applyPreferences();
    void playSuccess();
    void playFailure();
    void playCancelled();
    // A cancel's outcome, with the saved volume: the two-tone when it went through, the buzz
    // when it was refused, silence while it is being confirmed (as for a lost verify answer).
    void playFor(const CancelOutcome &outcome);

private:
    QSoundEffect *m_success;
    QSoundEffect *m_failure;
    QSoundEffect *m_cancelled;
};
