#pragma once

#include <optional>

#include <QSet>
#include <QWidget>

#include "core/scan/scanpayload.h"
#include "core/verify/canceloutcome.h"
#include "core/verify/verifyoutcome.h"

class CameraView;
class CancelButton;
class CodeInput;
class DemoCouponPanel;
class GatewayProxy;
class ImageCodeReader;
class PlatformChoicePanel;
class PlatformToggle;
class PreparePanel;
class QComboBox;
class QLineEdit;
class ResultPanel;
class SlipPrintBar;
class SoundPlayer;
class StoreBar;

// The till's home screen. One always-focused input takes the scanner gun's burst (ending in
// Enter) and typed codes; the camera, a pasted screenshot (Ctrl+V) and an image file feed the
// same path. A scan is prepared first (product, amount, how many are left), then verified
// with Enter, and the answer shown big, with a sound and its platform's badge. Beside the
// input, a toggle forces the next code to one of the store's platforms; a code that more
// than one platform knows asks the cashier with a big button per platform.
class VerifyPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerifyPage)

public:
    explicit VerifyPage(GatewayProxy *gateway, QWidget *parent = nullptr);
    ~VerifyPage() override;

    // A scanned or typed text, as if it came from the scanner gun (with the toggle's choice).
    void scan(const QString &text);
    void setDemoMode(bool demo);

    ResultPanel *resultPanel() const { return m_result; }
    PreparePanel *preparePanel() const { return m_prepare; }
    DemoCouponPanel *demoPanel() const { return m_demo; }
    QLineEdit *input() const;
    QComboBox *storeSelector() const;
    CancelButton *cancelButton() const { return m_cancel; }
    SlipPrintBar *slipBar() const { return m_slipBar; }
    PlatformToggle *platformToggle() const { return m_platform; }
    PlatformChoicePanel *platformChoice() const { return m_choice; }

signals:
    // The flow reached a new state; tests and the status bar listen.
    void prepared();
    void answered();
    // A plain code more than one platform knows: the cashier is asked which one it is.
    void platformAsked();
    // A cancel (撤销) of the last verification was answered and is shown.
    void cancelAnswered();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void buildLayout();
    // A scan to the given platform, or to the one the gateway picks (nullopt).
    void scanAs(const QString &text, std::optional<PlatformId> platform);
    void takePrepared(const ScanPayload &scanned, const PrepareOutcome &outcome);
    void verifyPrepared(int count);
    void showOutcome(const VerifyOutcome &outcome);
    void onRecordsChanged(const QList<VerificationRecord> &records);
    void cancel();
    // Also has the selected store's coupons topped up to DemoCouponPanel::MIN_OWN_STORE.
    void refreshDemoCoupons();
    // The toggle shows the platforms the selected store has now.
    void refreshPlatforms();
    void playSound(bool success);
    void showCancelOutcome(const CancelOutcome &outcome,
                           const QList<VerificationRecord> &cancelled);

    GatewayProxy *m_gateway;
    StoreBar *m_storeBar;
    CodeInput *m_code;
    PlatformToggle *m_platform; // beside the code input, owned by it
    CameraView *m_camera;
    PlatformChoicePanel *m_choice;
    PreparePanel *m_prepare;
    ResultPanel *m_result;
    SlipPrintBar *m_slipBar; // how the slip print went, under the result
    CancelButton *m_cancel;
    DemoCouponPanel *m_demo;
    SoundPlayer *m_sound;
    ImageCodeReader *m_reader;
    QString m_preparedCode; // the plain code behind the prepare shown, for a verify by code
    QString m_askedScan; // the scan whose platform the cashier is asked for
    bool m_busy = false;
    bool m_demoMode = false;
    QSet<qint64> m_checking; // ids of records shown as "checking"
    QList<VerificationRecord> m_checkingRecords;
};
