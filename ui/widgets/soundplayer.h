#pragma once

#include <QObject>

class QSoundEffect;

// The success chime and the failure buzz. Silent, not broken, without an audio device.
class SoundPlayer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SoundPlayer)

public:
    explicit SoundPlayer(QObject *parent = nullptr);

    void setVolume(int percent); // 0..100
    void setMuted(bool muted);
    void playSuccess();
    void playFailure();

private:
    QSoundEffect *m_success;
    QSoundEffect *m_failure;
};
