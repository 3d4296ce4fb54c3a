#include "core/sandbox/sandboxhistory.h"

#include <algorithm>
#include <limits>

#include <QJsonArray>

#include "core/sandbox/sandboxmessages.h"

namespace {

using SandboxMessages::badParameter;

// Douyin's day is China's: UTC+8, no daylight saving.
constexpr qint64 BEIJING_OFFSET_SECONDS = 8 * 3600;
constexpr qint64 SECONDS_PER_DAY = 86400;

// Where a record sits in the history's order.
bool before(const SandboxOrderBook::Verification &a, const SandboxOrderBook::Verification &b)
{
    if (a.verifyTime != b.verifyTime)
        return a.verifyTime < b.verifyTime;
    return a.sequence < b.sequence;
}

} // namespace

qint64 SandboxHistory::startOfDay(qint64 unixSeconds)
{
    const qint64 local = unixSeconds + BEIJING_OFFSET_SECONDS;
    // Floor division, so a time before 1970 still lands on its own day.
    const qint64 day = local >= 0 ? local / SECONDS_PER_DAY
                                  : -((-local + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);
    return day * SECONDS_PER_DAY - BEIJING_OFFSET_SECONDS;
}

SandboxAnswer SandboxHistory::query(const Request &request) const
{
    if (const auto refused = refuse(request))
        return *refused;
    const Verification *cursor = nullptr;
    if (request.cursor != QLatin1String(DouyinApi::HISTORY_FIRST_CURSOR)) {
        bool numeric = false;
        const qint64 sequence = request.cursor.toLongLong(&numeric);
        cursor = numeric ? m_book.verificationAt(sequence) : nullptr;
        if (!cursor)
            return badParameter(QStringLiteral("cursor: \"%1\" is not a cursor of this history; "
                                               "start with \"0\", then pass the last record's")
                                        .arg(request.cursor));
    }
    const qint64 startTime = request.startTime.value_or(startOfDay(m_config.clock()));

    QList<const Verification *> kept;
    for (const Verification *record : m_book.verifications()) {
        if (matches(*record, request, startTime))
            kept.append(record);
    }
    // Already in this order today; sorting keeps it so should verifications ever be added
    // out of time order.
    std::stable_sort(kept.begin(), kept.end(),
                     [](const Verification *a, const Verification *b) { return before(*a, *b); });
    QJsonArray records;
    for (const Verification *record : std::as_const(kept)) {
        if (records.size() >= request.size)
            break;
        if (!cursor || before(*cursor, *record))
            records.append(m_json.historyRecord(*record));
    }
    return SandboxAnswer::success(
            {{QStringLiteral("records"), records}, {QStringLiteral("total"), int(kept.size())}});
}

std::optional<SandboxAnswer> SandboxHistory::refuse(const Request &request) const
{
    if (!request.accountId.isEmpty() && request.accountId != m_config.accountId)
        return SandboxMessages::failure(DouyinApi::MERCHANT_NOT_AUTHORISED);
    if (request.size < 1 || request.size > DouyinApi::HISTORY_PAGE_MAX)
        return badParameter(QStringLiteral("size: must be 1 to %1, got %2")
                                    .arg(DouyinApi::HISTORY_PAGE_MAX)
                                    .arg(request.size));
    const qint64 startTime = request.startTime.value_or(startOfDay(m_config.clock()));
    if (request.endTime && *request.endTime <= startTime)
        return badParameter(
                QStringLiteral("end_time: must be after start_time (%1)").arg(startTime));
    return std::nullopt;
}

bool SandboxHistory::matches(const Verification &record, const Request &request,
                             qint64 startTime) const
{
    const qint64 endTime = request.endTime.value_or(std::numeric_limits<qint64>::max());
    if (record.verifyTime < startTime || record.verifyTime >= endTime)
        return false;
    return request.poiIds.isEmpty() || request.poiIds.contains(record.poiId);
}
