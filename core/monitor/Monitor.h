// Monitor: the watching engine. Re-sweeps watched targets on schedule, records what sweeps and the passive
// listener see in the DeviceStore, decides offline after a grace period, and reports each change as an event.
#pragma once

#include "core/Result.h"
#include "core/monitor/DeviceTypes.h"
#include "core/monitor/MonitorTypes.h"
#include "core/monitor/PassiveListener.h"
#include "core/scan/ScanTypes.h"
#include "core/scan/TargetSet.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>

#include <functional>
#include <memory>

class QTimer;

namespace lanwatch::core {
class Settings;
}

namespace lanwatch::monitor {

class DeviceStore;
class ScanSource;

// Lives in one thread (the GUI thread, or the CLI's main thread) with its DeviceStore, which it does not own:
// the store is written once per sweep (one transaction) and once per passive batch. Signals are emitted from
// the event loop, never from inside a store call; connect across threads with the default (queued) connection.
//
// Time: deadlines are wall-clock times from the store's clock (DeviceStore::now()), checked by one repeating
// timer, so a machine that slept through several slots sweeps each target once when it wakes.
class Monitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Monitor)

public:
    // Reverse DNS for a passively found device: calls done(name) (empty: none) unless context dies first.
    using NameLookup = std::function<void(quint32 ip, QObject *context, std::function<void(const QString &)> done)>;

    struct Options
    {
        int tickMs = 1000;                              // how often deadlines are checked
        int enrichWaitMs = MonitorLimits::EnrichWaitMs; // a passive new device's event waits for its name
        bool passive = true;                            // listen between sweeps (start() opens the sockets)
        PassiveListener::Options listener;
    };

    // source: the sweeps (ScanEngineSource in the application; a fake in tests); the Monitor takes it.
    Monitor(DeviceStore *store, std::unique_ptr<ScanSource> source, QObject *parent = nullptr);
    Monitor(DeviceStore *store, std::unique_ptr<ScanSource> source, Options options, QObject *parent = nullptr);
    ~Monitor() override;

    // Targets and grace persist in settings when given (loaded now, saved on every change).
    void useSettings(core::Settings *settings);

    // Adds (or re-times) a watched target; refuses a TargetSet that does not parse or an interval out of range.
    Result<void> watch(const QString &target, int intervalSeconds = MonitorLimits::DefaultIntervalSeconds);
    void unwatch(const QString &target);
    QList<WatchedTarget> watched() const;

    // 0: automatic (MonitorLimits); otherwise at least minimumIntervalSeconds().
    Result<void> setGraceSeconds(int seconds);
    int graceSeconds() const { return m_graceSeconds; }
    int graceSecondsFor(const QString &target) const; // what applies to this target now

    void setNameLookup(NameLookup lookup); // default: QHostInfo::lookupHost
    // Listening between sweeps (Options::passive); takes effect at the next start().
    void setPassive(bool on) { m_options.passive = on; }
    bool isPassive() const { return m_options.passive; }

    // Starts the schedule (each target is due at once) and, with Options::passive, listening on the
    // interfaces the targets are attached to (sockets opened in the calling thread's network namespace).
    Result<void> start();
    // Cancels a running sweep (its partial result is dropped), stops listening, emits held events as they are.
    void stop();
    bool isRunning() const { return m_running; }
    bool isSweeping() const { return !m_current.isEmpty(); }

    QDateTime nextSweep(const QString &target) const; // invalid when not watched
    // What the current sweep probes (empty when idle): less than its target when the target is sliced.
    scan::TargetSet currentSweepSet() const { return m_currentSet; }

    // A scan the user ran by hand (the Hosts tab, a rescan of one host): its hosts are recorded as one
    // observation (one transaction) and the resulting events go out through eventBatch like a sweep's, so a
    // new device found by hand is reported exactly like a watched one. Nothing is marked offline: a rescan of
    // one host says nothing about the others. targets: what the scan probed (a device that no longer answers
    // on one of its addresses inside it has left that address); empty (a cancelled scan): addresses are only
    // added. The first scan of a network (no stored device held an address inside targets) is a burst.
    void recordScan(const QList<scan::HostRecord> &hosts, const scan::TargetSet &targets);

public Q_SLOTS:
    void checkSchedule(); // what the timer calls; tests call it after moving the clock
    // Records announcements at once (the listener's batches arrive here; tests call it directly).
    void recordAnnouncements(const QList<lanwatch::monitor::Announcement> &batch);

Q_SIGNALS:
    void event(const lanwatch::monitor::Event &event); // each stored event as it happens
    // The same events, once per sweep or passive batch (a held new device comes on its own). firstSweep:
    // the target's first sweep since it was watched found devices: a view may summarise the burst.
    void eventBatch(const QList<lanwatch::monitor::Event> &events, bool firstSweep);
    void deviceChanged(lanwatch::monitor::DeviceId id); // e.g. a name found after its new-device event
    void sweepStarted(const QString &target);
    void sweepFinished(const QString &target, int hosts);
    void warning(const QString &message);

private:
    struct Target
    {
        WatchedTarget watched;
        scan::TargetSet set;
        QDateTime nextDue;
        bool queued = false;
        int sweeps = 0;         // completed since watched (or since start())
        quint64 sliceStart = 0; // index in set of the next slice (targets larger than SliceAddresses)
    };
    struct Held // a new device's event waiting for the device's name (and address: a DHCP DISCOVER has none)
    {
        Event event;
        QTimer *timer = nullptr;
        bool burst = false; // heard during a target's first sweep: part of its summary
        bool lookedUp = false;
    };

    void startNext();
    // What this sweep of t probes: the whole target for its first sweep or a target no larger than
    // SliceAddresses; else the next slice plus every address a device holds inside the target. After the first
    // sweep only the held addresses are retried.
    // retried: the addresses that get every retry (all of them at a first sweep; afterwards the held ones).
    scan::TargetSet sweepSet(const Target &t, quint64 *sliceSize, scan::TargetSet *retried) const;
    void onSweepFinished(const QList<scan::HostRecord> &hosts, bool cancelled);
    static Sweep sweepOf(const QList<scan::HostRecord> &hosts, const scan::TargetSet &targets);
    QList<Event> takeHeldSeenIn(const SweepResult &result); // their events join the recording's batch
    void recordHeard(const Sweep &sweep);                   // passive observations, recorded and published at once
    void publish(const QList<Event> &events, bool firstSweep);
    void hold(const Event &event, bool burst);
    void release(DeviceId id);
    Held takeHeld(DeviceId id);
    bool inFirstSweep() const;
    void enrichHeld(DeviceId id); // releases a held device that now has a name and an address
    Event refreshed(const Event &event) const;
    void lookUpName(DeviceId id, quint32 ip, const QString &mac);
    bool inTargets(quint32 ip) const;
    void save();
    QStringList attachedInterfaces() const;

    DeviceStore *m_store;
    std::unique_ptr<ScanSource> m_source;
    Options m_options;
    core::Settings *m_settings = nullptr;
    NameLookup m_lookup;
    QList<Target> m_targets;
    int m_graceSeconds = 0;
    QTimer *m_timer;
    PassiveListener *m_listener = nullptr;
    bool m_running = false;
    QString m_current;                     // target being swept, empty when idle
    scan::TargetSet m_currentSet;          // what that sweep probes
    quint64 m_currentSlice = 0;            // how far its slice moves the target's sliceStart
    QList<Observation> m_heardDuringSweep; // merged into the sweep, so two MACs answering one ARP are one sweep's
    QHash<DeviceId, Held> m_held;
};

} // namespace lanwatch::monitor
