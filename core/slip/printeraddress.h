#pragma once

#include <QString>

#include "core/result.h"

// Where a network ESC/POS printer listens: "HOST" or "HOST:PORT" (a name or an IP; IPv6 in
// brackets), port 9100 (the raw "JetDirect" port) when none is written.
struct PrinterAddress
{
    static constexpr quint16 DEFAULT_PORT = 9100;

    QString host;
    quint16 port = DEFAULT_PORT;

    // BadInput for an empty host or a port outside 1..65535.
    static Result<PrinterAddress> parse(const QString &text);
    QString toString() const;

    bool operator==(const PrinterAddress &) const = default;
};
