#include "ui/widgets/resultpanel.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

#include "ui/canceltext.h"
#include "ui/outcometext.h"
#include "ui/recordtext.h"
#include "ui/style.h"
#include "ui/widgets/platformbadge.h"

namespace {

QString describe(const QList<VerificationRecord> &records)
{
    QStringList lines;
    for (const VerificationRecord &record : records) {
        QString line = record.productName.isEmpty() ? record.certificateId : record.productName;
        if (record.payAmount)
            line += QStringLiteral("  ") + OutcomeText::money(*record.payAmount);
        lines.append(line);
    }
    return lines.join(u'\n');
}

std::optional<PlatformId> platformOf(const QList<VerificationRecord> &records)
{
    if (records.isEmpty())
        return std::nullopt;
    return records.first().platform;
}

} // namespace

ResultPanel::ResultPanel(QWidget *parent)
    : QFrame(parent),
      m_badge(new PlatformBadge(this)),
      m_title(new QLabel(this)),
      m_detail(new QLabel(this))
{
    setObjectName(QStringLiteral("resultPanel"));
    setMinimumHeight(220);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 18, 24, 18);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 3.0);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    QFont badgeFont = m_badge->font(); // the platform is read from a step away too
    badgeFont.setPointSizeF(badgeFont.pointSizeF() * 1.5);
    m_badge->setFont(badgeFont);
    m_detail->setAlignment(Qt::AlignCenter);
    m_detail->setWordWrap(true);
    QFont detailFont = m_detail->font();
    detailFont.setPointSizeF(detailFont.pointSizeF() * 1.6);
    m_detail->setFont(detailFont);
    layout->addStretch();
    layout->addWidget(m_badge, 0, Qt::AlignHCenter);
    layout->addWidget(m_title);
    layout->addWidget(m_detail);
    layout->addStretch();
    showIdle();
}

QString ResultPanel::title() const
{
    return m_title->text();
}

QString ResultPanel::detail() const
{
    return m_detail->text();
}

std::optional<PlatformId> ResultPanel::platform() const
{
    return m_badge->platform();
}

void ResultPanel::apply(State state, const QString &title, const QString &detail,
                        std::optional<PlatformId> platform)
{
    m_cancelOutcome.reset(); // showCancelOutcome() sets it again after this
    m_state = state;
    m_badge->setPlatform(platform);
    setStyleSheet(Style::resultPanel(Style::Panel(int(state))));
    m_title->setText(title);
    m_detail->setText(detail);
}

void ResultPanel::showIdle()
{
    m_records.clear();
    apply(State::Idle, tr("Ready to scan"),
          tr("Scan the customer's coupon QR code, or type the code and press Enter."));
}

void ResultPanel::showWorking(const QString &what)
{
    apply(State::Working, tr("One moment…"), what);
}

void ResultPanel::showHint(const QString &title, const QString &detail)
{
    apply(State::Idle, title, detail);
}

void ResultPanel::showSuccess(const QList<VerificationRecord> &records)
{
    m_records = records;
    //: Big green result after coupons were verified; %1 = how many
    apply(State::Success,
          records.size() == 1 ? tr("✔ Verified") : tr("✔ Verified: %1 coupons").arg(records.size()),
          describe(records), platformOf(records));
}

void ResultPanel::showFailure(const QString &reason, std::optional<PlatformId> platform)
{
    m_reason = reason;
    apply(State::Failure, tr("✘ Not verified"), reason, platform);
}

void ResultPanel::showChecking(const QList<VerificationRecord> &records)
{
    m_records = records;
    const std::optional<PlatformId> platform = platformOf(records);
    const QString name = RecordText::platform(platform.value_or(PlatformId::Douyin));
    //: %1 is the platform: Douyin, Meituan / Dianping
    apply(State::Checking, tr("⏳ Checking with %1…").arg(name),
          tr("The network dropped %1's answer. This updates by itself; do not scan the "
             "coupon again.")
                          .arg(name)
                  + u'\n' + describe(records),
          platform);
}

void ResultPanel::showCancelOutcome(const CancelOutcome &outcome,
                                    const QList<VerificationRecord> &cancelled)
{
    m_records = cancelled;
    const std::optional<PlatformId> platform =
            outcome.record ? std::optional(outcome.record->platform) : platformOf(cancelled);
    if (outcome.kind == CancelOutcome::Kind::Cancelled) {
        //: Big result after a verification was cancelled (已撤销); %1 = how many coupons
        apply(State::Cancelled,
              cancelled.size() <= 1 ? tr("↩ Cancelled")
                                    : tr("↩ Cancelled: %1 coupons").arg(cancelled.size()),
              describe(cancelled) + u'\n'
                      + tr("The coupon is back in the customer's account and can be used again."),
              platform);
    } else {
        QStringList lines{CancelText::forOutcome(outcome)};
        if (outcome.record)
            lines << describe({*outcome.record});
        if (!cancelled.isEmpty())
            lines << tr("These coupons of the verification were cancelled before it:")
                  << describe(cancelled);
        if (outcome.kind == CancelOutcome::Kind::Unknown)
            apply(State::Checking, tr("Confirming the cancel…"), lines.join(u'\n'), platform);
        else
            apply(State::Failure, tr("✘ Not cancelled"), lines.join(u'\n'), platform);
    }
    m_cancelOutcome = outcome;
}

void ResultPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

void ResultPanel::retranslateUi()
{
    if (m_cancelOutcome) {
        showCancelOutcome(*m_cancelOutcome, m_records);
        return;
    }
    switch (m_state) {
    case State::Idle:
        showIdle();
        break;
    case State::Success:
        showSuccess(m_records);
        break;
    case State::Checking:
        showChecking(m_records);
        break;
    case State::Failure:
    case State::Working:
    case State::Cancelled: // only shown with m_cancelOutcome
        break; // their text came from elsewhere and was translated there
    }
}
