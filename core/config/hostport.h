#pragma once

#include <QHostAddress>
#include <QString>

#include "core/result.h"

// A listening address as written on the command line: "HOST:PORT" or "[IPv6]:PORT".
struct HostPort
{
    QString host;
    quint16 port = 0;

    // Accepts an IP literal or "localhost"; port 0..65535 (0 = let the system pick).
    static Result<HostPort> parse(const QString &text);

    QHostAddress address() const;
    QString toString() const; // round-trips through parse()
    QString toUrl() const; // http://HOST:PORT

    bool operator==(const HostPort &) const = default;
};
