#pragma once

#include <QLoggingCategory>

// One category per module, all under "dygw." so --verbose can switch on their debug output
// with a single filter rule.
Q_DECLARE_LOGGING_CATEGORY(lcApp)
Q_DECLARE_LOGGING_CATEGORY(lcConfig)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcCrypto)
Q_DECLARE_LOGGING_CATEGORY(lcApi)
Q_DECLARE_LOGGING_CATEGORY(lcDouyin)
Q_DECLARE_LOGGING_CATEGORY(lcMeituan)
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcVerify)
Q_DECLARE_LOGGING_CATEGORY(lcReconcile)
Q_DECLARE_LOGGING_CATEGORY(lcScan)
