#pragma once

#include <QCoreApplication>

#include "core/douyin/connectionprobe.h"
#include "core/douyin/douyinerror.h"

// What went wrong with Douyin, in words staff can act on: the kind of failure, Douyin's own
// text and code when it gave one, and the reference its support asks for.
class DouyinErrorText
{
    Q_DECLARE_TR_FUNCTIONS(DouyinErrorText)

public:
    static QString describe(const Douyin::Error &error);

private:
    static QString rejection(ConnectionProbe::Problem problem);
};
