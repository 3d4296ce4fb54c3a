#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/sandbox/sandboxanswer.h"
#include "core/sandbox/sandboxanswerjson.h"
#include "core/sandbox/sandboxidgenerator.h"
#include "core/sandbox/sandboxorderbook.h"
#include "core/sandbox/sandboxverifytokens.h"

// Douyin's verification rules: prepare hands out a verify_token for the usable certificates,
// verify spends it (or recognises the identical retry). The [choice] rules are listed on
// SandboxState; undoing a verification is SandboxCancellation's.
class SandboxVerification
{
public:
    struct Request
    {
        QString verifyToken;
        QString poiId;
        QStringList codes; // encrypted codes, or plain ones when plainCodes
        bool plainCodes = false;
        QString orderId; // optional
    };

    SandboxVerification(SandboxOrderBook &book, SandboxVerifyTokens &tokens,
                        SandboxIdGenerator &ids, const SandboxAnswerJson &json)
        : m_book(book),
          m_tokens(tokens),
          m_ids(ids),
          m_json(json)
    {
    }

    // Exactly one of encryptedData and code is non-empty, else BAD_PARAMETER.
    SandboxAnswer prepare(const QString &encryptedData, const QString &code);
    SandboxAnswer verify(const Request &request);

private:
    using Certificate = SandboxOrderBook::Certificate;

    // The certificates a prepare is about; empty orderId when nothing matches.
    struct Candidates
    {
        QString orderId;
        QList<const Certificate *> certificates;
    };

    Candidates candidates(const QString &encryptedData, const QString &code) const;
    qint64 unusableReason(const QList<const Certificate *> &certificates) const;
    const Certificate *lookup(const Request &request, const QString &sent) const;
    QJsonArray everyCode(const Request &request, qint64 result) const;
    QJsonArray repeat(const SandboxVerifyTokens::Token &token, const Request &request) const;
    QJsonArray firstUse(SandboxVerifyTokens::Token &token, const Request &request,
                        const QStringList &sortedCodes);
    qint64 verdict(const Certificate *found, const SandboxVerifyTokens::Token &token,
                   const QString &poiId) const;
    SandboxOrderBook::Verification commit(const Certificate &certificate, const Request &request);

    SandboxOrderBook &m_book;
    SandboxVerifyTokens &m_tokens;
    SandboxIdGenerator &m_ids;
    const SandboxAnswerJson &m_json;
};
