#include "core/http/apisocket.h"

#include <QHttpServerResponder>

#include "core/metrics/routemeter.h"

void ApiSocket::answered(int status)
{
    if (!m_route)
        return;
    m_route->observe(status, m_started.isValid() ? m_started.nsecsElapsed() : 0);
    m_route = nullptr;
}

ApiSocket *ApiSocket::of(QHttpServerResponder &responder)
{
    return qobject_cast<ApiSocket *>(responder.socket());
}
