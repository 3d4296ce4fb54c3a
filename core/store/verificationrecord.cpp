#include "core/store/verificationrecord.h"

#include <array>
#include <utility>

namespace {

template <typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char *>, N> &table, Enum value)
{
    for (const auto &[candidate, name] : table) {
        if (candidate == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char *>, N> &table,
                            const QString &text)
{
    for (const auto &[value, name] : table) {
        if (text == QLatin1String(name))
            return value;
    }
    return std::nullopt;
}

using Status = VerificationRecord::Status;
using Enrichment = VerificationRecord::Enrichment;
using Mode = VerificationRecord::Mode;
using CancelStatus = VerificationRecord::Cancel::Status;

// The stored and API spelling of each value (API.md).
constexpr std::array<std::pair<Status, const char *>, 4> STATUS_NAMES{{
        {Status::Pending, "pending"},
        {Status::Success, "success"},
        {Status::Failed, "failed"},
        {Status::Unknown, "unknown"},
}};
constexpr std::array<std::pair<Enrichment, const char *>, 4> ENRICHMENT_NAMES{{
        {Enrichment::Pending, "pending"},
        {Enrichment::Success, "success"},
        {Enrichment::Failed, "failed"},
        {Enrichment::Skipped, "skipped"},
}};
constexpr std::array<std::pair<Mode, const char *>, 3> MODE_NAMES{{
        {Mode::ShortLink, "short_link"},
        {Mode::Code, "code"},
        {Mode::EncryptedCode, "encrypted_code"},
}};

constexpr std::array<std::pair<CancelStatus, const char *>, 4> CANCEL_STATUS_NAMES{{
        {CancelStatus::Pending, "pending"},
        {CancelStatus::Unknown, "unknown"},
        {CancelStatus::Cancelled, "cancelled"},
        {CancelStatus::Failed, "failed"},
}};

using Settlement = VerificationRecord::Settlement;
constexpr std::array<std::pair<Settlement, const char *>, 2> SETTLEMENT_NAMES{{
        {Settlement::Pending, "pending"},
        {Settlement::Settled, "settled"},
}};

} // namespace

QString VerificationRecord::toString(Settlement status)
{
    return nameOf(SETTLEMENT_NAMES, status);
}

std::optional<VerificationRecord::Settlement>
VerificationRecord::settlementFromString(const QString &text)
{
    return valueOf(SETTLEMENT_NAMES, text);
}

QString VerificationRecord::toString(Cancel::Status status)
{
    return nameOf(CANCEL_STATUS_NAMES, status);
}

std::optional<VerificationRecord::Cancel::Status>
VerificationRecord::cancelStatusFromString(const QString &text)
{
    return valueOf(CANCEL_STATUS_NAMES, text);
}

QString VerificationRecord::toString(Status status)
{
    return nameOf(STATUS_NAMES, status);
}

std::optional<VerificationRecord::Status> VerificationRecord::statusFromString(const QString &text)
{
    return valueOf(STATUS_NAMES, text);
}

QString VerificationRecord::toString(Enrichment status)
{
    return nameOf(ENRICHMENT_NAMES, status);
}

std::optional<VerificationRecord::Enrichment>
VerificationRecord::enrichmentFromString(const QString &text)
{
    return valueOf(ENRICHMENT_NAMES, text);
}

QString VerificationRecord::toString(Mode mode)
{
    return nameOf(MODE_NAMES, mode);
}

std::optional<VerificationRecord::Mode> VerificationRecord::modeFromString(const QString &text)
{
    return valueOf(MODE_NAMES, text);
}
