#include "ui/pages/verifypage.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSysInfo>
#include <QVBoxLayout>

#include "core/runtime/gatewayproxy.h"
#include "core/runtime/recordfacts.h"
#include "core/scan/scanpayload.h"
#include "ui/outcometext.h"
#include "ui/uipreferences.h"
#include "ui/widgets/cameraview.h"
#include "ui/widgets/cancelbutton.h"
#include "ui/widgets/democouponpanel.h"
#include "ui/widgets/imagecodereader.h"
#include "ui/widgets/preparepanel.h"
#include "ui/widgets/resultpanel.h"
#include "ui/widgets/soundplayer.h"

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
      m_storeLabel(new QLabel(this)),
      m_store(new QComboBox(this)),
      m_operatorLabel(new QLabel(this)),
      m_operator(new QLineEdit(this)),
      m_input(new QLineEdit(this)),
      m_openImage(new QPushButton(this)),
      m_camera(new CameraView(this)),
      m_prepare(new PreparePanel(this)),
      m_result(new ResultPanel(this)),
      m_cancel(new CancelButton(gateway, CancelButton::Kind::Short, this)),
      m_demo(new DemoCouponPanel(this)),
      m_sound(new SoundPlayer(this)),
      m_reader(new ImageCodeReader(m_camera, this))
{
    QFont inputFont = m_input->font();
    inputFont.setPointSizeF(inputFont.pointSizeF() * 1.8);
    m_input->setFont(inputFont);
    m_input->setMinimumHeight(56);
    m_input->setClearButtonEnabled(true);
    m_input->installEventFilter(this);
    m_store->setEditable(true); // a POI id can be typed when Douyin's list is unreachable
    m_store->setMinimumWidth(280);
    m_operator->setMaximumWidth(200);
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

    connect(m_input, &QLineEdit::returnPressed, this, [this] {
        const QString text = m_input->text();
        m_input->clear();
        if (!text.trimmed().isEmpty())
            scan(text);
        else if (m_prepare->isVisible())
            verifyPrepared(m_prepare->count());
    });
    connect(m_prepare, &PreparePanel::confirmed, this, &VerifyPage::verifyPrepared);
    connect(m_prepare, &PreparePanel::cancelled, this, &VerifyPage::cancel);
    connect(m_openImage, &QPushButton::clicked, this, [this] {
        m_reader->readFile(this);
        m_input->setFocus();
    });
    connect(m_demo, &DemoCouponPanel::couponChosen, this, &VerifyPage::scan);
    connect(m_demo, &DemoCouponPanel::newCouponRequested, this, [this] {
        m_gateway->mintDemoCoupon(currentPoiId(), this,
                                  [this](const Result<DemoCoupon> &) { refreshDemoCoupons(); });
    });
    connect(m_gateway, &GatewayProxy::recordsChanged, this, &VerifyPage::onRecordsChanged);
    m_cancel->setRequestedBy([this] { return m_operator->text(); });
    connect(m_cancel, &CancelButton::cancelStarted, this,
            [this] { m_result->showWorking(tr("Cancelling the verification…")); });
    connect(m_cancel, &CancelButton::answered, this, &VerifyPage::showCancelOutcome);
    connect(m_store, &QComboBox::currentIndexChanged, this, &VerifyPage::rememberPreferences);
    connect(m_store, &QComboBox::currentIndexChanged, this, &VerifyPage::refreshDemoCoupons);
    connect(m_operator, &QLineEdit::editingFinished, this, &VerifyPage::rememberPreferences);

    m_operator->setText(UiPreferences::value(QStringLiteral("operator")).toString());
    retranslateUi();
    loadStores();
    m_input->setFocus();
}

void VerifyPage::buildLayout()
{
    auto *top = new QHBoxLayout;
    top->addWidget(m_storeLabel);
    top->addWidget(m_store, 1);
    top->addSpacing(24);
    top->addWidget(m_operatorLabel);
    top->addWidget(m_operator);

    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_openImage);

    auto *centre = new QVBoxLayout;
    centre->addLayout(inputRow);
    centre->addWidget(m_prepare);
    centre->addWidget(m_result, 1);
    centre->addWidget(m_cancel, 0, Qt::AlignRight);

    auto *body = new QHBoxLayout;
    body->addWidget(m_camera, 2);
    body->addLayout(centre, 3);
    body->addWidget(m_demo, 0);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(body, 1);
}

VerifyPage::~VerifyPage() = default;

void VerifyPage::setDemoMode(bool demo)
{
    m_demoMode = demo;
    m_demo->setVisible(demo);
    if (demo)
        refreshDemoCoupons();
    loadStores();
}

void VerifyPage::loadStores()
{
    m_gateway->pois(this, [this](const Result<Douyin::PoiQueryResult, Douyin::Error> &result) {
        if (!result.ok() || result.value().pois.isEmpty())
            return;
        const QString remembered = UiPreferences::value(QStringLiteral("poi")).toString();
        m_store->blockSignals(true);
        m_store->clear();
        for (const Douyin::Poi &poi : result.value().pois)
            m_store->addItem(poi.poiName, poi.poiId);
        const int index = m_store->findData(remembered);
        m_store->setCurrentIndex(index >= 0 ? index : 0);
        m_store->blockSignals(false);
        refreshDemoCoupons(); // the panel puts this store's coupons first
    });
}

