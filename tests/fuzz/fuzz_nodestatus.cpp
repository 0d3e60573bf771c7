// libFuzzer target for the NetBIOS node status parser: anything a host could send back to port 137.
#include "core/net/DnsMessage.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace lanwatch::net;

namespace {

void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_nodestatus: invariant broken: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // The id is the input's own, so the fuzzer gets past the header.
    const quint16 id = size >= 2 ? quint16((data[0] << 8) | data[1]) : 0;
    const NodeStatus s = parseNodeStatus(data, size, id);
    if (size < 12)
        check(!s.ok, "a reply shorter than a header was accepted");
    if (!s.ok)
        check(s.name.isEmpty() && !s.mac, "a rejected reply gave a name or MAC");
    check(s.name.size() <= 15, "a NetBIOS name longer than 15 characters");
    for (const QChar c : s.name)
        check(c.unicode() > 0x20 && c.unicode() < 0x7f, "a non-printable character in a name");
    if (s.mac)
        check(*s.mac != (std::array<quint8, 6>{}), "an all-zero MAC was reported");
    const NodeStatus other = parseNodeStatus(data, size, quint16(id + 1));
    check(!other.ok, "a reply was accepted for another id");
    return 0;
}
