// The request lanwatch sends lanwatch-netcap and the answer it gets: one SOCK_SEQPACKET message each way.
//
//   request:  "lanwatch-netcap 1\n" then one line per socket, in the order the descriptors come back:
//               "arp-reply IFNAME\n"  AF_PACKET, the sweep's ARP-reply filter, bound to IFNAME
//               "arp-dhcp IFNAME\n"   AF_PACKET, the passive listener's ARP+DHCP filter, bound to IFNAME
//               "icmp\n"              raw ICMP, echo replies only (at most once)
//   answer:   "ok N\n" with the N descriptors in one SCM_RIGHTS message, or "error: TEXT\n" with none.
//
// Anything else (another version, an unknown word, extra spaces, a name that is not an Ethernet interface
// here, the same line twice, more than MaxSockets lines, more than MaxRequest bytes) is refused whole.
#pragma once

#include <cstddef>

namespace lanwatch::net::netcap {

inline constexpr char Greeting[] = "lanwatch-netcap 1";
inline constexpr std::size_t MaxRequest = 1024;
inline constexpr std::size_t MaxSockets = 32;
inline constexpr int ExitOk = 0;
inline constexpr int ExitFailed = 1;  // a socket could not be opened (no CAP_NET_RAW, interface down...)
inline constexpr int ExitRefused = 2; // the request was malformed: nothing was opened
inline constexpr char HelperName[] = "lanwatch-netcap";

} // namespace lanwatch::net::netcap
