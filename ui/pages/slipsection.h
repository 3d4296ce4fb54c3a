#pragma once

#include <memory>

#include <QGroupBox>

#include "core/runtime/settingssnapshot.h"
#include "ui/slip/slipsettings.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPrintPreviewWidget;
class QPrinter;
class QPushButton;
class SettingsRow;
class SlipPrinter;

// 打印核销凭证: whether and where a slip is printed after each verification and cancel: off,
// a system printer (58 mm or 80 mm roll, or A4) or a network ESC/POS printer (HOST:PORT),
// printed automatically or only from a record's detail. A preview shows a sample slip on the
// chosen paper; a test print sends it. Applies at once; the page saves it.
class SlipSection final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlipSection)

public:
    explicit SlipSection(QWidget *parent = nullptr);
    ~SlipSection() override;

    // Shows the saved choice; changes are not reported.
    void showSnapshot(const SettingsSnapshot &snapshot);
    void retranslateUi();

    SlipSettings chosen() const;
    QPrintPreviewWidget *preview() const { return m_preview; }
    QPushButton *testButton() const { return m_test; }
    QLabel *testResult() const { return m_testResult; }

signals:
    void slipSettingsChosen(const SlipSettings &settings);

private:
    void buildUi();
    void fillChoices();
    void updateFields();
    void edited();
    void testPrint();
    void paintPreview(QPrinter *printer);

    bool m_loaded = false;
    std::unique_ptr<QPrinter> m_previewPrinter;
    std::unique_ptr<SettingsRow> m_outputRow;
    std::unique_ptr<SettingsRow> m_printerRow;
    std::unique_ptr<SettingsRow> m_paperRow;
    std::unique_ptr<SettingsRow> m_addressRow;
    QComboBox *m_output = nullptr;
    QComboBox *m_printer = nullptr;
    QComboBox *m_paper = nullptr;
    QLineEdit *m_address = nullptr;
    QCheckBox *m_auto = nullptr;
    QLabel *m_hint = nullptr;
    QPrintPreviewWidget *m_preview = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    SlipPrinter *m_testPrinter = nullptr;
};
