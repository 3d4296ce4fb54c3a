#include "ui/widgets/recorddetaildialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include "core/runtime/gatewayproxy.h"
#include "core/slip/verificationslip.h"
#include "ui/canceltext.h"
#include "ui/recordtext.h"
#include "ui/style.h"
#include "ui/widgets/cancelbutton.h"
#include "ui/widgets/recorddetailfields.h"
#include "ui/widgets/resultpanel.h"
#include "ui/widgets/slipprintbar.h"
#include "ui/widgets/soundplayer.h"

namespace {

const QString RAW_FIELD = QStringLiteral("platform_response");

// Base64 and URLs: long, and no spaces for a label to wrap at.
bool isLongToken(const QString &field)
{
    return field == QLatin1String("encrypted_code") || field == QLatin1String("source_input");
}

std::optional<qint64> millis(std::optional<qint64> seconds)
{
    return seconds ? std::optional<qint64>(*seconds * 1000) : std::nullopt;
}

QString orNone(const QString &text)
{
    return text.isEmpty() ? RecordText::none() : text;
}

QString number(std::optional<qint64> value)
{
    return value ? QString::number(*value) : RecordText::none();
}

} // namespace

RecordDetailDialog::RecordDetailDialog(GatewayProxy *gateway, const VerificationRecord &record,
                                       const QHash<QString, QString> &poiNames, QWidget *parent)
    : QDialog(parent),
      m_record(record),
      m_poiNames(poiNames),
      m_headline(new QLabel(this)),
      m_form(new QFormLayout),
      m_rawTitle(new QLabel(this)),
      m_raw(new QPlainTextEdit(this)),
      m_copyRaw(new QPushButton(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this)),
      m_cancel(new CancelButton(gateway, CancelButton::Kind::Full, this)),
      m_result(new ResultPanel(this)),
      m_sound(new SoundPlayer(this)),
      m_print(new QPushButton(this)),
      m_slipBar(new SlipPrintBar(this))
{
    QFont large = font();
    large.setPointSizeF(large.pointSizeF() * 1.2);
    setFont(large);

    QFont headlineFont = large;
    headlineFont.setPointSizeF(large.pointSizeF() * 1.35);
    headlineFont.setBold(true);
    m_headline->setFont(headlineFont);
    m_headline->setWordWrap(true);

    QWidget *scroll = buildFields();

    QWidget *rawPane = buildRawPane();

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(scroll);
    splitter->addWidget(rawPane);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({640, 480});

    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_cancel);
    bottom->addWidget(m_print);
    bottom->addWidget(m_buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addWidget(m_result);
    layout->addWidget(m_slipBar);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);
    m_result->hide();
    connectCancel();
    m_print->setObjectName(QStringLiteral("printSlipButton"));
    m_print->setStyleSheet(Style::button());
    connect(m_print, &QPushButton::clicked, this, [this] {
        m_slipBar->print(VerificationSlip::fromRecord(m_record, m_poiNames.value(m_record.poiId)));
    });

    retranslateUi();
    showRecord(record);
    resize(1200, 800);

    const qint64 id = record.id;
    gateway->record(id, this, [this](const Result<VerificationRecord> &full) {
        if (!full.ok()) {
            emit loadFailed(full.error());
            return;
        }
        m_full = true;
        showRecord(full.value());
        emit recordLoaded();
    });
    connect(gateway, &GatewayProxy::recordsChanged, this,
            [this, id](const QList<VerificationRecord> &records) {
                for (const VerificationRecord &changed : records) {
                    if (changed.id != id)
                        continue;
                    VerificationRecord shown = changed;
                    if (shown.appName.isEmpty())
                        shown.appName = m_record.appName;
                    showRecord(shown);
                }
            });
}

// 撤销核销 from the detail: asked in CancelDialog (with an optional reason), answered in the big
// result panel above the fields, with the till's sounds.
void RecordDetailDialog::connectCancel()
{
    connect(m_cancel, &CancelButton::cancelStarted, this, [this] {
        m_result->showWorking(tr("Cancelling the verification…"));
        m_result->show();
    });
    connect(m_cancel, &CancelButton::answered, this,
            [this](const CancelOutcome &outcome, const QList<VerificationRecord> &cancelled) {
                m_result->showCancelOutcome(outcome, cancelled);
                m_result->show();
                m_sound->playFor(outcome);
                if (outcome.record)
                    showRecord(*outcome.record);
                emit cancelAnswered();
            });
}

