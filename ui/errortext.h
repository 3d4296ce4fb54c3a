#pragma once

#include <QCoreApplication>

#include "core/result.h"

// The words staff see for an error. core/ only returns codes; the text lives here so it can
// be translated.
class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(ErrorText)

public:
    static QString title(ErrorCode code);
};
