#include "core/reconcile/reconciliationmatcher.h"

#include <QHash>
#include <QSet>

namespace {

using Status = VerificationRecord::Status;

bool isOpen(const VerificationRecord &record)
{
    return record.verifyStatus == Status::Pending || record.verifyStatus == Status::Unknown;
}

// The platform's rows, findable by verify id and by certificate; each is taken once.
class RowIndex
{
public:
    explicit RowIndex(const QList<HistoryRow> &rows) : m_rows(rows), m_taken(rows.size(), false)
    {
        for (qsizetype i = 0; i < rows.size(); ++i) {
            if (!rows.at(i).verifyId.isEmpty())
                m_byVerifyId.insert(rows.at(i).verifyId, i);
            m_byCertificate.insert(rows.at(i).certificateId, i);
        }
    }

    // The row of this record's verification, taken; -1 when none.
    qsizetype take(const VerificationRecord &record)
    {
        qsizetype found = -1;
        if (!record.verifyId.isEmpty())
            found = m_byVerifyId.value(record.verifyId, -1);
        // Without a verify id on both sides, the coupon's code decides: its one untaken row.
        if (found < 0 && !record.certificateId.isEmpty()) {
            const QList<qsizetype> candidates = m_byCertificate.values(record.certificateId);
            for (const qsizetype i : candidates) {
                const bool comparable =
                        record.verifyId.isEmpty() || m_rows.at(i).verifyId.isEmpty();
                if (!m_taken.at(i) && comparable) {
                    found = i;
                    break;
                }
            }
        }
        if (found < 0 || m_taken.at(found))
            return -1;
        m_taken[found] = true;
        return found;
    }

    // Sets aside the rows of a coupon whose local outcome is not known yet.
    void takeCertificate(const QString &certificateId)
    {
        for (const qsizetype i : m_byCertificate.values(certificateId))
            m_taken[i] = true;
    }

    QList<HistoryRow> untaken() const
    {
        QList<HistoryRow> rows;
        for (qsizetype i = 0; i < m_rows.size(); ++i) {
            if (!m_taken.at(i))
                rows.append(m_rows.at(i));
        }
        return rows;
    }

private:
    const QList<HistoryRow> &m_rows;
    QList<bool> m_taken;
    QHash<QString, qsizetype> m_byVerifyId;
    QMultiHash<QString, qsizetype> m_byCertificate;
};

} // namespace

void ReconciliationMatcher::match(const QList<VerificationRecord> &local,
                                  const QList<HistoryRow> &remote, ReconciliationReport &report)
{
    RowIndex rows(remote);
    for (const VerificationRecord &record : local) {
        if (isOpen(record)) {
            report.unresolved.append(record);
            rows.takeCertificate(record.certificateId);
        }
    }
    for (const VerificationRecord &record : local) {
        if (record.verifyStatus != Status::Success)
            continue;
        if (record.isStandingSuccess()) {
            ++report.local.count;
            report.local.payAmount += record.payAmount.value_or(0);
        }
        const qsizetype found = rows.take(record);
        if (found < 0) {
            // A success a cancel took back that the platform does not list either: agreed.
            if (record.isStandingSuccess())
                report.onlyLocal.append(record);
            continue;
        }
        const HistoryRow &row = remote.at(found);
        if (!sameStatus(record, row))
            report.statusMismatch.append({record, row});
        else if (!sameAmount(record, row))
            report.amountMismatch.append({record, row});
        else
            ++report.matched;
    }
    report.onlyPlatform = rows.untaken();
    for (const HistoryRow &row : remote) {
        if (row.status == HistoryRow::Status::Verified) {
            ++report.remote.count;
            report.remote.payAmount += row.payAmount;
        }
    }
}

bool ReconciliationMatcher::sameStatus(const VerificationRecord &record, const HistoryRow &row)
{
    const bool standingHere = record.isStandingSuccess();
    const bool standingThere = row.status == HistoryRow::Status::Verified;
    return standingHere == standingThere;
}

bool ReconciliationMatcher::sameAmount(const VerificationRecord &record, const HistoryRow &row)
{
    // Only amounts both sides state can disagree.
    if (!record.payAmount || row.payAmount == 0)
        return true;
    return *record.payAmount == row.payAmount;
}
