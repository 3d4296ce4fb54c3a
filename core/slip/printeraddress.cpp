#include "core/slip/printeraddress.h"

namespace {

Result<quint16> parsePort(const QString &text)
{
    bool ok = false;
    const uint port = text.toUInt(&ok);
    if (!ok || port == 0 || port > 65535)
        return makeError(ErrorCode::BadInput, QStringLiteral("bad printer port: %1").arg(text));
    return quint16(port);
}

} // namespace

Result<PrinterAddress> PrinterAddress::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    PrinterAddress address;
    QString portText;
    if (trimmed.startsWith(QLatin1Char('['))) {
        const qsizetype close = trimmed.indexOf(QLatin1Char(']'));
        if (close < 0)
            return makeError(ErrorCode::BadInput, QStringLiteral("unclosed [ in printer address"));
        address.host = trimmed.mid(1, close - 1);
        const QString rest = trimmed.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(QLatin1Char(':')))
                return makeError(ErrorCode::BadInput, QStringLiteral("bad printer address"));
            portText = rest.mid(1);
        }
    } else if (trimmed.count(QLatin1Char(':')) == 1) {
        address.host = trimmed.section(QLatin1Char(':'), 0, 0);
        portText = trimmed.section(QLatin1Char(':'), 1);
    } else {
        address.host = trimmed; // a name, an IPv4 address or a bare IPv6 address
    }
    if (address.host.isEmpty())
        return makeError(ErrorCode::BadInput, QStringLiteral("no printer host"));
    if (!portText.isEmpty()) {
        const auto port = parsePort(portText);
        if (!port.ok())
            return port.error();
        address.port = port.value();
    }
    return address;
}

QString PrinterAddress::toString() const
{
    if (host.contains(QLatin1Char(':'))) // IPv6
        return QLatin1Char('[') + host + QLatin1String("]:") + QString::number(port);
    return host + QLatin1Char(':') + QString::number(port);
}
