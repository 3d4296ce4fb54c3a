#pragma once

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

// The benchmarks' load client: N keep-alive HTTP/1.1 connections that each send the next
// request as soon as the previous answer is complete, for a fixed time, and the figures they
// print (requests/s, latency percentiles, failures). A case whose requests failed, or that
// completed none, reports it: its figure would measure something else.
namespace HttpLoad {

struct Stats
{
    QString name;
    bool skipped = false;
    qint64 requests = 0;
    qint64 failures = 0;
    double seconds = 0;
    QList<double> latenciesMs;

    double percentile(double p) const
    {
        if (latenciesMs.isEmpty())
            return 0;
        QList<double> sorted = latenciesMs;
        std::sort(sorted.begin(), sorted.end());
        return sorted.at(qMin(sorted.size() - 1, qsizetype(p * double(sorted.size()))));
    }
};

using RequestMaker = std::function<QByteArray(int client, qint64 sequence)>;
// Whether a 2xx answer's body is what the case measures; an empty check accepts any 2xx.
// Douyin and the gateway both answer some failures with 200 and an error in the body.
using AnswerCheck = std::function<bool(const QByteArray &body)>;

// One keep-alive HTTP/1.1 connection that sends the next request as soon as the answer to
// the previous one is complete.
class Connection final : public QObject
{
public:
    Connection(const QHostAddress &host, quint16 port, int index, RequestMaker maker,
               AnswerCheck check, Stats &stats, const QElapsedTimer &clock, qint64 endMs)
        : m_index(index),
          m_maker(std::move(maker)),
          m_check(std::move(check)),
          m_stats(stats),
          m_clock(clock),
          m_endMs(endMs)
    {
        // Requests and answers are small: without this, Nagle and delayed ACKs add ~20 ms.
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(&m_socket, &QTcpSocket::connected, this, &Connection::send);
        connect(&m_socket, &QTcpSocket::readyRead, this, &Connection::read);
        connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
            if (!m_done) {
                ++m_stats.failures;
                m_done = true;
            }
        });
        m_socket.connectToHost(host, port);
    }

    bool isDone() const { return m_done; }

private:
    void send()
    {
        if (m_clock.elapsed() >= m_endMs) {
            m_done = true;
            m_socket.disconnectFromHost();
            return;
        }
        m_buffer.clear();
        const QByteArray request = m_maker(m_index, m_sequence++);
        if (request.isEmpty()) { // nothing left to send (e.g. coupons used up)
            m_done = true;
            m_socket.disconnectFromHost();
            return;
        }
        m_sentAtNs = m_clock.nsecsElapsed();
        m_socket.write(request);
    }

    void read()
    {
        m_buffer += m_socket.readAll();
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        static const QRegularExpression lengthPattern(
                QStringLiteral("(?i)content-length:\\s*(\\d+)"));
        const auto match = lengthPattern.match(QString::fromLatin1(m_buffer.left(headEnd)));
        const qsizetype length = match.hasMatch() ? match.captured(1).toLongLong() : 0;
        if (m_buffer.size() < headEnd + 4 + length)
            return;
        const bool ok = m_buffer.startsWith("HTTP/1.1 2")
                && (!m_check || m_check(m_buffer.mid(headEnd + 4, length)));
        ++m_stats.requests;
        if (!ok && m_stats.failures++ == 0)
            qWarning("%s: first failure: %s", qPrintable(m_stats.name),
                     m_buffer.left(headEnd + 4 + length).constData());
        m_stats.latenciesMs.append(double(m_clock.nsecsElapsed() - m_sentAtNs) / 1e6);
        send();
    }

    QTcpSocket m_socket;
    int m_index;
    RequestMaker m_maker;
    AnswerCheck m_check;
    Stats &m_stats;
    const QElapsedTimer &m_clock;
    qint64 m_endMs;
    qint64 m_sequence = 0;
    qint64 m_sentAtNs = 0;
    QByteArray m_buffer;
    bool m_done = false;
};

