#include "ui/pages/languagesection.h"

#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include "ui/pages/settingsrow.h"
#include "ui/style.h"

LanguageSection::LanguageSection(QWidget *parent)
    : QGroupBox(parent),
      m_language(new QComboBox(this)),
      m_note(SettingsRow::hintLabel(this))
{
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->addItem(QString(), QString());
    // Each language is named in itself, so it can be found whatever is shown now.
    m_language->addItem(QLocale(QLocale::Chinese, QLocale::China).nativeLanguageName(),
                        QStringLiteral("zh_CN"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    connect(m_language, &QComboBox::activated, this,
            [this] { emit languageChosen(m_language->currentData().toString()); });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_language);
    layout->addWidget(m_note);
}

void LanguageSection::showSnapshot(const SettingsSnapshot &snapshot)
{
    const int index = m_language->findData(SettingsRow::value(snapshot, Setting::Language));
    m_language->setCurrentIndex(index < 0 ? 0 : index);
}

void LanguageSection::updateLocks(const SettingsSnapshot &snapshot)
{
    const bool locked = SettingsRow::isLocked(snapshot, Setting::Language);
    m_language->setEnabled(!locked);
    m_note->setText(locked ? SettingsRow::overrideNote(snapshot, Setting::Language)
                           : tr("Changes at once."));
    m_note->setStyleSheet(Style::label(locked ? Style::Colour::Locked : Style::Colour::Hint));
}

void LanguageSection::retranslateUi()
{
    setTitle(tr("Language"));
    m_language->setItemText(0, tr("Same as this computer"));
}
