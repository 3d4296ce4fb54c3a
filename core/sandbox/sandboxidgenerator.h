#pragma once

#include <QRandomGenerator>
#include <QString>

// Where the sandbox's ids and tokens come from. It starts on a fixed seed so the demo data
// has the same ids on every start, then is reseeded so nothing later can be predicted.
class SandboxIdGenerator
{
public:
    explicit SandboxIdGenerator(quint32 seed) : m_random(seed) { }

    void reseedSecurely() { m_random = QRandomGenerator::securelySeeded(); }

    QString digits(const QString &prefix, int length);
    QString hex(int bytes);
    QString opaque(int bytes); // base64url without padding
    QString alnum(int length);
    QString uuid();
    // Douyin-like: local time yyyyMMddhhmmss then hex, unique per call.
    QString logId(qint64 now);

    // Draws from make() until taken() refuses the id; every id the sandbox hands out is
    // unique in its kind, however unlikely a collision is.
    template <typename Make, typename Taken>
    static QString unique(Make make, Taken taken)
    {
        for (;;) {
            QString id = make();
            if (!taken(id))
                return id;
        }
    }

private:
    QByteArray bytes(int count);

    QRandomGenerator m_random;
    quint64 m_logSequence = 0;
};
