// ScanSource: the ScanEngine adapter the monitor sweeps with.
#include "core/monitor/ScanSource.h"

#include "core/scan/ScanEngine.h"

namespace lanwatch::monitor {

ScanEngineSource::ScanEngineSource(scan::ScanOptions options, QObject *parent, QThreadPool *pool)
    : ScanSource(parent), m_options(std::move(options)), m_engine(new scan::ScanEngine(this, pool))
{
    const auto keep = [this](const scan::HostRecord &host) {
        if (!m_hosts.contains(host.ip))
            m_order.append(host.ip);
        m_hosts.insert(host.ip, host);
    };
    connect(m_engine, &scan::ScanEngine::hostFound, this, keep);
    connect(m_engine, &scan::ScanEngine::hostUpdated, this, keep);
    connect(m_engine, &scan::ScanEngine::warning, this, &ScanSource::warning);
    connect(m_engine, &scan::ScanEngine::finished, this, [this](bool cancelled) {
        QList<scan::HostRecord> hosts;
        hosts.reserve(m_order.size());
        for (quint32 ip : std::as_const(m_order))
            hosts.append(m_hosts.value(ip));
        m_hosts.clear();
        m_order.clear();
        Q_EMIT finished(hosts, cancelled);
    });
}

ScanEngineSource::~ScanEngineSource() = default;

Result<void> ScanEngineSource::start(const scan::TargetSet &targets, const scan::TargetSet &retried)
{
    m_hosts.clear();
    m_order.clear();
    scan::ScanOptions options = m_options;
    if (retried.size() < targets.size())
        options.retryOnly = retried;
    return m_engine->start(targets, options);
}

void ScanEngineSource::cancel()
{
    m_engine->cancel();
}

} // namespace lanwatch::monitor
