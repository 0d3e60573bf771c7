// Session: creates the engines in dependency order, hands out what views observe, and stops them.
#include "core/Session.h"

#include "core/Settings.h"
#include "core/ThreadPool.h"
#include "core/monitor/DeviceStore.h"
#include "core/monitor/Monitor.h"
#include "core/monitor/ScanSource.h"
#include "core/scan/ScanEngine.h"
#include "core/scan/TargetSet.h"
#include "core/sync/SyncPair.h"
#include "core/sync/SyncScheduler.h"

#include <QDir>
#include <QSettings>
#include <QFileInfo>
#include <QStandardPaths>

namespace lanwatch::core {

Session::Session(Settings *settings, QObject *parent)
    : QObject(parent), m_settings(settings), m_scan(new scan::ScanEngine(this, threadPool())),
      m_sync(new sync::SyncScheduler(this, blockingPool()))
{
    reloadSyncPairs();
    openInventory();
    // Connected before any view can connect, so the inventory holds the scan's devices (and the monitor has
    // published their events) by the time a view hears that the scan finished.
    connect(m_scan, &scan::ScanEngine::hostFound, this, &Session::keepScanned);
    connect(m_scan, &scan::ScanEngine::hostUpdated, this, &Session::keepScanned);
    connect(m_scan, &scan::ScanEngine::finished, this, &Session::recordScan);
}

// The engines are children: their destructors cancel their jobs and lookups and detach from them,
// without emitting anything to views that may already be gone. The monitor goes first: it writes to
// the store, which is a member and would otherwise be destroyed before the children are.
Session::~Session()
{
    delete m_monitor;
    m_monitor = nullptr;
}

void Session::openInventory()
{
    if (!m_settings)
        return;
    // A settings file given explicitly (--settings, tests) keeps its inventory beside it.
    const QString standard = QSettings().fileName();
    const QString path = m_settings->fileName() != standard && !m_settings->fileName().isEmpty()
                             ? QFileInfo(m_settings->fileName()).absoluteDir().filePath(QStringLiteral("devices.sqlite"))
                             : monitor::DeviceStore::defaultPath();
    openInventoryAt(path);
    if (!m_monitor)
        return;
    m_monitor->useSettings(m_settings);
    if (!m_monitor->watched().isEmpty())
        m_monitor->start(); // watching survives restarts; a failure is the monitor's warning
}

std::unique_ptr<Session> Session::withInventory(const QString &inventoryPath, QObject *parent)
{
    auto session = std::make_unique<Session>(nullptr, parent);
    session->openInventoryAt(inventoryPath);
    return session;
}

void Session::openInventoryAt(const QString &path)
{
    auto store = monitor::DeviceStore::open(path);
    if (!store) {
        m_storeProblem = store.error();
        return;
    }
    m_store = std::move(store).value();
    m_storeProblem = m_store->notice();
    m_monitor = new monitor::Monitor(
        m_store.get(), std::make_unique<monitor::ScanEngineSource>(scanOptions(), nullptr, threadPool()), this);
}

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
    auto started = m_scan->start(targets, options);
    if (started) {
        m_scanTargets = targets;
        m_scanned.clear();
        m_scannedOrder.clear();
    }
    return started;
}

void Session::keepScanned(const scan::HostRecord &host)
{
    if (!m_monitor)
        return;
    if (!m_scanned.contains(host.ip))
        m_scannedOrder.append(host.ip);
    m_scanned.insert(host.ip, host);
}

void Session::recordScan(bool cancelled)
{
    QList<scan::HostRecord> hosts;
    hosts.reserve(m_scannedOrder.size());
    for (quint32 ip : std::as_const(m_scannedOrder))
        hosts.append(m_scanned.value(ip));
    m_scanned.clear();
    m_scannedOrder.clear();
    // A stopped scan did not reach every address: its hosts are recorded, but it proves no address was left.
    if (m_monitor)
        m_monitor->recordScan(hosts, cancelled ? scan::TargetSet() : m_scanTargets);
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
    if (m_monitor)
        m_monitor->stop();
    // An empty pair list cancels every pending and running run, check and watch walk.
    m_sync->setPairs({});
}

} // namespace lanwatch::core