// Client i talks to bases[i % bases.size()] (one gateway, or the gateways of a chain).
inline Stats runLoad(const QString &name, const QList<QUrl> &bases, int clients, int seconds,
                     RequestMaker maker, AnswerCheck check = {})
{
    Stats stats;
    stats.name = name;
    // DYGW_BENCH_ONLY=verify runs only the cases whose name contains that text.
    const QString only = qEnvironmentVariable("DYGW_BENCH_ONLY");
    if (!only.isEmpty() && !name.contains(only)) {
        stats.skipped = true;
        stats.seconds = 1;
        return stats;
    }
    QElapsedTimer clock;
    clock.start();
    std::vector<std::unique_ptr<Connection>> connections;
    for (int i = 0; i < clients; ++i)
        connections.push_back(
                std::make_unique<Connection>(QHostAddress(bases.at(i % bases.size()).host()),
                                             quint16(bases.at(i % bases.size()).port()), i, maker,
                                             check, stats, clock, seconds * 1000));
    // A real event loop: QTest::qWaitFor sleeps between polls and would pace every request.
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        const bool done = std::all_of(connections.cbegin(), connections.cend(),
                                      [](const auto &c) { return c->isDone(); });
        if (done || clock.elapsed() > (seconds + 30) * 1000)
            loop.quit();
    });
    poll.start(50);
    loop.exec();
    stats.seconds = double(clock.elapsed()) / 1000.0;
    // A connection still waiting after the grace period lost a request.
    stats.failures += std::count_if(connections.cbegin(), connections.cend(),
                                    [](const auto &c) { return !c->isDone(); });
    return stats;
}

inline QByteArray httpRequest(const QByteArray &method, const QByteArray &target,
                              const QList<QPair<QByteArray, QByteArray>> &headers,
                              const QByteArray &body)
{
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto &[name, value] : headers)
        request += name + ": " + value + "\r\n";
    if (!body.isEmpty() || method == "POST")
        request += "Content-Type: application/json\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n";
    return request + "\r\n" + body;
}

// Reads one whole answer (head + Content-Length body) from a blocking socket; returns the body.
inline QByteArray readAnswer(QTcpSocket &socket)
{
    QByteArray answer;
    static const QRegularExpression lengthPattern(QStringLiteral("(?i)content-length:\\s*(\\d+)"));
    while (socket.waitForReadyRead(10000)) {
        answer += socket.readAll();
        const qsizetype headEnd = answer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            continue;
        const auto match = lengthPattern.match(QString::fromLatin1(answer.left(headEnd)));
        const qsizetype length = match.hasMatch() ? match.captured(1).toLongLong() : 0;
        if (answer.size() >= headEnd + 4 + length)
            return answer.mid(headEnd + 4, length);
    }
    return {};
}

inline void print(const Stats &stats)
{
    if (stats.skipped)
        return;
    std::printf("%-44s %9.0f req/s  p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  (%lld requests, %lld "
                "failed)\n",
                qPrintable(stats.name), double(stats.requests) / stats.seconds,
                stats.percentile(0.5), stats.percentile(0.9), stats.percentile(0.99),
                stats.requests, stats.failures);
    std::fflush(stdout);
}

// Empty when the case measured what it claims to; else why its figure means nothing.
inline QString problemWith(const Stats &stats)
{
    if (stats.skipped)
        return {};
    if (stats.requests == 0)
        return QStringLiteral("%1: no request completed").arg(stats.name);
    if (stats.failures > 0)
        return QStringLiteral("%1: %2 of %3 requests failed")
                .arg(stats.name)
                .arg(stats.failures)
                .arg(stats.requests);
    return {};
}

// One request on a connection of its own (set-up calls, not load): the answer's JSON object,
// empty when there was none. auth is an admin token, sent as a bearer.
inline QJsonObject callJson(const QUrl &url, const QByteArray &method, const QByteArray &body = {},
                            const QByteArray &auth = {})
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(url.host()), quint16(url.port()));
    if (!socket.waitForConnected(5000))
        return {};
    QList<QPair<QByteArray, QByteArray>> headers{{"Connection", "close"}};
    if (!auth.isEmpty())
        headers.append({"Authorization", "Bearer " + auth});
    socket.write(httpRequest(method, url.path(QUrl::FullyEncoded).toUtf8(), headers, body));
    return QJsonDocument::fromJson(readAnswer(socket)).object();
}

inline Stats runLoad(const QString &name, const QUrl &base, int clients, int seconds,
                     RequestMaker maker, AnswerCheck check = {})
{
    return runLoad(name, QList<QUrl>{base}, clients, seconds, std::move(maker), std::move(check));
}

} // namespace HttpLoad
