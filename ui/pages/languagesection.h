#pragma once

#include <QGroupBox>

#include "core/runtime/settingssnapshot.h"

class QComboBox;
class QLabel;

// The language part of the settings page. A choice applies at once; the page saves it.
class LanguageSection final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanguageSection)

public:
    explicit LanguageSection(QWidget *parent = nullptr);

    void showSnapshot(const SettingsSnapshot &snapshot);
    void updateLocks(const SettingsSnapshot &snapshot);
    void retranslateUi();

signals:
    // "zh_CN", "en", or empty for the computer's language.
    void languageChosen(const QString &language);

private:
    QComboBox *m_language;
    QLabel *m_note;
};
