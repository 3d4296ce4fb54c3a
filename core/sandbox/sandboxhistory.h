#pragma once

#include <optional>

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxanswer.h"
#include "core/sandbox/sandboxanswerjson.h"
#include "core/sandbox/sandboxconfig.h"
#include "core/sandbox/sandboxorderbook.h"

// Douyin's 验券历史查询 (DOUYIN.md §13): every verification of the merchant's stores, the
// product's and those made outside it (SandboxElsewhere), cancelled ones included, in pages
// that a cursor walks. It is what reconciliation reads, so it must never repeat or skip one.
//
// [choice] rules not published by Douyin, decided here:
// - records are ordered by verify_time, then by the order they were made in (the sandbox
//   clock never goes back, so a new verification always sorts after every existing one and a
//   pager that is half-way through still meets it exactly once, on a later page). Ties are not
//   broken by verify_id: ids are random, so a verification made in the same second as the
//   cursor could land before it and be skipped.
// - a record's `cursor` is its number in that order ("1", "2", …); a page holds the records
//   after the given cursor. "0" starts at the beginning; any other text, or a number no
//   record has, is a bad parameter (2100005).
// - a verification is on a page when start_time <= verify_time < end_time; start_time defaults
//   to 00:00 today, Beijing time (Douyin's day), by the sandbox clock; end_time to no bound.
//   A cancelled verification stays where its verify_time puts it, with status 2 and its
//   cancel_time. end_time <= start_time is a bad parameter.
// - poi_ids keeps the verifications made at those stores; unknown ids simply match nothing.
// - size defaults to HISTORY_PAGE_MAX; outside 1..HISTORY_PAGE_MAX it is a bad parameter.
//   `total` counts every record the filter keeps, on every page.
// - an account_id other than the merchant's answers 2119005; it may be omitted (§11).
// - verify_type is 1 for every record, as in the other answers' verify records.
class SandboxHistory
{
public:
    struct Request
    {
        QString accountId; // empty: the sandbox account
        QString cursor = QString::fromLatin1(DouyinApi::HISTORY_FIRST_CURSOR);
        int size = DouyinApi::HISTORY_PAGE_MAX;
        std::optional<qint64> startTime; // empty: start of today
        std::optional<qint64> endTime; // empty: no bound
        QStringList poiIds; // empty: every store
    };

    SandboxHistory(const SandboxConfig &config, const SandboxOrderBook &book,
                   const SandboxAnswerJson &json)
        : m_config(config),
          m_book(book),
          m_json(json)
    {
    }

    SandboxAnswer query(const Request &request) const;

    // 00:00 Beijing time of the day unixSeconds falls on.
    static qint64 startOfDay(qint64 unixSeconds);

private:
    using Verification = SandboxOrderBook::Verification;

    std::optional<SandboxAnswer> refuse(const Request &request) const;
    bool matches(const Verification &record, const Request &request, qint64 startTime) const;

    const SandboxConfig &m_config;
    const SandboxOrderBook &m_book;
    const SandboxAnswerJson &m_json;
};
