#pragma once

#include <QSet>
#include <QWidget>

#include "core/verify/canceloutcome.h"
#include "core/verify/verifyoutcome.h"

class CameraView;
class CancelButton;
class DemoCouponPanel;
class GatewayProxy;
class ImageCodeReader;
class PreparePanel;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class ResultPanel;
class SoundPlayer;

// The till's home screen. One always-focused input takes the scanner gun's burst (ending in
// Enter) and typed codes; the camera, a pasted screenshot (Ctrl+V) and an image file feed the
// same path. A scan is prepared first (product, amount, how many are left), then verified
// with Enter, and the answer shown big, with a sound.
class VerifyPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerifyPage)

public:
    explicit VerifyPage(GatewayProxy *gateway, QWidget *parent = nullptr);
    ~VerifyPage() override;

    // A scanned or typed text, as if it came from the scanner gun.
    void scan(const QString &text);
    void setDemoMode(bool demo);

    ResultPanel *resultPanel() const { return m_result; }
    PreparePanel *preparePanel() const { return m_prepare; }
    DemoCouponPanel *demoPanel() const { return m_demo; }
    QLineEdit *input() const { return m_input; }
    QComboBox *storeSelector() const { return m_store; }
    CancelButton *cancelButton() const { return m_cancel; }

signals:
    // The flow reached a new state; tests and the status bar listen.
    void prepared();
    void answered();
    // A cancel (撤销) of the last verification was answered and is shown.
    void cancelAnswered();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildLayout();
    void verifyPrepared(int count);
    void showOutcome(const VerifyOutcome &outcome);
    void onRecordsChanged(const QList<VerificationRecord> &records);
    void pasteImage();
    void cancel();
    void loadStores();
    QString currentPoiId() const; // a typed POI id when Douyin's store list is unreachable
    // Also has the selected store's coupons topped up to DemoCouponPanel::MIN_OWN_STORE.
    void refreshDemoCoupons();
    void rememberPreferences();
    void playSound(bool success);
    void showCancelOutcome(const CancelOutcome &outcome,
                           const QList<VerificationRecord> &cancelled);
    void retranslateUi();

    GatewayProxy *m_gateway;
    QLabel *m_storeLabel;
    QComboBox *m_store;
    QLabel *m_operatorLabel;
    QLineEdit *m_operator;
    QLineEdit *m_input;
    QPushButton *m_openImage;
    CameraView *m_camera;
    PreparePanel *m_prepare;
    ResultPanel *m_result;
    CancelButton *m_cancel;
    DemoCouponPanel *m_demo;
    SoundPlayer *m_sound;
    ImageCodeReader *m_reader;
    bool m_busy = false;
    bool m_demoMode = false;
    QSet<qint64> m_checking; // ids of records shown as "checking"
    QList<VerificationRecord> m_checkingRecords;
};
