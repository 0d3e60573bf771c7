// DnsMessage: builds DNS, mDNS and NetBIOS queries and parses their answers, bounds-checked for bytes from anyone
// on the network.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QtGlobal>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace lanwatch::net {

// "4.3.2.1.in-addr.arpa" for 1.2.3.4 (ipv4 in host byte order).
QByteArray reverseName(quint32 ipv4);

// A standard recursive query (RD set) for one PTR question; an empty result if qname is not a valid
// dotted name (labels 1..63 bytes, 255 bytes in all).
QByteArray buildPtrQuery(quint16 id, const QByteArray &qname);

enum class QueryFlags : std::uint8_t {
    Recursive,           // unicast DNS: RD set
    Mdns,                // mDNS (RFC 6762): no RD, answers by multicast
    MdnsUnicastResponse, // mDNS with the QU bit: "answer me directly" (what iPhones and printers honour)
};
inline constexpr quint16 TypeAQuery = 1, TypePtrQuery = 12, TypeTxtQuery = 16, TypeSrvQuery = 33;
// One question per name, all of the given type, class IN; empty if a name is not a valid dotted name.
QByteArray buildQuery(quint16 id, const QList<QByteArray> &qnames, quint16 type, QueryFlags flags);

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

// Every record of a message (answers, authority and additional together), for mDNS, where answers come
// without the question and the useful records (SRV, TXT, A) ride in the additional section.
struct DnsRecord
{
    QByteArray owner; // dotted, lower case (as DnsMessage keys names)
    quint16 type = 0;
    quint16 rclass = 0; // without mDNS's cache-flush bit
    QByteArray rdata;   // raw
    // PTR, CNAME, SRV: the target, shown form (\DDD escapes), key (lower case) and raw labels.
    QString name;
    QByteArray nameKey;
    QList<QByteArray> nameLabels;
    QList<QByteArray> txt; // TXT: the strings, raw
    quint32 ipv4 = 0;      // A: host byte order
};

struct DnsMessage
{
    bool ok = false;        // false: the message does not parse cleanly (error says why) and must be ignored
    const char *error = ""; // static, for translate("lanwatch::net::DnsMessage")
    quint16 id = 0;
    bool response = false;
    int opcode = 0;
    int rcode = 0;
    QList<QByteArray> questions; // keys
    QList<DnsRecord> records;
};

// Parses a whole message with the same name reader as parsePtrReply (bounds, compression loops, 255 bytes).
enum class Dialect : std::uint8_t { Dns, NetBios }; // NetBios: record type 0x21 is NBSTAT, not SRV
DnsMessage parseMessage(const std::uint8_t *data, std::size_t size, Dialect dialect = Dialect::Dns);

// NetBIOS node status (RFC 1002 4.2.17/4.2.18): the query for "*", and its answer's workstation name (the
// first unique name with suffix 0x00) and the MAC the host reports (none when all zero, as Samba sends).
QByteArray netbiosNodeStatusQuery(quint16 id);
struct NodeStatus
{
    bool ok = false; // a clean answer to this id
    QString name;    // printable ASCII only, trailing spaces removed
    std::optional<std::array<quint8, 6>> mac;
};
NodeStatus parseNodeStatus(const std::uint8_t *data, std::size_t size, quint16 id);

} // namespace lanwatch::net
