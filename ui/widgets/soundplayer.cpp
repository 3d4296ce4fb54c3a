#include "ui/widgets/soundplayer.h"

#include <QSoundEffect>
#include <QUrl>

#include "ui/pages/soundsection.h"
#include "ui/uipreferences.h"

SoundPlayer::SoundPlayer(QObject *parent)
    : QObject(parent),
      m_success(new QSoundEffect(this)),
      m_failure(new QSoundEffect(this)),
      m_cancelled(new QSoundEffect(this))
{
    m_success->setSource(QUrl(QStringLiteral("qrc:/sounds/success.wav")));
    m_failure->setSource(QUrl(QStringLiteral("qrc:/sounds/failure.wav")));
    m_cancelled->setSource(QUrl(QStringLiteral("qrc:/sounds/cancelled.wav")));
    setVolume(80);
}

void SoundPlayer::setVolume(int percent)
{
    const float volume = float(qBound(0, percent, 100)) / 100.0f;
    m_success->setVolume(volume);
    m_failure->setVolume(volume);
    m_cancelled->setVolume(volume);
}

void SoundPlayer::setMuted(bool muted)
{
    m_success->setMuted(muted);
    m_failure->setMuted(muted);
    m_cancelled->setMuted(muted);
}

void SoundPlayer::applyPreferences()
{
    setVolume(UiPreferences::value(QLatin1String(SoundSection::SOUND_VOLUME_KEY),
                                   SoundSection::DEFAULT_SOUND_VOLUME)
                      .toInt());
    setMuted(UiPreferences::value(QLatin1String(SoundSection::SOUND_MUTED_KEY), false).toBool());
}

void SoundPlayer::playSuccess()
{
    m_success->play();
}

void SoundPlayer::playFailure()
{
    m_failure->play();
}

void SoundPlayer::playCancelled()
{
    m_cancelled->play();
}

void SoundPlayer::playFor(const CancelOutcome &outcome)
{
    applyPreferences();
    if (outcome.kind == CancelOutcome::Kind::Cancelled)
        playCancelled();
    else if (outcome.kind != CancelOutcome::Kind::Unknown)
        playFailure();
}
