#pragma once

#include <QByteArray>
#include <QString>

// The Prometheus text exposition format 0.0.4's spelling rules.
namespace MetricsText {

// Label values: backslash, double quote and line feed are escaped.
QByteArray escapeLabelValue(const QString &value);
// HELP text: backslash and line feed are escaped.
QByteArray escapeHelp(const QString &help);
// Shortest round-tripping decimal; +Inf, -Inf and NaN as the format spells them.
QByteArray number(double value);

} // namespace MetricsText
