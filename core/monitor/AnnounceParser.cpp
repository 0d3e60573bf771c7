// Frame parsing for the passive listener: every offset is checked against the frame's end before it is
// read, because any device on the LAN (or a broken NIC) chooses these bytes.
#include "core/monitor/AnnounceParser.h"

#include <cstring>

namespace lanwatch::monitor {

namespace {

constexpr quint16 EtherTypeIpv4 = 0x0800;
constexpr quint16 EtherTypeArp = 0x0806;
constexpr quint16 EtherTypeVlan = 0x8100;
constexpr quint16 EtherTypeQinQ = 0x88a8;
constexpr std::size_t EthernetHeader = 14;
constexpr std::size_t ArpIpv4Size = 28;
constexpr std::size_t BootpFixed = 236; // op .. file, before the magic cookie
constexpr std::size_t SnameOffset = 44, SnameSize = 64, FileOffset = 108, FileSize = 128;

quint16 get16(const quint8 *p)
{
    return static_cast<quint16>((p[0] << 8) | p[1]);
}
quint32 get32(const quint8 *p)
{
    return (quint32(get16(p)) << 16) | get16(p + 2);
}
MacAddress macAt(const quint8 *p)
{
    MacAddress m{};
    std::memcpy(m.data(), p, 6);
    return m;
}
// A device's own address is unicast and not all zero; anything else in a sender field is forged or broken.
bool unicastMac(const MacAddress &m)
{
    return !(m[0] & 0x01) && (m[0] | m[1] | m[2] | m[3] | m[4] | m[5]) != 0;
}
bool multicastOrBroadcastIp(quint32 ip)
{
    return ip >= 0xe0000000u;
}

ParseStatus parseArp(const quint8 *arp, std::size_t length, ParsedAnnouncement &out)
{
    if (length < 8)
        return ParseStatus::Truncated;
    if (get16(arp) != 1 || get16(arp + 2) != EtherTypeIpv4)
        return ParseStatus::NotAnnouncement; // ARP for another link or protocol
    if (arp[4] != 6 || arp[5] != 4)
        return ParseStatus::Malformed;
    if (length < ArpIpv4Size)
        return ParseStatus::Truncated;
    const quint16 opcode = get16(arp + 6);
    if (opcode != 1 && opcode != 2)
        return ParseStatus::NotAnnouncement;
    out.mac = macAt(arp + 8);
    out.ip = get32(arp + 14);
    out.arpTargetMac = macAt(arp + 18);
    out.arpTargetIp = get32(arp + 24);
    if (!unicastMac(out.mac) || multicastOrBroadcastIp(out.ip))
        return ParseStatus::Malformed;
    if (out.ip == 0) {
        if (opcode != 1)
            return ParseStatus::Malformed; // a reply always says whose address it is
        out.kind = AnnounceKind::ArpProbe;
    } else if (out.ip == out.arpTargetIp) {
        out.kind = AnnounceKind::ArpGratuitous;
    } else {
        out.kind = opcode == 1 ? AnnounceKind::ArpRequest : AnnounceKind::ArpReply;
    }
    out.frameSourceDiffers = out.frameSource != out.mac;
    return ParseStatus::Ok;
}

// What the options of one DHCP message say; the first instance of each option wins (RFC 3396 long-option
// concatenation would need a copy, and no client splits a host name).
struct DhcpOptions
{
    int messageType = -1;
    quint32 requestedIp = 0;
    int overload = 0;
    std::string_view hostName;
    std::string_view vendorClass;
};

std::string_view textOption(const quint8 *value, std::size_t length)
{
    while (length > 0 && value[length - 1] == 0) // some clients count a C string's terminator
        --length;
    return {reinterpret_cast<const char *>(value), length};
}

// Walks one option area; Truncated when an option's length runs past the area (RFC 2131: the area
// ends at option 255 or at its end). The overload option is honoured only in the main area.
ParseStatus walkOptions(const quint8 *p, std::size_t length, bool mainArea, DhcpOptions &o)
{
    std::size_t i = 0;
    while (i < length) {
        const quint8 code = p[i];
        if (code == 0) { // pad
            ++i;
            continue;
        }
        if (code == 255)
            return ParseStatus::Ok;
        if (i + 1 >= length)
            return ParseStatus::Truncated;
        const std::size_t optionLength = p[i + 1];
        if (optionLength > length - i - 2)
            return ParseStatus::Truncated;
        const quint8 *value = p + i + 2;
        switch (code) {
        case 53:
            if (o.messageType < 0) {
                if (optionLength != 1)
                    return ParseStatus::Malformed;
                o.messageType = value[0];
            }
            break;
        case 50:
            if (o.requestedIp == 0 && optionLength == 4) // a wrong length is ignored, not trusted
                o.requestedIp = get32(value);
            break;
        case 12:
            if (o.hostName.empty())
                o.hostName = textOption(value, optionLength);
            break;
        case 60:
            if (o.vendorClass.empty())
                o.vendorClass = textOption(value, optionLength);
            break;
        case 52:
            if (mainArea && optionLength == 1 && value[0] >= 1 && value[0] <= 3)
                o.overload = value[0];
            break;
        default:
            break;
        }
        i += 2 + optionLength;
    }
    return ParseStatus::Ok;
}

ParseStatus parseDhcp(const quint8 *bootp, std::size_t length, ParsedAnnouncement &out)
{
    if (length < BootpFixed + 4)
        return ParseStatus::Truncated;
    if (bootp[0] != 1) // BOOTREQUEST: only clients announce themselves
        return ParseStatus::NotAnnouncement;
    if (bootp[1] != 1 || bootp[2] != 6) // Ethernet chaddr; other link types carry no MAC we can use
        return ParseStatus::NotAnnouncement;
    if (get32(bootp + BootpFixed) != 0x63825363u)
        return ParseStatus::NotAnnouncement; // plain BOOTP
    DhcpOptions o;
    if (const ParseStatus s = walkOptions(bootp + BootpFixed + 4, length - BootpFixed - 4, true, o);
        s != ParseStatus::Ok)
        return s;
    // RFC 2131 4.1: with overload, the file field is read first, then sname.
    if (o.overload & 1)
        if (const ParseStatus s = walkOptions(bootp + FileOffset, FileSize, false, o); s != ParseStatus::Ok)
            return s;
    if (o.overload & 2)
        if (const ParseStatus s = walkOptions(bootp + SnameOffset, SnameSize, false, o); s != ParseStatus::Ok)
            return s;
    if (o.messageType < 0)
        return ParseStatus::Malformed; // the magic cookie without option 53 is not DHCP
    switch (o.messageType) {
    case 1:
        out.kind = AnnounceKind::DhcpDiscover;
        break;
    case 3:
        out.kind = AnnounceKind::DhcpRequest;
        break;
    case 8:
        out.kind = AnnounceKind::DhcpInform;
        break;
    default:
        return ParseStatus::NotAnnouncement; // DECLINE, RELEASE: not a device arriving
    }
    out.dhcpMessageType = quint8(o.messageType);
    out.dhcpTransaction = get32(bootp + 4);
    out.mac = macAt(bootp + 28);
    if (!unicastMac(out.mac))
        return ParseStatus::Malformed;
    const quint32 ciaddr = get32(bootp + 12);
    out.ip = o.requestedIp != 0 ? o.requestedIp : ciaddr;
    if (multicastOrBroadcastIp(out.ip))
        out.ip = 0; // a claim the device cannot hold: keep the MAC and the name, drop the address
    out.hostName = o.hostName;
    out.vendorClass = o.vendorClass;
    out.frameSourceDiffers = out.frameSource != out.mac;
    return ParseStatus::Ok;
}

ParseStatus parseIpv4(const quint8 *ip, std::size_t length, ParsedAnnouncement &out)
{
    if (length < 20)
        return ParseStatus::Truncated;
    if ((ip[0] >> 4) != 4)
        return ParseStatus::Malformed;
    const std::size_t headerLength = std::size_t(ip[0] & 0x0f) * 4;
    if (headerLength < 20)
        return ParseStatus::Malformed;
    const std::size_t totalLength = get16(ip + 2);
    if (totalLength < headerLength)
        return ParseStatus::Malformed;
    if (headerLength > length || totalLength > length) // Ethernet padding may follow; less is a cut frame
        return ParseStatus::Truncated;
    if (ip[9] != 17)
        return ParseStatus::NotAnnouncement;
    if (get16(ip + 6) & 0x3fff) // more fragments, or an offset: never reassembled
        return ParseStatus::Fragment;
    const quint8 *udp = ip + headerLength;
    const std::size_t udpAvailable = totalLength - headerLength;
    if (udpAvailable < 8)
        return ParseStatus::Truncated;
    if (get16(udp) != 68 || get16(udp + 2) != 67)
        return ParseStatus::NotAnnouncement;
    const std::size_t udpLength = get16(udp + 4);
    if (udpLength < 8)
        return ParseStatus::Malformed;
    if (udpLength > udpAvailable)
        return ParseStatus::Truncated; // the UDP header claims more than the IP packet holds
    // The checksum is not checked: frames this host sends carry partial checksums (offload) when a packet
    // socket sees them, and a forged frame can carry a correct one anyway.
    return parseDhcp(udp + 8, udpLength - 8, out);
}

} // namespace

const char *announceKindName(AnnounceKind kind)
{
    switch (kind) {
    case AnnounceKind::ArpRequest:
        return "arp-request";
    case AnnounceKind::ArpReply:
        return "arp-reply";
    case AnnounceKind::ArpGratuitous:
        return "arp-gratuitous";
    case AnnounceKind::ArpProbe:
        return "arp-probe";
    case AnnounceKind::DhcpDiscover:
        return "dhcp-discover";
    case AnnounceKind::DhcpRequest:
        return "dhcp-request";
    case AnnounceKind::DhcpInform:
        return "dhcp-inform";
    case AnnounceKind::Neighbour:
        return "neighbour";
    }
    return "unknown";
}

ParseStatus parseFrame(const quint8 *frame, std::size_t length, ParsedAnnouncement &out)
{
    out = ParsedAnnouncement{};
    if (!frame || length < EthernetHeader)
        return ParseStatus::Truncated;
    out.frameSource = macAt(frame + 6);
    std::size_t offset = 12;
    quint16 type = get16(frame + offset);
    // At most two tags (802.1ad outer, 802.1Q inner): deeper stacks are not a LAN a desktop watches.
    for (int tags = 0; (type == EtherTypeVlan || type == EtherTypeQinQ) && tags < 2; ++tags) {
        if (length < offset + 6)
            return ParseStatus::Truncated;
        out.vlanId = get16(frame + offset + 2) & 0x0fff; // the innermost tag is the one that is kept
        offset += 4;
        type = get16(frame + offset);
    }
    offset += 2;
    const quint8 *payload = frame + offset;
    const std::size_t payloadLength = length - offset;
    switch (type) {
    case EtherTypeArp:
        return parseArp(payload, payloadLength, out);
    case EtherTypeIpv4:
        return parseIpv4(payload, payloadLength, out);
    default:
        return ParseStatus::NotAnnouncement;
    }
}

} // namespace lanwatch::monitor
