// Session: creates the engines in dependency order, hands out what views observe, and stops them.
#include "core/Session.h"

#include "core/Settings.h"
#include "core/ThreadPool.h"
#include "core/scan/ScanEngine.h"
#include "core/scan/TargetSet.h"
#include "core/sync/SyncPair.h"
#include "core/sync/SyncScheduler.h"

namespace lanwatch::core {

Session::Session(Settings *settings, QObject *parent)
    : QObject(parent), m_settings(settings), m_scan(new scan::ScanEngine(this, threadPool())),
      m_sync(new sync::SyncScheduler(this, blockingPool()))
{
    reloadSyncPairs();
}

// The engines are children: their destructors cancel their jobs and lookups and detach from them,
// without emitting anything to views that may already be gone.
Session::~Session() = default;

scan::ScanOptions Session::scanOptions() const
{
    scan::ScanOptions options;
    if (!m_settings)
        return options;
    options.timeoutMs = m_settings->scanTimeoutMs();
    options.retries = m_settings->scanRetries();
    options.ratePps = m_settings->scanRatePps();
    options.method = scan::methodChoiceFromString(m_settings->scanMethod()).value_or(scan::MethodChoice::Auto);
    options.resolveNames = m_settings->resolveNames();
    return options;
}

Result<void> Session::startScan(const scan::TargetSet &targets)
{
    return startScan(targets, scanOptions());
}

Result<void> Session::startScan(const scan::TargetSet &targets, const scan::ScanOptions &options)
{
    return m_scan->start(targets, options);
}

void Session::cancelScan()
{
    m_scan->cancel();
}

bool Session::isScanning() const
{
    return m_scan->isRunning();
}

void Session::reloadSyncPairs()
{
    if (m_settings)
        m_sync->setPairs(sync::loadPairs(*m_settings));
}

void Session::shutdown()
{
    m_scan->cancel();
    // An empty pair list cancels every pending and running run, check and watch walk.
    m_sync->setPairs({});
}

} // namespace lanwatch::core
