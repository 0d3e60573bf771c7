// DnsMessage: PTR query encoding and answer decoding (RFC 1035 section 4, RFC 2317 aliases).
#include "core/net/DnsMessage.h"

#include <QCoreApplication>
#include <QList>

#include <array>

namespace lanwatch::net {

namespace {

constexpr quint16 TypeCname = 5, TypePtr = 12, ClassIn = 1, TypeTxt = 16, TypeSrv = 33, TypeA = 1, TypeNbstat = 0x21;
constexpr std::size_t HeaderSize = 12, MaxName = 255, MaxJumps = 64;

quint16 read16(const std::uint8_t *p)
{
    return quint16((p[0] << 8) | p[1]);
}

// A name read from the message, both as shown to the user (case kept) and as compared (lower case).
// Bytes that are not letters, digits, '-' or '_' are escaped as \DDD (the way dig shows them), so a
// hostile name can neither forge a label boundary nor put control characters on a terminal.
// key keeps the raw bytes (lower case ASCII), so an RFC 2317 alias such as 0/26.2.0.192.in-addr.arpa can be
// asked for again; only '.' and '\\' inside a label are escaped there, to keep label boundaries.
struct Name
{
    QByteArray shown;
    QByteArray rawKey;
    QList<QByteArray> labels; // raw, as sent (mDNS instance names are UTF-8 with spaces)
    QByteArray key() const { return rawKey; }
};

void appendLabel(Name *name, const std::uint8_t *label, std::size_t length)
{
    name->labels.append(QByteArray(reinterpret_cast<const char *>(label), qsizetype(length)));
    QByteArray &key = name->rawKey;
    if (!key.isEmpty())
        key.append('.');
    for (std::size_t i = 0; i < length; ++i) {
        const char c = char(label[i]);
        if (c == '.' || c == '\\')
            key.append('\\');
        key.append(c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c);
    }
    QByteArray &out = name->shown;
    if (!out.isEmpty())
        out.append('.');
    for (std::size_t i = 0; i < length; ++i) {
        const std::uint8_t c = label[i];
        const bool plain =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (plain) {
            out.append(char(c));
        } else {
            const char escaped[] = {'\\', char('0' + c / 100), char('0' + c / 10 % 10), char('0' + c % 10)};
            out.append(escaped, 4);
        }
    }
}

// Reads the (possibly compressed) name at pos. *after is the offset just past the name where it starts,
// i.e. past its first pointer. Every pointer must go strictly before the start of the labels it
// continues, so the segments' starts decrease and no sequence of pointers can loop.
bool readName(const std::uint8_t *d, std::size_t n, std::size_t pos, Name *name, std::size_t *after, const char **error)
{
    std::size_t p = pos, segmentStart = pos, wire = 1, jumps = 0;
    bool jumped = false;
    for (;;) {
        if (p >= n) {
            *error = QT_TRANSLATE_NOOP("lanwatch::net::DnsMessage", "a name runs past the end of the message");
            return false;
        }
        const std::uint8_t len = d[p];
        if ((len & 0xC0) == 0xC0) {
            if (p + 1 >= n) {
                *error = QT_TRANSLATE_NOOP("lanwatch::net::DnsMessage", "a compression pointer is cut off");
                return false;
            }
            const std::size_t target = (std::size_t(len & 0x3F) << 8) | d[p + 1];
            if (!jumped)
                *after = p + 2;
            jumped = true;
            if (target >= segmentStart || ++jumps > MaxJumps) {
                *error = QT_TRANSLATE_NOOP("lanwatch::net::DnsMessage",
                                           "a compression pointer does not point backwards (a loop)");
                return false;
            }
            p = segmentStart = target;
            continue;
        }
        if (len & 0xC0) {
            *error =
                QT_TRANSLATE_NOOP("lanwatch::net::DnsMessage", "a label has a reserved type (longer than 63 bytes)");
            return false;
        }
        if (len == 0) {
            if (!jumped)
                *after = p + 1;
            return true;
        }
        if (p + 1 + len > n) {
            *error = QT_TRANSLATE_NOOP("lanwatch::net::DnsMessage", "a label runs past the end of the message");
            return false;
        }
        wire += 1 + std::size_t(len);
        if (wire > MaxName) {
            *error = QT_TRANSLATE_NOOP("lanwatch::net::DnsMessage", "a name is longer than 255 bytes");
            return false;
        }
        appendLabel(name, d + p + 1, len);
        p += 1 + std::size_t(len);
    }
}

struct Record
{
    QByteArray owner; // key
    quint16 type = 0;
    Name data; // CNAME target or PTR name
};

PtrReply malformed(const char *error)
{
    PtrReply r;
    r.kind = ReplyKind::Malformed;
    r.error = error;
    return r;
}

} // namespace

QByteArray reverseName(quint32 ipv4)
{
    return QByteArray::number(ipv4 & 0xff) + '.' + QByteArray::number((ipv4 >> 8) & 0xff) + '.' +
           QByteArray::number((ipv4 >> 16) & 0xff) + '.' + QByteArray::number(ipv4 >> 24) + ".in-addr.arpa";
}

QByteArray buildPtrQuery(quint16 id, const QByteArray &qname)
{
    return buildQuery(id, {qname}, TypePtr, QueryFlags::Recursive);
}

QByteArray buildQuery(quint16 id, const QList<QByteArray> &qnames, quint16 type, QueryFlags flags)
{
    if (qnames.isEmpty() || qnames.size() > 64)
        return {};
    QByteArray q;
    const bool rd = flags == QueryFlags::Recursive;
    const char header[HeaderSize] = {char(id >> 8),
                                     char(id & 0xff),
                                     char(rd ? 0x01 : 0x00),
                                     0,
                                     char(qnames.size() >> 8),
                                     char(qnames.size() & 0xff),
                                     0,
                                     0,
                                     0,
                                     0,
                                     0,
                                     0};
    q.append(header, HeaderSize);
    // mDNS (RFC 6762 section 5.4): the top bit of the class asks for a unicast response.
    const quint16 qclass = ClassIn | (flags == QueryFlags::MdnsUnicastResponse ? 0x8000 : 0);
    for (const QByteArray &qname : qnames) {
        std::size_t wire = 1;
        for (const QByteArray &label : qname.split('.')) {
            if (label.isEmpty() || label.size() > 63)
                return {};
            wire += 1 + std::size_t(label.size());
            q.append(char(label.size()));
            q.append(label);
        }
        if (wire > MaxName)
            return {};
        const char tail[] = {0, char(type >> 8), char(type & 0xff), char(qclass >> 8), char(qclass & 0xff)};
        q.append(tail, sizeof(tail));
    }
    return q;
}

PtrReply parsePtrReply(const std::uint8_t *d, std::size_t n, quint16 id, const QByteArray &qname)
{
    PtrReply mismatch;
    mismatch.kind = ReplyKind::Mismatch;
    if (n < HeaderSize || read16(d) != id)
        return mismatch;
    const bool response = d[2] & 0x80;
    const int opcode = (d[2] >> 3) & 0x0F;
    const bool truncated = d[2] & 0x02;
    const int rcode = d[3] & 0x0F;
    const quint16 qdCount = read16(d + 4), anCount = read16(d + 6);
    if (!response || opcode != 0 || qdCount != 1)
        return mismatch;

    const char *error = "";
    Name question;
    std::size_t p = HeaderSize;
    if (!readName(d, n, p, &question, &p, &error))
        return mismatch; // cannot be our question
    if (p + 4 > n || read16(d + p) != TypePtr || read16(d + p + 2) != ClassIn || question.key() != qname.toLower())
        return mismatch;
    p += 4;

    if (truncated) {
        PtrReply r;
        r.kind = ReplyKind::Truncated;
        return r;
    }
    if (rcode == 3) {
        PtrReply r;
        r.kind = ReplyKind::NoName;
        r.rcode = rcode;
        return r;
    }
    if (rcode != 0) {
        PtrReply r;
        r.kind = ReplyKind::ServerError;
        r.rcode = rcode;
        return r;
    }

    QList<Record> records;
    for (quint16 i = 0; i < anCount; ++i) {
        Record rec;
        Name owner;
        if (!readName(d, n, p, &owner, &p, &error))
            return malformed(error);
        if (p + 10 > n)
            return malformed(
                QT_TRANSLATE_NOOP("lanwatch::net::DnsMessage", "a record header runs past the end of the message"));
        rec.owner = owner.key();
        rec.type = read16(d + p);
        const quint16 rclass = read16(d + p + 2);
        const std::size_t rdLength = read16(d + p + 8);
        p += 10;
        if (p + rdLength > n)
            return malformed(
                QT_TRANSLATE_NOOP("lanwatch::net::DnsMessage", "record data runs past the end of the message"));
        const std::size_t rdEnd = p + rdLength;
        if (rclass == ClassIn && (rec.type == TypePtr || rec.type == TypeCname)) {
            std::size_t nameEnd = 0;
            // The name must lie within the record's data (pointers may go back to earlier names).
            if (!readName(d, rdEnd, p, &rec.data, &nameEnd, &error))
                return malformed(error);
            if (nameEnd != rdEnd)
                return malformed(
                    QT_TRANSLATE_NOOP("lanwatch::net::DnsMessage", "a record's name does not fill its data"));
            records.append(rec);
        }
        p = rdEnd;
    }

    const auto ptrFor = [&records](const QByteArray &owner) -> const Record * {
        for (const Record &r : records)
            if (r.type == TypePtr && r.owner == owner && !r.data.shown.isEmpty())
                return &r;
        return nullptr;
    };
    PtrReply r;
    const QByteArray key = qname.toLower();
    if (const Record *ptr = ptrFor(key)) {
        r.kind = ReplyKind::Name;
        r.name = QString::fromLatin1(ptr->data.shown);
        return r;
    }
    for (const Record &c : std::as_const(records)) {
        if (c.type != TypeCname || c.owner != key)
            continue;
        // One alias is followed (RFC 2317); a PTR for it in the same answer ends the lookup.
        if (const Record *ptr = ptrFor(c.data.key())) {
            r.kind = ReplyKind::Name;
            r.name = QString::fromLatin1(ptr->data.shown);
        } else if (!c.data.shown.isEmpty()) {
            r.kind = ReplyKind::Alias;
            r.cname = c.data.key();
        } else {
            r.kind = ReplyKind::NoName;
        }
        return r;
    }
    r.kind = ReplyKind::NoName;
    return r;
}

DnsMessage parseMessage(const std::uint8_t *d, std::size_t n, Dialect dialect)
{
    DnsMessage m;
    if (n < HeaderSize) {
        m.error = QT_TRANSLATE_NOOP("lanwatch::net::DnsMessage", "shorter than a DNS header");
        return m;
    }
    m.id = read16(d);
    m.response = d[2] & 0x80;
    m.opcode = (d[2] >> 3) & 0x0F;
    m.rcode = d[3] & 0x0F;
    const quint16 qdCount = read16(d + 4);
    const std::size_t rrCount = std::size_t(read16(d + 6)) + read16(d + 8) + read16(d + 10);
    const char *error = "";
    std::size_t p = HeaderSize;
    for (quint16 i = 0; i < qdCount; ++i) {
        Name question;
        if (!readName(d, n, p, &question, &p, &error)) {
            m.error = error;
            return m;
        }
        if (p + 4 > n) {
            m.error = QT_TRANSLATE_NOOP("lanwatch::net::DnsMessage", "a question runs past the end of the message");
            return m;
        }
        m.questions.append(question.key());
        p += 4;
    }
    for (std::size_t i = 0; i < rrCount; ++i) {
        DnsRecord rec;
        Name owner;
        if (!readName(d, n, p, &owner, &p, &error)) {
            m.error = error;
            return m;
        }
        if (p + 10 > n) {
            m.error =
                QT_TRANSLATE_NOOP("lanwatch::net::DnsMessage", "a record header runs past the end of the message");
            return m;
        }
        rec.owner = owner.key();
        rec.type = read16(d + p);
        rec.rclass = read16(d + p + 2) & 0x7fff; // mDNS: the top bit is cache-flush
        const std::size_t rdLength = read16(d + p + 8);
        p += 10;
        if (p + rdLength > n) {
            m.error = QT_TRANSLATE_NOOP("lanwatch::net::DnsMessage", "record data runs past the end of the message");
            return m;
        }
        const std::size_t rdEnd = p + rdLength;
        rec.rdata = QByteArray(reinterpret_cast<const char *>(d + p), qsizetype(rdLength));
        // NetBIOS's NBSTAT has SRV's number (0x21): its data is a name table, not a name.
        const bool srv = rec.type == TypeSrv && dialect == Dialect::Dns;
        if (rec.rclass == ClassIn && (rec.type == TypePtr || rec.type == TypeCname || srv)) {
            std::size_t nameStart = p;
            if (srv) {
                if (rdLength < 7) {
                    m.error = QT_TRANSLATE_NOOP("lanwatch::net::DnsMessage", "an SRV record is too short");
                    return m;
                }
                nameStart += 6;
            }
            Name data;
            std::size_t nameEnd = 0;
            if (!readName(d, rdEnd, nameStart, &data, &nameEnd, &error)) {
                m.error = error;
                return m;
            }
            if (nameEnd != rdEnd) {
                m.error = QT_TRANSLATE_NOOP("lanwatch::net::DnsMessage", "a record's name does not fill its data");
                return m;
            }
            rec.name = QString::fromLatin1(data.shown);
            rec.nameKey = data.key();
            rec.nameLabels = data.labels;
        } else if (rec.rclass == ClassIn && rec.type == TypeTxt) {
            for (std::size_t t = p; t < rdEnd;) {
                const std::size_t len = d[t];
                if (t + 1 + len > rdEnd) {
                    m.error = QT_TRANSLATE_NOOP("lanwatch::net::DnsMessage", "a TXT string runs past its record");
                    return m;
                }
                if (len > 0)
                    rec.txt.append(QByteArray(reinterpret_cast<const char *>(d + t + 1), qsizetype(len)));
                t += 1 + len;
            }
        } else if (rec.rclass == ClassIn && rec.type == TypeA && rdLength == 4) {
            rec.ipv4 = (quint32(d[p]) << 24) | (quint32(d[p + 1]) << 16) | (quint32(d[p + 2]) << 8) | d[p + 3];
        }
        m.records.append(rec);
        p = rdEnd;
    }
    m.ok = true;
    return m;
}

QByteArray netbiosNodeStatusQuery(quint16 id)
{
    // RFC 1002 section 4.2.17: the name "*" padded with NULs to 16 bytes, first-level encoded (each half
    // byte as 'A' + nibble), type NBSTAT, class IN, no recursion.
    QByteArray q;
    const char header[HeaderSize] = {char(id >> 8), char(id & 0xff), 0, 0, 0, 1, 0, 0, 0, 0, 0, 0};
    q.append(header, HeaderSize);
    q.append(char(32));
    for (int i = 0; i < 16; ++i) {
        const std::uint8_t c = i == 0 ? '*' : 0;
        q.append(char('A' + (c >> 4)));
        q.append(char('A' + (c & 0x0f)));
    }
    const char tail[] = {0, 0, char(TypeNbstat), 0, char(ClassIn)};
    q.append(tail, sizeof(tail));
    return q;
}

NodeStatus parseNodeStatus(const std::uint8_t *data, std::size_t size, quint16 id)
{
    NodeStatus status;
    const DnsMessage m = parseMessage(data, size, Dialect::NetBios);
    if (!m.ok || !m.response || m.id != id || m.opcode != 0 || m.rcode != 0)
        return status;
    for (const DnsRecord &r : m.records) {
        if (r.type != TypeNbstat || r.rclass != ClassIn)
            continue;
        const auto *rd = reinterpret_cast<const std::uint8_t *>(r.rdata.constData());
        const std::size_t n = std::size_t(r.rdata.size());
        if (n < 1)
            return status;
        const std::size_t count = rd[0];
        if (1 + count * 18 > n)
            return status; // the names do not fit: not a clean reply
        for (std::size_t i = 0; i < count; ++i) {
            const std::uint8_t *e = rd + 1 + i * 18;
            const std::uint8_t suffix = e[15];
            const bool group = e[16] & 0x80;
            if (suffix != 0x00 || group || !status.name.isEmpty())
                continue;
            QByteArray name(reinterpret_cast<const char *>(e), 15);
            while (name.endsWith(' ') || name.endsWith('\0'))
                name.chop(1);
            bool printable = !name.isEmpty();
            for (const char c : std::as_const(name))
                printable = printable && c > 0x20 && c < 0x7f;
            if (printable)
                status.name = QString::fromLatin1(name);
        }
        const std::size_t macAt = 1 + count * 18;
        if (macAt + 6 <= n) {
            std::array<quint8, 6> mac{};
            bool zero = true;
            for (std::size_t i = 0; i < 6; ++i) {
                mac[i] = rd[macAt + i];
                zero = zero && mac[i] == 0;
            }
            if (!zero)
                status.mac = mac;
        }
        status.ok = true;
        return status;
    }
    return status;
}

} // namespace lanwatch::net
