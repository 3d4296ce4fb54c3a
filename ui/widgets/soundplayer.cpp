#include "ui/widgets/soundplayer.h"

#include <QSoundEffect>
#include <QUrl>

SoundPlayer::SoundPlayer(QObject *parent)
    : QObject(parent),
      m_success(new QSoundEffect(this)),
      m_failure(new QSoundEffect(this))
{
    m_success->setSource(QUrl(QStringLiteral("qrc:/sounds/success.wav")));
    m_failure->setSource(QUrl(QStringLiteral("qrc:/sounds/failure.wav")));
    setVolume(80);
}

void SoundPlayer::setVolume(int percent)
{
    const float volume = float(qBound(0, percent, 100)) / 100.0f;
    m_success->setVolume(volume);
    m_failure->setVolume(volume);
}

void SoundPlayer::setMuted(bool muted)
{
    m_success->setMuted(muted);
    m_failure->setMuted(muted);
}

void SoundPlayer::playSuccess()
{
    m_success->play();
}

void SoundPlayer::playFailure()
{
    m_failure->play();
}