// The fields in a form, titles at the left, in a pane that scrolls down.
QWidget *RecordDetailDialog::buildFields()
{
    auto *fields = new QWidget;
    fields->setLayout(m_form);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_form->setVerticalSpacing(6);
    for (const RecordDetailFields::Field &field : RecordDetailFields::ALL) {
        const QString name = QString::fromLatin1(field.name);
        auto *title = new QLabel(fields);
        QPalette muted = title->palette();
        muted.setColor(QPalette::WindowText, Style::colour(Style::Colour::Muted));
        title->setPalette(muted);
        QWidget *value = nullptr;
        if (isLongToken(name)) {
            // Too long for the pane and without spaces to wrap at: a flat read-only line that
            // scrolls, so all of it can be seen and copied exactly.
            auto *line = new QLineEdit(fields);
            line->setReadOnly(true);
            line->setFrame(false);
            QPalette flat = line->palette();
            flat.setColor(QPalette::Base, flat.color(QPalette::Window));
            line->setPalette(flat);
            value = line;
        } else {
            auto *label = new QLabel(fields);
            label->setWordWrap(true);
            label->setTextFormat(Qt::PlainText);
            label->setTextInteractionFlags(Qt::TextSelectableByMouse
                                           | Qt::TextSelectableByKeyboard);
            value = label;
        }
        value->setObjectName(QStringLiteral("value_") + name);
        if (name == QLatin1String("platform")) // a badge, as small as its name
            value->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
        m_form->addRow(title, value);
        m_labels.insert(name, title);
        m_values.insert(name, value);
    }
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(fields);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // Values wrap instead: a sideways scroll would hide them behind their titles.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return scroll;
}

// The platform's raw answer as it came, with a button that copies it.
QWidget *RecordDetailDialog::buildRawPane()
{
    m_raw->setObjectName(QStringLiteral("value_") + RAW_FIELD);
    m_raw->setReadOnly(true);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    connect(m_copyRaw, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_raw->toPlainText()); });
    auto *rawPane = new QWidget(this);
    auto *rawLayout = new QVBoxLayout(rawPane);
    rawLayout->setContentsMargins(0, 0, 0, 0);
    auto *rawHeader = new QHBoxLayout;
    rawHeader->addWidget(m_rawTitle, 1);
    rawHeader->addWidget(m_copyRaw);
    rawLayout->addLayout(rawHeader);
    rawLayout->addWidget(m_raw);
    return rawPane;
}

QString RecordDetailDialog::valueText(const QString &field) const
{
    if (field == RAW_FIELD || field == QLatin1String("douyin_response"))
        return m_raw->toPlainText();
    const QWidget *widget = m_values.value(field);
    if (const auto *label = qobject_cast<const QLabel *>(widget))
        return label->text();
    if (const auto *line = qobject_cast<const QLineEdit *>(widget))
        return line->text();
    return {};
}

QString RecordDetailDialog::rawAnswerText() const
{
    return m_raw->toPlainText();
}

