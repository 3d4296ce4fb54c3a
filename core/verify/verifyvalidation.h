#pragma once

#include "core/platform/platformcapabilities.h"
#include "core/result.h"
#include "core/verify/verifycommand.h"

// Refuses bad requests before anything is sent to a platform, within what the platform can do.
// Messages start with the field name, as the LAN API passes them on ("count: must be 1..10").
namespace VerifyValidation {

inline constexpr int MAX_EXTRA_STRING = 256;
inline constexpr int MAX_ID_LENGTH = 64;
inline constexpr int MAX_SOURCE_LENGTH = 2048;

// What holds whatever the platform: the store, one source, the token and extra fields. Checked
// before the platform is chosen, so a bad request never reaches a platform's prepare.
Result<Done> checkShape(const VerifyCommand &command);
Result<Done> checkShape(const PrepareCommand &command);
// The shape, then what this platform can do (short links, encrypted codes, codes per call).
Result<Done> check(const VerifyCommand &command, const PlatformCapabilities &platform);
Result<Done> check(const PrepareCommand &command, const PlatformCapabilities &platform);
Result<Done> checkExtra(const QJsonObject &extra);

} // namespace VerifyValidation
