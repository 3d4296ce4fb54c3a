#include "core/report/reconciliationexport.h"

#include <QDateTime>

#include "core/report/report.h"

namespace {

const char *const COLUMNS[] = {
        "date",
        "state",
        "fetched_at",
        "kind",
        "platform",
        "poi_id",
        "poi_name",
        "certificate_id",
        "verify_id",
        "code",
        "product_name",
        "local_id",
        "local_verify_status",
        "local_cancel_status",
        "local_pay_amount",
        "local_created_at",
        "platform_status",
        "platform_pay_amount",
        "platform_verify_time",
        "platform_cancel_time",
        "local_pay_amount_yuan",
        "platform_pay_amount_yuan",
        "count",
        "note",
};
constexpr int COLUMN_COUNT = sizeof(COLUMNS) / sizeof(COLUMNS[0]);

QString utc(std::optional<qint64> unixMs)
{
    if (!unixMs || *unixMs <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(*unixMs, Qt::UTC).toString(Qt::ISODate);
}

QString seconds(qint64 unixSeconds)
{
    return unixSeconds > 0 ? utc(unixSeconds * 1000) : QString();
}

QString number(std::optional<qint64> value)
{
    return value ? QString::number(*value) : QString();
}

// The report's own columns, the same on every line.
QStringList reportFields(const ReconciliationReport &report)
{
    return {report.date.toString(Qt::ISODate), ReconciliationReport::toString(report.state),
            utc(report.fetchedAt)};
}

// A totals line: its kind, and the count and amount where they belong.
QStringList totalLine(const ReconciliationReport &report, const QString &kind, int count,
                      std::optional<qint64> local, std::optional<qint64> remote)
{
    QStringList line = reportFields(report);
    line << kind;
    while (line.size() < COLUMN_COUNT)
        line << QString();
    const auto at = [](const char *name) {
        for (int i = 0; i < COLUMN_COUNT; ++i) {
            if (qstrcmp(COLUMNS[i], name) == 0)
                return i;
        }
        return 0;
    };
    line[at("platform")] = report.platform ? Platforms::toString(*report.platform) : QString();
    line[at("poi_id")] = report.poiId;
    line[at("local_pay_amount")] = number(local);
    line[at("platform_pay_amount")] = number(remote);
    line[at("local_pay_amount_yuan")] = Report::yuan(local);
    line[at("platform_pay_amount_yuan")] = Report::yuan(remote);
    line[at("count")] = QString::number(count);
    return line;
}

} // namespace

namespace ReconciliationExport {

QStringList columns()
{
    QStringList names;
    for (const char *name : COLUMNS)
        names << QString::fromLatin1(name);
    return names;
}

QStringList fields(const ReconciliationReport &report, const ReconciliationEntry &entry,
                   const QString &poiName, const QString &note)
{
    const std::optional<VerificationRecord> &local = entry.local;
    const std::optional<HistoryRow> &remote = entry.platform;
    const std::optional<qint64> localPay = local ? local->payAmount : std::nullopt;
    const std::optional<qint64> remotePay =
            remote ? std::optional<qint64>(remote->payAmount) : std::nullopt;
    QString verifyId = remote ? remote->verifyId : QString();
    if (verifyId.isEmpty() && local)
        verifyId = local->verifyId;

    QStringList line = reportFields(report);
    line << ReconciliationEntry::toString(entry.kind) << Platforms::toString(entry.platformId())
         << entry.poiId() << poiName << entry.certificateId() << verifyId << entry.code()
         << entry.productName();
    if (local) {
        line << QString::number(local->id) << VerificationRecord::toString(local->verifyStatus)
             << (local->cancel.status ? VerificationRecord::toString(*local->cancel.status)
                                      : QString())
             << number(localPay) << utc(local->createdAt);
    } else {
        line << QString() << QString() << QString() << QString() << QString();
    }
    if (remote) {
        line << HistoryRow::toString(remote->status) << number(remotePay)
             << seconds(remote->verifyTime) << seconds(remote->cancelTime);
    } else {
        line << QString() << QString() << QString() << QString();
    }
    line << Report::yuan(localPay) << Report::yuan(remotePay) << QString() << note;
    return line;
}

QByteArray csv(const ReconciliationReport &report, const QHash<QString, QString> &poiNames,
               const Note &note)
{
    QByteArray bytes = QByteArray(Report::UTF8_BOM) + Report::csvLine(columns());
    for (const ReconciliationEntry &entry : ReconciliationEntry::listOf(report)) {
        bytes += Report::csvLine(fields(report, entry, poiNames.value(entry.poiId()),
                                        note ? note(entry) : QString()));
    }
    bytes += Report::csvLine(totalLine(report, QStringLiteral("matched"), report.matched,
                                       std::nullopt, std::nullopt));
    bytes += Report::csvLine(totalLine(report, QStringLiteral("local_total"), report.local.count,
                                       report.local.payAmount, std::nullopt));
    bytes += Report::csvLine(totalLine(report, QStringLiteral("platform_total"),
                                       report.remote.count, std::nullopt, report.remote.payAmount));
    return bytes;
}

} // namespace ReconciliationExport
