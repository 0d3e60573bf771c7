// Session: the one owner of lanwatch's long-lived engines. The GUI, lanwatch-cli and the coming headless
// agent are views of it; it needs no widget and no QApplication.
#pragma once

#include "core/Result.h"
#include "core/scan/ScanTypes.h"
#include "core/scan/TargetSet.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <memory>

namespace lanwatch::scan {
class ScanEngine;
} // namespace lanwatch::scan
namespace lanwatch::sync {
class SyncScheduler;
}
namespace lanwatch::monitor {
class DeviceStore;
class Monitor;
} // namespace lanwatch::monitor

namespace lanwatch::core {

class Settings;

// Named after qBittorrent's BitTorrent::Session (one object per running lanwatch that owns what works in
// the background), not "Lanwatch", which would be a class named like the namespace it lives in.
// Lives in the thread that created it (the GUI's or the CLI's main thread); the engines' signals are
// emitted there. Windows observe the engines through the accessors and never own one.
class Session final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    // With settings: the user's session; the sync pairs stored there are loaded and scans take their
    // options from there. Without (nullptr): a bare session whose callers give pairs and options
    // themselves (lanwatch-cli watch and scan), so a one-off command never runs the user's pairs.
    explicit Session(Settings *settings = nullptr, QObject *parent = nullptr);
    // An agent's session: the inventory at inventoryPath (created if missing) and a monitor that the caller
    // configures and starts (its config file, not QSettings, says what is watched); no settings.
    static std::unique_ptr<Session> withInventory(const QString &inventoryPath, QObject *parent = nullptr);
    ~Session() override; // cancels all work; never waits for a copy or a lookup

    Settings *settings() const { return m_settings; }
    scan::ScanEngine *scanEngine() const { return m_scan; }
    sync::SyncScheduler *syncScheduler() const { return m_sync; }
    // The device inventory and the monitor that fills it: only in a user's session (with settings) or an
    // agent's (withInventory), and only when the database could be opened (else deviceStoreProblem() says why; the rest works).
    // The database is devices.sqlite in AppDataLocation, or next to a settings file given explicitly.
    monitor::DeviceStore *deviceStore() const { return m_store.get(); }
    monitor::Monitor *monitor() const { return m_monitor; }
    QString deviceStoreProblem() const { return m_storeProblem; } // an error, or what opening had to do

    // Scan options as the settings hold them (ScanDefaults without settings).
    scan::ScanOptions scanOptions() const;
    // Starts a scan of targets with the settings' options (or with the given ones). With an inventory, what
    // the scan found is recorded there through the monitor when it finishes (Monitor::recordScan), before
    // any view hears ScanEngine::finished: the session connects first.
    Result<void> startScan(const scan::TargetSet &targets);
    Result<void> startScan(const scan::TargetSet &targets, const scan::ScanOptions &options);
    void cancelScan();
    bool isScanning() const;

    // Gives the scheduler the pairs stored in the settings (after they were edited); no-op without.
    void reloadSyncPairs();

    // Cancels the scan and every sync job (the scheduler is left with no pairs). Called on quit; a job
    // still running stops at its next cancel check and its late results are dropped.
    void shutdown();

private:
    void openInventory();
    void openInventoryAt(const QString &path);
    void keepScanned(const scan::HostRecord &host);
    void recordScan(bool cancelled);

    Settings *m_settings;
    scan::ScanEngine *m_scan;
    sync::SyncScheduler *m_sync;
    std::unique_ptr<monitor::DeviceStore> m_store;
    monitor::Monitor *m_monitor = nullptr; // child, deleted before the store it writes to
    QString m_storeProblem;
    // The manual scan running now: what it probes and what it found so far (latest record per address).
    scan::TargetSet m_scanTargets;
    QHash<quint32, scan::HostRecord> m_scanned;
    QList<quint32> m_scannedOrder;
};

} // namespace lanwatch::core
