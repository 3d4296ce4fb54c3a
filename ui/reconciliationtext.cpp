#include "ui/reconciliationtext.h"

#include "ui/recordtext.h"

QString ReconciliationText::state(State state)
{
    switch (state) {
    case State::NotFetched:
        //: Reconciliation state: the platform's records of the day were never fetched
        return tr("Not fetched");
    case State::Partial:
        //: Reconciliation state: fetched before the day ended, more may come
        return tr("The day has not ended, the result is incomplete");
    case State::Complete:
        //: Reconciliation state: fetched after the day ended
        return tr("Complete");
    }
    return {};
}

QString ReconciliationText::stateLine(const ReconciliationReport &report)
{
    if (report.running)
        //: A reconciliation fetch is under way
        return tr("Fetching the platforms' records…");
    if (report.state == State::NotFetched || !report.fetchedAt)
        return state(report.state);
    //: %1 is the reconciliation state, %2 when the platforms' records were fetched
    return tr("%1 · fetched at %2")
            .arg(state(report.state), RecordText::dateTime(report.fetchedAt));
}

QString ReconciliationText::kind(Kind kind)
{
    switch (kind) {
    case Kind::OnlyPlatform:
        //: Kind of difference: the platform lists a verification this till has not
        return tr("Only on platform");
    case Kind::OnlyLocal:
        //: Kind of difference: this till has a success the platform does not list
        return tr("Only here");
    case Kind::StatusMismatch:
        return tr("Status differs");
    case Kind::AmountMismatch:
        return tr("Amount differs");
    case Kind::Unresolved:
        //: A local record whose outcome is still being confirmed
        return tr("Being confirmed");
    }
    return {};
}

QString ReconciliationText::explanation(const ReconciliationEntry &entry)
{
    switch (entry.kind) {
    case Kind::OnlyPlatform:
        if (entry.platform)
            return onlyPlatform(*entry.platform);
        break;
    case Kind::OnlyLocal:
        return tr("Recorded as a success here, but the platform has no such verification");
    case Kind::StatusMismatch:
        if (entry.local && entry.platform)
            return statusMismatch(*entry.local, *entry.platform);
        break;
    case Kind::AmountMismatch:
        if (entry.local && entry.platform)
            //: %1 the amount this till recorded, %2 the amount the platform lists
            return tr("Amounts differ: %1 here, %2 on the platform")
                    .arg(RecordText::money(entry.local->payAmount),
                         RecordText::money(entry.platform->payAmount));
        break;
    case Kind::Unresolved:
        return tr("Outcome being confirmed; reconcile again once it is confirmed");
    }
    return {};
}

// Verified elsewhere: the merchant app of the platform is where that usually happens, so it is
// named; each sentence is whole, because the word order differs between the languages.
QString ReconciliationText::onlyPlatform(const HistoryRow &row)
{
    const bool meituan = row.platform == PlatformId::Meituan;
    switch (row.status) {
    case HistoryRow::Status::Verified:
        return meituan ? tr("Verified in Meituan Kaidianbao, not through this till")
                       : tr("Verified in Douyin Laike, not through this till");
    case HistoryRow::Status::Cancelled:
        return meituan ? tr("Verified and cancelled in Meituan Kaidianbao, not through this till")
                       : tr("Verified and cancelled in Douyin Laike, not through this till");
    case HistoryRow::Status::Refunded:
        return meituan ? tr("Verified in Meituan Kaidianbao, not through this till, then refunded")
                       : tr("Verified in Douyin Laike, not through this till, then refunded");
    }
    return {};
}

QString ReconciliationText::statusMismatch(const VerificationRecord &local,
                                           const HistoryRow &platform)
{
    const bool standing = local.isStandingSuccess();
    const bool cancelledHere = local.verifyStatus == VerificationRecord::Status::Success
            && local.cancel.status == VerificationRecord::Cancel::Status::Cancelled;
    if (standing && platform.status == HistoryRow::Status::Cancelled)
        return tr("Cancelled on the platform, still a success here");
    if (standing && platform.status == HistoryRow::Status::Refunded)
        return tr("Refunded on the platform, still a success here");
    if (cancelledHere && platform.status == HistoryRow::Status::Verified)
        return tr("Cancelled here, still verified on the platform");
    if (local.verifyStatus == VerificationRecord::Status::Failed
        && platform.status == HistoryRow::Status::Verified)
        return tr("Failed here, but verified on the platform");
    //: %1 the status at this till, %2 the status on the platform
    return tr("Status differs: %1 here, %2 on the platform")
            .arg(localStatus(local), platformStatus(platform.status));
}

QString ReconciliationText::platformStatus(HistoryRow::Status status)
{
    switch (status) {
    case HistoryRow::Status::Verified:
        //: A coupon's status on the platform (已核销)
        return tr("Verified");
    case HistoryRow::Status::Cancelled:
        //: A coupon's status on the platform: its verification was taken back (已撤销)
        return tr("Cancelled");
    case HistoryRow::Status::Refunded:
        //: A coupon's status on the platform (已退款)
        return tr("Refunded");
    }
    return {};
}

QString ReconciliationText::localStatus(const VerificationRecord &record)
{
    if (record.verifyStatus == VerificationRecord::Status::Success
        && record.cancel.status == VerificationRecord::Cancel::Status::Cancelled)
        return platformStatus(HistoryRow::Status::Cancelled);
    return RecordText::status(record.verifyStatus);
}
