#include "core/store/verificationconditions.h"

#include <QDateTime>

#include "core/store/store.h"

namespace {

using Store::isoDate;

constexpr qint64 DAY_MS = 24 * 60 * 60 * 1000;
// business_date is the local day of created_at in the zone the store had when the record was
// written. The list turns a date range into a created_at range (so the created_at indexes can
// serve it) widened by this margin, which covers any later change of zone; the business_date
// condition next to it keeps the answer exact.
constexpr qint64 DATE_WINDOW_MARGIN_MS = 2 * DAY_MS;

} // namespace

VerificationConditions VerificationConditions::forRecords(const VerificationFilter &f)
{
    VerificationConditions c;
    if (f.from) {
        c.add(QStringLiteral("v.business_date >= ?"), {isoDate(*f.from)});
        c.add(QStringLiteral("v.created_at >= ?"),
              {f.from->startOfDay().toMSecsSinceEpoch() - DATE_WINDOW_MARGIN_MS});
    }
    if (f.to) {
        c.add(QStringLiteral("v.business_date <= ?"), {isoDate(*f.to)});
        c.add(QStringLiteral("v.created_at < ?"),
              {f.to->addDays(1).startOfDay().toMSecsSinceEpoch() + DATE_WINDOW_MARGIN_MS});
    }
    if (!f.poiId.isEmpty())
        c.add(QStringLiteral("v.poi_id = ?"), {f.poiId});
    if (f.appId)
        c.add(QStringLiteral("v.app_id = ?"), {*f.appId});
    if (f.verifyStatus)
        c.add(QStringLiteral("v.verify_status = ?"),
              {VerificationRecord::toString(*f.verifyStatus)});
    if (f.enrichmentStatus) {
        c.add(QStringLiteral("v.enrichment_status = ?"),
              {VerificationRecord::toString(*f.enrichmentStatus)});
    }
    if (f.platform)
        c.add(QStringLiteral("v.platform = ?"), {Platforms::toString(*f.platform)});
    if (f.cancelStatus)
        c.add(QStringLiteral("v.cancel_status = ?"),
              {VerificationRecord::toString(*f.cancelStatus)});
    if (!f.gatewayName.isEmpty())
        c.add(QStringLiteral("v.gateway_name = ?"), {f.gatewayName});
    if (!f.q.isEmpty()) {
        // One index probe per column (SQLite's OR optimisation, PostgreSQL's bitmap OR).
        c.add(QStringLiteral("(v.source_input = ? OR v.origin_code = ? OR v.certificate_id = ?"
                             " OR v.order_id = ? OR v.verify_id = ?)"),
              {f.q, f.q, f.q, f.q, f.q});
    }
    return c;
}

VerificationConditions VerificationConditions::forTotals(const std::optional<QDate> &from,
                                                         const std::optional<QDate> &to,
                                                         const QString &poiId,
                                                         const std::optional<qint64> &appId)
{
    VerificationConditions c;
    if (from)
        c.add(QStringLiteral("t.business_date >= ?"), {isoDate(*from)});
    if (to)
        c.add(QStringLiteral("t.business_date <= ?"), {isoDate(*to)});
    if (!poiId.isEmpty())
        c.add(QStringLiteral("t.poi_id = ?"), {poiId});
    if (appId)
        c.add(QStringLiteral("t.app_id = ?"), {*appId});
    return c;
}

QString VerificationConditions::sql() const
{
    return m_clauses.isEmpty()
            ? QString()
            : QStringLiteral(" WHERE ") + m_clauses.join(QStringLiteral(" AND "));
}

void VerificationConditions::add(const QString &clause, const QVariantList &clauseValues)
{
    m_clauses << clause;
    m_values << clauseValues;
}
