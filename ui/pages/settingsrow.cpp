#include "ui/pages/settingsrow.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QUrl>

#include "ui/style.h"

SettingsRow::SettingsRow(QWidget *parent) : m_caption(new QLabel(parent)), m_note(hintLabel(parent))
{
    m_note->hide();
}

void SettingsRow::addTo(QGridLayout *grid, int &row, QWidget *field, Qt::Alignment alignment) const
{
    grid->addWidget(m_caption, row, 0);
    grid->addWidget(field, row++, 1, alignment);
    grid->addWidget(m_note, row++, 1);
}

bool SettingsRow::showLock(const SettingsSnapshot &snapshot, Setting setting, QWidget *field) const
{
    const bool locked = isLocked(snapshot, setting);
    field->setEnabled(!locked);
    if (locked) {
        m_note->setText(overrideNote(snapshot, setting));
        m_note->setStyleSheet(Style::label(Style::Colour::Locked));
        m_note->show();
    } else {
        m_note->setStyleSheet(Style::label(Style::Colour::Hint));
    }
    return locked;
}

void SettingsRow::showSecretSource(SettingsSnapshot::SecretSource source, Setting setting,
                                   QLineEdit *field) const
{
    using Source = SettingsSnapshot::SecretSource;
    const bool locked = source == Source::Environment;
    field->setEnabled(!locked);
    m_note->setText(secretNote(source, setting));
    m_note->setStyleSheet(Style::label(locked ? Style::Colour::Locked : Style::Colour::Hint));
    m_note->show();
    const bool saved = source == Source::Sealed || source == Source::File || locked;
    //: Shown in the empty secret field when a secret is stored (never the secret itself)
    field->setPlaceholderText(saved ? tr("••••• (saved)") : QString());
}

QString SettingsRow::normalisedUrl(const QString &text)
{
    QString url = text.trimmed();
    while (url.endsWith(u'/'))
        url.chop(1);
    return url;
}

bool SettingsRow::isServerUrl(const QString &normalised)
{
    const QUrl url(normalised, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty()
            && (url.scheme() == u"https" || url.scheme() == u"http");
}

QString SettingsRow::secretNote(SettingsSnapshot::SecretSource source, Setting setting)
{
    switch (source) {
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
                .arg(GatewaySettings::environmentName(setting));
    case SettingsSnapshot::SecretSource::Unreadable:
        return tr("A saved secret exists but cannot be read on this computer. Please type it "
                  "again.");
    }
    return QString();
}

QLabel *SettingsRow::hintLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setStyleSheet(Style::label(Style::Colour::Hint));
    return label;
}

QLabel *SettingsRow::selectableLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QGridLayout *SettingsRow::formGrid()
{
    auto *grid = new QGridLayout;
    grid->setColumnStretch(1, 1);
    grid->setVerticalSpacing(4);
    return grid;
}

bool SettingsRow::isLocked(const SettingsSnapshot &snapshot, Setting setting)
{
    const GatewaySettings::Layer layer = snapshot.values.value(setting).layer;
    return layer == GatewaySettings::Layer::Environment
            || layer == GatewaySettings::Layer::CommandLine;
}

QString SettingsRow::value(const SettingsSnapshot &snapshot, Setting setting)
{
    return snapshot.values.value(setting).value;
}

bool SettingsRow::isEdited(const SettingsSnapshot &snapshot, Setting setting, const QString &shown)
{
    return !isLocked(snapshot, setting) && shown != value(snapshot, setting);
}

QString SettingsRow::overrideNote(const SettingsSnapshot &snapshot, Setting setting)
{
    switch (snapshot.values.value(setting).layer) {
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
