// AnnounceParser: what a device says about itself in one raw Ethernet frame (ARP, DHCP client messages).
#pragma once

#include "core/scan/ScanTypes.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace lanwatch::monitor {

using scan::MacAddress;

// What kind of self-announcement a frame (or a neighbour-table change) was.
enum class AnnounceKind : std::uint8_t {
    ArpRequest,    // "who has T? tell S": S announces itself
    ArpReply,      // "S is at M"
    ArpGratuitous, // sender IP == target IP: a device announcing (or defending) its address
    ArpProbe,      // RFC 5227 probe: sender IP 0.0.0.0, the device checks that T is free (MAC only)
    DhcpDiscover,
    DhcpRequest,
    DhcpInform,
    Neighbour, // a kernel neighbour-table entry became resolved (unprivileged fallback)
};
const char *announceKindName(AnnounceKind kind); // "arp-request", "dhcp-discover", ... (stable)

// One frame's announcement. Views (hostName, vendorClass) point into the frame: valid only while it
// is; the listener copies what it keeps. Addresses in host byte order; 0 = not present.
struct ParsedAnnouncement
{
    AnnounceKind kind = AnnounceKind::ArpRequest;
    MacAddress mac{};                // the device: ARP sender hardware address, DHCP chaddr
    quint32 ip = 0;                  // ARP sender IP; DHCP option 50 (requested), else ciaddr; 0 when none
    MacAddress frameSource{};        // Ethernet source address
    bool frameSourceDiffers = false; // Ethernet source != ARP sender / DHCP chaddr (a relay, a bridge, or a lie)
    quint32 arpTargetIp = 0;
    MacAddress arpTargetMac{};
    quint8 dhcpMessageType = 0; // option 53
    quint32 dhcpTransaction = 0;
    int vlanId = -1;              // 802.1Q VLAN (from the tag in the frame); -1 untagged
    std::string_view hostName;    // option 12, trailing NULs removed; empty when absent
    std::string_view vendorClass; // option 60
};

enum class ParseStatus : std::uint8_t {
    Ok,
    NotAnnouncement, // well formed but not something we listen for (another EtherType, a server reply)
    Truncated,       // a length field points past the end of the frame
    Malformed,       // a field holds a value its protocol forbids
    Fragment,        // an IPv4 fragment: never reassembled, never read
};

// Parses one frame starting at the Ethernet header. Touches only [frame, frame + length), allocates
// nothing, and accepts at most one VLAN tag pair (802.1Q / 802.1ad + 802.1Q).
ParseStatus parseFrame(const quint8 *frame, std::size_t length, ParsedAnnouncement &out);

} // namespace lanwatch::monitor
