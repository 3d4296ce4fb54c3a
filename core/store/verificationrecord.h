#pragma once

#include <optional>

#include <QJsonObject>
#include <QString>

#include "core/platform/platformid.h"

// One certificate's verification, as stored (table `verifications`) and as shown
// (API.md's VerificationView). std::nullopt / empty strings are "not known yet" and are
// shown as JSON null, never invented.
struct VerificationRecord
{
    enum class Status { Pending, Success, Failed, Unknown };
    enum class Enrichment { Pending, Success, Failed, Skipped };
    enum class Mode { ShortLink, Code, EncryptedCode };
    // What the store receives for a success (API.md, Reconciliation and settlement). Pending:
    // the platform has not stated it yet (Douyin's ledger, about an hour after the verify);
    // Settled: receiptAmount holds it. nullopt: not a standing success, or a platform that
    // states no such figure.
    enum class Settlement { Pending, Settled };

    // A cancel (撤销核销) of a successful verification. Only the cancel path writes it
    // (VerificationRepository::claimCancel/storeCancel): other updates keep the stored one.
    struct Cancel
    {
        // Pending: token stored, call sent or about to be; Unknown: the answer was lost;
        // Cancelled: the platform applied it; Failed: the platform refused it.
        enum class Status { Pending, Unknown, Cancelled, Failed };

        std::optional<Status> status; // nullopt: never asked
        QString token; // sent with every attempt of this cancel, so a resend applies once
        QString reason;
        QString requestedBy; // the cashier's name, the app's name or "admin"
        std::optional<qint64> requestedAt; // Unix ms
        std::optional<qint64> cancelledAt; // Unix ms
        std::optional<qint64> errorCode; // the platform's, when Failed
        QString errorDescription;
        int attempts = 0; // resolution passes
        std::optional<qint64> nextResolveAt; // Unix ms

        bool isOpen() const { return status == Status::Pending || status == Status::Unknown; }
    };

    qint64 id = 0;
    qint64 appId = 0; // 0 = the till itself (前台收银)
    QString appName; // filled from verifier_apps when read
    QString poiId;
    Mode mode = Mode::Code;
    QString sourceInput; // the scanned short link or code, or the encrypted_code
    QString batchId; // shared by the records of one verify call
    QString verifyToken;

    Status verifyStatus = Status::Pending;
    std::optional<qint64> errorCode;
    QString errorDescription;
    QString logid;

    QString certificateId;
    QString encryptedCode;
    QString originCode;
    std::optional<int> couponStatus;
    QString productId;
    QString productName;
    QString skuId;
    QString skuName;
    std::optional<int> verifyRecordsCount;
    QString verifyId;
    QString orderId;
    QString sourceOrderId;
    QString extOrderId;
    std::optional<int> orderStatus;
    std::optional<qint64> payAmount; // fen
    std::optional<qint64> receiptAmount;
    std::optional<qint64> discountAmount;
    std::optional<qint64> expireTime; // Unix seconds, from prepare

    Enrichment enrichmentStatus = Enrichment::Pending;
    int enrichmentRetryCount = 0;
    int resolveAttempts = 0;
    std::optional<qint64> nextResolveAt; // Unix ms

    PlatformId platform = PlatformId::Douyin;
    QJsonObject platformResponse; // the platform's raw verify answer, unchanged; empty = none yet
    QJsonObject extra; // operator_id, device_id, note
    Cancel cancel;

    std::optional<qint64> verifyTime; // Unix seconds
    std::optional<qint64> createOrderTime;
    std::optional<qint64> payTime;
    std::optional<qint64> cancelDeadline; // Unix ms: until when a success may be cancelled
    std::optional<Settlement> settlementStatus;
    std::optional<qint64> commissionAmount; // fen, the platform's commission, once settled
    std::optional<qint64> settledAt; // Unix ms: when the settlement was learnt
    int settleAttempts = 0; // ledger questions that found no record yet
    std::optional<qint64> nextSettleAt; // Unix ms
    QString businessDate; // store-local YYYY-MM-DD of createdAt
    qint64 createdAt = 0; // Unix ms
    qint64 updatedAt = 0;
    // The gateway that made the record (DYGW_GATEWAY_NAME, chain mode); set on insert, never
    // changed; '' for records of a lone gateway and of versions before migration 9.
    QString gatewayName;

    static QString toString(Status status);
    static std::optional<Status> statusFromString(const QString &text);
    static QString toString(Enrichment status);
    static std::optional<Enrichment> enrichmentFromString(const QString &text);
    static QString toString(Mode mode);
    static std::optional<Mode> modeFromString(const QString &text);
    static QString toString(Settlement status);
    static std::optional<Settlement> settlementFromString(const QString &text);
    static QString toString(Cancel::Status status);
    static std::optional<Cancel::Status> cancelStatusFromString(const QString &text);

    // A success the cancel did not take back: what counts and what is paid.
    bool isStandingSuccess() const
    {
        return verifyStatus == Status::Success && cancel.status != Cancel::Status::Cancelled;
    }
};
