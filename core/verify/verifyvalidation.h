#pragma once

#include "core/result.h"
#include "core/verify/verifycommand.h"

// Refuses bad requests before anything is sent to Douyin. Messages start with the field
// name, as the LAN API passes them on ("count: must be 1..10").
namespace VerifyValidation {

inline constexpr int MAX_EXTRA_STRING = 256;
inline constexpr int MAX_ID_LENGTH = 64;
inline constexpr int MAX_SOURCE_LENGTH = 2048;

Result<Done> check(const VerifyCommand &command);
Result<Done> check(const PrepareCommand &command);
Result<Done> checkExtra(const QJsonObject &extra);

} // namespace VerifyValidation
