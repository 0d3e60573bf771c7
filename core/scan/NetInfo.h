// NetInfo: this machine's IPv4 interfaces and the kernel's neighbour (ARP) table, read without privileges.
#pragma once

#include "core/Result.h"
#include "core/scan/ScanTypes.h"

#include <QList>
#include <QString>

namespace lanwatch::scan {

struct InterfaceInfo
{
    QString name;
    int index = 0;
    std::optional<MacAddress> mac; // none on loopback, tun and other non-Ethernet links
    quint32 ip = 0;                // host byte order
    int prefix = 32;
    bool loopback = false;

    quint32 netmask() const { return prefix == 0 ? 0 : ~quint32(0) << (32 - prefix); }
    bool onLink(quint32 address) const { return (address & netmask()) == (ip & netmask()); }
};

// Up IPv4 interfaces with their addresses (one entry per address).
QList<InterfaceInfo> ipv4Interfaces();

struct NeighbourEntry
{
    quint32 ip = 0;
    std::optional<MacAddress> mac;
    int interfaceIndex = 0;
    quint16 state = 0;          // NUD_* from <linux/neighbour.h>
    qint64 confirmedAgoMs = -1; // since the neighbour last proved it is there; -1 unknown
    bool resolved() const;      // has a MAC and is not INCOMPLETE/FAILED
    // NUD_REACHABLE with a MAC, and the neighbour proved itself there at most ms ago. Never a PERMANENT or
    // NOARP entry (configured by hand, proves nothing about the host).
    bool confirmedWithin(qint64 ms) const;
};

// A unicast IPv4 route of the main table: where the kernel sends packets for dst/prefix.
struct RouteEntry
{
    quint32 dst = 0; // host byte order
    int prefix = 0;
    int interfaceIndex = 0;
    quint32 gateway = 0; // 0: on-link (the kernel resolves the target itself, by ARP)
    bool multipath = false;
    bool onLink() const { return gateway == 0 && !multipath && interfaceIndex > 0; }
    bool contains(quint32 ip) const { return prefix == 0 || (ip >> (32 - prefix)) == (dst >> (32 - prefix)); }
};

// One netlink dump of the main routing table's IPv4 unicast routes.
Result<QList<RouteEntry>> ipv4Routes();
// One rtnetlink RTM_NEWROUTE message as the kernel sent it: nullopt unless it is an IPv4 unicast route of the
// main table. Every length is checked.
std::optional<RouteEntry> parseRouteMessage(const void *message, std::size_t length);
// The route the kernel would choose for ip among routes (longest prefix; metrics and policy rules aside).
std::optional<RouteEntry> routeFor(const QList<RouteEntry> &routes, quint32 ip);

// One netlink dump of the IPv4 neighbour table.
Result<QList<NeighbourEntry>> neighbourTable();

// One rtnetlink message (a dump entry or an RTM_NEWNEIGH notification), header included, as the kernel
// sent it: nullopt unless it is an IPv4 RTM_NEWNEIGH with a destination. Every length is checked.
std::optional<NeighbourEntry> parseNeighbourMessage(const void *message, std::size_t length);

} // namespace lanwatch::scan
