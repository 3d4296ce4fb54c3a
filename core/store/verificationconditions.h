#pragma once

#include <optional>

#include <QDate>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include "core/store/verificationqueries.h"

// The WHERE clause of a report query and its values, in placeholder order: over the records
// (alias v) or over the running totals (alias t), whose rows know only date, poi and app.
class VerificationConditions
{
public:
    static VerificationConditions forRecords(const VerificationFilter &filter);
    static VerificationConditions forTotals(const std::optional<QDate> &from,
                                            const std::optional<QDate> &to, const QString &poiId,
                                            const std::optional<qint64> &appId);

    // Empty when nothing filters.
    QString sql() const;
    const QVariantList &values() const { return m_values; }

private:
    void add(const QString &clause, const QVariantList &clauseValues);

    QStringList m_clauses;
    QVariantList m_values;
};
