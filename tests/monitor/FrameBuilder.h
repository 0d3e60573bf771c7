// Builds Ethernet frames (ARP, IPv4/UDP/DHCP) byte by byte for the parser tests and the fuzz corpus.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace lanwatch::test::frames {

inline QByteArray mac(const char *text)
{
    return QByteArray::fromHex(QByteArray(text).replace(':', ""));
}
inline QByteArray be16(quint16 v)
{
    QByteArray r(2, '\0');
    r[0] = char(v >> 8);
    r[1] = char(v & 0xff);
    return r;
}
inline QByteArray be32(quint32 v)
{
    return be16(quint16(v >> 16)) + be16(quint16(v));
}
inline quint32 ip(int a, int b, int c, int d)
{
    return (quint32(a) << 24) | (quint32(b) << 16) | (quint32(c) << 8) | quint32(d);
}

// tags: (TPID, TCI) pairs placed between the source address and the EtherType.
inline QByteArray ethernet(const QByteArray &dst, const QByteArray &src, quint16 type, const QByteArray &payload,
                           const QList<QPair<quint16, quint16>> &tags = {})
{
    QByteArray f = dst + src;
    for (const auto &t : tags)
        f += be16(t.first) + be16(t.second);
    return f + be16(type) + payload;
}

struct Arp
{
    quint16 htype = 1, ptype = 0x0800;
    quint8 hlen = 6, plen = 4;
    quint16 op = 1;
    QByteArray sha = mac("02:00:00:00:00:0a");
    quint32 spa = ip(10, 251, 7, 10);
    QByteArray tha = mac("00:00:00:00:00:00");
    quint32 tpa = ip(10, 251, 7, 1);
};
inline QByteArray arp(const Arp &a)
{
    return be16(a.htype) + be16(a.ptype) + char(a.hlen) + char(a.plen) + be16(a.op) + a.sha + be32(a.spa) + a.tha +
           be32(a.tpa);
}
inline QByteArray arpFrame(const Arp &a, const QByteArray &src = mac("02:00:00:00:00:0a"))
{
    return ethernet(mac("ff:ff:ff:ff:ff:ff"), src, 0x0806, arp(a) + QByteArray(18, '\0'));
}

// DHCP options, each code + length + value.
inline QByteArray option(quint8 code, const QByteArray &value)
{
    return QByteArray(1, char(code)) + char(value.size()) + value;
}

struct Bootp
{
    quint8 op = 1, htype = 1, hlen = 6;
    quint32 xid = 0x1a2b3c4d;
    quint32 ciaddr = 0;
    QByteArray chaddr = mac("02:00:00:00:00:42");
    QByteArray sname = QByteArray(64, '\0');
    QByteArray file = QByteArray(128, '\0');
    bool magic = true;
    QByteArray options = option(53, QByteArray(1, 1)) + QByteArray(1, char(255));
};
inline QByteArray bootp(const Bootp &b)
{
    QByteArray p;
    p += char(b.op);
    p += char(b.htype);
    p += char(b.hlen);
    p += char(0); // hops
    p += be32(b.xid);
    p += be16(0) + be16(0x8000);                       // secs, flags (broadcast)
    p += be32(b.ciaddr) + be32(0) + be32(0) + be32(0); // ciaddr yiaddr siaddr giaddr
    p += b.chaddr + QByteArray(16 - b.chaddr.size(), '\0');
    p += b.sname.left(64) + QByteArray(64 - qMin<qsizetype>(64, b.sname.size()), '\0');
    p += b.file.left(128) + QByteArray(128 - qMin<qsizetype>(128, b.file.size()), '\0');
    if (b.magic)
        p += be32(0x63825363);
    return p + b.options;
}

struct Ipv4Udp
{
    int ihl = 5;
    quint16 fragment = 0; // flags + offset field
    quint8 protocol = 17;
    int totalLengthDelta = 0; // lie in the IP total length
    quint16 sport = 68, dport = 67;
    int udpLengthDelta = 0; // lie in the UDP length
};
inline QByteArray ipv4Udp(const QByteArray &payload, const Ipv4Udp &o = {})
{
    const int headerLength = o.ihl * 4;
    const int udpLength = 8 + int(payload.size());
    QByteArray h;
    h += char(0x40 | (o.ihl & 0x0f));
    h += char(0);
    h += be16(quint16(headerLength + udpLength + o.totalLengthDelta));
    h += be16(0) + be16(o.fragment);
    h += char(64);
    h += char(o.protocol);
    h += be16(0) + be32(0) + be32(0xffffffff);
    if (headerLength > 20)
        h += QByteArray(headerLength - 20, char(1)); // NOP options
    return h + be16(o.sport) + be16(o.dport) + be16(quint16(udpLength + o.udpLengthDelta)) + be16(0) + payload;
}
inline QByteArray dhcpFrame(const Bootp &b, const Ipv4Udp &o = {}, const QList<QPair<quint16, quint16>> &tags = {},
                            const QByteArray &src = mac("02:00:00:00:00:42"))
{
    return ethernet(mac("ff:ff:ff:ff:ff:ff"), src, 0x0800, ipv4Udp(bootp(b), o), tags);
}

} // namespace lanwatch::test::frames
