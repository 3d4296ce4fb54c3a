#pragma once

#include <QWidget>

class PlatformToggle;
class PreparePanel;
class QImage;
class QLineEdit;
class QPushButton;

// The till's input row: the always-focused line that takes the scanner gun's burst (ending in
// Enter) and typed codes, the platform toggle beside it, and "Open image…". Ctrl+V of a
// screenshot hands the image on; Up/Down (+/-) step the count of a prepared coupon while the
// line is empty; Esc backs out.
class CodeInput final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CodeInput)

public:
    explicit CodeInput(QWidget *parent = nullptr);

    QLineEdit *line() const { return m_line; }
    PlatformToggle *toggle() const { return m_toggle; }
    // While this panel is shown, Up/Down and +/- on the empty line step its count.
    void setCountTarget(PreparePanel *panel) { m_countTarget = panel; }
    void focusLine();

signals:
    void submitted(const QString &text); // Enter after some text
    void confirmed(); // Enter on the empty line
    void escaped();
    void imagePasted(const QImage &image);
    void openImageClicked();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void paste();
    void retranslateUi();

    QLineEdit *m_line;
    PlatformToggle *m_toggle;
    QPushButton *m_openImage;
    PreparePanel *m_countTarget = nullptr;
};
