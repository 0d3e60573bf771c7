// ARP and ICMP echo packets: building requests and strictly validating replies.
#include "core/scan/Packets.h"

#include <cstring>

namespace lanwatch::scan::packets {

namespace {

void put16(quint8 *p, quint16 v)
{
    p[0] = static_cast<quint8>(v >> 8);
    p[1] = static_cast<quint8>(v);
}
void put32(quint8 *p, quint32 v)
{
    put16(p, static_cast<quint16>(v >> 16));
    put16(p + 2, static_cast<quint16>(v));
}
quint16 get16(const quint8 *p)
{
    return static_cast<quint16>((p[0] << 8) | p[1]);
}
quint32 get32(const quint8 *p)
{
    return (quint32(get16(p)) << 16) | get16(p + 2);
}
void put64(quint8 *p, quint64 v)
{
    put32(p, static_cast<quint32>(v >> 32));
    put32(p + 4, static_cast<quint32>(v));
}
quint64 get64(const quint8 *p)
{
    return (quint64(get32(p)) << 32) | get32(p + 4);
}

constexpr quint16 EtherTypeArp = 0x0806;
constexpr quint16 EtherTypeIpv4 = 0x0800;

} // namespace

std::array<quint8, ArpFrameSize> buildArpRequest(const MacAddress &senderMac, quint32 senderIp, quint32 targetIp)
{
    std::array<quint8, ArpFrameSize> f{}; // zero padding after the 42 meaningful bytes
    std::memset(f.data(), 0xff, 6);       // Ethernet destination: broadcast
    std::memcpy(f.data() + 6, senderMac.data(), 6);
    put16(f.data() + 12, EtherTypeArp);
    quint8 *arp = f.data() + 14;
    put16(arp + 0, 1);             // hardware type: Ethernet
    put16(arp + 2, EtherTypeIpv4); // protocol type
    arp[4] = 6;                    // hardware address length
    arp[5] = 4;                    // protocol address length
    put16(arp + 6, 1);             // opcode: request
    std::memcpy(arp + 8, senderMac.data(), 6);
    put32(arp + 14, senderIp);
    // target hardware address stays zero: that is the question
    put32(arp + 24, targetIp);
    return f;
}

std::optional<ArpReply> parseArpReply(const quint8 *frame, std::size_t length)
{
    if (length < 42 || get16(frame + 12) != EtherTypeArp)
        return std::nullopt;
    const quint8 *arp = frame + 14;
    if (get16(arp) != 1 || get16(arp + 2) != EtherTypeIpv4 || arp[4] != 6 || arp[5] != 4 || get16(arp + 6) != 2)
        return std::nullopt;
    ArpReply r;
    std::memcpy(r.senderMac.data(), arp + 8, 6);
    r.senderIp = get32(arp + 14);
    std::memcpy(r.targetMac.data(), arp + 18, 6);
    r.targetIp = get32(arp + 24);
    return r;
}

quint16 internetChecksum(const quint8 *data, std::size_t length)
{
    quint32 sum = 0;
    std::size_t i = 0;
    for (; i + 1 < length; i += 2)
        sum += get16(data + i);
    if (i < length)
        sum += quint32(data[i]) << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<quint16>(~sum);
}

QByteArray buildEchoRequest(quint16 identifier, quint16 sequence, const EchoPayload &payload)
{
    QByteArray packet(8 + int(EchoPayloadSize), '\0');
    auto *p = reinterpret_cast<quint8 *>(packet.data());
    p[0] = 8; // echo request
    p[1] = 0;
    put16(p + 4, identifier);
    put16(p + 6, sequence);
    put64(p + 8, payload.token);
    put64(p + 16, static_cast<quint64>(payload.sentNs));
    put16(p + 2, internetChecksum(p, std::size_t(packet.size())));
    return packet;
}

std::optional<EchoReply> parseEchoReply(const quint8 *data, std::size_t length, bool withIpHeader)
{
    EchoReply r;
    if (withIpHeader) {
        if (length < 20 || (data[0] >> 4) != 4)
            return std::nullopt;
        const std::size_t headerLength = std::size_t(data[0] & 0x0f) * 4;
        if (headerLength < 20 || length < headerLength || data[9] != 1 /* ICMP */)
            return std::nullopt;
        r.sourceIp = get32(data + 12);
        data += headerLength;
        length -= headerLength;
    }
    if (length < 8 + EchoPayloadSize || data[0] != 0 /* echo reply */ || data[1] != 0)
        return std::nullopt;
    if (internetChecksum(data, length) != 0)
        return std::nullopt;
    r.identifier = get16(data + 4);
    r.sequence = get16(data + 6);
    r.payload.token = get64(data + 8);
    r.payload.sentNs = static_cast<qint64>(get64(data + 16));
    return r;
}

} // namespace lanwatch::scan::packets
