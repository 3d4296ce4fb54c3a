#pragma once

#include <QCoreApplication>

#include "core/runtime/settingssnapshot.h"

class QGridLayout;
class QLabel;
class QLineEdit;
class QWidget;

// One row of a settings form: the caption at the left, the field at its right and, under the
// field, a note that says why the field is locked or gives a hint. The labels belong to the
// parent widget; this only keeps the two pointers.
class SettingsRow final
{
    Q_DECLARE_TR_FUNCTIONS(SettingsRow)

public:
    explicit SettingsRow(QWidget *parent);

    QLabel *caption() const { return m_caption; }
    QLabel *note() const { return m_note; }

    // Puts caption, field and note at `row` of a two-column grid; `row` moves past them.
    void addTo(QGridLayout *grid, int &row, QWidget *field, Qt::Alignment alignment = {}) const;
    // Locks `field` if the environment or the command line sets `setting`, and shows why;
    // true if locked. An unlocked note keeps its text and visibility for the caller to set.
    bool showLock(const SettingsSnapshot &snapshot, Setting setting, QWidget *field) const;
    // For a secret's field, which is always empty: says where the secret in use comes from,
    // shows "(saved)" as the field's placeholder when there is one, and locks the field when
    // the environment sets the secret.
    void showSecretSource(SettingsSnapshot::SecretSource source, Setting setting,
                          QLineEdit *field) const;

    // A word-wrapped grey label for intros, hints and notes.
    static QLabel *hintLabel(QWidget *parent);
    // A word-wrapped label whose text can be selected and copied: states and results.
    static QLabel *selectableLabel(QWidget *parent);
    // The two-column grid that rows are added to.
    static QGridLayout *formGrid();
    static bool isLocked(const SettingsSnapshot &snapshot, Setting setting);
    static QString value(const SettingsSnapshot &snapshot, Setting setting);
    // True if `shown` is not what is saved for `setting` and the setting may be changed.
    static bool isEdited(const SettingsSnapshot &snapshot, Setting setting, const QString &shown);
    static QString overrideNote(const SettingsSnapshot &snapshot, Setting setting);
    // A server address as saved: trimmed, without trailing slashes.
    static QString normalisedUrl(const QString &text);
    // An http(s) address with a host: what the settings file accepts for a server.
    static bool isServerUrl(const QString &normalised);
    static QString secretNote(SettingsSnapshot::SecretSource source, Setting setting);

private:
    QLabel *m_caption;
    QLabel *m_note;
};
