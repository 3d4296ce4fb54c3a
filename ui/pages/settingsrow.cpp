#include "ui/pages/settingsrow.h"

#include <QGridLayout>
#include <QLabel>

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
