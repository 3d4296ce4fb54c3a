#include "core/logging/categories.h"

Q_LOGGING_CATEGORY(lcApp, "dygw.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConfig, "dygw.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "dygw.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCrypto, "dygw.crypto", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApi, "dygw.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDouyin, "dygw.douyin", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMeituan, "dygw.meituan", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSandbox, "dygw.sandbox", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "dygw.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcVerify, "dygw.verify", QtInfoMsg)
Q_LOGGING_CATEGORY(lcReconcile, "dygw.reconcile", QtInfoMsg)
Q_LOGGING_CATEGORY(lcScan, "dygw.scan", QtInfoMsg)
