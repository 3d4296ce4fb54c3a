#include "core/report/reconciliationentry.h"

QList<ReconciliationEntry> ReconciliationEntry::listOf(const ReconciliationReport &report)
{
    QList<ReconciliationEntry> entries;
    for (const HistoryRow &row : report.onlyPlatform)
        entries.append({Kind::OnlyPlatform, std::nullopt, row});
    for (const VerificationRecord &record : report.onlyLocal)
        entries.append({Kind::OnlyLocal, record, std::nullopt});
    for (const ReconciliationReport::Pair &pair : report.statusMismatch)
        entries.append({Kind::StatusMismatch, pair.local, pair.platform});
    for (const ReconciliationReport::Pair &pair : report.amountMismatch)
        entries.append({Kind::AmountMismatch, pair.local, pair.platform});
    for (const VerificationRecord &record : report.unresolved)
        entries.append({Kind::Unresolved, record, std::nullopt});
    return entries;
}

QString ReconciliationEntry::toString(Kind kind)
{
    switch (kind) {
    case Kind::OnlyPlatform:
        break;
    case Kind::OnlyLocal:
        return QStringLiteral("only_local");
    case Kind::StatusMismatch:
        return QStringLiteral("status_mismatch");
    case Kind::AmountMismatch:
        return QStringLiteral("amount_mismatch");
    case Kind::Unresolved:
        return QStringLiteral("unresolved");
    }
    return QStringLiteral("only_platform");
}

PlatformId ReconciliationEntry::platformId() const
{
    return platform ? platform->platform : local ? local->platform : PlatformId::Douyin;
}

QString ReconciliationEntry::poiId() const
{
    if (local && !local->poiId.isEmpty())
        return local->poiId;
    return platform ? platform->poiId : QString();
}

QString ReconciliationEntry::certificateId() const
{
    if (platform && !platform->certificateId.isEmpty())
        return platform->certificateId;
    return local ? local->certificateId : QString();
}

QString ReconciliationEntry::code() const
{
    if (local) {
        if (!local->originCode.isEmpty())
            return local->originCode;
        // A code typed or scanned as such; a short link is no code anyone would recognise.
        if (local->mode == VerificationRecord::Mode::Code && !local->sourceInput.isEmpty())
            return local->sourceInput;
    }
    if (platform && !platform->code.isEmpty())
        return platform->code;
    return certificateId();
}

QString ReconciliationEntry::productName() const
{
    if (local && !local->productName.isEmpty())
        return local->productName;
    return platform ? platform->productName : QString();
}

std::optional<qint64> ReconciliationEntry::time() const
{
    if (platform && platform->verifyTime > 0)
        return platform->verifyTime * 1000;
    if (local && local->verifyTime)
        return *local->verifyTime * 1000;
    if (local && local->createdAt > 0)
        return local->createdAt;
    return std::nullopt;
}
