// libFuzzer target for the reverse resolver's answer parser: any bytes a DNS server (or a spoofer) could send.
#include "core/net/DnsMessage.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace lanwatch::net;

namespace {

// A broken invariant is a crash, so the fuzzer (and the corpus replay without sanitizers) reports it.
void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_dnsreply: invariant broken: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // The id is the input's own (so the fuzzer reaches past the header); the question is fixed, as in
    // the resolver, plus the RFC 2317 alias form.
    const quint16 id = size >= 2 ? quint16((data[0] << 8) | data[1]) : 0;
    for (const QByteArray &qname : {QByteArray("7.2.0.10.in-addr.arpa"), QByteArray("7.0/26.2.0.10.in-addr.arpa")}) {
        const PtrReply r = parsePtrReply(data, size, id, qname);
        if (size < 12)
            check(r.kind == ReplyKind::Mismatch, "a reply shorter than a header was not a mismatch");
        if (r.kind == ReplyKind::Name) {
            check(!r.name.isEmpty(), "an empty name was found");
            check(r.name.size() <= 4 * 255, "a name longer than 255 escaped bytes");
            for (const QChar c : r.name)
                check(c.unicode() > 0x20 && c.unicode() < 0x7f, "a non-printable character in a name");
        }
        if (r.kind == ReplyKind::Alias) {
            check(!r.cname.isEmpty() && r.cname.size() <= 2 * 255, "an alias that is empty or too long");
            check(!buildPtrQuery(1, r.cname).isEmpty() || r.cname.contains("..") || r.cname.contains('\\'),
                  "an alias that cannot be asked for");
        }
        if (r.kind == ReplyKind::Malformed)
            check(r.error != nullptr && r.error[0] != '\0', "malformed without a reason");
    }
    return 0;
}
