// Wire formats the sweep speaks: Ethernet ARP requests/replies and ICMP echo, built and parsed by hand.
#pragma once

#include "core/scan/ScanTypes.h"

#include <QByteArray>

#include <array>
#include <cstddef>
#include <optional>

namespace lanwatch::scan::packets {

constexpr std::size_t ArpFrameSize = 60; // Ethernet minimum frame without FCS: 14 header + 28 ARP + padding

// Broadcast "who has targetIp? tell senderIp" (addresses in host byte order).
std::array<quint8, ArpFrameSize> buildArpRequest(const MacAddress &senderMac, quint32 senderIp, quint32 targetIp);

struct ArpReply
{
    MacAddress senderMac{};
    quint32 senderIp = 0; // host byte order
    MacAddress targetMac{};
    quint32 targetIp = 0;
};
// Parses a whole Ethernet frame; nullopt unless it is an IPv4-over-Ethernet ARP reply.
std::optional<ArpReply> parseArpReply(const quint8 *frame, std::size_t length);

// RFC 1071 Internet checksum.
quint16 internetChecksum(const quint8 *data, std::size_t length);

// The payload we put in every echo request: a per-scan token (to reject others' replies) and the send
// time in nanoseconds (so the RTT needs no per-probe bookkeeping).
struct EchoPayload
{
    quint64 token = 0;
    qint64 sentNs = 0;
};
constexpr std::size_t EchoPayloadSize = 16;

// An ICMP echo request (type 8) with a valid checksum. For SOCK_DGRAM ICMP sockets the kernel
// replaces the identifier with the socket's and recomputes nothing else.
QByteArray buildEchoRequest(quint16 identifier, quint16 sequence, const EchoPayload &payload);

struct EchoReply
{
    quint32 sourceIp = 0; // host byte order; 0 when the packet came without an IP header (SOCK_DGRAM)
    quint16 identifier = 0;
    quint16 sequence = 0;
    EchoPayload payload;
};
// Parses an echo reply (type 0). withIpHeader: raw sockets deliver the IPv4 header first, datagram
// sockets don't. nullopt for any other ICMP type, a bad checksum, or a short/foreign payload.
std::optional<EchoReply> parseEchoReply(const quint8 *data, std::size_t length, bool withIpHeader);

} // namespace lanwatch::scan::packets
