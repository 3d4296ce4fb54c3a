#pragma once

#include <QDialog>
#include <QList>

class QLabel;
class QGridLayout;
class QLineEdit;
class QPushButton;

// Shows values that exist in clear only now (an app's client secret, a new admin token),
// each with a copy button, and says plainly that they cannot be shown again. The values are
// kept in this dialog's widgets only, so closing it (WA_DeleteOnClose) forgets them.
class SecretDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretDialog)

public:
    explicit SecretDialog(QWidget *parent = nullptr);

    void setHeading(const QString &heading);
    void setMessage(const QString &message);
    // A labelled read-only value with its own copy button.
    void addValue(const QString &label, const QString &value);

    int valueCount() const { return int(m_values.size()); }
    QString value(int index) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void copy(int index);

    QLabel *m_heading;
    QLabel *m_message;
    QGridLayout *m_grid;
    QLabel *m_warning;
    QPushButton *m_doneButton;
    QList<QLineEdit *> m_values;
    QList<QPushButton *> m_copyButtons;
    int m_copiedIndex = -1;
};
