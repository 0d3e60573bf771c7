// DnsMessage: builds PTR queries and parses their answers, bounds-checked for bytes from anyone on the network.
#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <cstddef>
#include <cstdint>

namespace lanwatch::net {

// "4.3.2.1.in-addr.arpa" for 1.2.3.4 (ipv4 in host byte order).
QByteArray reverseName(quint32 ipv4);

// A standard recursive query (RD set) for one PTR question; an empty result if qname is not a valid
// dotted name (labels 1..63 bytes, 255 bytes in all).
QByteArray buildPtrQuery(quint16 id, const QByteArray &qname);

enum class ReplyKind : std::uint8_t {
    Name,        // a PTR for the question (or for the one CNAME it points to): name
    Alias,       // only a CNAME (RFC 2317 classless delegation): ask again for cname
    NoName,      // NXDOMAIN, or no PTR record
    ServerError, // SERVFAIL, REFUSED and the other error codes: rcode
    Truncated,   // TC bit: the answer did not fit in UDP
    Mismatch,    // not an answer to this query (id or question differ): ignore it and keep waiting
    Malformed,   // out of bounds, a compression loop, an oversized label: error says which
};

struct PtrReply
{
    ReplyKind kind = ReplyKind::Malformed;
    QString name;     // Name: the host name without the final dot; non-printable bytes escaped as \DDD
    QByteArray cname; // Alias: the dotted target, lower case
    int rcode = 0;
    const char *error = ""; // Malformed: what was wrong (static, for translate("lanwatch::net::DnsMessage"))
};

// Parses an answer to buildPtrQuery(id, qname). qname is compared case-insensitively (RFC 4343).
PtrReply parsePtrReply(const std::uint8_t *data, std::size_t size, quint16 id, const QByteArray &qname);

} // namespace lanwatch::net
