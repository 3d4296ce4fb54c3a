#pragma once

#include <QByteArray>

class QHttpServerResponder;

// The ways the sandbox loses an answer on purpose, each as a real network loses one, so the
// product's client is tested against every shape (DOUYIN.md §3, the hardening issue).
namespace SandboxCut {

// Status line and headers promising a body that never comes, then FIN. No HTTP stack resends
// a request whose answer had begun, so every client sees the loss.
void headersOnly(QHttpServerResponder &responder);

// FIN before any answer byte. Qt's QNetworkAccessManager takes this for a stale keep-alive
// connection and sends the request again (POSTs too): the client sees the second answer.
void finWithoutAnswer(QHttpServerResponder &responder);

// RST (SO_LINGER 0) before any answer byte; Qt resends then too.
void resetWithoutAnswer(QHttpServerResponder &responder);

// The first half of a complete answer (status, headers with the full Content-Length, half the
// body), then FIN.
void halfAnswer(QHttpServerResponder &responder, const QByteArray &contentType,
                const QByteArray &body);

} // namespace SandboxCut
