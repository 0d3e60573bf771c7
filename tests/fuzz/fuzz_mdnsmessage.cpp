// libFuzzer target for the whole-message parser the name stage reads mDNS answers with: anything a host
// on the LAN could send to port 5353 (compression loops, records past the end, TXT strings past their record).
#include "core/net/DnsMessage.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace lanwatch::net;

namespace {

void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_mdnsmessage: invariant broken: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    for (const Dialect dialect : {Dialect::Dns, Dialect::NetBios}) {
        const DnsMessage m = parseMessage(data, size, dialect);
        if (size < 12)
            check(!m.ok, "a message shorter than a header parsed");
        if (!m.ok) {
            check(m.error != nullptr && m.error[0] != '\0', "rejected without a reason");
            continue;
        }
        // Every record needs at least 11 bytes on the wire, so a message cannot hold more than that allows.
        check(std::size_t(m.records.size()) * 11 <= size, "more records than the bytes can hold");
        for (const DnsRecord &r : m.records) {
            check(r.owner.size() <= 2 * 255, "an owner longer than a name can be");
            check(std::size_t(r.rdata.size()) <= size, "record data longer than the message");
            for (const QChar c : r.name)
                check(c.unicode() > 0x20 && c.unicode() < 0x7f, "a non-printable character in a name");
            qsizetype txt = 0;
            for (const QByteArray &t : r.txt)
                txt += t.size() + 1;
            check(txt <= r.rdata.size(), "TXT strings longer than their record");
        }
    }
    return 0;
}
