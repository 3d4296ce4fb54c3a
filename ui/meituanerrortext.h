#pragma once

#include <QCoreApplication>

#include "core/meituan/meituanerror.h"

// What went wrong with Meituan while binding a store, in words a store manager can act on:
// the kind of failure, Meituan's own message and code when it gave one (MEITUAN.md §7), and
// the trace id its support asks for.
class MeituanErrorText
{
    Q_DECLARE_TR_FUNCTIONS(MeituanErrorText)

public:
    static QString bindFailure(const Meituan::Error &error);

private:
    static QString headline(const Meituan::Error &error);
};
