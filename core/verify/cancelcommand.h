#pragma once

#include <optional>

#include <QString>

// A request to cancel (撤销核销) one verification.
struct CancelCommand
{
    qint64 recordId = 0;
    // Set for a LAN app: only its own verifications. Unset: the till or the admin, any record.
    std::optional<qint64> onlyAppId;
    QString reason; // optional, ≤ MAX_REASON_LENGTH
    QString requestedBy; // the cashier's name, the app's name, "admin"

    static constexpr int MAX_REASON_LENGTH = 256;
};
