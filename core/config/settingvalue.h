#pragma once

#include <QString>

#include "core/result.h"

// What kind of value a setting holds, and its one check: GatewaySettings' table names the
// kind of each setting, this says what each kind accepts and how it is written back.
namespace SettingValue {

enum class Kind { Address, Path, HttpUrl, Text, Count, Language, Switch, Database, Id };

// The normalised value, or an explanation of what was expected.
Result<QString> validate(Kind kind, const QString &raw);

} // namespace SettingValue
