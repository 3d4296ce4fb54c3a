#include "core/api/recordchangetracker.h"

RecordChangeTracker::Change RecordChangeTracker::note(const VerificationRecord &record)
{
    using Status = VerificationRecord::Status;
    Change change;
    const auto found = m_seen.constFind(record.id);
    if (found == m_seen.constEnd()) {
        change.created = record.verifyStatus == Status::Pending;
        change.verifyStatusChanged = record.verifyStatus != Status::Pending;
        change.cancelStatusChanged = record.cancel.status.has_value();
    } else {
        change.verifyStatusChanged =
                record.verifyStatus != found->status && record.verifyStatus != Status::Pending;
        change.cancelStatusChanged = record.cancel.status && record.cancel.status != found->cancel;
    }
    m_seen.insert(record.id, {record.verifyStatus, record.cancel.status});
    m_highestId = qMax(m_highestId, record.id);
    if (m_seen.size() > 2 * REMEMBERED_IDS) {
        for (auto it = m_seen.begin(); it != m_seen.end();)
            it = it.key() < m_highestId - REMEMBERED_IDS ? m_seen.erase(it) : std::next(it);
    }
    return change;
}
