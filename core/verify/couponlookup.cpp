#include "core/verify/couponlookup.h"

#include <QPointer>

#include "core/verify/platformrouter.h"
#include "core/verify/preparer.h"
#include "core/verify/verifyoutcomes.h"
#include "core/verify/verifyvalidation.h"

namespace {

VerifyOutcome badInput(const Error &error)
{
    return VerifyOutcomes::failure(VerifyOutcome::Kind::BadInput, ErrorCode::BadInput,
                                   error.message);
}

} // namespace

CouponLookup::CouponLookup(PlatformRouter *router, Preparer *preparer, QObject *parent)
    : QObject(parent),
      m_router(router),
      m_preparer(preparer)
{
}

void CouponLookup::prepare(const PrepareCommand &command, QObject *context, Callback callback)
{
    QPointer<QObject> guard(context);
    const auto fail = [guard, callback](const VerifyOutcome &outcome) {
        if (guard)
            callback(VerifyOutcomes::asPrepare(outcome));
    };
    // Checked before the router, whose probe would ask every platform.
    if (const auto shape = VerifyValidation::checkShape(command); !shape.ok())
        return fail(badInput(shape.error()));
    const auto routed = [this, command, guard, callback,
                         fail](const Result<PlatformRouter::Route, VerifyOutcome> &route) {
        if (!route.ok())
            return fail(route.error());
        CouponPlatform *platform = route.value().platform;
        const PlatformCapabilities capabilities = platform->capabilities();
        if (const auto valid = VerifyValidation::check(command, capabilities); !valid.ok())
            return fail(badInput(valid.error()));
        const auto answer = [command, guard, callback, fail,
                             byToken = capabilities.hasEncryptedCode](
                                    const Result<PreparedOrder, PlatformError> &prepared) {
            if (!prepared.ok())
                return fail(VerifyOutcomes::beforeVerify(prepared.error()));
            if (!guard)
                return;
            PrepareOutcome outcome;
            outcome.prepared = prepared.value();
            outcome.poiId = command.poiId;
            outcome.verifiableByToken = byToken;
            callback(outcome);
        };
        if (route.value().prepared)
            return answer(*route.value().prepared);
        m_preparer->run(platform,
                        {command.shortLink, command.encryptedData, command.code, command.poiId,
                         command.appId},
                        answer);
    };
    m_router->route(PlatformRouter::requestOf(command), this, routed);
}
