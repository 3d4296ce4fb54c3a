#include "core/store/chainmigrations.h"

namespace ChainMigrations {

Schema::Migration version12()
{
    return {12,
            "work claims shared by the gateways of a chain",
            {
                    // A claim is a lease: a gateway that dies holding one leaves it to run out,
                    // and another gateway takes the work over.
                    QStringLiteral("CREATE TABLE work_claims ("
                                   " kind TEXT NOT NULL,"
                                   " item TEXT NOT NULL,"
                                   " gateway TEXT NOT NULL,"
                                   " lease_until BIGINT NOT NULL,"
                                   " PRIMARY KEY (kind, item))"),
            }};
}

} // namespace ChainMigrations
