#include "ui/pages/verifypage.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QSysInfo>
#include <QVBoxLayout>

#include "core/runtime/gatewayproxy.h"
#include "core/runtime/recordfacts.h"
#include "core/slip/verificationslip.h"
#include "ui/outcometext.h"
#include "ui/recordtext.h"
#include "ui/widgets/cameraview.h"
#include "ui/widgets/cancelbutton.h"
#include "ui/widgets/codeinput.h"
#include "ui/widgets/democouponpanel.h"
#include "ui/widgets/imagecodereader.h"
#include "ui/widgets/platformchoicepanel.h"
#include "ui/widgets/platformtoggle.h"
#include "ui/widgets/preparepanel.h"
#include "ui/widgets/resultpanel.h"
#include "ui/widgets/slipprintbar.h"
#include "ui/widgets/soundplayer.h"
#include "ui/widgets/storebar.h"

namespace {

bool isSettled(const VerificationRecord &record)
{
    return record.verifyStatus == VerificationRecord::Status::Success
            || record.verifyStatus == VerificationRecord::Status::Failed;
}

} // namespace

VerifyPage::VerifyPage(GatewayProxy *gateway, QWidget *parent)
    : QWidget(parent),
      m_gateway(gateway),
      m_storeBar(new StoreBar(gateway, this)),
      m_code(new CodeInput(this)),
      m_platform(m_code->toggle()),
      m_camera(new CameraView(this)),
      m_choice(new PlatformChoicePanel(this)),
      m_prepare(new PreparePanel(this)),
      m_result(new ResultPanel(this)),
      m_slipBar(new SlipPrintBar(this)),
      m_cancel(new CancelButton(gateway, CancelButton::Kind::Short, this)),
      m_demo(new DemoCouponPanel(this)),
      m_sound(new SoundPlayer(this)),
      m_reader(new ImageCodeReader(m_camera, this))
{
    m_code->setCountTarget(m_prepare);
    m_choice->hide();
    m_prepare->hide();
    m_demo->hide();

    buildLayout();

    connect(m_reader, &ImageCodeReader::codeRead, this, &VerifyPage::scan);
    connect(m_reader, &ImageCodeReader::reading, this,
            [this] { m_result->showWorking(tr("Reading the QR code…")); });
    connect(m_reader, &ImageCodeReader::failed, this, [this](const QString &message) {
        m_result->showFailure(message);
        playSound(false);
    });

    connect(m_code, &CodeInput::submitted, this, &VerifyPage::scan);
    connect(m_code, &CodeInput::confirmed, this, [this] {
        if (m_prepare->isVisible())
            verifyPrepared(m_prepare->count());
    });
    connect(m_code, &CodeInput::escaped, this, &VerifyPage::cancel);
    connect(m_code, &CodeInput::imagePasted, m_reader, &ImageCodeReader::readImage);
    connect(m_code, &CodeInput::openImageClicked, this, [this] { m_reader->readFile(this); });
    connect(m_prepare, &PreparePanel::confirmed, this, &VerifyPage::verifyPrepared);
    connect(m_prepare, &PreparePanel::cancelled, this, &VerifyPage::cancel);
    connect(m_demo, &DemoCouponPanel::couponChosen, this, &VerifyPage::scan);
    connect(m_demo, &DemoCouponPanel::newCouponRequested, this, [this] {
        m_gateway->mintDemoCoupon(m_storeBar->poiId(), this,
                                  [this](const Result<DemoCoupon> &) { refreshDemoCoupons(); });
    });
    connect(m_gateway, &GatewayProxy::recordsChanged, this, &VerifyPage::onRecordsChanged);
    m_cancel->setRequestedBy([this] { return m_storeBar->cashier(); });
    connect(m_cancel, &CancelButton::cancelStarted, this,
            [this] { m_result->showWorking(tr("Cancelling the verification…")); });
    connect(m_cancel, &CancelButton::answered, this, &VerifyPage::showCancelOutcome);
    connect(m_storeBar, &StoreBar::storeChanged, this, &VerifyPage::refreshDemoCoupons);
    connect(m_storeBar, &StoreBar::storeChanged, this, &VerifyPage::refreshPlatforms);
    connect(m_storeBar, &StoreBar::edited, m_code, &CodeInput::focusLine);
    connect(m_choice, &PlatformChoicePanel::chosen, this,
            [this](PlatformId platform) { scanAs(m_askedScan, platform); });

    m_storeBar->loadStores();
    m_code->focusLine();
}

