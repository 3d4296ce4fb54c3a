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
