#pragma once

#include <QJsonObject>
#include <QString>

#include "core/sandbox/sandboxconfig.h"
#include "core/sandbox/sandboxorderbook.h"

// The JSON shapes of the sandbox's Douyin answers: certificates, verify records, orders,
// stores and per-code verify results, field for field as Douyin writes them.
class SandboxAnswerJson
{
public:
    SandboxAnswerJson(const SandboxConfig &config, const SandboxOrderBook &book)
        : m_config(config),
          m_book(book)
    {
    }

    // full: as certificate/get answers (code, status, verify records); otherwise as prepare.
    QJsonObject certificate(const SandboxOrderBook::Certificate &certificate, bool full) const;
    QJsonObject verifyRecord(const SandboxOrderBook::Verification &record) const;
    // One record of the verification history (DOUYIN.md §13), exactly its fields; cancel_time
    // only when the verification was cancelled.
    QJsonObject historyRecord(const SandboxOrderBook::Verification &record) const;
    // The amount object of the history and the ledger (§13, §14): the six fields, in fen.
    static QJsonObject recordAmount(qint64 originalAmount, qint64 payAmount);
    QJsonObject order(const SandboxOrderBook::Order &order) const;
    static QJsonObject poi(const SandboxOrderBook::Poi &store);
    // One entry of verify_results; certificate may be null (a code nobody knows). With a
    // record, the verification the answer is about (verify_id, verify_time).
    QJsonObject verifyResult(const QString &sentCode,
                             const SandboxOrderBook::Certificate *certificate, qint64 result,
                             const SandboxOrderBook::Verification *record = nullptr) const;
    // The certificate's ids as JSON numbers, as the batch query writes them.
    static QJsonObject numericIds(QJsonObject certificate);

private:
    QJsonObject fullCertificate(QJsonObject json,
                                const SandboxOrderBook::Certificate &certificate) const;

    const SandboxConfig &m_config;
    const SandboxOrderBook &m_book;
};
