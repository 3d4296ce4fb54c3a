#pragma once

#include <QDialog>
#include <QHash>

#include "core/result.h"
#include "core/store/verificationrecord.h"

class CancelButton;
class GatewayProxy;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class ResultPanel;
class SlipPrintBar;
class SoundPlayer;

// One verification with every field of API.md's VerificationView in plain words, and the
// platform's raw answer as it came. Opens at once with what the list had, then shows the gateway's full
// record and keeps following it while the gateway rewrites it (checked, order details in).
// A standing success inside its window can be cancelled (撤销核销) from here.
class RecordDetailDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordDetailDialog)

public:
    // poiNames: store names by poi id.
    RecordDetailDialog(GatewayProxy *gateway, const VerificationRecord &record,
                       const QHash<QString, QString> &poiNames, QWidget *parent = nullptr);

    const VerificationRecord &record() const { return m_record; }
    // The value shown for a VerificationView field ("certificate_id"), or a few more
    // ("source_input", "logid", "expire_time"); "" if there is no such row.
    QString valueText(const QString &field) const;
    QString rawAnswerText() const;
    CancelButton *cancelButton() const { return m_cancel; }
    ResultPanel *resultPanel() const { return m_result; }
    QPushButton *printButton() const { return m_print; }
    SlipPrintBar *slipBar() const { return m_slipBar; }

signals:
    // The gateway's full record is shown (raw answer included).
    void recordLoaded();
    void loadFailed(const Error &error);
    // A cancel asked from here was answered and is shown.
    void cancelAnswered();

protected:
    void changeEvent(QEvent *event) override;

private:
    void showRecord(const VerificationRecord &record);
    void retranslateUi();
    QWidget *buildFields();
    QWidget *buildRawPane();
    void connectCancel();
    QString value(const QString &field) const;

    VerificationRecord m_record;
    QHash<QString, QString> m_poiNames;
    bool m_full = false; // m_record came from the gateway, raw answer included
    QLabel *m_headline;
    QFormLayout *m_form;
    QHash<QString, QLabel *> m_labels; // row titles, by field
    QHash<QString, QWidget *> m_values; // by field: a QLabel, or a QLineEdit for long tokens
    QLabel *m_rawTitle;
    QPlainTextEdit *m_raw;
    QPushButton *m_copyRaw;
    QDialogButtonBox *m_buttons;
    CancelButton *m_cancel;
    ResultPanel *m_result; // how a cancel from here ended; hidden until one is asked
    SoundPlayer *m_sound;
    QPushButton *m_print; // 打印凭证: a success, or its cancel, on a slip again
    SlipPrintBar *m_slipBar;
};
