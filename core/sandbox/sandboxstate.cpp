#include "core/sandbox/sandboxstate.h"

#include "core/sandbox/sandboxdemodata.h"

namespace {

// The demo data draws its ids from this seed, so they are the same on every start.
constexpr quint32 DEMO_SEED = 20240601;

} // namespace

SandboxState::SandboxState(SandboxConfig config)
    : m_clock(config.clock),
      m_config(std::move(config)),
      m_ids(DEMO_SEED)
{
    // Every part reads the time through m_config.clock; routing it through m_clock makes
    // /sandbox/clock move all of them at once. Nothing reads it before this line.
    m_config.clock = [this] {
        return m_clock.now();
    };
    for (const Poi &store : SandboxDemoData::stores())
        addPoi(store);
    if (m_config.seedDemoData) {
        for (const OrderSpec &spec : SandboxDemoData::orders()) {
            const auto minted = mintOrder(spec);
            Q_ASSERT(minted.ok());
            Q_UNUSED(minted);
        }
        // After the Douyin orders, so their ids stay what they were before Meituan came.
        for (const MeituanOrderSpec &spec : SandboxDemoData::meituanOrders()) {
            const auto minted = mintMeituanOrder(spec);
            Q_ASSERT(minted.ok());
            Q_UNUSED(minted);
        }
    }
    // From here on ids and tokens must not be predictable from one run to the next.
    m_ids.reseedSecurely();
}

int SandboxState::clearFaults()
{
    const int cleared = int(m_faults.size());
    m_faults.clear();
    return cleared;
}

std::optional<SandboxFault> SandboxState::takeFault(SandboxEndpoint endpoint)
{
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        if (!m_faults.at(i).matches(endpoint))
            continue;
        SandboxFault fault = m_faults.at(i);
        if (--m_faults[i].count <= 0)
            m_faults.removeAt(i);
        return fault;
    }
    return std::nullopt;
}
