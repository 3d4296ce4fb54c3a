#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

// Asks for a new verifier app's name and whether it may read the Douyin access token.
// Only collects the answers: the apps page creates the app once this dialog is accepted.
class CreateAppDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateAppDialog)

public:
    explicit CreateAppDialog(QWidget *parent = nullptr);

    QString name() const;
    bool allowTokenRead() const;

    QLineEdit *nameEdit() const { return m_name; }
    QCheckBox *tokenReadBox() const { return m_tokenRead; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateButtons();

    QLabel *m_intro;
    QLabel *m_nameLabel;
    QLineEdit *m_name;
    QCheckBox *m_tokenRead;
    QLabel *m_tokenReadHint;
    QDialogButtonBox *m_buttons;
};
