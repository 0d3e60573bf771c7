// ScanEngine: sweeps a TargetSet with asynchronous ARP/ICMP/TCP probes, then enriches each live host.
#pragma once

#include "core/Result.h"
#include "core/net/ReverseResolver.h"
#include "core/scan/NameProbe.h"
#include "core/scan/ScanTypes.h"
#include "core/scan/TargetSet.h"

#include <QObject>

#include <memory>

class QThreadPool;

namespace lanwatch::scan {

// Lives in the thread that created it (the GUI thread, or the CLI's main thread). The sweep runs as
// a cancellable job on core's QThreadPool; enrichment (MAC, vendor) runs as further jobs on the same
// pool, and reverse DNS on a net::ReverseResolver in this thread (no thread, nothing to wait for). All
// signals are emitted in the engine's own thread (queued from the workers).
class ScanEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScanEngine)

public:
    explicit ScanEngine(QObject *parent = nullptr, QThreadPool *pool = nullptr); // nullptr: core::threadPool()
    ~ScanEngine() override; // cancels its jobs and lookups, waits for none: safe mid-scan

    // Starts a scan; fails (with a message) if one is already running or no method can be used.
    Result<void> start(const TargetSet &targets, const ScanOptions &options);
    void cancel(); // all probe traffic stops within 100 ms; finished(true) follows
    bool isRunning() const;
    // Where the next scans' reverse DNS reads hosts and servers (tests: a fake server's port).
    void setResolverConfig(const net::ReverseResolver::Config &config);
    // The mDNS and NetBIOS ports and per-host timeout of the next scans' name probes.
    void setNameProbeConfig(const NameProbe::Config &config);

    // One line per method the given options would use here, for the status bar and CLI stderr.
    static QStringList describeMethods(const ScanOptions &options, const Capabilities &caps);
    // One line on what CAP_NET_RAW would add; empty when the process has it.
    static QString privilegeHint(const Capabilities &caps);

Q_SIGNALS:
    void started(quint64 total);
    void hostFound(const lanwatch::scan::HostRecord &host); // the moment a host is proven alive
    // Enrichment added MAC/vendor/name. With names on, a host comes once its name is known or, at the
    // latest, 200 ms after the sweep ends; a name known later (even after finished) comes as an update.
    void hostUpdated(const lanwatch::scan::HostRecord &host);
    void progress(quint64 probed, quint64 total, int found); // throttled (at most ~20/s)
    void warning(const QString &message);                    // e.g. a method needs CAP_NET_RAW: said once per scan
    // After the sweep and every enrichment job; names are awaited at most nameGraceMs after the sweep.
    void finished(bool cancelled);

private:
    void onAlive(const void *stateKey, const lanwatch::scan::HostRecord &host);
    void onDuplicate(const void *stateKey, quint32 ip, const lanwatch::scan::MacAddress &mac);
    void emitUpdated(lanwatch::scan::HostRecord record); // with the duplicate MACs known so far
    void onEnriched(const void *stateKey, const lanwatch::scan::HostRecord &host);
    void onProbed(quint32 ip, const NameProbe::Result &result);
    void onNamed(quint32 ip, const QString &name, net::ReverseResolver::Status status, const QString &error);
    void releaseHeldHosts();
    void warnSilentServers();
    void onSweepDone(const void *stateKey, bool cancelled);
    void maybeFinish(bool cancelled);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace lanwatch::scan
