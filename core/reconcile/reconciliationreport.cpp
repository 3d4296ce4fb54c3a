#include "core/reconcile/reconciliationreport.h"

QString ReconciliationReport::toString(State state)
{
    switch (state) {
    case State::NotFetched:
        break;
    case State::Partial:
        return QStringLiteral("partial");
    case State::Complete:
        return QStringLiteral("complete");
    }
    return QStringLiteral("not_fetched");
}
