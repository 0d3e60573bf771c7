// RawOpen: the raw sockets lanwatch uses, opened with their kernel filters locked. Plain C++ (no Qt):
// lanwatch-netcap, the privileged helper, and core's own direct path share this one definition.
#pragma once

#include <cstdint>
#include <vector>

#include <linux/filter.h>

namespace lanwatch::net {

// The only packet filters a socket is ever opened with; nobody passes BPF code from outside.
enum class PacketFilter : std::uint8_t {
    ArpReply, // the sweep: ARP replies only (bound to ETH_P_ARP)
    ArpDhcp,  // the monitor's passive listener: ARP, and DHCP client messages (UDP 68 -> 67), 802.1Q or not
};

std::vector<sock_filter> packetFilterCode(PacketFilter filter);
std::vector<sock_filter> icmpEchoReplyFilterCode(); // raw IPv4 socket: ICMP echo replies only

// An AF_PACKET socket on one interface with the filter attached and locked (SO_LOCK_FILTER) before it is
// bound, so no frame reaches it unfiltered and whoever holds it cannot swap the filter. Non-blocking,
// close-on-exec. Returns the descriptor, or -1 with *err set (errno) and *step naming what failed.
int openFilteredPacketSocket(int ifindex, PacketFilter filter, int *err, const char **step);
// A raw ICMP socket receiving only echo replies (ICMP_FILTER and a locked BPF filter).
int openFilteredIcmpSocket(int *err, const char **step);

// CAP_NET_RAW in the calling thread's capability sets (capabilities are per thread on Linux).
bool threadHasNetRaw(bool effective);
// Makes CAP_NET_RAW effective in the calling thread when it is permitted; returns whether it raised it.
bool raiseNetRaw();
void lowerNetRaw();

} // namespace lanwatch::net