void RecordDetailDialog::showRecord(const VerificationRecord &record)
{
    m_record = record;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        if (auto *label = qobject_cast<QLabel *>(it.value())) {
            label->setText(value(it.key()));
        } else if (auto *line = qobject_cast<QLineEdit *>(it.value())) {
            line->setText(value(it.key()));
            line->setCursorPosition(0);
        }
    }
    // A cancelled success reads "Cancelled" in the cancel colour: it no longer counts.
    const bool cancelled = record.cancel.status == VerificationRecord::Cancel::Status::Cancelled;
    QPalette palette = m_headline->palette();
    palette.setColor(QPalette::WindowText,
                     cancelled ? Style::colour(Style::Colour::Cancelled)
                               : RecordText::statusColor(record.verifyStatus));
    m_headline->setPalette(palette);
    m_headline->setText(
            //: Headline of a record: status, product, amount paid
            tr("%1 · %2 · %3")
                    .arg(cancelled ? CancelText::status(record)
                                   : RecordText::status(record.verifyStatus),
                         orNone(record.productName), RecordText::money(record.payAmount)));
    m_cancel->offer({record});
    m_print->setEnabled(record.verifyStatus == VerificationRecord::Status::Success);
    setWindowTitle(tr("Verification record %1").arg(record.id));
    m_values.value(QStringLiteral("platform"))
            ->setStyleSheet(Style::platformLabel(record.platform));
    //: Title of the raw answer pane; %1 is the platform's short name (Douyin, Meituan)
    m_rawTitle->setText(
            tr("%1's answer, as received").arg(RecordText::platformShort(record.platform)));

    if (!record.platformResponse.isEmpty())
        m_raw->setPlainText(QString::fromUtf8(
                QJsonDocument(record.platformResponse).toJson(QJsonDocument::Indented)));
    else if (m_full)
        //: In place of the platform's raw answer
        m_raw->setPlainText(tr("No answer from the platform yet."));
    else
        m_raw->setPlainText(tr("Loading…"));
    m_copyRaw->setEnabled(!record.platformResponse.isEmpty());
}

QString RecordDetailDialog::value(const QString &field) const
{
    using Status = VerificationRecord::Status;
    const VerificationRecord &r = m_record;
    const bool success = r.verifyStatus == Status::Success;
    if (field == QLatin1String("id"))
        return QString::number(r.id);
    if (field == QLatin1String("app_id"))
        return QString::number(r.appId);
    if (field == QLatin1String("app_name"))
        return RecordText::appName(r.appId, r.appName);
    if (field == QLatin1String("poi_id")) {
        const QString name = m_poiNames.value(r.poiId);
        //: Store name, then its Douyin POI id
        return name.isEmpty() ? r.poiId : tr("%1 (%2)").arg(name, r.poiId);
    }
    if (field == QLatin1String("verify_status"))
        return RecordText::status(r.verifyStatus);
    if (field == QLatin1String("platform"))
        return RecordText::platform(r.platform);
    // A success has no error, whatever the record kept (the API shows 0 and "").
    if (field == QLatin1String("error_code"))
        return success ? RecordText::none() : number(r.errorCode);
    if (field == QLatin1String("error_description"))
        return success ? RecordText::none() : orNone(r.errorDescription);
    if (field == QLatin1String("certificate_id"))
        return orNone(r.certificateId);
    if (field == QLatin1String("encrypted_code"))
        return orNone(r.encryptedCode);
    if (field == QLatin1String("origin_code"))
        return orNone(r.originCode);
    if (field == QLatin1String("coupon_status"))
        return RecordText::couponStatus(r);
    if (field == QLatin1String("product_id"))
        return orNone(r.productId);
    if (field == QLatin1String("product_name"))
        return orNone(r.productName);
    if (field == QLatin1String("sku_id"))
        return orNone(r.skuId);
    if (field == QLatin1String("sku_name"))
        return orNone(r.skuName);
    if (field == QLatin1String("verify_records_count"))
        return r.verifyRecordsCount ? QString::number(*r.verifyRecordsCount) : RecordText::none();
    if (field == QLatin1String("verify_id"))
        return orNone(r.verifyId);
    if (field == QLatin1String("source_input"))
        return orNone(r.sourceInput);
    if (field == QLatin1String("logid"))
        return orNone(r.logid);
    if (field == QLatin1String("expire_time"))
        return RecordText::dateTime(millis(r.expireTime));
    if (field == QLatin1String("gateway"))
        return orNone(r.gatewayName);
    if (field == QLatin1String("extra"))
        return RecordText::extra(m_record.extra);
    if (field.startsWith(QLatin1String("cancel")))
        return CancelText::field(r, field);
    return RecordText::orderField(r, field);
}

void RecordDetailDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void RecordDetailDialog::retranslateUi()
{
    for (const RecordDetailFields::Field &field : RecordDetailFields::ALL)
        m_labels.value(QString::fromLatin1(field.name))->setText(tr(field.title));
    m_copyRaw->setText(tr("Copy"));
    //: Button: print the verification slip (打印凭证) of this record again
    m_print->setText(tr("Print slip"));
    showRecord(m_record);
}
