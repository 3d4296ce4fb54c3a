#pragma once

#include <QList>
#include <QRegularExpression>

#include <QHttpServerRequest>
#include <QHttpServerResponder>

// The routes a QHttpServer serves, remembered so that what it does not match is answered in
// JSON: 405 with Allow for a known path and another method, 404 otherwise (QHttpServer's
// missing handler sees both cases alike).
class RouteTable
{
public:
    void add(const QString &path, QHttpServerRequest::Method method);
    // "GET, POST" for a known path; empty when no route has it.
    QByteArray allowedMethods(const QString &path) const;
    void answerMissing(const QHttpServerRequest &request, QHttpServerResponder &responder) const;

private:
    struct Entry
    {
        QRegularExpression pattern;
        QHttpServerRequest::Method method;
    };

    QList<Entry> m_entries;
};