void VerifyPage::rememberPreferences()
{
    const QVariant poi = m_store->currentData();
    UiPreferences::setValue(QStringLiteral("poi"), poi.isValid() ? poi : m_store->currentText());
    UiPreferences::setValue(QStringLiteral("operator"), m_operator->text().trimmed());
    m_input->setFocus();
}

QString VerifyPage::currentPoiId() const
{
    const QString poiId = m_store->currentData().toString();
    return poiId.isEmpty() ? m_store->currentText().trimmed() : poiId;
}

void VerifyPage::refreshDemoCoupons()
{
    if (!m_demoMode)
        return;
    m_gateway->demoCoupons(currentPoiId(), DemoCouponPanel::MIN_OWN_STORE, this,
                           [this](const QList<DemoCoupon> &coupons) {
                               // Sorted for the store selected now: answers come back in the
                               // order they were asked, so a later one for this store follows.
                               m_demo->showCoupons(coupons, currentPoiId());
                           });
}

void VerifyPage::scan(const QString &text)
{
    if (m_busy || m_cancel->isBusy())
        return; // one coupon at a time; the scanner's next burst waits for the answer
    m_cancel->withdraw(); // 撤销 is for the last verification only
    const ScanPayload payload = ScanPayload::classify(text);
    if (payload.kind() == ScanPayload::Kind::Unknown) {
        m_prepare->hide();
        m_result->showFailure(OutcomeText::forOutcome(VerifyOutcome::Kind::BadInput, {}, {}));
        playSound(false);
        emit answered();
        return;
    }
    PrepareCommand command;
    command.poiId = currentPoiId();
    if (payload.kind() == ScanPayload::Kind::Code)
        command.code = payload.value();
    else
        command.shortLink = payload.value(); // short links and Douyin page URLs alike

    m_busy = true;
    m_prepare->hide();
    m_result->showWorking(tr("Looking up the coupon with Douyin…"));
    m_gateway->prepare(command, this, [this](const PrepareOutcome &outcome) {
        m_busy = false;
        if (outcome.kind != PrepareOutcome::Kind::Prepared) {
            m_result->showFailure(OutcomeText::forPrepare(outcome));
            playSound(false);
            emit answered();
            return;
        }
        m_prepare->showPrepared(outcome);
        m_prepare->show();
        m_result->showHint(tr("Press Enter to verify"),
                           tr("Check the product with the customer first. Esc cancels."));
        m_input->setFocus();
        emit prepared();
    });
}

void VerifyPage::verifyPrepared(int count)
{
    if (m_busy || !m_prepare->isVisible())
        return;
    const PrepareOutcome prepared = m_prepare->prepared();
    if (prepared.prepared.certificates.isEmpty())
        return;
    VerifyCommand command;
    command.poiId = prepared.poiId;
    command.encryptedCode = prepared.prepared.certificates.first().encryptedCode;
    command.verifyToken = prepared.prepared.verifyToken;
    command.count = count;
    QJsonObject extra{{QStringLiteral("device_id"), QSysInfo::machineHostName().left(64)}};
    if (!m_operator->text().trimmed().isEmpty())
        extra.insert(QStringLiteral("operator_id"), m_operator->text().trimmed().left(64));
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
        m_result->showFailure(
                OutcomeText::forOutcome(outcome.kind, outcome.error, outcome.platformError));
        playSound(false);
        return;
    }
    for (const VerificationRecord &record : outcome.records) {
        if (record.verifyStatus != VerificationRecord::Status::Success) {
            m_result->showFailure(
                    OutcomeText::forFailedRecord(record, RecordFacts::reason(record)));
            playSound(false);
            return;
        }
    }
    m_result->showSuccess(outcome.records);
    playSound(true);
    m_cancel->offer(outcome.records);
}

void VerifyPage::showCancelOutcome(const CancelOutcome &outcome,
                                   const QList<VerificationRecord> &cancelled)
{
    m_prepare->hide();
    m_result->showCancelOutcome(outcome, cancelled);
    m_sound->playFor(outcome);
    refreshDemoCoupons(); // a cancelled coupon is usable again
    m_input->setFocus();
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
    m_result->showIdle();
    m_input->setFocus();
}

void VerifyPage::playSound(bool success)
{
    m_sound->applyPreferences();
    if (success)
        m_sound->playSuccess();
    else
        m_sound->playFailure();
}

void VerifyPage::pasteImage()
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    if (mime && mime->hasImage())
        m_reader->readImage(qvariant_cast<QImage>(mime->imageData()));
    else
        m_input->paste();
}

bool VerifyPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Paste)) {
            pasteImage();
            return true;
        }
        if (m_prepare->isVisible() && m_input->text().isEmpty()) {
            if (key->key() == Qt::Key_Up || key->key() == Qt::Key_Plus) {
                m_prepare->stepCount(+1);
                return true;
            }
            if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Minus) {
                m_prepare->stepCount(-1);
                return true;
            }
        }
        if (key->key() == Qt::Key_Escape) {
            cancel();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void VerifyPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void VerifyPage::retranslateUi()
{
    m_storeLabel->setText(tr("Store:"));
    m_operatorLabel->setText(tr("Cashier:"));
    m_operator->setPlaceholderText(tr("your name"));
    m_input->setPlaceholderText(tr("Scan or type the coupon code, then Enter"));
    m_openImage->setText(tr("Open image…"));
}