void VerifyPage::buildLayout()
{
    auto *centre = new QVBoxLayout;
    centre->addWidget(m_code);
    centre->addWidget(m_choice);
    centre->addWidget(m_prepare);
    centre->addWidget(m_result, 1);
    centre->addWidget(m_slipBar);
    centre->addWidget(m_cancel, 0, Qt::AlignRight);

    auto *body = new QHBoxLayout;
    body->addWidget(m_camera, 2);
    body->addLayout(centre, 3);
    body->addWidget(m_demo, 0);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_storeBar);
    layout->addLayout(body, 1);
}

VerifyPage::~VerifyPage() = default;

void VerifyPage::setDemoMode(bool demo)
{
    m_demoMode = demo;
    m_demo->setVisible(demo);
    if (demo)
        refreshDemoCoupons();
    m_storeBar->loadStores();
}

QComboBox *VerifyPage::storeSelector() const
{
    return m_storeBar->selector();
}

QLineEdit *VerifyPage::input() const
{
    return m_code->line();
}

void VerifyPage::refreshPlatforms()
{
    m_gateway->platformsServing(
            m_storeBar->poiId(), this,
            [this](const QList<PlatformId> &platforms) { m_platform->setPlatforms(platforms); });
}

void VerifyPage::refreshDemoCoupons()
{
    if (!m_demoMode)
        return;
    m_gateway->demoCoupons(m_storeBar->poiId(), DemoCouponPanel::MIN_OWN_STORE, this,
                           [this](const QList<DemoCoupon> &coupons) {
                               // Sorted for the store selected now: answers come back in the
                               // order they were asked, so a later one for this store follows.
                               m_demo->showCoupons(coupons, m_storeBar->poiId());
                           });
}

void VerifyPage::scan(const QString &text)
{
    scanAs(text, m_platform->forced());
}

void VerifyPage::scanAs(const QString &text, std::optional<PlatformId> platform)
{
    if (m_busy || m_cancel->isBusy())
        return; // one coupon at a time; the scanner's next burst waits for the answer
    m_cancel->withdraw(); // 撤销 is for the last verification only
    m_platform->setForced(std::nullopt); // the toggle is for the next code only
    m_choice->hide();
    const ScanPayload payload = ScanPayload::classify(text);
    if (payload.kind() == ScanPayload::Kind::Unknown) {
        m_prepare->hide();
        m_result->showFailure(OutcomeText::forOutcome(VerifyOutcome::Kind::BadInput, {}, {}));
        playSound(false);
        emit answered();
        return;
    }
    PrepareCommand command;
    command.poiId = m_storeBar->poiId();
    const bool byCode = payload.kind() == ScanPayload::Kind::Code;
    if (byCode) {
        command.code = payload.value();
        command.platform = platform;
    } else {
        // Short links and Douyin page URLs alike; a link names its platform itself.
        command.shortLink = payload.value();
    }

    m_busy = true;
    m_prepare->hide();
    if (command.platform)
        //: %1 is the platform: Douyin, Meituan / Dianping
        m_result->showWorking(
                tr("Looking up the coupon with %1…").arg(RecordText::platform(*command.platform)));
    else
        m_result->showWorking(tr("Looking up the coupon…"));
    m_gateway->prepare(command, this, [this, payload](const PrepareOutcome &outcome) {
        m_busy = false;
        takePrepared(payload, outcome);
    });
}

void VerifyPage::takePrepared(const ScanPayload &scanned, const PrepareOutcome &outcome)
{
    if (outcome.kind == PrepareOutcome::Kind::Ambiguous) {
        m_askedScan = scanned.value();
        m_choice->showChoice(outcome.platforms);
        m_choice->show();
        m_result->showHint(tr("Which platform is this coupon from?"),
                           tr("Ask the customer which app shows the coupon, then press that "
                              "platform's button. Nothing has been verified yet."));
        m_code->focusLine();
        emit platformAsked();
        return;
    }
    if (outcome.kind != PrepareOutcome::Kind::Prepared) {
        const auto platform = outcome.platformError
                ? std::optional<PlatformId>(outcome.platformError->platform)
                : std::nullopt;
        m_result->showFailure(OutcomeText::forPrepare(outcome), platform);
        playSound(false);
        emit answered();
        return;
    }
    m_preparedCode = scanned.kind() == ScanPayload::Kind::Code ? scanned.value() : QString();
    m_prepare->showPrepared(outcome);
    m_prepare->show();
    m_result->showHint(tr("Press Enter to verify"),
                       tr("Check the product with the customer first. Esc cancels."));
    m_code->focusLine();
    emit prepared();
}

