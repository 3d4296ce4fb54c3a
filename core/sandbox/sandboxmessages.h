#pragma once

#include <QString>

#include "core/sandbox/sandboxanswer.h"

// The texts Douyin sends with its codes, and the failure answers built from them, shared by
// the sandbox's rules and its HTTP surface so the same code always reads the same.
namespace SandboxMessages {

// The Chinese text Douyin sends with a code (for descriptions and per-code msg).
QString describe(qint64 code);

// The code with its text; with a detail, "text: detail".
SandboxAnswer failure(qint64 code);
SandboxAnswer failure(qint64 code, const QString &detail);

SandboxAnswer badParameter(const QString &detail);
SandboxAnswer notFound(const QString &what);
// Douyin's refused cancel: 3000001 in data, the reason as the sub code in extra, both
// descriptions the reason's text (DOUYIN.md §12).
SandboxAnswer cancelRefused(qint64 subCode);

} // namespace SandboxMessages
