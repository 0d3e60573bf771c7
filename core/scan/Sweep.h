// Sweep: the asynchronous prober. One non-blocking socket per method, sends paced by a token bucket,
// per-target timeouts with retries and backoff, replies matched to targets; runs on one pool thread.
#pragma once

#include "core/scan/NetInfo.h"
#include "core/scan/ScanTypes.h"
#include "core/scan/TargetSet.h"

#include <QStringList>

#include <atomic>
#include <functional>

namespace lanwatch::scan {

// What the engine decided this sweep may use (from the options and the process's capabilities).
struct SweepPlan
{
    TargetSet targets;
    ScanOptions options;
    enum class Icmp { None, Datagram, Raw };
    bool arp = false;       // ARP on directly attached Ethernet subnets (AF_PACKET, CAP_NET_RAW)
    Icmp icmp = Icmp::None; // echo over SOCK_DGRAM (ping_group_range) or SOCK_RAW
    bool tcp = false;       // connect() probes to options.tcpPorts
    bool neighbour = false; // a fresh, resolved neighbour-table entry proves an on-link host alive
    QList<InterfaceInfo> interfaces;
    // The main routing table; empty when it could not be read (then a target is on-link when an interface's
    // prefix holds it).
    QList<RouteEntry> routes;
};

struct SweepCallbacks
{
    std::function<void(const HostRecord &)> alive; // first proof of life
    std::function<void(quint64 probed, quint64 total, int found)> progress;
    std::function<void(const QString &)> warning;
    // Another MAC answered ARP for an address already found (a duplicate IP): once per extra MAC.
    std::function<void(quint32 ip, const MacAddress &mac)> duplicate;
};

class Sweep final
{
    Q_DISABLE_COPY_MOVE(Sweep)

public:
    Sweep(SweepPlan plan, SweepCallbacks callbacks, const std::atomic_bool *cancel, int wakeFd);
    ~Sweep();
    // Blocks until every target is answered or given up, or until cancelled. Returns false if cancelled.
    bool run();

    // Which interface (index into plan.interfaces) a target is directly attached to, or -1. With routes, as
    // the kernel decides: the longest-prefix route must have no gateway (a router inside an attached prefix
    // takes its targets off the link, and ARP for them would be answered by proxy ARP or not at all).
    static int onLinkInterface(const QList<InterfaceInfo> &interfaces, const QList<RouteEntry> &routes, quint32 ip);

private:
    struct Private;
    Private *d;
};

qint64 monotonicNs();

} // namespace lanwatch::scan