void VerifyPage::verifyPrepared(int count)
{
    if (m_busy || !m_prepare->isVisible())
        return;
    const PrepareOutcome prepared = m_prepare->prepared();
    if (prepared.prepared.certificates.isEmpty())
        return;
    VerifyCommand command;
    command.platform = prepared.prepared.platform; // where it was prepared
    command.poiId = prepared.poiId;
    if (prepared.verifiableByToken || m_preparedCode.isEmpty()) {
        command.encryptedCode = prepared.prepared.certificates.first().encryptedCode;
        command.verifyToken = prepared.prepared.verifyToken;
    } else {
        // A platform without the two-step flow (Meituan) prepares the code again inside its
        // verify; prepare has no side effect there.
        command.code = m_preparedCode;
    }
    command.count = count;
    QJsonObject extra{{QStringLiteral("device_id"), QSysInfo::machineHostName().left(64)}};
    if (!m_storeBar->cashier().isEmpty())
        extra.insert(QStringLiteral("operator_id"), m_storeBar->cashier().left(64));
    command.extra = extra;

    m_busy = true;
    m_prepare->hide();
    m_result->showWorking(tr("Verifying…"));
    m_gateway->verify(command, this, [this](const VerifyOutcome &outcome) {
        m_busy = false;
        showOutcome(outcome);
        refreshDemoCoupons();
        emit answered();
    });
}

void VerifyPage::showOutcome(const VerifyOutcome &outcome)
{
    m_checking.clear();
    if (outcome.kind == VerifyOutcome::Kind::Unknown) {
        m_checkingRecords = outcome.records;
        for (const VerificationRecord &record : outcome.records)
            m_checking.insert(record.id);
        m_result->showChecking(outcome.records);
        return;
    }
    if (outcome.kind != VerifyOutcome::Kind::Answered || outcome.records.isEmpty()) {
        const auto platform = outcome.platformError
                ? std::optional<PlatformId>(outcome.platformError->platform)
                : std::nullopt;
        m_result->showFailure(
                OutcomeText::forOutcome(outcome.kind, outcome.error, outcome.platformError),
                platform);
        playSound(false);
        return;
    }
    for (const VerificationRecord &record : outcome.records) {
        if (record.verifyStatus != VerificationRecord::Status::Success) {
            m_result->showFailure(OutcomeText::forFailedRecord(record, RecordFacts::reason(record)),
                                  record.platform);
            playSound(false);
            return;
        }
    }
    m_result->showSuccess(outcome.records);
    playSound(true);
    // After the answer is on screen: a slow or absent printer never delays it.
    m_slipBar->printIfAutomatic(VerificationSlip::fromRecords(outcome.records,
                                                              m_storeBar->selector()->currentText(),
                                                              VerificationSlip::Kind::Success));
    m_cancel->offer(outcome.records);
}

void VerifyPage::showCancelOutcome(const CancelOutcome &outcome,
                                   const QList<VerificationRecord> &cancelled)
{
    m_prepare->hide();
    m_result->showCancelOutcome(outcome, cancelled);
    m_sound->playFor(outcome);
    if (!cancelled.isEmpty())
        m_slipBar->printIfAutomatic(VerificationSlip::fromRecords(
                cancelled, m_storeBar->selector()->currentText(), VerificationSlip::Kind::Cancel));
    refreshDemoCoupons(); // a cancelled coupon is usable again
    m_code->focusLine();
    emit cancelAnswered();
}

void VerifyPage::onRecordsChanged(const QList<VerificationRecord> &records)
{
    if (m_checking.isEmpty())
        return;
    bool touched = false;
    for (const VerificationRecord &record : records) {
        for (VerificationRecord &shown : m_checkingRecords) {
            if (shown.id == record.id) {
                shown = record;
                touched = true;
            }
        }
    }
    if (!touched || !std::all_of(m_checkingRecords.cbegin(), m_checkingRecords.cend(), isSettled))
        return;
    VerifyOutcome settled;
    settled.kind = VerifyOutcome::Kind::Answered;
    settled.records = m_checkingRecords;
    showOutcome(settled);
    emit answered();
}

void VerifyPage::cancel()
{
    m_prepare->hide();
    m_choice->hide();
    m_result->showIdle();
    m_code->focusLine();
}

void VerifyPage::playSound(bool success)
{
    m_sound->applyPreferences();
    if (success)
        m_sound->playSuccess();
    else
        m_sound->playFailure();
}

void VerifyPage::showEvent(QShowEvent *event)
{
    // Back from the settings page, where a store may have been bound to a platform.
    refreshPlatforms();
    QWidget::showEvent(event);
}
